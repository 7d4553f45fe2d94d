#!/usr/bin/env node
// The `judge` CLI. The project is TypeScript run by tsx (no build step); register it, then hand over.
import { register } from 'tsx/esm/api';

register();
const argv = process.argv.slice(2);
if (argv[0] === 'grader' && argv.length === 1) {
  // A grading process for a shared PostgreSQL (DATABASE_URL): the server with ROLE=grader, no HTTP.
  process.env.ROLE = 'grader';
  await import('../server/src/server.ts');
} else if (argv[0] === 'user') {
  // Server administration lives with the server; the engine's CLI knows nothing of accounts.
  const { userCommand } = await import('../server/src/cli.ts');
  process.exitCode = await userCommand(argv.slice(1));
} else {
  const { main } = await import('../harness/src/cli/main.ts');
  process.exitCode = await main(argv);
}
