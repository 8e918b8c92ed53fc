import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

const VISIBLE_MS = 6000;

/**
 * A polite status line for what just happened ("List renamed"), visible for a few seconds and
 * read out by screen readers. Views call `useAnnounce()`.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; at: number }>();
  const announce = useCallback((text: string) => setMessage({ text, at: Date.now() }), []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(undefined), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toast" role="status" aria-live="polite" data-visible={message ? 'true' : 'false'}>
        {message?.text}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Says something to everyone: shown as a toast, read by screen readers. */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
