// @vitest-environment happy-dom
import { act, useRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FixedRows } from '../../../components/use-fixed-rows';
import { useRowKeyboard } from '../../../components/use-row-keyboard';

const COUNT = 100;
const WINDOW = 10;
const PAGE = 5;

let root: Root | undefined;
let host: HTMLElement;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  act(() => root?.unmount());
  host.remove();
});

/**
 * A windowed list of `COUNT` rows, `WINDOW` of them in the page: scrolling to a row outside the
 * window moves the window (a render later, as scrolling does). A row in `loading` is rendered
 * without its link, as a contact row is until its page is read.
 */
function Rows({ loading }: { loading: ReadonlySet<number> }) {
  const rowsRef = useRef<HTMLUListElement>(null);
  const [first, setFirst] = useState(0);
  const rows: FixedRows = {
    first,
    last: first + WINDOW - 1,
    totalHeight: COUNT,
    pageSize: PAGE,
    scrollToIndex: (index) => setFirst((current) => (index < current ? index : index >= current + WINDOW ? index - WINDOW + 1 : current)),
  };
  const onKeyDown = useRowKeyboard(rowsRef, rows, COUNT);
  const shown = Array.from({ length: WINDOW }, (_, offset) => first + offset);
  return (
    <ul ref={rowsRef}>
      {shown.map((index) => (
        <li key={index} data-index={index}>
          {loading.has(index) ? (
            'Loading…'
          ) : (
            <a href={`#row-${index}`} data-row-focus="" onKeyDown={onKeyDown}>
              Row {index}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

function mount(loading: ReadonlySet<number> = new Set()) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(<Rows loading={loading} />));
  act(() => host.querySelector<HTMLElement>('[data-row-focus]')?.focus());
}

function press(key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  act(() => {
    document.activeElement?.dispatchEvent(event);
  });
  return event;
}

const focused = () => document.activeElement?.textContent;

describe('useRowKeyboard', () => {
  it('moves to a rendered row at once, and stops at the first row', () => {
    mount();
    expect(focused()).toBe('Row 0');
    expect(press('ArrowDown').defaultPrevented).toBe(true);
    expect(focused()).toBe('Row 1');
    press('PageDown');
    expect(focused()).toBe(`Row ${1 + PAGE}`);
    press('ArrowUp');
    expect(focused()).toBe(`Row ${PAGE}`);
    press('Home');
    press('ArrowUp');
    expect(focused()).toBe('Row 0');
  });

  it('reaches a row not rendered when the key is pressed, once scrolling has rendered it', () => {
    mount();
    press('End');
    expect(focused()).toBe(`Row ${COUNT - 1}`);
    press('PageUp');
    expect(focused()).toBe(`Row ${COUNT - 1 - PAGE}`);
    press('Home');
    expect(focused()).toBe('Row 0');
  });

  it('gives the focus to a row still loading when its content arrives', () => {
    mount(new Set([COUNT - 1]));
    press('End');
    expect(host.querySelector(`[data-index="${COUNT - 1}"]`)?.textContent).toBe('Loading…');
    expect(focused()).not.toBe(`Row ${COUNT - 1}`);
    act(() => root?.render(<Rows loading={new Set()} />));
    expect(focused()).toBe(`Row ${COUNT - 1}`);
  });

  it('leaves keys with a modifier, and other keys, to the browser', () => {
    mount();
    expect(press('ArrowDown', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(press('ArrowDown', { altKey: true }).defaultPrevented).toBe(false);
    expect(press('Enter').defaultPrevented).toBe(false);
    expect(focused()).toBe('Row 0');
  });
});
