import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileStamp } from '../lint/file-stamp';
import { packageInfo } from '../package-info';

/** Where the daemon of one project listens, and what its name is made of. */
export interface DaemonAddress {
  /** The project root: the nearest directory with `.git`, else with `package.json`, else the working directory. */
  root: string;
  /** The per-user directory of sockets and logs (mode 0700). */
  dir: string;
  /** The unix socket; on Windows a named pipe (`\\.\pipe\…`: Node listens on pipes there, not on files). */
  socket: string;
  /** The server's log: what it printed outside a run, and why it stopped. */
  log: string;
  /** The server's record of itself (its pid and its socket's inode), so that a client can stop it when it hangs. */
  record: string;
}

/** The environment variable naming the socket directory (tests, or a home on a file system without sockets). */
export const DIR_VARIABLE = 'LEAKPROOF_DAEMON_DIR';

/** The project's configuration files at its root that name the server (a change means another server). */
const ROOT_CONFIGS = ['package.json', 'tsconfig.json', ...['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `eslint.config.${ext}`)];

/** The daemon's own code: the server script and leakproof's package.json (a rebuild or an upgrade changes them). */
export const SERVER_SCRIPT = path.join(__dirname, 'daemon-server.js');
const OWN_FILES = [SERVER_SCRIPT, path.join(packageInfo.root, 'package.json')];

export function projectRoot(cwd: string): string {
  const start = path.resolve(cwd);
  for (const marker of ['.git', 'package.json']) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, marker))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  return start;
}

/** The files whose change stops a server of `root`: its root configs and leakproof's own code. */
export function watchedFiles(root: string): string[] {
  return [...ROOT_CONFIGS.map((name) => path.join(root, name)), ...OWN_FILES];
}

function userId(): string {
  return typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
}

/**
 * The per-user socket directory: `$LEAKPROOF_DAEMON_DIR`, else `$XDG_RUNTIME_DIR/leakproof`, else
 * `leakproof-<uid>` in the temporary directory. Created with mode 0700; one that another user owns or
 * others can enter is refused (a socket there would hand the user's runs to someone else's server).
 */
export function daemonDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[DIR_VARIABLE] ?? (env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'leakproof') : path.join(os.tmpdir(), `leakproof-${userId()}`));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') {
    const stat = fs.lstatSync(dir);
    const uid = process.getuid?.();
    if (!stat.isDirectory()) throw new Error(`${dir} is not a directory`);
    if (uid !== undefined && stat.uid !== uid) throw new Error(`${dir} belongs to another user`);
    if ((stat.mode & 0o077) !== 0) throw new Error(`${dir} is open to other users (mode ${(stat.mode & 0o777).toString(8)}; it must be 700)`);
  }
  return dir;
}

/**
 * The daemon of the project around `cwd`: its socket is named by a hash of the root, leakproof's version
 * and build, Node's version, and the stamps of the root's ESLint config, tsconfig.json and package.json.
 * Another version or changed configs name another server; the old one sees the change and exits.
 */
export function daemonAddress(cwd: string, env: NodeJS.ProcessEnv = process.env): DaemonAddress {
  const root = projectRoot(cwd);
  const dir = daemonDir(env);
  const key = createHash('sha256')
    .update(JSON.stringify([root, packageInfo.version, process.version, ...watchedFiles(root).map((file) => fileStamp(file) ?? '-')]))
    .digest('hex')
    .slice(0, 16);
  return addressOf({ root, dir, key, platform: process.platform, user: userId() });
}

/**
 * The names of the daemon whose name is `key`, on `platform` (pure: another platform's names can be
 * checked anywhere). The socket is a file in `dir`, except on Windows, where Node listens on named pipes,
 * whose names live in their own namespace, `\\.\pipe\` (a path in a directory there is not a pipe):
 * the user is in the name, since that namespace is shared by all users.
 */
export function addressOf(parts: { root: string; dir: string; key: string; platform: NodeJS.Platform; user: string }): DaemonAddress {
  const { root, dir, key, platform, user } = parts;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  // A backslash would start another level of the pipe's name.
  const socket = platform === 'win32' ? `\\\\.\\pipe\\leakproof-${user.replace(/[\\/]/g, '_')}-${key}` : join(dir, `${key}.sock`);
  return { root, dir, socket, log: join(dir, `${key}.log`), record: join(dir, `${key}.pid`) };
}
