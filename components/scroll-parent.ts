import { createContext, useContext, type RefObject } from 'react';

const ScrollParentContext = createContext<RefObject<HTMLElement | null>>({ current: null });

/** Provides the element the panel's views scroll in (the shell's `<main>`). */
export const ScrollParentProvider = ScrollParentContext.Provider;

/** The element the current view scrolls in, for windowed lists. */
export function useScrollParent(): RefObject<HTMLElement | null> {
  return useContext(ScrollParentContext);
}
