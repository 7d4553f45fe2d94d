/**
 * Everything this browser keeps in localStorage, in one place: the `judge:` keys, the checks of what is read back
 * (an older version, another tab or the user may have written anything there), and storage that is full or
 * disabled (then nothing is remembered, and nothing fails).
 */
import { Check } from 'typebox/schema';
import { ClientEvent, ClientId } from '../../../server/src/contract.ts';

/** The part of localStorage used here; tests pass their own. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

function browserStore(): KeyValueStore | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

function read(key: string, store = browserStore()): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Writes `value`, or removes the key when it is null. */
function write(key: string, value: string | null, store = browserStore()): void {
  try {
    if (value === null) store?.removeItem?.(key);
    else store?.setItem(key, value);
  } catch {
    // Storage full or disabled: what is kept in memory (and on the server) still works.
  }
}

function readJson(key: string, store?: KeyValueStore | null): unknown {
  const raw = read(key, store);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---- drafts and custom inputs, filed under a workspace's scope ('' for practice, `screen:<token>:` for a screen) --

export interface Draft {
  code: string;
  /** Milliseconds since the epoch. */
  updatedAt: number;
}

const draftKey = (scope: string, slug: string): string => `judge:${scope}draft:${slug}`;
const customKey = (scope: string, slug: string): string => `judge:${scope}custom:${slug}`;

/** Drafts kept in this browser: saved at once on every edit, so nothing is lost while the server is unreachable. */
export const localDrafts = {
  get(scope: string, slug: string): Draft | null {
    const d = readJson(draftKey(scope, slug));
    return isObject(d) && typeof d.code === 'string' && typeof d.updatedAt === 'number'
      ? { code: d.code, updatedAt: d.updatedAt }
      : null;
  },
  set(scope: string, slug: string, code: string, updatedAt = Date.now()): void {
    write(draftKey(scope, slug), JSON.stringify({ code, updatedAt }));
  },
  remove(scope: string, slug: string): void {
    write(draftKey(scope, slug), null);
  },
};

/** The custom inputs typed for a problem (the text as the user wrote it). */
export const customInputs = {
  get: (scope: string, slug: string): string => read(customKey(scope, slug)) ?? '',
  set: (scope: string, slug: string, text: string): void => write(customKey(scope, slug), text || null),
};

// ---- the page's layout ------------------------------------------------------------------------------------------

export type Theme = 'light' | 'dark';

export const savedTheme = {
  get(): Theme | null {
    const t = read('judge:theme');
    return t === 'light' || t === 'dark' ? t : null;
  },
  set: (t: Theme): void => write('judge:theme', t),
};

/** A split pane's share of its first pane, per pane id. */
export const splitRatios = {
  get(id: string): number | null {
    const v = Number(read(`judge:split:${id}`));
    return v > 0.05 && v < 0.95 ? v : null;
  },
  set: (id: string, ratio: number): void => write(`judge:split:${id}`, ratio.toFixed(4)),
};

/** The authoring inbox shows only the reports on the author's own problems. */
export const inboxMine = {
  get: (): boolean => read('judge:inbox:mine') === '1',
  set: (mine: boolean): void => write('judge:inbox:mine', mine ? '1' : null),
};

// ---- a screen's timeline queue ----------------------------------------------------------------------------------

export interface TimelineState {
  clientId: string;
  nextSeq: number;
  /** Events not yet acknowledged by the server. */
  pending: ClientEvent[];
}

const timelineKey = (token: string): string => `judge:screen:${token}:timeline`;

/** The candidate's unsent timeline, which survives a reload or a closed tab. */
export const timelineStates = {
  get(token: string, store = browserStore()): TimelineState | null {
    const v = readJson(timelineKey(token), store);
    if (!isObject(v) || !Check(ClientId, v.clientId) || typeof v.nextSeq !== 'number' || !Array.isArray(v.pending))
      return null;
    // Events the server would refuse are dropped, so they cannot block the ones after them.
    return {
      clientId: v.clientId as string,
      nextSeq: v.nextSeq,
      pending: v.pending.filter((e): e is ClientEvent => Check(ClientEvent, e)),
    };
  },
  set: (token: string, state: TimelineState, store = browserStore()): void =>
    write(timelineKey(token), JSON.stringify(state), store),
};

// ---- an author's working copy of a problem package --------------------------------------------------------------

export interface WorkingCopy {
  /** relative path → text: the package as being edited (never sent to learners before Publish). */
  files: Record<string, string>;
  /** Where it started: a new problem's scaffold, the live package, a revision or an imported .zip. */
  origin: 'scaffold' | 'live' | 'revision' | 'zip';
  /** The last revision sent for this copy (its check, flip table and Publish). */
  revision: string | null;
  updatedAt: number;
}

const copyKey = (slug: string): string => `judge:authoring:${slug}`;
const ORIGINS = ['scaffold', 'live', 'revision', 'zip'];

/** Working copies kept in this browser, so a reload loses no edit. tests/suite.json is left out when storage is full. */
export const workingCopies = {
  get(slug: string, store = browserStore()): WorkingCopy | null {
    const v = readJson(copyKey(slug), store);
    if (!isObject(v) || !isObject(v.files) || !ORIGINS.includes(v.origin as string)) return null;
    if (!Object.values(v.files).every((t) => typeof t === 'string')) return null;
    return {
      files: v.files as Record<string, string>,
      origin: v.origin as WorkingCopy['origin'],
      revision: typeof v.revision === 'string' ? v.revision : null,
      updatedAt: typeof v.updatedAt === 'number' ? v.updatedAt : 0,
    };
  },
  set(slug: string, copy: WorkingCopy, store = browserStore()): void {
    try {
      store?.setItem(copyKey(slug), JSON.stringify(copy));
    } catch {
      const { 'tests/suite.json': _suite, ...files } = copy.files;
      write(copyKey(slug), JSON.stringify({ ...copy, files }), store);
    }
  },
  remove: (slug: string, store = browserStore()): void => write(copyKey(slug), null, store),
  /** The slugs with a working copy in this browser. */
  slugs(): string[] {
    const out: string[] = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k?.startsWith('judge:authoring:')) out.push(k.slice('judge:authoring:'.length));
      }
    } catch {
      // storage disabled: no working copies
    }
    return out.sort();
  },
};
