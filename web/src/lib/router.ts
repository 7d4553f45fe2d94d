/** Path routing (the server answers every non-/api GET with index.html): `/` is the list, `/p/<slug>` a problem. */
import { useEffect, useState } from 'react';

export type Route = { page: 'list' } | { page: 'problem'; slug: string } | { page: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return { page: 'list' };
  const m = /^\/p\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(pathname);
  if (m) return { page: 'problem', slug: m[1]! };
  return { page: 'not-found', path: pathname };
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const on = (): void => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}

/** For <a href> clicks: navigate in the app unless the user asked for a new tab/window. */
export function linkClick(e: React.MouseEvent<HTMLAnchorElement>, path: string): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(path);
}
