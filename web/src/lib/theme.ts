/** Light and dark themes: remembered in localStorage, defaulting to the system preference. */
import { useCallback, useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'judge:theme';

export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // storage disabled
  }
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

type Listener = (t: Theme) => void;
const listeners = new Set<Listener>();
let current: Theme | null = null;

export function getTheme(): Theme {
  current ??= initialTheme();
  return current;
}

export function setTheme(t: Theme): void {
  current = t;
  document.documentElement.dataset.theme = t;
  try {
    localStorage.setItem(KEY, t);
  } catch {
    // ignore
  }
  for (const l of listeners) l(t);
}

export function useTheme(): [Theme, () => void] {
  const [theme, set] = useState(getTheme);
  useEffect(() => {
    listeners.add(set);
    return () => void listeners.delete(set);
  }, []);
  const toggle = useCallback(() => setTheme(getTheme() === 'dark' ? 'light' : 'dark'), []);
  return [theme, toggle];
}
