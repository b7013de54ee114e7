import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { daemonAddress, SERVER_SCRIPT, type DaemonAddress } from './daemon-address';
import type { CliIO } from './io';

/** A lint run sent to the daemon: what the server needs to run it as the client's process would. */
export interface LintRequest {
  type: 'lint';
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  isTTY: boolean;
  /** Standard input's text, read by the client (`--stdin`). */
  stdin?: string;
}

export interface DaemonStatus {
  pid: number;
  root: string;
  version: string;
  node: string;
  /** Seconds since the server started, and since its last run ended. */
  uptime: number;
  idle: number;
  idleTimeout: number;
  runs: number;
  /** Still loading ESLint and TypeScript and parsing the root project (runs wait for it). */
  warming: boolean;
  /** Kept TypeScript projects and parsed files. */
  projects: number;
  files: number;
  /** Worker threads kept warm for `--concurrency` runs (absent from servers before them). */
  threads?: number;
}

export type Request = LintRequest | { type: 'status' } | { type: 'stop' };

/** One line of a reply: output of the run in order, then its exit code; or the server's answer to status and stop. */
export type Reply =
  | { stdout: string }
  | { stderr: string }
  | { exit: number }
  /** The server stopped instead of running the request (its configs or leakproof changed): run directly. */
  | { restart: string }
  | { status: DaemonStatus }
  | { stopping: number }
  /** Sent every second while a run is queued or running: the server is not hung. */
  | { alive: number };

/** The environment variable giving the idle timeout, in seconds, of servers that `lint --daemon` starts. */
export const IDLE_VARIABLE = 'LEAKPROOF_DAEMON_IDLE_TIMEOUT';
export const DEFAULT_IDLE_SECONDS = 15 * 60;

/** The idle timeout from the environment, or the default; a bad value is a usage error of the caller. */
export function idleTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | string {
  return secondsFromEnv(IDLE_VARIABLE, DEFAULT_IDLE_SECONDS, env);
}

/**
 * The environment variable giving how long, in seconds, a client waits without a word from its server
 * (a run in progress sends one every second) before it gives up on it and lints directly. The words come
 * from the server's event loop, which one synchronous step (TypeScript building a whole large project's
 * program) holds for seconds: the default leaves room for that.
 */
export const TIMEOUT_VARIABLE = 'LEAKPROOF_DAEMON_TIMEOUT';
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** How often a server says it is alive while it holds a run. */
export const ALIVE_INTERVAL_MS = 1000;

function secondsFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number | string {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  return /^\d+(\.\d+)?$/.test(text) && Number(text) > 0 ? Number(text) : `${name} must be a positive number of seconds, not "${text}"`;
}

/** The client's timeout from the environment, or the default; a bad value is a usage error of the caller. */
export function timeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | string {
  return secondsFromEnv(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT_SECONDS, env);
}

type Failure = 'absent' | 'stale' | 'broken' | 'hung';
type Outcome = { replies: Reply[] } | { failure: Failure; reason: string };

/**
 * Sends one request and collects the reply lines until the server closes the connection. `absent`: no
 * socket; `stale`: a socket no server answers (killed or crashed); `broken`: the connection ended
 * without a final line (the server died during the request), or another socket error; `hung`: nothing
 * came from the server for `timeout` seconds.
 */
export function ask(socket: string, request: Request, isDone: (reply: Reply) => boolean, timeout: number): Promise<Outcome> {
  // No socket file, no server: answered at once, without a connection attempt and its turn of the event
  // loop (the cold first `--daemon` call lints directly, and must not wait for anything first).
  if (process.platform !== 'win32' && !fs.existsSync(socket)) return Promise.resolve({ failure: 'absent', reason: 'no daemon is running' });
  return new Promise((resolve) => {
    const replies: Reply[] = [];
    let connected = false;
    let settled = false;
    let pending = '';
    let silence: NodeJS.Timeout | undefined;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(silence);
      connection.destroy();
      resolve(outcome);
    };
    const listen = () => {
      clearTimeout(silence);
      silence = setTimeout(() => finish({ failure: 'hung', reason: describeHung(timeout) }), timeout * 1000);
    };
    listen();
    const connection = net.createConnection(socket);
    connection.setEncoding('utf8');
    connection.on('connect', () => {
      connected = true;
      connection.write(`${JSON.stringify(request)}\n`);
    });
    connection.on('data', (chunk: string) => {
      listen();
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        let reply: Reply;
        try {
          reply = JSON.parse(line) as Reply;
        } catch {
          finish({ failure: 'broken', reason: 'it sent a line that is not JSON' });
          return;
        }
        if ('alive' in reply) continue;
        replies.push(reply);
        if (isDone(reply)) {
          finish({ replies });
          return;
        }
      }
    });
    connection.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && error.code === 'ENOENT') finish({ failure: 'absent', reason: 'no daemon is running' });
      else if (!connected && error.code === 'ECONNREFUSED') finish({ failure: 'stale', reason: 'its socket is left but no server answers (killed or crashed?)' });
      else finish({ failure: 'broken', reason: error.code ?? error.message });
    });
    connection.on('close', () => finish({ failure: 'broken', reason: 'it stopped during the run' }));
  });
}

