/** Light and dark themes: remembered in this browser, defaulting to the system preference. */
import { useCallback, useEffect, useState } from 'react';
import { savedTheme, type Theme } from './storage.ts';

export type { Theme };

export function initialTheme(): Theme {
  const saved = savedTheme.get();
  if (saved) return saved;
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
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
  savedTheme.set(t);
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
