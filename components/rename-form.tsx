import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ListRecord } from '../lib/db/records';
import { ApiError } from '../lib/model/errors';
import { listNameSchema } from '../lib/model/schemas';
import { TextField } from './text-field';
import { useServices } from './panel-services';

interface RenameFormProps {
  list: ListRecord;
  onDone: (newName?: string) => void;
}

/** Renames a list in place: the store's rules (trimmed, 1..200 characters), Escape cancels. */
export function RenameForm({ list, onDone }: RenameFormProps) {
  const { send } = useServices();
  const [name, setName] = useState(list.name);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  // The form opens in place of the heading, so the name takes the focus as it appears.
  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  // Escape cancels from wherever the focus is in the form: the name, Save or Cancel.
  function cancelOnEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onDone();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = listNameSchema.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    if (parsed.data === list.name) {
      onDone();
      return;
    }
    setBusy(true);
    try {
      const renamed = await send('lists.rename', { listId: list.id, name: parsed.data });
      onDone(renamed.name);
    } catch (thrown) {
      const apiError = ApiError.from(thrown);
      setError(apiError.details?.[0]?.message ?? apiError.message);
      setBusy(false);
    }
  }

  return (
    <form className="rename-form" noValidate onSubmit={(event) => void submit(event)}>
      <TextField
        id="rename-name"
        label="List name"
        value={name}
        error={error}
        ref={inputRef}
        autoComplete="off"
        onKeyDown={cancelOnEscape}
        onChange={(event) => {
          setName(event.target.value);
          setError(undefined);
        }}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary button-small" disabled={busy} onKeyDown={cancelOnEscape}>
          Save
        </button>
        <button type="button" className="button button-small" onClick={() => onDone()} onKeyDown={cancelOnEscape} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
