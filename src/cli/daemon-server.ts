import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { WorkerPool } from '../lint/pool';
import { WarmPrograms } from '../lint/warm-programs';
import { releaseParserCaches, warmUp } from '../lint/run';
import { packageInfo } from '../package-info';
import { watchedFiles } from './daemon-address';
import { ALIVE_INTERVAL_MS, DEFAULT_TIMEOUT_SECONDS, HANG_VARIABLE, isGone, removeRecord, timeoutFromEnv, type LintRequest, type Reply, type Request, type ServerRecord } from './daemon-client';
import { Watch } from './daemon-watch';
import { EXIT, runCommand, type CliIO } from './io';
import { run as runLint, type LintSession } from './lint';

/**
 * The daemon: one process per project root (and leakproof build, Node version and root configs) that
 * runs `leakproof lint` requests one at a time, keeping ESLint, TypeScript and the parsed files of a few
 * staged files' programs loaded between them. Started by `leakproof daemon start` or by the first
 * `lint --daemon` that finds none; it exits after its idle timeout, on `leakproof daemon stop`, and when a
 * configuration file it has read, or leakproof itself, changes.
 *
 * Usage (by the client only): node daemon-server.js --root DIR --socket PATH --record FILE --idle-timeout SECONDS [--after-pid PID]
 */

interface ServerOptions {
  root: string;
  socket: string;
  /** Where it records its pid and its socket's inode (`DaemonAddress.record`). */
  record: string;
  idleTimeout: number;
  afterPid?: number;
}

function parseServerArgs(argv: readonly string[]): ServerOptions {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const root = value('--root');
  const socket = value('--socket');
  const record = value('--record');
  const idleTimeout = Number(value('--idle-timeout'));
  const afterPid = value('--after-pid');
  if (!root || !socket || !record || !(idleTimeout > 0)) throw new Error('usage: daemon-server.js --root DIR --socket PATH --record FILE --idle-timeout SECONDS [--after-pid PID]');
  return { root, socket, record, idleTimeout, afterPid: afterPid === undefined ? undefined : Number(afterPid) };
}

// The log is the process's stderr as started (a file); a run sends what is written to stderr to its client.
const writeLog = process.stderr.write.bind(process.stderr);

