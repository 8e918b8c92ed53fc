import { createContext, useContext, useEffect, useRef, type ReactNode, type RefObject } from 'react';

/** Answers, once per navigation, whether the view's heading should take the focus. */
type TakeFocusRequest = () => boolean;

const FocusRequestContext = createContext<TakeFocusRequest>(() => false);

/** Carries the shell's "a navigation happened, focus the new view's heading" request. */
export const FocusRequestProvider = FocusRequestContext.Provider;

/**
 * Focuses `ref` when it mounts right after a navigation, so keyboard and screen reader users
 * start reading the new view at its top. A view that renders later (it loads, or reads
 * IndexedDB first) still gets the focus; one that re-renders later does not steal it.
 */
export function useNavigationFocus(ref: RefObject<HTMLElement | null>): void {
  const takeFocusRequest = useContext(FocusRequestContext);
  // Every render: the element may appear only once the view has its data.
  useEffect(() => {
    if (ref.current && takeFocusRequest()) ref.current.focus();
  });
}

/** A view's title, focused after a navigation. */
export function ViewHeading({ title, subtitle, children }: { title: ReactNode; subtitle?: ReactNode; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useNavigationFocus(ref);
  return (
    <header className="view-header">
      <div className="view-header-text">
        <h2 ref={ref} className="view-title" tabIndex={-1}>
          {title}
        </h2>
        {subtitle && <p className="view-subtitle">{subtitle}</p>}
      </div>
      {children && <div className="view-header-actions">{children}</div>}
    </header>
  );
}
