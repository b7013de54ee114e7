import { helpText, parseArgs, type OptionSpec } from './args';
import { daemonAddress, type DaemonAddress } from './daemon-address';
import { ask, DEFAULT_IDLE_SECONDS, hungLine, IDLE_VARIABLE, idleTimeoutFromEnv, isGone, removeStaleSocket, startServer, stopHungServer, DEFAULT_TIMEOUT_SECONDS, TIMEOUT_VARIABLE, timeoutFromEnv, type DaemonStatus } from './daemon-client';
import { EXIT, UsageError, type CliIO } from './io';

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'idle-timeout',
    type: 'string',
    value: 'SECONDS',
    description: `start: stop the server after SECONDS without a run (default ${IDLE_VARIABLE}, else ${DEFAULT_IDLE_SECONDS})`,
  },
  { name: 'help', alias: 'h', type: 'boolean', description: 'Show this help' },
];

const USAGE = `Usage: leakproof daemon start|stop|status [options]

A background server for the project around the working directory (the nearest directory with .git,
else with package.json) that runs \`leakproof lint --daemon\` runs: it keeps ESLint, TypeScript and the
parsed files of the programs it built, so that a staged file that needs type information is linted in
about the time of a run without it. Files changed since the last run are read again. "lint --daemon
--concurrency N" lints files without type information on N worker threads of the server, started by the
first run that needs them and kept warm until it stops. The server stops after its idle timeout, on
"stop", and when leakproof or a configuration file it read changes (tsconfig.json, eslint.config.*,
package.json, and the project's modules an ESLint config imports). "lint --daemon" starts one when none
runs; when the server sends no word for ${TIMEOUT_VARIABLE} seconds (default ${DEFAULT_TIMEOUT_SECONDS}; a
run sends one every second), it kills the server, warns and lints directly. "stop" and "status" kill a
hung server too, and "start" kills it and starts a new one.`;

const FOOTER = 'Exit codes: 0 done (status: a server is running), 1 status: no server is running, 2 usage error or the server did not start.';

const ACTIONS = ['start', 'stop', 'status'] as const;

function describe(status: DaemonStatus): string {
  const kept = `${status.projects} TypeScript ${status.projects === 1 ? 'project' : 'projects'}, ${status.files} parsed files kept`;
  const idle = status.warming ? 'warming up' : `idle ${status.idle} s of ${status.idleTimeout} s`;
  const threads = status.threads ? `, ${status.threads} worker ${status.threads === 1 ? 'thread' : 'threads'} kept warm` : '';
  return `pid ${status.pid}, leakproof ${status.version} on Node ${status.node}, up ${status.uptime} s, ${status.runs} runs, ${idle}; ${kept}${threads}`;
}

