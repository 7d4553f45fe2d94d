/**
 * Path routing (the server answers every non-/api GET with index.html): `/` is the list, `/p/<slug>` a problem,
 * `/progress` is the learner's record, `/login` signs in, `/screens` is an interviewer's list of screens, `/screens/<id>` a
 * screen's report, `/screen/<token>` the candidate's side of a screen, `/authoring` an instructor's problems and
 * `/authoring/<slug>` one being edited.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'list' }
  | { page: 'problem'; slug: string }
  | { page: 'login' }
  | { page: 'progress' }
  | { page: 'screens' }
  | { page: 'report'; id: string }
  | { page: 'candidate'; token: string }
  | { page: 'authoring' }
  | { page: 'author'; slug: string }
  | { page: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return { page: 'list' };
  const path = pathname.replace(/\/$/, '');
  let m = /^\/p\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(path);
  if (m) return { page: 'problem', slug: m[1]! };
  if (path === '/login') return { page: 'login' };
  if (path === '/progress') return { page: 'progress' };
  if (path === '/screens') return { page: 'screens' };
  if (path === '/authoring') return { page: 'authoring' };
  m = /^\/authoring\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(path);
  if (m) return { page: 'author', slug: m[1]! };
  m = /^\/screens\/([A-Za-z0-9_-]{6,64})$/.exec(path);
  if (m) return { page: 'report', id: m[1]! };
  m = /^\/screen\/([A-Za-z0-9_-]{1,100})$/.exec(path);
  if (m) return { page: 'candidate', token: m[1]! };
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
