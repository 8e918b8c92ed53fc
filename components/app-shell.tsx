import { lazy, Suspense, useCallback, useLayoutEffect, useRef } from 'react';
import { AnnouncerProvider } from './announcer';
import { ErrorBoundary } from './error-boundary';
import { JobsArea } from './jobs-area';
import { ListsView } from './lists-view';
import { NavigateProvider, routeHref, useHashRoute, type Route } from './route';
import { ScrollParentProvider } from './scroll-parent';
import { FocusRequestProvider } from './view-heading';

// The panel opens on the lists; the other views load when first visited, keeping the
// JavaScript parsed at startup small.
const ListDetailView = lazy(() => import('./list-detail-view').then((m) => ({ default: m.ListDetailView })));
const VersionView = lazy(() => import('./version-view').then((m) => ({ default: m.VersionView })));
const NewListView = lazy(() => import('./new-list-view').then((m) => ({ default: m.NewListView })));
const SettingsView = lazy(() => import('./settings-view').then((m) => ({ default: m.SettingsView })));

const TABS: { label: string; route: Route; matches(route: Route): boolean }[] = [
  {
    label: 'Lists',
    route: { view: 'lists' },
    matches: (route) => route.view === 'lists' || route.view === 'list' || route.view === 'version',
  },
  { label: 'New list', route: { view: 'new' }, matches: (route) => route.view === 'new' },
  { label: 'Settings', route: { view: 'settings' }, matches: (route) => route.view === 'settings' },
];

function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'list':
      return <ListDetailView key={route.listId} listId={route.listId} />;
    case 'version':
      return <VersionView key={`${route.listId}/${route.version}`} listId={route.listId} version={route.version} />;
    case 'new':
      return <NewListView />;
    case 'settings':
      return <SettingsView />;
    default:
      return <ListsView />;
  }
}

/** The side panel: title, navigation, the jobs area, and the current view. */
export function AppShell() {
  const [route, navigate] = useHashRoute();
  const routeKey = routeHref(route);
  const mainRef = useRef<HTMLElement>(null);
  const focusRequest = useRef(false);
  const firstRender = useRef(true);
  // The request is the shell's; a view can only take it, once, so a later re-render does not steal the focus.
  const takeFocusRequest = useCallback(() => {
    const requested = focusRequest.current;
    focusRequest.current = false;
    return requested;
  }, []);

  // After a navigation (not on first load: nobody asked to go anywhere yet) the new view starts
  // at its top and its heading takes the focus. A layout effect, so the request is set before
  // the new view's own effects look for it.
  useLayoutEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    focusRequest.current = true;
    mainRef.current?.scrollTo({ top: 0 });
  }, [routeKey]);

  return (
    <NavigateProvider value={navigate}>
      <AnnouncerProvider>
        <div className="app">
          <header className="app-header">
            <h1 className="brand">
              <span className="brand-mark" aria-hidden="true" />
              Listwright
            </h1>
            <nav className="tabs" aria-label="Main">
              {TABS.map((tab) => (
                <a key={tab.label} className="tab" href={routeHref(tab.route)} aria-current={tab.matches(route) ? 'page' : undefined}>
                  {tab.label}
                </a>
              ))}
            </nav>
          </header>
          <JobsArea />
          <main className="app-main" ref={mainRef}>
            <ScrollParentProvider value={mainRef}>
              <FocusRequestProvider value={takeFocusRequest}>
                <ErrorBoundary resetKey={routeKey}>
                  <Suspense fallback={<p className="muted">Loading…</p>}>
                    <CurrentView route={route} />
                  </Suspense>
                </ErrorBoundary>
              </FocusRequestProvider>
            </ScrollParentProvider>
          </main>
        </div>
      </AnnouncerProvider>
    </NavigateProvider>
  );
}
