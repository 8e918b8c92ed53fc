import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { useScrollParent } from './scroll-parent';

export interface FixedRows {
  /** First and last row index to render (inclusive); `last < first` when there are none. */
  first: number;
  last: number;
  /** Height of all rows together, for the spacer that gives the scroll bar its length. */
  totalHeight: number;
  /** Scrolls just enough to show row `index` whole. */
  scrollToIndex: (index: number) => void;
  /** Rows that fit in the visible height, for Page Up/Down. */
  pageSize: number;
}

interface Viewport {
  /** Index of the first row at the top of the visible area. */
  start: number;
  height: number;
}

/** Where the rows begin inside the scrolling content, in pixels from its top. */
function rowsOffset(scroller: HTMLElement, rows: HTMLElement): number {
  return rows.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

/**
 * Windowing for rows of one fixed height inside the view's scrolling parent: only the rows in
 * view (plus `overscan` either side) are rendered, and the content above them scrolls away
 * like any page. With one row height the visible range is arithmetic, and the view re-renders
 * only when that range changes, not on every scroll event. (A general virtualiser that measures
 * rows of any size costs ten times the bytes, in a panel whose whole script budget is 150 KB.)
 */
export function useFixedRows(rowsRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 6): FixedRows {
  const scrollRef = useScrollParent();
  const [viewport, setViewport] = useState<Viewport>({ start: 0, height: 0 });

  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const rows = rowsRef.current;
    if (!scroller || !rows) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      const start = Math.floor(Math.max(0, scroller.scrollTop - rowsOffset(scroller, rows)) / rowHeight);
      const height = scroller.clientHeight;
      setViewport((current) => (current.start === start && current.height === height ? current : { start, height }));
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(read);
    };
    read();
    scroller.addEventListener('scroll', schedule, { passive: true });
    // Content above the rows may grow or shrink (a form opens, an error shows): re-read then too.
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller);
    resize.observe(rows.closest('.view') ?? rows);
    return () => {
      scroller.removeEventListener('scroll', schedule);
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [scrollRef, rowsRef, rowHeight]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const scroller = scrollRef.current;
      const rows = rowsRef.current;
      if (!scroller || !rows) return;
      // Sticky toolbars cover the top of the scroll area; `scroll-padding-top` says by how much.
      const covered = parseFloat(getComputedStyle(scroller).scrollPaddingTop) || 0;
      const top = rowsOffset(scroller, rows) + index * rowHeight;
      if (top < scroller.scrollTop + covered) scroller.scrollTop = top - covered;
      else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + rowHeight - scroller.clientHeight;
    },
    [scrollRef, rowsRef, rowHeight],
  );

  const visibleRows = Math.ceil(viewport.height / rowHeight) + 1;
  return {
    first: Math.max(0, viewport.start - overscan),
    last: Math.min(count - 1, viewport.start + visibleRows + overscan),
    totalHeight: count * rowHeight,
    scrollToIndex,
    pageSize: Math.max(1, visibleRows - 2),
  };
}
