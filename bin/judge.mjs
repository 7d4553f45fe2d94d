#!/usr/bin/env node
// The `judge` CLI. The project is TypeScript run by tsx (no build step); register it, then hand over.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