async function statusOf(address: DaemonAddress, timeout: number): Promise<DaemonStatus | 'stale' | 'hung' | undefined> {
  const outcome = await ask(address.socket, { type: 'status' }, (reply) => 'status' in reply, timeout);
  if ('replies' in outcome) {
    const reply = outcome.replies[0];
    return reply && 'status' in reply ? reply.status : undefined;
  }
  return outcome.failure === 'stale' || outcome.failure === 'hung' ? outcome.failure : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits up to `ms` for `condition`, checking every 50 ms. */
async function waitFor(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (await condition()) return true;
  return condition();
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, options } = parseArgs(argv, OPTIONS);
  if (options.help) {
    io.stdout(helpText(USAGE, OPTIONS, FOOTER));
    return EXIT.clean;
  }
  const [action, ...extra] = positionals;
  if (action === undefined) throw new UsageError(`daemon: missing action: ${ACTIONS.join(', ')} (see leakproof daemon --help)`);
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`daemon: unknown action "${action}": ${ACTIONS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`daemon ${action} takes no arguments (got ${extra.join(' ')})`);
  const idleText = options['idle-timeout'] as string | undefined;
  if (idleText !== undefined && action !== 'start') throw new UsageError('--idle-timeout is an option of daemon start');
  let idleTimeout = idleTimeoutFromEnv();
  if (idleText !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(idleText) || Number(idleText) <= 0) throw new UsageError(`--idle-timeout must be a positive number of seconds, not "${idleText}"`);
    idleTimeout = Number(idleText);
  }
  if (typeof idleTimeout === 'string') throw new UsageError(idleTimeout);
  const timeout = timeoutFromEnv();
  if (typeof timeout === 'string') throw new UsageError(timeout);
  let address: DaemonAddress;
  try {
    address = daemonAddress(io.cwd);
  } catch (error) {
    throw new UsageError(`daemon: ${error instanceof Error ? error.message : String(error)}`);
  }
  const found = await statusOf(address, timeout);
  const running = typeof found === 'object' ? found : undefined;
  if (found === 'hung') {
    // Neither a status nor a stop gets through to it, and a new server could not take its socket: stop,
    // status and start kill it by the pid it recorded, with the client's checks (as a client whose run
    // it holds does); start then starts a new server in its place.
    const done = await stopHungServer(address);
    if ('left' in done) {
      // The hung server is still running (no record of it, or the record names another process). Status
      // reports that on stdout (exit 1: it answers no one); stop and start say why on stderr and fail (exit 2).
      if (action === 'status') io.stdout(hungLine(address, timeout, done));
      else io.stderr(hungLine(address, timeout, done));
      return action === 'status' ? EXIT.findings : EXIT.usage;
    }
    io.stdout(hungLine(address, timeout, done));
    if (action === 'stop') return EXIT.clean;
    if (action === 'status') return EXIT.findings;
    // Start: its socket and record are gone with it (stopHungServer removed them).
    return startAndWait(address, idleTimeout, timeout, io);
  }

  if (action === 'status') {
    if (running) {
      io.stdout(`leakproof: daemon running for ${address.root}: ${describe(running)}\n`);
      return EXIT.clean;
    }
    io.stdout(`leakproof: no daemon running for ${address.root}${found === 'stale' ? ' (a socket of a killed server is left; the next run replaces it)' : ''}\n`);
    return EXIT.findings;
  }

  if (action === 'stop') {
    if (!running) {
      if (found === 'stale') removeStaleSocket(address);
      io.stdout(`leakproof: no daemon running for ${address.root}\n`);
      return EXIT.clean;
    }
    await ask(address.socket, { type: 'stop' }, (reply) => 'stopping' in reply, timeout);
    // The server finishes a run in progress before it exits.
    if (!(await waitFor(async () => isGone(running.pid), 60_000))) throw new UsageError(`daemon: pid ${running.pid} did not stop within 60 s`);
    io.stdout(`leakproof: daemon stopped for ${address.root} (pid ${running.pid})\n`);
    return EXIT.clean;
  }

  if (running) {
    io.stdout(`leakproof: daemon already running for ${address.root}: ${describe(running)}\n`);
    // A running server keeps the idle timeout it was started with: an --idle-timeout it cannot take is said, not dropped.
    if (idleText !== undefined && idleTimeout !== running.idleTimeout) {
      io.stderr(`leakproof: warning: the running daemon keeps its idle timeout of ${running.idleTimeout} s; --idle-timeout ${idleText} applies to a server that start starts (run daemon stop first)\n`);
    }
    return EXIT.clean;
  }
  if (found === 'stale') removeStaleSocket(address);
  return startAndWait(address, idleTimeout, timeout, io);
}

/** Starts the server of `address` and waits until it is warm; says so, with its pid. */
async function startAndWait(address: DaemonAddress, idleTimeout: number, timeout: number, io: CliIO): Promise<number> {
  startServer(address, { idleTimeout });
  let started: DaemonStatus | undefined;
  // Ready once it has loaded ESLint and TypeScript, parsed the root project and linted one of its files.
  const up = await waitFor(async () => {
    const status = await statusOf(address, timeout);
    started = typeof status === 'object' ? status : undefined;
    return started !== undefined && !started.warming;
  }, 120_000);
  if (!up || !started) throw new UsageError(`daemon: the server was not ready within 120 s (see ${address.log})`);
  io.stdout(`leakproof: daemon started for ${address.root}: pid ${(started as DaemonStatus).pid}, idle timeout ${idleTimeout} s\n`);
  return EXIT.clean;
}
