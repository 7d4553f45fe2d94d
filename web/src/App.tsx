import { useCallback, useEffect, useState } from 'react';
import { AuthoringPage, canAuthor, SignInToAuthor } from './pages/AuthoringPage.tsx';
import { AuthorProblemPage } from './pages/AuthorProblemPage.tsx';
import { CandidatePage } from './pages/CandidatePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ProblemList } from './pages/ProblemList.tsx';
import { ProblemPage } from './pages/ProblemPage.tsx';
import { ProgressPage } from './pages/ProgressPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { ScreensPage } from './pages/ScreensPage.tsx';
import { api, type Me } from './lib/api.ts';
import { linkClick, navigate, useRoute } from './lib/router.ts';
import { useTheme } from './lib/theme.ts';

function ThemeToggle() {
  const [theme, toggleTheme] = useTheme();
  return (
    <button
      type="button"
      className="btn ghost theme-toggle"
      onClick={toggleTheme}
      aria-label={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
      title="Toggle light/dark theme"
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}

const BrandMark = () => (
  <span className="brand-mark" aria-hidden="true">
    ▸
  </span>
);

/** The page frame: a skip link, the top bar (brand, what the page adds, the theme toggle), then the page. */
function Frame({ brand, bar, children }: { brand: React.ReactNode; bar: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        {brand}
        {bar}
        <ThemeToggle />
      </header>
      {children}
    </div>
  );
}

export function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me['user'] | undefined>(undefined);
  const candidate = route.page === 'candidate';

  const refreshMe = useCallback(() => {
    api.me().then(
      (m) => setMe(m.user),
      () => setMe(null),
    );
  }, []);
  useEffect(() => {
    if (!candidate) refreshMe();
  }, [candidate, refreshMe]);

  const signOut = async (): Promise<void> => {
    await api.logout().catch(() => null);
    setMe(null);
    navigate('/');
  };

  if (route.page === 'candidate') {
    // A candidate's page is about the screen only: no account, no navigation elsewhere.
    return (
      <Frame
        brand={
          <span className="brand">
            <BrandMark />
            Coding screen
          </span>
        }
        bar={<span className="spacer" />}
      >
        <CandidatePage key={route.token} token={route.token} />
      </Frame>
    );
  }

  const interviewer = me && (me.role === 'interviewer' || me.role === 'admin');
  const author = canAuthor(me ?? null);
  // Authoring waits for the account to be known, then shows the page or asks to sign in.
  const authoring = (page: React.ReactNode) => (me === undefined ? null : author ? page : <SignInToAuthor />);
  return (
    <Frame
      brand={
        <a className="brand" href="/" onClick={(e) => linkClick(e, '/')}>
          <BrandMark />
          ML-infra judge
        </a>
      }
      bar={
        <>
          <nav aria-label="Main">
            <a href="/" onClick={(e) => linkClick(e, '/')} aria-current={route.page === 'list' ? 'page' : undefined}>
              Problems
            </a>
            <a
              href="/progress"
              onClick={(e) => linkClick(e, '/progress')}
              aria-current={route.page === 'progress' ? 'page' : undefined}
            >
              Progress
            </a>
            {interviewer ? (
              <a
                href="/screens"
                onClick={(e) => linkClick(e, '/screens')}
                aria-current={route.page === 'screens' || route.page === 'report' ? 'page' : undefined}
              >
                Screens
              </a>
            ) : null}
            {author ? (
              <a
                href="/authoring"
                onClick={(e) => linkClick(e, '/authoring')}
                aria-current={route.page === 'authoring' || route.page === 'author' ? 'page' : undefined}
              >
                Authoring
              </a>
            ) : null}
          </nav>
          <span className="spacer" />
          {me ? (
            <span className="whoami muted small">
              {me.name} ({me.role}){' '}
              <button type="button" className="btn ghost small" onClick={() => void signOut()}>
                Sign out
              </button>
            </span>
          ) : (
            <a className="muted small" href="/login" onClick={(e) => linkClick(e, '/login')}>
              Sign in
            </a>
          )}
        </>
      }
    >
      {route.page === 'list' ? <ProblemList /> : null}
      {route.page === 'problem' ? <ProblemPage key={route.slug} slug={route.slug} /> : null}
      {route.page === 'login' ? <LoginPage onSignedIn={refreshMe} /> : null}
      {route.page === 'progress' ? <ProgressPage onSignedIn={refreshMe} /> : null}
      {route.page === 'screens' ? <ScreensPage /> : null}
      {route.page === 'report' ? <ReportPage key={route.id} id={route.id} /> : null}
      {route.page === 'authoring' ? authoring(<AuthoringPage />) : null}
      {route.page === 'author' ? authoring(<AuthorProblemPage key={route.slug} slug={route.slug} />) : null}
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
    </Frame>
  );
}
