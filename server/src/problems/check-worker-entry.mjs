// Worker threads do not inherit a loader registered with the API, so the check worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