/** Removes a socket file no server answers (and its server's record), so that a new server can listen there. */
export function removeStaleSocket(address: DaemonAddress): void {
  // A pipe (Windows) is gone with its server.
  for (const file of process.platform === 'win32' ? [address.record] : [address.socket, address.record]) {
    try {
      fs.unlinkSync(file);
    } catch {
      // Gone already, or another client removed it first.
    }
  }
}

/** What a server records of itself beside its socket (`DaemonAddress.record`). */
export interface ServerRecord {
  pid: number;
  socket: string;
  /** Its socket file's inode (not on Windows, where the socket is a pipe). */
  inode?: string;
}

/** The environment variable of the test-only hook that makes a server hang in a run (see daemon-server.ts). */
export const HANG_VARIABLE = 'LEAKPROOF_DAEMON_TEST_HANG';

/** Removes a server's record if it is still that of `pid` (a newer server may have written its own). */
export function removeRecord(file: string, pid: number): void {
  try {
    if ((JSON.parse(fs.readFileSync(file, 'utf8')) as ServerRecord).pid === pid) fs.unlinkSync(file);
  } catch {
    // gone already, or half written by a newer server (which renames it whole into place)
  }
}

function socketInode(socket: string): string | undefined {
  return fs.statSync(socket, { bigint: true, throwIfNoEntry: false })?.ino.toString();
}

/**
 * Whether `pid` is gone: the one answer of the client, the command and the server. A zombie (ended but
 * not yet reaped by its parent) counts as gone: a server whose `daemon start` exited is an orphan, and
 * where the process that adopts orphans does not reap them (a container whose first process is not an
 * init, as `tail -f /dev/null` in CI containers), it stays a zombie after it ends.
 */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    // /proc/PID/stat: "PID (command) STATE …"; Z is a zombie.
    return / Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)/s, ''));
  } catch {
    return false;
  }
}

/**
 * Why `record` may not be the server that holds `address` now, or undefined when it is: the record must
 * name the address's socket, that socket must be the file the server created (the same inode: not one a
 * newer server made after this one's was removed), and where the system shows a process's command line
 * (Linux's /proc), the process must be a daemon server of that socket (not another program that was given
 * the pid after the server ended).
 */
function whyNotTheServer(record: ServerRecord, address: DaemonAddress): string | undefined {
  if (record.socket !== address.socket) return 'its record names another socket';
  if (process.platform !== 'win32' && (record.inode === undefined || socketInode(address.socket) !== record.inode)) return 'its socket is not the one its record names';
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
  return args.includes(SERVER_SCRIPT) && args[args.indexOf('--socket') + 1] === address.socket ? undefined : `pid ${record.pid} is not its server`;
}

/** How long a killed server is given to be gone before the client goes on (SIGKILL takes milliseconds). */
const KILL_WAIT_MS = 2000;

/** What was done about a hung server: killed (its pid), or left running (why). */
export type HungAction = { killed: number } | { left: string };

/**
 * The one wording of a server that sent no word for `timeout` seconds, and what was done about it
 * (nothing, when `done` is not given): the warning of `lint --daemon` and the line of `daemon stop`,
 * `status` and `start` (`hungLine`) both say it so.
 */
export function describeHung(timeout: number, done?: HungAction): string {
  const silence = `no word from it for ${timeout} s (hung?; ${TIMEOUT_VARIABLE} sets the wait)`;
  if (!done) return silence;
  return `${silence}; ${'killed' in done ? `killed it (pid ${done.killed})` : `left it running: ${done.left}`}`;
}

/** `leakproof daemon`'s line for the hung server of `address`: what `describeHung` says, and where its pid is when it still runs. */
export function hungLine(address: DaemonAddress, timeout: number, done: HungAction): string {
  const pointer = 'killed' in done ? '' : `; see its log, ${address.log}, for its pid`;
  return `leakproof: the daemon for ${address.root} does not answer: ${describeHung(timeout, done)}${pointer}\n`;
}

/**
 * Stops a server that took a request and then sent nothing for the timeout: SIGKILL to the pid it
 * recorded (its event loop is stuck, so a SIGTERM, whose handler would run there, would not be seen),
 * once that pid is shown to be the server of this address; then removes its socket and record, so that
 * the next run starts a new server. The pid killed, or why it was left running.
 */
