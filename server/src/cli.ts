/**
 * Server administration from the command line (`judge user …`): add, list, change a role, reset a password, end a
 * user's sessions, delete a user. A password is read from standard input (first line), so it never appears in the
 * shell history. With the embedded database, stop the server first (one process opens DATA_DIR at a time).
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { hashPassword } from './auth/password.ts';
import { openConfiguredStore } from './boot.ts';
import { loadConfig } from './config.ts';
import { Role } from './contract.ts';
import type { Store, UserRow } from './storage/types.ts';

const ROLES: readonly string[] = Role.enum;
const MIN_PASSWORD = 8;

export const USER_USAGE = `usage: judge user <command>   (passwords are read from stdin)
  add [--admin | --role interviewer|instructor|admin] <name>   create an account
  list                                                          every account: name, role, created
  role <name> <interviewer|instructor|admin>                    change a role
  passwd <name>                                                 set a new password; ends the user's sessions
  logout <name>                                                 end every session of the user
  delete <name>                                                 delete the account and its sessions`;

/** What the command needs from outside: tests pass an in-memory store and a fixed password. */
export interface UserCommandIo {
  openStore(): Promise<Store>;
  readPassword(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

async function readPasswordLine(): Promise<string> {
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

const processIo: UserCommandIo = {
  openStore: async () => {
    const store = await openConfiguredStore(loadConfig());
    return store;
  },
  readPassword: readPasswordLine,
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

class UsageError extends Error {}
class CommandError extends Error {}

export async function userCommand(argv: string[], io: UserCommandIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { admin: { type: 'boolean' }, role: { type: 'string' } },
    });
  } catch (e) {
    io.err(`judge user: ${e instanceof Error ? e.message : String(e)}\n${USER_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, ...args] = positionals;
  try {
    const command = COMMANDS[sub ?? ''];
    if (!command) throw new UsageError(sub ? `unknown command "${sub}"` : 'a command is needed');
    const arity = command.args.length;
    if (args.length !== arity) throw new UsageError(`${sub} takes ${command.args.join(' ') || 'no arguments'}`);
    // Everything that can be checked without the database is checked first (and the password read first).
    const prepared = await command.prepare?.(args, values, io);
    let store: Store;
    try {
      store = await io.openStore();
    } catch (e) {
      throw new CommandError(e instanceof Error ? e.message : String(e));
    }
    try {
      await command.run(store, args, prepared, io);
    } finally {
      await store.close();
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`judge user: ${e.message}\n${USER_USAGE}\n`);
      return 2;
    }
    // One line, never a statement and its parameters (they can hold a password hash).
    const code = (e as { code?: unknown }).code;
    const message =
      e instanceof CommandError ? e.message : code === '23505' ? 'that name already exists' : errorText(e);
    io.err(`judge user: ${message}\n`);
    return 1;
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function checkRole(role: string): UserRow['role'] {
  if (!ROLES.includes(role)) throw new UsageError(`unknown role "${role}" (${ROLES.join(', ')})`);
  return role as UserRow['role'];
}

async function newPasswordHash(io: UserCommandIo): Promise<string> {
  const password = await io.readPassword();
  if (password.length < MIN_PASSWORD)
    throw new UsageError(`the password (read from stdin) must have at least ${MIN_PASSWORD} characters`);
  return hashPassword(password);
}

async function existing(store: Store, name: string): Promise<UserRow> {
  const user = await store.findUserByName(name);
  if (!user) throw new CommandError(`no user named "${name}"`);
  return user;
}

interface Command {
  args: string[];
  prepare?(args: string[], options: { admin?: boolean; role?: string }, io: UserCommandIo): Promise<unknown>;
  run(store: Store, args: string[], prepared: unknown, io: UserCommandIo): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  add: {
    args: ['<name>'],
    prepare: async (_args, options, io) => ({
      role: checkRole(options.admin ? 'admin' : (options.role ?? 'interviewer')),
      passwordHash: await newPasswordHash(io),
    }),
    async run(store, [name], prepared, io) {
      const { role, passwordHash } = prepared as { role: UserRow['role']; passwordHash: string };
      if (await store.findUserByName(name!)) throw new CommandError(`"${name}" already exists`);
      await store.createUser({ id: randomUUID(), name: name!, role, passwordHash });
      io.out(`created ${role} "${name}"\n`);
    },
  },
  list: {
    args: [],
    async run(store, _args, _prepared, io) {
      const users = await store.listUsers();
      if (users.length === 0) return io.out('no accounts\n');
      const width = Math.max(4, ...users.map((u) => u.name.length));
      io.out(`${'name'.padEnd(width)}  ${'role'.padEnd(11)}  created\n`);
      for (const u of users) io.out(`${u.name.padEnd(width)}  ${u.role.padEnd(11)}  ${u.createdAt.toISOString()}\n`);
    },
  },
  role: {
    args: ['<name>', '<role>'],
    prepare: async ([, role]) => checkRole(role!),
    async run(store, [name], role, io) {
      const user = await existing(store, name!);
      await store.setUserRole(user.id, role as UserRow['role']);
      io.out(`"${name}" is now ${String(role)} (was ${user.role})\n`);
    },
  },
  passwd: {
    args: ['<name>'],
    prepare: (_args, _options, io) => newPasswordHash(io),
    async run(store, [name], passwordHash, io) {
      const user = await existing(store, name!);
      await store.setPasswordHash(user.id, passwordHash as string);
      await store.clearLoginAttempts(user.name);
      const ended = await store.deleteUserSessions(user.id);
      io.out(`new password for "${name}"; ${ended} session(s) ended\n`);
    },
  },
  logout: {
    args: ['<name>'],
    async run(store, [name], _prepared, io) {
      const user = await existing(store, name!);
      io.out(`${await store.deleteUserSessions(user.id)} session(s) of "${name}" ended\n`);
    },
  },
  delete: {
    args: ['<name>'],
    async run(store, [name], _prepared, io) {
      const user = await existing(store, name!);
      if (!(await store.deleteUser(user.id)))
        throw new CommandError(
          `"${name}" has screens, whose reports name them: change their role or password instead of deleting them`,
        );
      io.out(`deleted "${name}" and their sessions\n`);
    },
  },
};
