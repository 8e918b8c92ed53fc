import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import type { FixedRows } from './use-fixed-rows';

/**
 * Arrow keys, Page Up/Down, Home and End move between the rows of a windowed list, even to
 * rows not rendered yet: the list scrolls the target in, then focus moves to the element marked
 * `data-row-focus` inside the row whose `data-index` matches.
 */
export function useRowKeyboard(rowsRef: RefObject<HTMLElement | null>, rows: FixedRows, count: number) {
  const [pending, setPending] = useState<number>();

  useEffect(() => {
    if (pending === undefined) return;
    const target = rowsRef.current?.querySelector<HTMLElement>(`[data-index="${pending}"] [data-row-focus]`);
    if (!target) return;
    target.focus({ preventScroll: true });
    setPending(undefined);
  });

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
    setPending(target);
  };
}
