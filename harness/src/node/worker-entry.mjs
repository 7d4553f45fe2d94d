// Worker threads do not inherit a loader registered with the API, so each worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
