// @vitest-environment happy-dom
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkCountry } from '../../../components/capture-form-model';
import { TagInput } from '../../../components/tag-input';
import { getCountryName } from '../../../lib/model/countries';

let root: Root | undefined;
let host: HTMLElement;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  act(() => root?.unmount());
  host.remove();
});

function Countries({ initial = [] as string[] }) {
  const [values, setValues] = useState(initial);
  const [draft, setDraft] = useState('');
  return (
    <TagInput
      id="countries"
      label="Countries"
      values={values}
      onChange={setValues}
      draft={draft}
      onDraftChange={setDraft}
      check={checkCountry}
      display={getCountryName}
    />
  );
}

function mount(initial?: string[]) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(<Countries initial={initial} />));
  return host.querySelector('input') as HTMLInputElement;
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    // The prototype's setter, not the instance's: React tracks the value through the latter.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(input: HTMLInputElement, key: string) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  act(() => {
    input.dispatchEvent(event);
  });
  return event;
}

function paste(input: HTMLInputElement, text: string) {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', { value: { getData: () => text } });
  act(() => {
    input.dispatchEvent(event);
  });
}

const chips = () => [...host.querySelectorAll('.chip-text')].map((chip) => chip.textContent);
const error = () => host.querySelector('.field-error')?.textContent;

describe('TagInput', () => {
  it('adds what is typed on Enter, shown by name, and never submits the form', () => {
    const input = mount();
    type(input, 'fr');
    const enter = press(input, 'Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(chips()).toEqual(['France']);
    expect(input.value).toBe('');
  });

  it('keeps a wrong entry in the input with the reason, tied to the input', () => {
    const input = mount();
    type(input, 'Atlantis');
    press(input, 'Enter');
    expect(chips()).toEqual([]);
    expect(input.value).toBe('Atlantis');
    expect(error()).toBe('“Atlantis” is not a country. Type a name such as France or a code such as FR.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('countries-error');
    type(input, 'Atlanti');
    expect(error()).toBeUndefined();
  });

  it('adds each value of a paste, skips duplicates and keeps the rejects', () => {
    const input = mount(['DE']);
    paste(input, 'France, germany\nNarnia\nJP, Atlantis');
    expect(chips()).toEqual(['Germany', 'France', 'Japan']);
    expect(input.value).toBe('Narnia, Atlantis');
    expect(error()).toBe('2 entries were not added. “Narnia” is not a country. Type a name such as France or a code such as FR.');
  });

  it('separates on Enter by the same rule as paste and submit', () => {
    const input = mount();
    type(input, 'France, Germany');
    press(input, 'Enter');
    expect(chips()).toEqual(['France', 'Germany']);
    type(input, 'Virgin Islands, U.S.');
    press(input, 'Enter');
    expect(chips()).toEqual(['France', 'Germany', 'Virgin Islands, U.S.']);
    expect(input.value).toBe('');
  });

  it('keeps a country whose name has a comma whole when pasted, with no stray chip', () => {
    const input = mount();
    paste(input, 'Moldova, Republic of');
    expect(chips()).toEqual(['Moldova, Republic of']);
    paste(input, 'Virgin Islands, U.S., Taiwan, Province of China');
    expect(chips()).toEqual(['Moldova, Republic of', 'Virgin Islands, U.S.', 'Taiwan, Province of China']);
    expect(error()).toBeUndefined();
  });

  it('removes a chip with its button and gives the focus back to the input', () => {
    const input = mount(['DE', 'FR']);
    const remove = host.querySelector('button[aria-label="Remove Germany"]') as HTMLButtonElement;
    act(() => remove.click());
    expect(chips()).toEqual(['France']);
    expect(document.activeElement).toBe(input);
    expect(host.querySelector('ul')?.getAttribute('aria-label')).toBe('Countries added');
  });
});
