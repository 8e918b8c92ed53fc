import { createContext, useCallback, useContext, useEffect, useState } from 'react';

/** The panel's views; kept in the URL hash so a reload (or a test) lands on the same view. */
export type Route =
  | { view: 'lists' }
  | { view: 'list'; listId: string }
  | { view: 'version'; listId: string; version: number }
  | { view: 'new' }
  | { view: 'settings' };

/** `#/lists/<id>` → the list's detail, `#/lists/<id>/versions/<n>` → an older version of it; anything unknown → the lists. */
export function parseRoute(hash: string): Route {
  const [first, second, third, fourth] = hash.replace(/^#\/?/, '').split('/');
  if (first === 'new') return { view: 'new' };
  if (first === 'settings') return { view: 'settings' };
  if (first === 'lists' && second) {
    let listId: string;
    try {
      listId = decodeURIComponent(second);
    } catch {
      return { view: 'lists' };
    }
    if (third === 'versions' && fourth && /^[1-9]\d{0,8}$/.test(fourth)) return { view: 'version', listId, version: Number(fourth) };
    return { view: 'list', listId };
  }
  return { view: 'lists' };
}

/** The hash link of a route. */
export function routeHref(route: Route): string {
  switch (route.view) {
    case 'list':
      return `#/lists/${encodeURIComponent(route.listId)}`;
    case 'version':
      return `#/lists/${encodeURIComponent(route.listId)}/versions/${route.version}`;
    case 'new':
      return '#/new';
    case 'settings':
      return '#/settings';
    default:
      return '#/lists';
  }
}

/** The current route, following `hashchange`, and a way to go elsewhere. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = routeHref(next);
  }, []);
  return [route, navigate];
}

const NavigateContext = createContext<(route: Route) => void>(() => undefined);

/** Provides `useNavigate()` to the views. */
export const NavigateProvider = NavigateContext.Provider;

/** Goes to another view (a hash change: the browser's Back button works). */
export function useNavigate(): (route: Route) => void {
  return useContext(NavigateContext);
}