function log(message: string): void {
  writeLog(`${new Date().toISOString()} [${process.pid}] ${message}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a server already answers on `socket`. */
function isAnswered(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const connection = net.createConnection(socket);
    connection.on('connect', () => {
      connection.destroy();
      resolve(true);
    });
    connection.on('error', () => resolve(false));
  });
}

/** How often an idle server looks for changed configurations. */
const WATCH_INTERVAL_MS = 2000;

class Server {
  private readonly programs = new WarmPrograms();
  /**
   * Worker threads for runs with `--concurrency`, started by the first that needs them and kept warm
   * until the server ends. A thread silent for the client's timeout (LEAKPROOF_DAEMON_TIMEOUT, as the
   * run sets it) counts as hung.
   */
  private readonly pool = new WorkerPool({
    silenceMs: () => {
      const seconds = timeoutFromEnv();
      return (typeof seconds === 'number' ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
    },
    log,
  });
  private readonly watch: Watch;
  private readonly started = Date.now();
  private lastActive = Date.now();
  private runs = 0;
  private queue: Promise<void> = Promise.resolve();
  private busy = 0;
  private idleTimer?: NodeJS.Timeout;
  private collectTimer?: NodeJS.Timeout;
  private watchTimer?: NodeJS.Timeout;
  private server?: net.Server;
  private socketInode?: bigint;
  private stopping = false;
  private warming = false;

  constructor(private readonly options: ServerOptions) {
    this.watch = new Watch(options.root, options.socket);
    this.watch.add(watchedFiles(options.root));
  }

  async listen(): Promise<boolean> {
    const server = net.createServer((connection) => this.accept(connection));
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
        server.once('error', resolve);
        server.listen(this.options.socket, () => {
          server.removeListener('error', resolve);
          resolve(undefined);
        });
      });
      if (!error) {
        this.server = server;
        if (process.platform !== 'win32') this.socketInode = fs.statSync(this.options.socket, { bigint: true }).ino;
        this.writeRecord();
        return true;
      }
      if (error.code !== 'EADDRINUSE' || (await isAnswered(this.options.socket))) {
        log(`not started: ${error.code === 'EADDRINUSE' ? 'another server answers on this socket' : error.message}`);
        return false;
      }
      // A socket left by a server that was killed: take its place.
      try {
        fs.unlinkSync(this.options.socket);
      } catch {
        // removed meanwhile
      }
    }
    return false;
  }

  start(): void {
    log(`listening for ${this.options.root} on ${this.options.socket} (leakproof ${packageInfo.version}, idle timeout ${this.options.idleTimeout} s)`);
    this.armIdle();
    this.watchTimer = setInterval(() => {
      const why = this.busy === 0 ? this.watch.changed() : undefined;
      if (why) this.stop(why);
    }, WATCH_INTERVAL_MS);
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => this.stop(`signal ${signal}`));
  }

  /**
   * Loads ESLint and TypeScript, parses the root project's files and lints one, after the client that
   * started this server exits. Queued like a run: a run that comes meanwhile waits for it (and is then
   * answered warm); `stop` ends it between its steps.
   */
  warm(afterPid: number | undefined): void {
    this.warming = true;
    this.queue = this.queue.then(async () => {
      if (afterPid !== undefined) while (!isGone(afterPid) && !this.stopping) await sleep(100);
      const tsconfig = path.join(this.options.root, 'tsconfig.json');
      const started = Date.now();
      try {
        if (!this.stopping) await warmUp(fs.existsSync(tsconfig) ? tsconfig : undefined, this.programs, () => this.stopping);
        log(this.stopping ? 'warm-up cut short: stopping' : `warm in ${Date.now() - started} ms (${this.programs.size().files} files parsed)`);
      } catch (error) {
        log(`warming up failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        releaseParserCaches();
        this.warming = false;
      }
      // The idle time counts from now: the timer may have run out while the warm-up held the process.
      if (this.busy === 0 && !this.stopping) {
        this.armIdle();
        this.collectSoon();
      }
    });
  }

  /**
   * A full garbage collection a second after the last run, when none follows: each run leaves a program
   * and its checker behind, and V8 otherwise lets the heap of a process that allocates in bursts grow
   * (measured on ioredis: 211 MB to 485 MB of RSS over 32 runs, while the heap after a collection stays
   * at 100 MB).
   */
  private collectSoon(): void {
    clearTimeout(this.collectTimer);
    const collect = (globalThis as { gc?: () => void }).gc;
    if (collect) {
      this.collectTimer = setTimeout(() => {
        if (this.busy > 0) return;
        collect();
        // The threads' heaps are their own: each collects its own (V8's --expose-gc holds for them too).
        this.pool.collect();
      }, 1000).unref();
    }
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(`idle for ${this.options.idleTimeout} s`), this.options.idleTimeout * 1000);
  }

  private accept(connection: net.Socket): void {
    connection.setEncoding('utf8');
    let pending = '';
    const onData = (chunk: string) => {
      pending += chunk;
      const newline = pending.indexOf('\n');
      if (newline < 0) return;
      connection.removeListener('data', onData);
      let request: Request;
      try {
        request = JSON.parse(pending.slice(0, newline)) as Request;
      } catch {
        connection.destroy();
        return;
      }
      this.answer(request, connection);
    };
    connection.on('data', onData);
    connection.on('error', () => undefined);
  }

  private answer(request: Request, connection: net.Socket): void {
    const send = (reply: Reply) => {
      if (!connection.destroyed) connection.write(`${JSON.stringify(reply)}\n`);
    };
    if (request.type === 'status') {
      const { projects, files } = this.programs.size();
      const now = Date.now();
      send({
        status: {
          pid: process.pid,
          root: this.options.root,
          version: packageInfo.version,
          node: process.version,
          uptime: Math.round((now - this.started) / 1000),
          idle: this.busy > 0 ? 0 : Math.round((now - this.lastActive) / 1000),
          idleTimeout: this.options.idleTimeout,
          runs: this.runs,
          warming: this.warming,
          projects,
          files,
          threads: this.pool.size,
        },
      });
      connection.end();
      return;
    }
    if (request.type === 'stop') {
      send({ stopping: process.pid });
      connection.end(() => this.stop('asked to stop'));
      return;
    }
    // Runs are queued: each changes the working directory and the environment while it runs.
    this.busy++;
    clearTimeout(this.idleTimer);
    // While the run waits and runs, a word every second tells the client this server is not hung (a
    // client gives up after LEAKPROOF_DAEMON_TIMEOUT seconds of silence).
    const alive = setInterval(() => send({ alive: 1 }), ALIVE_INTERVAL_MS);
    this.queue = this.queue.then(async () => {
      try {
        await this.lint(request, send);
      } catch (error) {
        log(`run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        connection.destroy();
      } finally {
        clearInterval(alive);
        connection.end();
        this.busy--;
        this.lastActive = Date.now();
        if (this.busy === 0 && !this.stopping) {
          this.armIdle();
          this.collectSoon();
        }
      }
    });
  }

  private async lint(request: LintRequest, send: (reply: Reply) => void): Promise<void> {
    const changed = this.watch.changed();
    if (changed) {
      // Give up the socket first, so that the client's new server can listen there at once.
      this.closeSocket();
      send({ restart: changed });
      this.stop(changed);
      return;
    }
    const io: CliIO = {
      stdout: (text) => send({ stdout: text }),
      stderr: (text) => send({ stderr: text }),
      cwd: request.cwd,
      isTTY: request.isTTY,
      readStdin: async () => request.stdin ?? '',
    };
    const session: LintSession = { programs: this.programs, pool: this.pool, configFiles: new Set() };
    const restore = enter(request, io);
    let code: number;
    try {
      hangIfAsked();
      code = await runCommand(() => runLint(request.argv, io, session), io);
    } finally {
      restore();
      // typescript-eslint's own programs (a whole project's, stdin's) would answer the next run from old text.
      releaseParserCaches();
    }
    this.runs++;
    this.watch.add(session.configFiles);
    send({ exit: code });
  }

  /**
   * Records this server's pid beside its socket, with the socket's inode: a client that gets no word
   * from it kills it by that pid, once the inode shows the socket is still this server's (see
   * `stopHungServer`). Written whole or not at all (renamed into place).
   */
  private writeRecord(): void {
    const record: ServerRecord = { pid: process.pid, socket: this.options.socket, ...(this.socketInode === undefined ? {} : { inode: String(this.socketInode) }) };
    const partial = `${this.options.record}.${process.pid}`;
    try {
      fs.writeFileSync(partial, `${JSON.stringify(record)}\n`, { mode: 0o600 });
      fs.renameSync(partial, this.options.record);
    } catch (error) {
      // The server still serves; a client it hangs on then leaves it running, and says so.
      log(`no record of this server written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private closeSocket(): void {
    removeRecord(this.options.record, process.pid);
    this.server?.close();
    if (process.platform === 'win32' || this.socketInode === undefined) return;
    try {
      // Only this server's socket: a newer server may already listen at the same path.
      if (fs.statSync(this.options.socket, { bigint: true }).ino === this.socketInode) fs.unlinkSync(this.options.socket);
    } catch {
      // gone already
    }
    this.socketInode = undefined;
  }

  stop(reason: string): void {
    if (this.stopping) return;
    this.stopping = true;
    log(`stopping: ${reason}`);
    clearTimeout(this.idleTimer);
    clearInterval(this.watchTimer);
    this.closeSocket();
    // A run in progress finishes (its files are written whole) before the process ends, and its threads with it.
    void this.queue.then(async () => {
      await this.pool.close();
      process.exit(EXIT.clean);
    });
  }
}

/**
 * A hook for tests, off unless a run's environment sets LEAKPROOF_DAEMON_TEST_HANG to a number of
 * seconds: the server then hangs in that run for that long, its event loop blocked (no word reaches the
 * client, signal handlers do not run), as a server stuck in a synchronous step would. test/cli/daemon.test.ts
 * uses it to check that the client kills a hung server.
 */
function hangIfAsked(): void {
  const seconds = Number(process.env[HANG_VARIABLE]);
  if (seconds > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
}

/**
 * Gives the process a request's working directory and environment (a git hook's GIT_INDEX_FILE, PATH)
 * and sends what libraries write to the process's own streams (ESLint's warnings) to the client.
 * Returns the function that puts everything back.
 */
function enter(request: LintRequest, io: CliIO): () => void {
  const cwd = process.cwd();
  const env = { ...process.env };
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const forward = (to: (text: string) => void) =>
    ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      to(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') (done as () => void)();
      return true;
    }) as typeof process.stdout.write;
  // First the directory, which may fail (gone since the client sent it): nothing else is changed yet.
  process.chdir(request.cwd);
  setEnv(request.env);
  process.stdout.write = forward(io.stdout);
  process.stderr.write = forward(io.stderr);
  return () => {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    setEnv(env);
    try {
      process.chdir(cwd);
    } catch {
      // the server's first directory is gone; stay where the run left it
    }
  };
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in values)) delete process.env[key];
  for (const [key, value] of Object.entries(values)) if (value !== undefined) process.env[key] = value;
}

async function main(): Promise<void> {
  const options = parseServerArgs(process.argv.slice(2));
  const server = new Server(options);
  process.on('uncaughtException', (error) => {
    log(`crashed: ${error.stack ?? error.message}`);
    process.exit(EXIT.usage);
  });
  if (!(await server.listen())) {
    process.exitCode = EXIT.clean;
    return;
  }
  server.start();
  server.warm(options.afterPid);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT.usage;
  });
}
