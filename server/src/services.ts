/** The services routes use, provided to the app as typed decorators (built in server.ts, or by tests). */
import type { Identity } from './auth/identity.ts';
import type { Config } from './config.ts';
import type { FeedbackService } from './feedback/service.ts';
import type { SubmissionEvents } from './grading/events.ts';
import type { GradingService } from './grading/service.ts';
import type { ProblemCatalog } from './problems/catalog.ts';
import type { Publishing } from './problems/publishing.ts';
import type { ReportService } from './reports/service.ts';
import type { Store } from './storage/types.ts';

export interface Services {
  config: Config;
  store: Store;
  catalog: ProblemCatalog;
  /** Problems published while the server runs: checks, re-grades, visibility. */
  publishing: Publishing;
  events: SubmissionEvents;
  grading: Pick<GradingService, 'notify' | 'lastSelfTest' | 'activeCount'>;
  /** Expected outputs of custom inputs and counterexamples (issue 15). */
  feedback: Pick<FeedbackService, 'expected' | 'counterexample'>;
  /** Learners' test reports and the authors' inbox, with replays (issue 12 §3). */
  reports: Pick<ReportService, 'create' | 'list' | 'detail' | 'resolve' | 'replay'>;
  /** Injected clock: tests move time; the server uses the real one. */
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
  interface FastifyRequest {
    identity: Identity;
  }
}
