import { ProblemList } from './pages/ProblemList.tsx';
import { ProblemPage } from './pages/ProblemPage.tsx';
import { linkClick, useRoute } from './lib/router.ts';
import { useTheme } from './lib/theme.ts';

export function App() {
  const route = useRoute();
  const [theme, toggleTheme] = useTheme();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="/" onClick={(e) => linkClick(e, '/')}>
          <span className="brand-mark" aria-hidden="true">
            ▸
          </span>
          ML-infra judge
        </a>
        <nav aria-label="Main">
          <a href="/" onClick={(e) => linkClick(e, '/')} aria-current={route.page === 'list' ? 'page' : undefined}>
            Problems
          </a>
        </nav>
        <span className="spacer" />
        <button type="button" className="btn ghost theme-toggle" onClick={toggleTheme} aria-label={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'} title="Toggle light/dark theme">
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      {route.page === 'list' ? <ProblemList /> : null}
      {route.page === 'problem' ? <ProblemPage key={route.slug} slug={route.slug} /> : null}
      {route.page === 'not-found' ? (
        <main className="center-page" id="main">
          <h1>Not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>.{' '}
            <a href="/" onClick={(e) => linkClick(e, '/')}>
              See all problems
            </a>
            .
          </p>
        </main>
      ) : null}
    </div>
  );
}
