/**
 * Live grading events per submission, in process. Subscribers get what happened so far, then what follows, so a
 * client that connects late misses nothing. (With graders on several machines this becomes PostgreSQL
 * LISTEN/NOTIFY behind the same interface.)
 */
import type { SubmissionEvent } from '../contract.ts';

type Listener = (e: SubmissionEvent) => void;

export interface SubmissionEvents {
  publish(id: string, e: SubmissionEvent): void;
  /** Replays the events so far, then streams; returns an unsubscribe function. */
  subscribe(id: string, listener: Listener): () => void;
  /** Forget a submission's history once it is done and stored. */
  finish(id: string): void;
}

export class InProcessEvents implements SubmissionEvents {
  private readonly history = new Map<string, SubmissionEvent[]>();
  private readonly listeners = new Map<string, Set<Listener>>();

  publish(id: string, e: SubmissionEvent): void {
    let h = this.history.get(id);
    if (!h) this.history.set(id, (h = []));
    h.push(e);
    for (const l of this.listeners.get(id) ?? []) l(e);
  }

  subscribe(id: string, listener: Listener): () => void {
    for (const e of this.history.get(id) ?? []) listener(e);
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  finish(id: string): void {
    this.history.delete(id);
  }
}
