/** Sign-in for every account: interviewers go to their screens, learners to their progress. */
import { useState } from 'react';
import { api, ApiError } from '../lib/api.ts';
import { errorText } from '../lib/format.ts';
import { linkClick, navigate } from '../lib/router.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';

export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.login(name, password);
      onSignedIn();
      // Learners see their progress, instructors write problems, interviewers (and admins) run screens.
      navigate(me.user?.role === 'learner' ? '/progress' : me.user?.role === 'instructor' ? '/authoring' : '/screens');
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'BAD_CREDENTIALS' ? 'Wrong name or password.' : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page narrow" id="main">
      <h1>Sign in</h1>
      <p className="muted">
        Practising needs no account; a learner&apos;s account keeps your progress across devices (create one on the{' '}
        <a href="/progress" onClick={(e) => linkClick(e, '/progress')}>
          Progress
        </a>{' '}
        page). What you did in this browser joins your account when you sign in.
      </p>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          <span>Name</span>
          <input
            name="name"
            autoComplete="username"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </label>
        <label>
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorBox>{error}</ErrorBox>
        <div>
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </main>
  );
}
