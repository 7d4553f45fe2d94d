/** Monaco is loaded on demand, once, by the pages that edit code (the problem list does not pay for it). */
import type { Monaco } from './monaco-setup.ts';

let monacoPromise: Promise<Monaco> | null = null;

export function loadMonaco(): Promise<Monaco> {
  monacoPromise ??= import('./monaco-setup.ts').then((m) => m.monaco);
  monacoPromise.catch(() => (monacoPromise = null));
  return monacoPromise;
}
