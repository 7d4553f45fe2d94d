/**
 * The services that run judge jobs besides grading — feedback (expected outputs, counterexamples) and replays of
 * reported tests — built one way for the server and for tests. They share the grading pool in one line, one job at a
 * time, so submissions always keep a worker.
 */
import { FeedbackService } from './feedback/service.ts';
import { JobLine } from './grading/job-line.ts';
import { ReportService, type ReportDeps } from './reports/service.ts';
import type { Services } from './services.ts';

/** What a replay needs (the line is made here): the feedback service needs a part of it. */
export type SideServiceDeps = Omit<ReportDeps, 'line'>;

export function sideServices(deps: SideServiceDeps): Pick<Services, 'feedback' | 'reports'> {
  const { store, catalog, publishing, executor, esbuild, log, maxCodeBytes } = deps;
  const line = new JobLine();
  return {
    feedback: new FeedbackService({ catalog, executor, esbuild, log, line }),
    reports: new ReportService({ store, catalog, publishing, executor, esbuild, log, line, maxCodeBytes }),
  };
}