export async function stopHungServer(address: DaemonAddress): Promise<HungAction> {
  let record: ServerRecord;
  try {
    record = JSON.parse(fs.readFileSync(address.record, 'utf8')) as ServerRecord;
  } catch (error) {
    return { left: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it left no record of its pid' : 'its record of its pid cannot be read' };
  }
  if (!Number.isInteger(record.pid) || record.pid <= 0) return { left: 'its record of its pid cannot be read' };
  const why = whyNotTheServer(record, address);
  if (why) return { left: why };
  try {
    process.kill(record.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') return { left: `cannot kill pid ${record.pid} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  for (const end = Date.now() + KILL_WAIT_MS; !isGone(record.pid); ) {
    if (Date.now() > end) return { left: `pid ${record.pid} did not end within ${KILL_WAIT_MS / 1000} s of SIGKILL` };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (process.platform !== 'win32' && socketInode(address.socket) === record.inode) {
    try {
      fs.unlinkSync(address.socket);
    } catch {
      // another client removed it first
    }
  }
  removeRecord(address.record, record.pid);
  return { killed: record.pid };
}

/** Logs over this size are started afresh when a server starts. */
const LOG_LIMIT = 1 << 20;

/**
 * Starts the daemon of `address` in the background. With `afterPid`, the server waits for that process
 * (the client linting directly this time) to exit before it loads ESLint and TypeScript and parses the
 * project's declaration files, so that the direct run does not share the CPU with it.
 */
export function startServer(address: DaemonAddress, options: { idleTimeout: number; afterPid?: number }): number | undefined {
  let size = 0;
  try {
    size = fs.statSync(address.log).size;
  } catch {
    size = 0;
  }
  const log = fs.openSync(address.log, size > LOG_LIMIT ? 'w' : 'a', 0o600);
  try {
    const args = [SERVER_SCRIPT, '--root', address.root, '--socket', address.socket, '--record', address.record, '--idle-timeout', String(options.idleTimeout)];
    if (options.afterPid !== undefined) args.push('--after-pid', String(options.afterPid));
    // --expose-gc: the server collects garbage once it is idle (see daemon-server.ts).
    const child = spawn(process.execPath, ['--expose-gc', ...args], { cwd: address.root, detached: true, stdio: ['ignore', log, log], windowsHide: true });
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(log);
  }
}

/** What the client prints when it lints directly after all: nothing when no server ran, a warning when one failed. */
function warn(io: CliIO, address: DaemonAddress, reason: string): void {
  io.stderr(`leakproof: warning: the daemon for ${address.root} did not answer: ${reason}; linting directly (its log: ${address.log})\n`);
}

/**
 * What `lint --daemon` did: the daemon ran it (`exitCode`), or the caller lints directly and then calls
 * `startServer` (when given), so that a server is ready for the next run without sharing the CPU with
 * this one.
 */
export type DaemonOutcome = { exitCode: number } | { exitCode?: undefined; startServer?: () => void };

/**
 * `lint --daemon`: runs `argv` in the project's daemon and prints its output as the run printed it.
 * Otherwise the caller must lint directly: no server was running (nothing is printed), or the server
 * failed (a warning says so on stderr); either way the outcome starts a new one afterwards.
 */
export async function lintThroughDaemon(argv: readonly string[], io: CliIO, stdin: string | undefined): Promise<DaemonOutcome> {
  // ESLint prints its rule timings when TIMING is set in the process that loaded it: only a direct run can.
  if (process.env.TIMING) return {};
  const idleTimeout = idleTimeoutFromEnv();
  const timeout = timeoutFromEnv();
  let address: DaemonAddress;
  try {
    if (typeof idleTimeout === 'string') throw new Error(idleTimeout);
    if (typeof timeout === 'string') throw new Error(timeout);
    address = daemonAddress(io.cwd);
  } catch (error) {
    io.stderr(`leakproof: warning: cannot use a daemon: ${error instanceof Error ? error.message : String(error)}; linting directly\n`);
    return {};
  }
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const request: LintRequest = { type: 'lint', argv: [...argv], cwd: io.cwd, env, isTTY: io.isTTY, ...(stdin === undefined ? {} : { stdin }) };
  const outcome = await ask(address.socket, request, (reply) => 'exit' in reply || 'restart' in reply, timeout);
  if ('replies' in outcome) {
    const last = outcome.replies[outcome.replies.length - 1] as Reply;
    if ('exit' in last) {
      for (const reply of outcome.replies) {
        if ('stdout' in reply) io.stdout(reply.stdout);
        else if ('stderr' in reply) io.stderr(reply.stderr);
      }
      return { exitCode: last.exit };
    }
    // The server stopped because its configs or leakproof changed: a fresh one is started for the next run.
  } else if (outcome.failure === 'stale') {
    warn(io, address, outcome.reason);
    removeStaleSocket(address);
  } else if (outcome.failure === 'broken') {
    warn(io, address, outcome.reason);
  } else if (outcome.failure === 'hung') {
    // Once it is killed its socket is free, but this run starts no new server: one that hung may hang
    // again on the same work. The next run starts one.
    warn(io, address, describeHung(timeout, await stopHungServer(address)));
    return {};
  }
  return {
    startServer: () => {
      try {
        startServer(address, { idleTimeout, afterPid: process.pid });
      } catch (error) {
        io.stderr(`leakproof: warning: cannot start a daemon: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    },
  };
}
