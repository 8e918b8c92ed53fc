import { useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import { ENTRY_SEPARATOR, splitEntries, type EntryCheck } from './capture-form-model';

export interface TagInputProps {
  id: string;
  label: string;
  hint?: ReactNode;
  /** The form's message about this input (from the shared validation). */
  error?: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  /** What is typed but not added yet; the form adds it on submit. */
  draft: string;
  onDraftChange: (draft: string) => void;
  /** Normalises one entry or says why it cannot be added. */
  check: (text: string) => EntryCheck;
  /** How a stored value reads on its chip (a country code shows its name). */
  display?: (value: string) => string;
  placeholder?: string;
  /** A `<datalist>` of suggestions. */
  suggestions?: string;
}

/**
 * A text input that turns entries into removable chips: Enter adds what is typed, pasting
 * several values separated by commas or new lines adds each. Enter, paste and the form's submit
 * separate entries by one rule (`splitEntries`), so "Virgin Islands, U.S." is one country
 * however it arrives. Entries that fail `check` stay in the input with the reason beside it.
 */
export function TagInput(props: TagInputProps) {
  const { id, label, hint, values, draft, display = (value: string) => value } = props;
  const [entryError, setEntryError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);

  function add(entries: string[]) {
    const added: string[] = [];
    const rejected: string[] = [];
    let firstError: string | undefined;
    for (const entry of entries) {
      const checked = props.check(entry);
      if ('value' in checked) {
        if (!values.includes(checked.value) && !added.includes(checked.value)) added.push(checked.value);
      } else {
        rejected.push(entry);
        firstError ??= checked.error;
      }
    }
    if (added.length) props.onChange([...values, ...added]);
    props.onDraftChange(rejected.join(', '));
    setEntryError(rejected.length > 1 ? `${rejected.length} entries were not added. ${firstError}` : firstError);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    // Enter adds a chip; it never submits the form (that starts a capture).
    event.preventDefault();
    if (draft.trim()) add(splitEntries(draft, props.check));
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData('text');
    if (!ENTRY_SEPARATOR.test(text)) return;
    event.preventDefault();
    const input = event.currentTarget;
    const start = input.selectionStart ?? draft.length;
    const end = input.selectionEnd ?? draft.length;
    add(splitEntries(draft.slice(0, start) + text + draft.slice(end), props.check));
  }

  function remove(value: string) {
    props.onChange(values.filter((v) => v !== value));
    inputRef.current?.focus();
  }

  const message = entryError ?? props.error;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="tag-box" data-invalid={message ? 'true' : undefined}>
        {values.length > 0 && (
          <ul className="chips" aria-label={`${label} added`}>
            {values.map((value) => (
              <li key={value} className="chip">
                <span className="chip-text" title={display(value)}>
                  {display(value)}
                </span>
                <button type="button" className="chip-remove" aria-label={`Remove ${display(value)}`} onClick={() => remove(value)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={id}
          className="tag-input"
          value={draft}
          placeholder={props.placeholder}
          list={props.suggestions}
          autoComplete="off"
          aria-invalid={message ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          onChange={(event) => {
            props.onDraftChange(event.target.value);
            setEntryError(undefined);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
      </div>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {message && (
        <p id={errorId} className="field-error">
          {message}
        </p>
      )}
    </div>
  );
}
