/**
 * A problem and its draft. On load the newer of the two drafts wins: this browser's (saved at once on every edit)
 * or the server's (saved shortly after, and on leaving the page); work left only in this browser (offline last time)
 * is sent to the server then. A read-only workspace (a screen whose time is up) saves nothing more.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type ProblemDetail, type Workspace } from '../lib/api.ts';
import { errorText } from '../lib/format.ts';
import { localDrafts } from '../lib/storage.ts';

export type SaveState = 'idle' | 'pending' | 'saved' | 'local-only';

/** Edits are sent to the server once typing pauses this long. */
export const SAVE_DELAY_MS = 1200;

export interface DraftSync {
  problem: ProblemDetail | null;
  /** The code the editor starts with, once loaded. */
  initialCode: string | null;
  loadError: string | null;
  saveState: SaveState;
  /** The latest code (as last loaded or edited). */
  latest: () => string;
  /** An edit: saved in this browser now, on the server once typing pauses. */
  edited: (code: string) => void;
  /** Sends a save that is waiting, now. */
  flush: () => void;
}

export function useDraftSync(workspace: Workspace, slug: string, readOnly: boolean): DraftSync {
  const scope = workspace.storageScope;
  const [problem, setProblem] = useState<ProblemDetail | null>(null);
  const [initialCode, setInitialCode] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const code = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;

  useEffect(() => {
    let live = true;
    setProblem(null);
    setInitialCode(null);
    setLoadError(null);
    Promise.all([workspace.problem(slug), workspace.draft(slug).catch(() => null)]).then(
      ([p, server]) => {
        if (!live) return;
        const local = localDrafts.get(scope, slug);
        let start = p.starter;
        if (local && (!server || local.updatedAt >= server.updatedAt)) start = local.code;
        else if (server) {
          start = server.code;
          localDrafts.set(scope, slug, server.code, server.updatedAt);
        }
        code.current = start;
        setProblem(p);
        setInitialCode(start);
        if (
          !readOnlyRef.current &&
          local &&
          start === local.code &&
          (!server || server.code !== local.code) &&
          local.code !== p.starter
        ) {
          workspace.saveDraft(slug, local.code).then(
            () => setSaveState('saved'),
            () => setSaveState('local-only'),
          );
        }
      },
      (e: unknown) =>
        live &&
        setLoadError(
          e instanceof ApiError && e.code === 'UNKNOWN_PROBLEM' ? `There is no problem named “${slug}”.` : errorText(e),
        ),
    );
    return () => {
      live = false;
    };
  }, [slug, workspace, scope]);

  /** Saves `text` on the server; "saved" once that is the latest code (a later edit keeps its own state). */
  const save = useCallback(
    (text: string) =>
      workspace.saveDraft(slug, text).then(
        () => setSaveState((s) => (code.current === text ? 'saved' : s)),
        () => setSaveState('local-only'),
      ),
    [slug, workspace],
  );

  const flush = useCallback(() => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    timer.current = null;
    void save(code.current);
  }, [save]);

  const edited = useCallback(
    (text: string) => {
      code.current = text;
      if (readOnlyRef.current) return;
      localDrafts.set(scope, slug, text);
      setSaveState('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void save(text);
      }, SAVE_DELAY_MS);
    },
    [scope, slug, save],
  );

  // Whatever waits goes now: on leaving the page, when the page is hidden (a closed tab), and when time is up (the
  // server's grace period covers it).
  useEffect(() => flush, [flush]);
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [flush]);
  useEffect(() => {
    if (readOnly) flush();
  }, [readOnly, flush]);

  const latest = useCallback(() => code.current, []);
  return { problem, initialCode, loadError, saveState, latest, edited, flush };
}
