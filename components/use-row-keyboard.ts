import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { FixedRows } from './use-fixed-rows';

/** The key handler of a row's focusable element. */
export type RowKeyDown = (event: KeyboardEvent<HTMLElement>) => void;

/**
 * Arrow keys, Page Up/Down, Home and End move between the rows of a windowed list, even to
 * rows not rendered yet: the list scrolls the target in, then focus moves to the element marked
 * `data-row-focus` inside the row whose `data-index` matches. The returned handler goes on the
 * rows' focusable elements.
 */
export function useRowKeyboard(rowsRef: RefObject<HTMLElement | null>, rows: FixedRows, count: number): RowKeyDown {
  // The row the focus is on its way to, until its element is in the page.
  const pendingRef = useRef<number>(undefined);

  function focusPending() {
    if (pendingRef.current === undefined) return;
    const target = rowsRef.current?.querySelector<HTMLElement>(`[data-index="${pendingRef.current}"] [data-row-focus]`);
    if (!target) return;
    pendingRef.current = undefined;
    target.focus({ preventScroll: true });
  }

  // After every render: scrolling renders the target's row, and a row still loading gets its element later.
  useEffect(focusPending);

  return function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row || count === 0) return;
    const index = Number(row.dataset.index);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + rows.pageSize,
      PageUp: index - rows.pageSize,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = Math.min(count - 1, Math.max(0, next));
    rows.scrollToIndex(target);
    pendingRef.current = target;
    // A row already rendered takes the focus now; any other once scrolling has rendered it.
    focusPending();
  };
}
