/**
 * Server administration from the command line: `judge user add [--admin|--role R] <name>`.
 * The password is read from standard input (first line), so it never appears in the shell history.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { hashPassword } from './auth/password.ts';
import { openConfiguredStore } from './boot.ts';
import { loadConfig } from './config.ts';
import { Role } from './contract.ts';
import type { UserRow } from './storage/types.ts';

const ROLES: readonly string[] = Role.enum;

async function readPassword(): Promise<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stderr : undefined,
    terminal: false,
  });
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  return line;
}

export async function userCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { admin: { type: 'boolean' }, role: { type: 'string' } },
  });
  const [sub, name] = positionals;
  if (sub !== 'add' || !name) {
    process.stderr.write(
      'usage: judge user add [--admin | --role interviewer|instructor] <name>   (password on stdin)\n',
    );
    return 2;
  }
  const role = (values.admin ? 'admin' : (values.role ?? 'interviewer')) as UserRow['role'];
  if (!ROLES.includes(role)) {
    process.stderr.write(`judge user: unknown role "${role}" (${ROLES.join(', ')})\n`);
    return 2;
  }
  const password = await readPassword();
  if (password.length < 8) {
    process.stderr.write('judge user: the password (read from stdin) must have at least 8 characters\n');
    return 2;
  }
  let store;
  try {
    store = await openConfiguredStore(loadConfig());
  } catch (e) {
    process.stderr.write(`judge user: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  try {
    if (await store.findUserByName(name)) {
      process.stderr.write(`judge user: "${name}" already exists\n`);
      return 1;
    }
    await store.createUser({ id: randomUUID(), name, role, passwordHash: await hashPassword(password) });
    process.stdout.write(`created ${role} "${name}"\n`);
    return 0;
  } catch (e) {
    // One line, never the statement and its parameters (they hold the password hash).
    const code = (e as { code?: unknown }).code;
    process.stderr.write(
      code === '23505'
        ? `judge user: "${name}" already exists\n`
        : `judge user: could not create the account: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 1;
  } finally {
    await store.close();
  }
}
