import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// `leakproof daemon` and `lint --daemon` through the built binary, as users run them (`npm test` builds
// first). Every server these tests start listens in a socket directory of their own and is stopped (or
// killed, by the pid its log names) at the end.
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

const created: string[] = [];
const SOCKETS = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-daemon-sockets-'));
created.push(SOCKETS);
// Servers started by `lint --daemon` stop on their own after two minutes even if a test fails before `stop`.
const ENV = { ...process.env, LEAKPROOF_DAEMON_DIR: SOCKETS, LEAKPROOF_DAEMON_IDLE_TIMEOUT: '120' };

/** The servers' logs, one after the other. */
function logs(): string {
  return fs
    .readdirSync(SOCKETS)
    .filter((file) => file.endsWith('.log'))
    .map((file) => fs.readFileSync(path.join(SOCKETS, file), 'utf8'))
    .join('');
}

/** Every server pid the logs name (each writes "[pid] listening" when it starts). */
function serverPids(): number[] {
  return [...new Set([...logs().matchAll(/\[(\d+)\] listening/g)].map((match) => Number(match[1])))];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(() => {
  for (const pid of serverPids()) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the binary without blocking this process: tests of other projects run meanwhile (test.concurrent),
 * and servers that this process plays (a hung one, a dying one) answer.
 */
function leakproof(args: string[], cwd: string, options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: options.env ?? ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input);
  });
}

const LINTED = 'leakproof: 1 files linted (1 with type information, 0 without)\n';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `daemon status` (at most `seconds`) until it says running (`true`) or not (`false`); the status line. */
async function statusUntil(dir: string, running: boolean, seconds = 60): Promise<string> {
  for (const end = Date.now() + seconds * 1000; ; await sleep(300)) {
    const status = await leakproof(['daemon', 'status'], dir);
    if ((status.code === 0) === running || Date.now() > end) return status.stdout;
  }
}

/** Waits (at most `seconds`) for a process to end; whether it did. */
async function exited(pid: number, seconds = 60): Promise<boolean> {
  for (const end = Date.now() + seconds * 1000; isAlive(pid) && Date.now() < end; ) await sleep(100);
  return !isAlive(pid);
}

function runsOf(status: string): number {
  return Number(/, (\d+) runs,/.exec(status)?.[1]);
}

function pidOf(status: string): number {
  return Number(/pid (\d+)/.exec(status)?.[1]);
}

// The header's code does not show a Buffer (the analysis follows `readHeader` into it, untyped): only its type does.
const BUFFER_HEADER = 'declare function load(): Buffer;\nexport function readHeader(): Buffer {\n  return load();\n}\n';
const BYTES_HEADER = 'export function readHeader(): Uint8Array {\n  return new Uint8Array(8);\n}\n';
// `header.slice` is a Buffer's (a view) only with type information: it comes from another file.
const MAIN = "import { readHeader } from './header';\n\nconst header = readHeader();\nexport const tag = header.slice(0, 4);\n";
const MAIN_COPY = "import { readHeader } from './header';\n\nconst header = readHeader();\nexport const tag = Uint8Array.prototype.slice.call(header, 0, 4);\n";
const MAIN_FIXED = "import { readHeader } from './header';\n\nconst header = readHeader();\nexport const tag = header.subarray(0, 4);\n";
const FINDING =
  '`header.slice(0, 4)` is `Buffer#slice` (`header` is a Buffer, typed `Buffer`): a deprecated view, not a copy; it keeps the whole ArrayBuffer behind `header` in memory while it lives. `subarray` is the same view under its honest name.';

/** A typed project of five files (so that one staged file is "a few": linted first without the program). */
function typedProject(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-daemon-')));
  created.push(dir);
  const files: Record<string, string> = {
    'package.json': '{ "name": "daemon-test", "private": true }\n',
    // A tsconfig that extends another file: the server watches what the tsconfigs of its runs extend.
    // No DOM lib: each program parses a fifth less.
    'tsconfig.base.json': JSON.stringify({
      compilerOptions: { strict: true, target: 'es2022', lib: ['es2022'], module: 'commonjs', types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
    }),
    'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', include: ['src'] }),
    'src/header.ts': BUFFER_HEADER,
    'src/main.ts': MAIN,
    'src/a.ts': 'export const a = 1;\n',
    'src/b.ts': 'export const b = 2;\n',
    'src/c.ts': 'export const c = 3;\n',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** `src/main.ts`'s findings as [line, column, rule, message], from JSON output. */
function findings(stdout: string): [number, number, string, string][] {
  const [result] = JSON.parse(stdout) as { messages: { line: number; column: number; ruleId: string; message: string }[] }[];
  return (result?.messages ?? []).map((m) => [m.line, m.column, m.ruleId, m.message]);
}


/** A project without a tsconfig (its server has nothing to parse ahead): one file with a finding, untyped. */
function plainProject(name: string, files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `leakproof-daemon-${name}-`)));
  created.push(dir);
  const all: Record<string, string> = { 'package.json': `{ "name": "${name}", "private": true }\n`, 'server.js': SERVER_JS, ...files };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const SERVER_JS = "const kept = [];\nsocket.on('data', (chunk) => {\n  kept.push(chunk.subarray(0, 4));\n});\n";
const PLAIN_LINTED = 'leakproof: 1 files linted (0 with type information, 1 without)\n';

/** A socket's chunk kept through `slice`: a Buffer's view under a deprecated name, fixable (the socket is net's). */
const socketFile = (port: number) => `const net = require('node:net');\nconst socket = net.connect(${port}), kept = [];\nsocket.on('data', (chunk) => {\n  kept.push(chunk.slice(0, 4));\n});\n`;

/**
 * A project without a tsconfig for the daemon's worker threads: five JavaScript files (four with
 * fixable findings) and two TypeScript files read without types (one with a finding), in two directories.
 */
function poolProject(name: string): string {
  return plainProject(name, {
    'src/s1.js': socketFile(7001),
    'src/s2.js': socketFile(7002),
    'src/s3.js': socketFile(7003),
    'src/s4.js': socketFile(7004),
    'src/clean.js': 'module.exports = { answer: 42 };\n',
    'lib/t1.ts': "import * as net from 'node:net';\n\nconst kept: Buffer[] = [];\nnet.connect(7005).on('data', (chunk: Buffer) => {\n  kept.push(chunk.subarray(0, 4));\n});\n",
    'lib/t2.ts': 'export const two = 2;\n',
  });
}

const POOL_LINTED = 'leakproof: 8 files linted (0 with type information, 8 without)\n';

/** Every file's text under `dir`, by path (to compare what two `--fix` runs wrote). */
function treeText(dir: string): string {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .sort()
    .filter((file) => fs.statSync(path.join(dir, file)).isFile())
    .map((file) => `${file}\n${fs.readFileSync(path.join(dir, file), 'utf8')}`)
    .join('\n');
}

/** Plays the project's server on its socket (where clients look for it): `onRequest` gets each connection once it has sent its request. */
// Where the client looks for a project's server (the built module the binary uses).
const { daemonAddress, SERVER_SCRIPT } = require(path.join(ROOT, 'dist', 'src', 'cli', 'daemon-address.js')) as {
  daemonAddress: (cwd: string, env: NodeJS.ProcessEnv) => { socket: string; log: string; record: string };
  SERVER_SCRIPT: string;
};
// How the client asks a server (here: whether it hangs, without killing it as `daemon status` does).
const { ask } = require(path.join(ROOT, 'dist', 'src', 'cli', 'daemon-client.js')) as {
  ask: (socket: string, request: { type: 'status' } | { type: 'lint'; argv: string[]; cwd: string; env: NodeJS.ProcessEnv; isTTY: boolean }, isDone: (reply: object) => boolean, timeout: number) => Promise<{ failure?: string; reason?: string }>;
};

/** Waits (at most `seconds`) until the server of `dir` sends no word for a second: it hangs in a run. */
async function hangs(dir: string, seconds = 60): Promise<boolean> {
  const { socket } = daemonAddress(dir, ENV);
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await sleep(200)) {
    if ((await ask(socket, { type: 'status' }, (reply) => 'status' in reply, 1)).failure === 'hung') return true;
  }
  return false;
}

async function fakeServer(dir: string, onRequest: (connection: net.Socket) => void): Promise<net.Server> {
  const { socket } = daemonAddress(dir, ENV);
  const server = net.createServer((connection) => connection.once('data', () => onRequest(connection)));
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return server;
}

/**
 * Each test's time limit: they run side by side, so one's time includes the others' CPU (at a load
 * average of 12 on 2 cores the longest took 60 s).
 */
const SIDE_BY_SIDE_MS = 180_000;

let turn: Promise<void> = Promise.resolve();

/** A test that runs once the test declared before it with `inTurn` has ended (they share a server). */
function inTurn(fn: () => Promise<void>): () => Promise<void> {
  const before = turn;
  let done = () => {};
  turn = new Promise<void>((resolve) => (done = resolve));
  return async () => {
    await before;
    try {
      await fn();
    } finally {
      done();
    }
  };
}

// Every test runs beside the others (test.concurrent), each in a project of its own, except the first
// three, which share the typed project's server and run in turn.
describe('leakproof daemon', () => {
  const dir = typedProject();
  // Direct runs (of the project as it is between tests), made once.
  const direct: Record<string, Promise<Run>> = {};
  const directRun = (args: string[]) => (direct[args.join(' ')] ??= leakproof(args, dir));

  it.concurrent(
    'start and status; runs through it print what direct runs print, with their exit codes; --stdin',
    inTurn(async () => {
      const cases = [['src/main.ts'], ['src/a.ts'], ['src/missing.ts'], ['src/main.ts', '--bogus'], ['src/main.ts', '--max-warnings', 'x']];
      const none = await leakproof(['daemon', 'status'], dir);
      expect(none).toEqual({ code: 1, stdout: `leakproof: no daemon running for ${dir}\n`, stderr: '' });
      // The direct runs go on while the server starts.
      for (const args of cases) void directRun(args);
      const start = await leakproof(['daemon', 'start', '--idle-timeout', '120'], dir);
      expect(start.stderr).toBe('');
      expect(start.stdout).toMatch(new RegExp(`^leakproof: daemon started for ${escape(dir)}: pid \\d+, idle timeout 120 s\\n$`));
      expect(start.code).toBe(0);
      const status = await leakproof(['daemon', 'status'], dir);
      expect(status.stdout).toMatch(new RegExp(`^leakproof: daemon running for ${escape(dir)}: pid ${pidOf(start.stdout)}, leakproof \\S+ on Node v\\S+, up \\d+ s, 0 runs, idle \\d+ s of 120 s; 1 TypeScript project, \\d+ parsed files kept\\n$`));
      expect((await leakproof(['daemon', 'start'], dir)).stdout).toMatch(/^leakproof: daemon already running for .*: pid \d+, .*, 0 runs, /);

      for (const args of cases) {
        const expected = await directRun(args);
        expect({ args, ...(await leakproof([...args, '--daemon'], dir)) }).toEqual({ args, ...expected });
      }
      expect(await direct['src/main.ts']).toEqual({ code: 1, stdout: expect.stringContaining(`  4:20  error  ${FINDING.slice(0, -1)}  leakproof/no-buffer-slice\n`), stderr: LINTED });
      expect(await direct['src/a.ts']).toEqual({ code: 0, stdout: '', stderr: LINTED });
      expect((await direct['src/missing.ts'])?.stderr).toMatch(/^leakproof: .*missing\.ts/);
      expect((await direct['src/missing.ts'])?.code).toBe(2);
      expect(await direct['src/main.ts --bogus']).toEqual({ code: 2, stdout: '', stderr: 'leakproof: unknown option --bogus (see --help)\n' });
      // The runs that got past option checks reached the server (a bad option never leaves the client).
      expect(runsOf((await leakproof(['daemon', 'status'], dir)).stdout)).toBe(3);

      const stdin = await leakproof(['--stdin', '--stdin-filename', 'src/main.ts', '-f', 'json', '--daemon'], dir, { input: MAIN });
      expect(findings(stdin.stdout)).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
      expect(stdin.code).toBe(1);

      // The whole project has type information: with --concurrency, it stays on the server's main thread.
      const whole = await directRun(['src']);
      expect(whole).toEqual({ code: 1, stdout: expect.stringContaining('leakproof/no-buffer-slice'), stderr: 'leakproof: 5 files linted (5 with type information, 0 without)\n' });
      expect(await leakproof(['src', '--daemon', '--concurrency', '2'], dir)).toEqual(whole);
      expect((await leakproof(['daemon', 'status'], dir)).stdout).not.toContain('worker thread');
    }),
    SIDE_BY_SIDE_MS,
  );

  it.concurrent(
    'sees edits between runs: of the staged file, of a file it imports that changes a type, a new file it imports; of the whole project too',
    inTurn(async () => {
      const runs = runsOf((await leakproof(['daemon', 'status'], dir)).stdout);
      const lint = async () => {
        const result = await leakproof(['src/main.ts', '-f', 'json', '--daemon'], dir);
        expect(result.stderr).toBe('');
        return findings(result.stdout);
      };
      expect(await lint()).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
      fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN_COPY);
      expect(await lint()).toEqual([]);
      fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN);
      expect(await lint()).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
      // Only the imported file changes: `readHeader()` now returns a plain Uint8Array, whose slice copies.
      fs.writeFileSync(path.join(dir, 'src', 'header.ts'), BYTES_HEADER);
      expect(await lint()).toEqual([]);
      fs.writeFileSync(path.join(dir, 'src', 'header.ts'), BUFFER_HEADER);
      expect(await lint()).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
      // An import of a file that does not exist yet (its type unknown), then does: module resolution is redone.
      fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN.replace("'./header'", "'./later'"));
      expect(await lint()).toEqual([]);
      fs.writeFileSync(path.join(dir, 'src', 'later.ts'), BUFFER_HEADER);
      expect(await lint()).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
      fs.rmSync(path.join(dir, 'src', 'later.ts'));
      fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN);
      // The whole project (typescript-eslint builds its program, which the server drops after each run).
      const lintAll = async () => {
        const result = await leakproof(['src', '-f', 'json', '--daemon'], dir);
        expect(result.stderr).toBe('');
        const main = (JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).find((r) => r.filePath.endsWith('main.ts'));
        return main?.messages.map((m) => m.ruleId);
      };
      expect(await lintAll()).toEqual(['leakproof/no-buffer-slice']);
      fs.writeFileSync(path.join(dir, 'src', 'header.ts'), BYTES_HEADER);
      expect(await lintAll()).toEqual([]);
      fs.writeFileSync(path.join(dir, 'src', 'header.ts'), BUFFER_HEADER);
      expect(runsOf((await leakproof(['daemon', 'status'], dir)).stdout)).toBe(runs + 9);
    }),
    SIDE_BY_SIDE_MS,
  );

  it.concurrent(
    '--fix through the daemon writes what a direct --fix writes; stop',
    inTurn(async () => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-daemon-fix-'));
      created.push(copy);
      fs.cpSync(dir, copy, { recursive: true });
      // Side by side: the direct run is of a copy.
      const [direct, daemon] = await Promise.all([leakproof(['src/main.ts', '--fix'], copy), leakproof(['src/main.ts', '--fix', '--daemon'], dir)]);
      expect(daemon).toEqual({ ...direct, stderr: LINTED.replace('\n', ', 1 fixed\n') });
      expect(direct.code).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'src', 'main.ts'), 'utf8')).toBe(MAIN_FIXED);
      expect(fs.readFileSync(path.join(copy, 'src', 'main.ts'), 'utf8')).toBe(MAIN_FIXED);
      fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN);

      const pid = pidOf((await leakproof(['daemon', 'status'], dir)).stdout);
      expect(await leakproof(['daemon', 'stop'], dir)).toEqual({ code: 0, stdout: `leakproof: daemon stopped for ${dir} (pid ${pid})\n`, stderr: '' });
      expect(await exited(pid)).toBe(true);
      expect(await leakproof(['daemon', 'stop'], dir)).toEqual({ code: 0, stdout: `leakproof: no daemon running for ${dir}\n`, stderr: '' });
    }),
    SIDE_BY_SIDE_MS,
  );

  it.concurrent('no server: --daemon lints directly, prints nothing more and starts one; a killed one: a warning, a direct run, a new server; a changed tsconfig base stops it', async () => {
    // A project of its own, so that this test runs beside the others; the direct run is the other project's.
    const own = typedProject();
    const other = await directRun(['src/main.ts']);
    const expected = { ...other, stdout: other.stdout.replaceAll(dir, own) };
    expect(expected.stdout).toContain(own);
    expect(await leakproof(['src/main.ts', '--daemon'], own)).toEqual(expected);
    const first = await statusUntil(own, true);
    expect(first).toMatch(/^leakproof: daemon running for .*, 0 runs, (idle \d+ s of 120 s|warming up);/);
    expect(await leakproof(['src/main.ts', '--daemon'], own)).toEqual(expected);
    expect(runsOf((await leakproof(['daemon', 'status'], own)).stdout)).toBe(1);

    process.kill(pidOf(first), 'SIGKILL');
    expect(await exited(pidOf(first))).toBe(true);
    const fallback = await leakproof(['src/main.ts', '--daemon'], own);
    expect(fallback.stdout).toBe(expected.stdout);
    expect(fallback.code).toBe(1);
    expect(fallback.stderr).toMatch(
      new RegExp(`^leakproof: warning: the daemon for ${escape(own)} did not answer: its socket is left but no server answers \\(killed or crashed\\?\\); linting directly \\(its log: .*\\.log\\)\\n${escape(LINTED)}$`),
    );
    const second = await statusUntil(own, true);
    expect(pidOf(second)).not.toBe(pidOf(first));
    expect(await leakproof(['src/main.ts', '--daemon'], own)).toEqual(expected);
    expect(runsOf((await leakproof(['daemon', 'status'], own)).stdout)).toBe(1);

    // Read by that run (tsconfig.json extends it): the server sees the change within a few seconds.
    const base = path.join(own, 'tsconfig.base.json');
    fs.writeFileSync(base, fs.readFileSync(base, 'utf8').replace('"strict":true', '"strict":false'));
    expect(await exited(pidOf(second))).toBe(true);
    expect(logs()).toContain(`[${pidOf(second)}] stopping: ${base} changed\n`);
  }, SIDE_BY_SIDE_MS);

  it.concurrent('a server that hangs in a run: the client kills it by the pid it recorded, removes its socket and record, lints directly and says so in one line', async () => {
    const plain = plainProject('hung');
    const [expected, start] = await Promise.all([leakproof(['server.js'], plain), leakproof(['daemon', 'start'], plain)]);
    expect(expected).toEqual({ code: 1, stdout: expect.stringContaining('leakproof/no-retained-view'), stderr: PLAIN_LINTED });
    const pid = pidOf(start.stdout);
    const address = daemonAddress(plain, ENV);
    expect(JSON.parse(fs.readFileSync(address.record, 'utf8'))).toEqual({ pid, socket: address.socket, inode: String(fs.statSync(address.socket, { bigint: true }).ino) });
    // The test-only hook: the server's event loop stops in this run for 10 minutes (it is killed long before).
    const hang = { ...ENV, LEAKPROOF_DAEMON_TEST_HANG: '600' };
    expect(await leakproof(['server.js', '--daemon'], plain, { env: { ...hang, LEAKPROOF_DAEMON_TIMEOUT: '1' } })).toEqual({
      code: 1,
      stdout: expected.stdout,
      stderr: `leakproof: warning: the daemon for ${plain} did not answer: no word from it for 1 s (hung?; LEAKPROOF_DAEMON_TIMEOUT sets the wait); killed it (pid ${pid}); linting directly (its log: ${address.log})\n${PLAIN_LINTED}`,
    });
    // Killed (the client saw it end); its parent (init, or whoever reaps orphans here) may take a moment to reap it.
    expect(await exited(pid, 10)).toBe(true);
    expect(fs.existsSync(address.socket)).toBe(false);
    expect(fs.existsSync(address.record)).toBe(false);
    // Killed in the run, not stopped by itself.
    expect(logs()).toContain(`[${pid}] listening for ${plain}`);
    expect(logs()).not.toContain(`[${pid}] stopping`);
    expect(await leakproof(['daemon', 'status'], plain)).toEqual({ code: 1, stdout: `leakproof: no daemon running for ${plain}\n`, stderr: '' });

    // `daemon stop` kills a hung server too; the run it held (a client that would wait 10 minutes) sees
    // the connection end, lints directly and starts a new server (which stops a second after it is warm).
    const second = pidOf((await leakproof(['daemon', 'start'], plain)).stdout);
    const held = leakproof(['server.js', '--daemon'], plain, { env: { ...hang, LEAKPROOF_DAEMON_TIMEOUT: '600', LEAKPROOF_DAEMON_IDLE_TIMEOUT: '1' } });
    const quick = { ...ENV, LEAKPROOF_DAEMON_TIMEOUT: '1' };
    expect(await hangs(plain)).toBe(true);
    expect(await leakproof(['daemon', 'stop'], plain, { env: quick })).toEqual({
      code: 0,
      stdout: `leakproof: the daemon for ${plain} does not answer: no word from it for 1 s (hung?; LEAKPROOF_DAEMON_TIMEOUT sets the wait); killed it (pid ${second})\n`,
      stderr: '',
    });
    expect(await held).toEqual({
      code: 1,
      stdout: expected.stdout,
      stderr: `leakproof: warning: the daemon for ${plain} did not answer: it stopped during the run; linting directly (its log: ${address.log})\n${PLAIN_LINTED}`,
    });
    expect(await exited(second, 10)).toBe(true);
    expect(logs()).not.toContain(`[${second}] stopping`);
  }, SIDE_BY_SIDE_MS);

  it.concurrent('daemon status on a hung server kills it as stop does: by its recorded pid, its socket and record removed, and says so in the same words', async () => {
    const plain = plainProject('hung-status');
    const pid = pidOf((await leakproof(['daemon', 'start'], plain)).stdout);
    const address = daemonAddress(plain, ENV);
    // A run that the server hangs in (the test-only hook), from a client that would wait 10 minutes.
    const held = leakproof(['server.js', '--daemon'], plain, { env: { ...ENV, LEAKPROOF_DAEMON_TEST_HANG: '600', LEAKPROOF_DAEMON_TIMEOUT: '600', LEAKPROOF_DAEMON_IDLE_TIMEOUT: '1' } });
    expect(await hangs(plain)).toBe(true);
    expect(await leakproof(['daemon', 'status'], plain, { env: { ...ENV, LEAKPROOF_DAEMON_TIMEOUT: '1' } })).toEqual({
      code: 1,
      stdout: `leakproof: the daemon for ${plain} does not answer: no word from it for 1 s (hung?; LEAKPROOF_DAEMON_TIMEOUT sets the wait); killed it (pid ${pid})\n`,
      stderr: '',
    });
    // Checked at once: the run it held starts a new server once it has linted directly.
    expect([fs.existsSync(address.socket), fs.existsSync(address.record)]).toEqual([false, false]);
    expect(await exited(pid, 10)).toBe(true);
    expect(logs()).not.toContain(`[${pid}] stopping`);
    // The run it held sees the connection end and lints directly.
    expect(await held).toEqual({
      code: 1,
      stdout: expect.stringContaining('leakproof/no-retained-view'),
      stderr: `leakproof: warning: the daemon for ${plain} did not answer: it stopped during the run; linting directly (its log: ${address.log})\n${PLAIN_LINTED}`,
    });
  }, SIDE_BY_SIDE_MS);

  it.concurrent('daemon start on a hung server replaces it: kills it by its recorded pid as stop does, starts a new one and says both on stdout', async () => {
    const plain = plainProject('hung-start');
    const old = pidOf((await leakproof(['daemon', 'start'], plain)).stdout);
    const address = daemonAddress(plain, ENV);
    // A run that the server hangs in (the test-only hook), sent by this process: no client of it starts
    // a server of its own once the hung one is gone.
    const held = ask(address.socket, { type: 'lint', argv: ['server.js'], cwd: plain, env: { ...ENV, LEAKPROOF_DAEMON_TEST_HANG: '600' }, isTTY: false }, (reply) => 'exit' in reply, 600);
    expect(await hangs(plain)).toBe(true);
    const start = await leakproof(['daemon', 'start', '--idle-timeout', '120'], plain, { env: { ...ENV, LEAKPROOF_DAEMON_TIMEOUT: '1' } });
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    const [killed, started] = start.stdout.split('\n');
    expect(killed).toBe(`leakproof: the daemon for ${plain} does not answer: no word from it for 1 s (hung?; LEAKPROOF_DAEMON_TIMEOUT sets the wait); killed it (pid ${old})`);
    expect(started).toMatch(new RegExp(`^leakproof: daemon started for ${escape(plain)}: pid \\d+, idle timeout 120 s$`));
    expect(start.stdout.split('\n')).toHaveLength(3);
    const pid = pidOf(started as string);
    expect(pid).not.toBe(old);
    // The run it held ends without an answer; the old server was killed, not stopped by itself.
    expect(await held).toEqual({ failure: 'broken', reason: 'it stopped during the run' });
    expect(await exited(old, 10)).toBe(true);
    expect(logs()).not.toContain(`[${old}] stopping`);
    // The new server recorded itself with the socket it listens on (the file system may give the new
    // socket the old one's inode number), and answers.
    expect(JSON.parse(fs.readFileSync(address.record, 'utf8'))).toEqual({ pid, socket: address.socket, inode: String(fs.statSync(address.socket, { bigint: true }).ino) });
    expect(await leakproof(['server.js', '--daemon'], plain)).toEqual({ code: 1, stdout: expect.stringContaining('leakproof/no-retained-view'), stderr: PLAIN_LINTED });
    expect(runsOf((await leakproof(['daemon', 'status'], plain)).stdout)).toBe(1);
    expect(await leakproof(['daemon', 'stop'], plain)).toEqual({ code: 0, stdout: `leakproof: daemon stopped for ${plain} (pid ${pid})\n`, stderr: '' });
  }, SIDE_BY_SIDE_MS);

  it.concurrent('daemon stop on a server whose parent never reaps it (a container whose first process is no init): it ends as a zombie, and stop says it stopped', async () => {
    const plain = plainProject('unreaped');
    const address = daemonAddress(plain, ENV);
    // The server as `daemon start` starts it, but under a parent that never waits for it: the shell runs it
    // in the background and then becomes `sleep`, as an orphan's adopter that reaps nothing would be.
    const server = [process.execPath, '--expose-gc', SERVER_SCRIPT, '--root', plain, '--socket', address.socket, '--record', address.record, '--idle-timeout', '120'];
    const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
    const parent = spawn('/bin/sh', ['-c', `${server.map(quote).join(' ')} >>${quote(address.log)} 2>&1 & exec sleep 600`], { env: ENV, stdio: 'ignore' });
    try {
      const pid = pidOf(await statusUntil(plain, true));
      expect(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).toMatch(new RegExp(`^${pid} \\([^)]*\\) [A-Y] ${parent.pid} `));
      expect(await leakproof(['daemon', 'stop'], plain)).toEqual({ code: 0, stdout: `leakproof: daemon stopped for ${plain} (pid ${pid})\n`, stderr: '' });
      // Ended, not reaped: its parent never waits.
      expect(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).toMatch(new RegExp(`^${pid} \\([^)]*\\) Z `));
      expect(logs()).toContain(`[${pid}] stopping`);
    } finally {
      parent.kill('SIGKILL');
    }
  }, SIDE_BY_SIDE_MS);

  it.concurrent('a server that dies during a run, or hangs: the client warns and lints directly, with the exit code of a direct run', async () => {
    const plain = plainProject('fallback');
    const expected = await leakproof(['server.js'], plain);
    expect(expected.code).toBe(1);
    expect(expected.stderr).toBe(PLAIN_LINTED);
    // It accepts the run and hangs up without an answer, as a server that crashes in it does.
    const dying = await fakeServer(plain, (connection) => connection.destroy());
    try {
      const result = await leakproof(['server.js', '--daemon'], plain);
      expect(result).toEqual({
        code: 1,
        stdout: expected.stdout,
        stderr: expect.stringMatching(new RegExp(`^leakproof: warning: the daemon for ${escape(plain)} did not answer: it stopped during the run; linting directly \\(its log: .*\\.log\\)\\n${escape(PLAIN_LINTED)}$`)),
      });
    } finally {
      await new Promise((resolve) => dying.close(resolve));
    }
    // It accepts the run and says nothing (a real one says it is alive every second): after
    // LEAKPROOF_DAEMON_TIMEOUT seconds the client gives up on it; it left no record of its pid (this
    // process plays it), so it is not killed, and no new server is started (it holds the socket).
    const held: net.Socket[] = [];
    const hung = await fakeServer(plain, (connection) => held.push(connection));
    const env = { ...ENV, LEAKPROOF_DAEMON_TIMEOUT: '1' };
    try {
      const result = await leakproof(['server.js', '--daemon'], plain, { env });
      expect(result).toEqual({
        code: 1,
        stdout: expected.stdout,
        stderr: expect.stringMatching(
          new RegExp(`^leakproof: warning: the daemon for ${escape(plain)} did not answer: no word from it for 1 s \\(hung\\?; LEAKPROOF_DAEMON_TIMEOUT sets the wait\\); left it running: it left no record of its pid; linting directly \\(its log: .*\\.log\\)\\n${escape(PLAIN_LINTED)}$`),
        ),
      });
      expect(held).toHaveLength(1);
      // Without a record of its pid, status, stop and start cannot tell which process to kill: each says so.
      const { log } = daemonAddress(plain, ENV);
      const left = `leakproof: the daemon for ${plain} does not answer: no word from it for 1 s (hung?; LEAKPROOF_DAEMON_TIMEOUT sets the wait); left it running: it left no record of its pid; see its log, ${log}, for its pid\n`;
      expect(await leakproof(['daemon', 'status'], plain, { env })).toEqual({ code: 1, stdout: left, stderr: '' });
      expect(await leakproof(['daemon', 'stop'], plain, { env })).toEqual({ code: 2, stdout: '', stderr: left });
      expect(await leakproof(['daemon', 'start'], plain, { env })).toEqual({ code: 2, stdout: '', stderr: left });
      // A record that names a process which is not a server of this socket (here: this test's own
      // process, with the socket's very inode): start, stop and status leave it running and say why.
      const { record, socket } = daemonAddress(plain, ENV);
      fs.writeFileSync(record, JSON.stringify({ pid: process.pid, socket, inode: String(fs.statSync(socket, { bigint: true }).ino) }));
      const other = left.replace('it left no record of its pid', `pid ${process.pid} is not its server`);
      expect(await leakproof(['daemon', 'start'], plain, { env })).toEqual({ code: 2, stdout: '', stderr: other });
      expect(await leakproof(['daemon', 'stop'], plain, { env })).toEqual({ code: 2, stdout: '', stderr: other });
      expect(await leakproof(['daemon', 'status'], plain, { env })).toEqual({ code: 1, stdout: other, stderr: '' });
      // Neither the socket nor the record was removed.
      expect([fs.existsSync(socket), fs.existsSync(record)]).toEqual([true, true]);
      fs.rmSync(record);
    } finally {
      for (const connection of held) connection.destroy();
      await new Promise((resolve) => hung.close(resolve));
    }
  }, SIDE_BY_SIDE_MS);

  it.concurrent('a change to a module the ESLint config imports stops the server; the run after it is direct, with the new config', async () => {
    const plugin = JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'));
    const plain = plainProject('config-imports', {
      'eslint.config.mjs': `import leakproof from ${plugin};\nimport { severity } from './lint/severity.mjs';\nexport default [leakproof.configs.recommended, { rules: { 'leakproof/no-retained-view': severity } }];\n`,
      'lint/severity.mjs': "export { severity } from './levels.mjs';\n",
      'lint/levels.mjs': "export const severity = 'error';\n",
    });
    const using = 'leakproof: using the leakproof rules and settings of eslint.config.mjs\n';
    const finding = await leakproof(['server.js'], plain);
    expect(finding).toEqual({ code: 1, stdout: expect.stringContaining('leakproof/no-retained-view'), stderr: `${using}${PLAIN_LINTED}` });
    // No server: a direct run, which starts one; the next run is the server's.
    expect(await leakproof(['server.js', '--daemon'], plain)).toEqual(finding);
    const server = pidOf(await statusUntil(plain, true));
    expect(await leakproof(['server.js', '--daemon'], plain)).toEqual(finding);
    expect(runsOf((await leakproof(['daemon', 'status'], plain)).stdout)).toBe(1);
    // Two imports down from the config.
    const levels = path.join(plain, 'lint', 'levels.mjs');
    fs.writeFileSync(levels, "export const severity = 'off';\n");
    // What a direct run prints now (the old server would still print the finding).
    expect(await leakproof(['server.js', '--daemon'], plain)).toEqual({ code: 0, stdout: '', stderr: `${using}${PLAIN_LINTED}` });
    expect(await exited(server)).toBe(true);
    expect(logs()).toContain(`[${server}] stopping: ${levels} changed\n`);
    // That run started a new server (it loads the config as it is now).
    expect(pidOf(await statusUntil(plain, true))).not.toBe(server);
    expect((await leakproof(['daemon', 'stop'], plain)).code).toBe(0);
  }, SIDE_BY_SIDE_MS);

  it.concurrent('exits when a root config appears, and after its idle timeout', async () => {
    const plain = plainProject('plain');
    const before = await leakproof(['daemon', 'start'], plain);
    expect(before.stdout).toMatch(/idle timeout 120 s\n$/);
    // A second start asks for another idle timeout, which the running server cannot take: it says so.
    const again = await leakproof(['daemon', 'start', '--idle-timeout', '30'], plain);
    expect(again).toEqual({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^leakproof: daemon already running for ${escape(plain)}: pid ${pidOf(before.stdout)}, .*, idle \\d+ s of 120 s; `)),
      stderr: 'leakproof: warning: the running daemon keeps its idle timeout of 120 s; --idle-timeout 30 applies to a server that start starts (run daemon stop first)\n',
    });
    expect(await leakproof(['daemon', 'start', '--idle-timeout', '120'], plain)).toEqual({ code: 0, stdout: expect.stringContaining('daemon already running'), stderr: '' });
    // The root's configs name the socket: the server sees another name, and clients look for a new server.
    fs.writeFileSync(path.join(plain, 'eslint.config.mjs'), 'export default [];\n');
    expect(await exited(pidOf(before.stdout))).toBe(true);
    expect(logs()).toContain(`[${pidOf(before.stdout)}] stopping: a configuration file of ${plain} or leakproof changed\n`);
    const start = await leakproof(['daemon', 'start', '--idle-timeout', '1'], plain);
    expect(start.stdout).toMatch(new RegExp(`^leakproof: daemon started for ${escape(plain)}: pid \\d+, idle timeout 1 s\\n$`));
    expect(await exited(pidOf(start.stdout))).toBe(true);
    expect(logs()).toContain(`[${pidOf(start.stdout)}] stopping: idle for 1 s\n`);
    expect(await leakproof(['daemon', 'status'], plain)).toEqual({ code: 1, stdout: `leakproof: no daemon running for ${plain}\n`, stderr: '' });
  }, SIDE_BY_SIDE_MS);

  it.concurrent('--concurrency 2 through the daemon: its warm worker threads print what a direct run prints, stylish and SARIF, with its exit code; --fix writes the same files; stop ends them', async () => {
    const pool = poolProject('pool');
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-daemon-pool-fix-'));
    created.push(copy);
    fs.cpSync(pool, copy, { recursive: true });
    const [stylish, sarif, start] = await Promise.all([leakproof(['.'], pool), leakproof(['.', '-f', 'sarif'], pool), leakproof(['daemon', 'start'], pool)]);
    expect(stylish).toEqual({ code: 1, stdout: expect.stringContaining('leakproof/no-buffer-slice'), stderr: POOL_LINTED });
    // Findings in both groups (TypeScript read without types, JavaScript read by espree) and both directories.
    for (const file of ['lib/t1.ts', 'src/s1.js', 'src/s4.js']) expect(stylish.stdout).toContain(path.join(pool, file));
    const pid = pidOf(start.stdout);
    const inThreads = POOL_LINTED.replace('\n', ' in 2 worker threads\n');
    // Twice: the second run is answered by the threads the first started.
    for (let run = 0; run < 2; run++) expect(await leakproof(['.', '--daemon', '--concurrency', '2'], pool)).toEqual({ ...stylish, stderr: inThreads });
    // SARIF carries each rule's descriptor, which the server's own thread reads from the rules' meta.
    expect(await leakproof(['.', '-f', 'sarif', '--daemon', '--concurrency', '2'], pool)).toEqual(sarif);
    // `1` is one thread, the server's own.
    expect(await leakproof(['.', '--daemon', '--concurrency', '1'], pool)).toEqual(stylish);
    expect((await leakproof(['daemon', 'status'], pool)).stdout).toMatch(/, 4 runs, idle \d+ s of 120 s; 0 TypeScript projects, 0 parsed files kept, 2 worker threads kept warm\n$/);
    expect(logs().match(new RegExp(`\\[${pid}\\] worker thread \\d+ started`, 'g'))).toEqual([`[${pid}] worker thread 1 started`, `[${pid}] worker thread 2 started`]);

    const [direct, daemon] = await Promise.all([leakproof(['.', '--fix'], copy), leakproof(['.', '--fix', '--daemon', '--concurrency', '2'], pool)]);
    // What the fixes leave: server.js's finding, which has no fix.
    expect(direct).toEqual({ code: 1, stdout: expect.stringContaining(`${path.join(copy, 'server.js')}\n  3:13  error`), stderr: POOL_LINTED.replace('\n', ', 5 fixed\n') });
    expect(direct.stdout).not.toContain(`${path.sep}src${path.sep}`);
    expect(daemon).toEqual({ ...direct, stdout: direct.stdout.replaceAll(copy, pool), stderr: inThreads.replace('\n', ', 5 fixed\n') });
    expect(treeText(pool)).toBe(treeText(copy));
    expect(fs.readFileSync(path.join(pool, 'src', 's1.js'), 'utf8')).toContain('kept.push(Uint8Array.prototype.slice.call(chunk, 0, 4));');

    expect(await leakproof(['daemon', 'stop'], pool)).toEqual({ code: 0, stdout: `leakproof: daemon stopped for ${pool} (pid ${pid})\n`, stderr: '' });
    expect(await exited(pid)).toBe(true);
  }, SIDE_BY_SIDE_MS);

  it.concurrent('a worker thread that crashes or hangs is replaced; the files it had not finished are linted on the main thread, with a warning; idle exit ends the threads', async () => {
    const pool = poolProject('pool-faults');
    const [expected, start] = await Promise.all([leakproof(['.'], pool), leakproof(['daemon', 'start', '--idle-timeout', '30'], pool)]);
    expect(expected.code).toBe(1);
    const pid = pidOf(start.stdout);
    const run = (env: NodeJS.ProcessEnv = {}) => leakproof(['.', '--daemon', '--concurrency', '2'], pool, { env: { ...ENV, ...env } });
    const inThreads = POOL_LINTED.replace('\n', ' in 2 worker threads\n');
    expect(await run()).toEqual({ ...expected, stderr: inThreads });
    /** The warnings of a run: the one `line` matches, and any other is of a thread too (a slow machine may make a healthy one late). */
    const warned = (stderr: string, line: RegExp) => {
      const warnings = stderr.split('\n').filter((text) => text.startsWith('leakproof: warning:'));
      expect(warnings.filter((text) => line.test(text))).toHaveLength(1);
      for (const text of warnings) expect(text).toMatch(/^leakproof: warning: worker thread \d+ of the daemon .* while linting \S+; it is replaced, and the \d+ files it had not finished were linted on the main thread$/);
      expect(stderr.endsWith(inThreads)).toBe(true);
    };
    // The test-only hook: the thread given src/s3.js throws (its job holds that one file).
    const crashed = await run({ LEAKPROOF_DAEMON_TEST_WORKER: 'throw:s3.js' });
    expect({ code: crashed.code, stdout: crashed.stdout }).toEqual({ code: expected.code, stdout: expected.stdout });
    warned(crashed.stderr, /^leakproof: warning: worker thread \d+ of the daemon crashed \(Error: test fault: a worker thread throws on s3\.js\) while linting src\/s3\.js; it is replaced, and the 1 files it had not finished were linted on the main thread$/);
    // The thread given src/s4.js blocks; after LEAKPROOF_DAEMON_TIMEOUT seconds without a word it is terminated.
    const hung = await run({ LEAKPROOF_DAEMON_TEST_WORKER: 'hang:s4.js', LEAKPROOF_DAEMON_TIMEOUT: '5' });
    expect({ code: hung.code, stdout: hung.stdout }).toEqual({ code: expected.code, stdout: expected.stdout });
    warned(hung.stderr, /^leakproof: warning: worker thread \d+ of the daemon sent no word for 5 s \(hung; terminated\) while linting src\/s4\.js; it is replaced, and the 1 files it had not finished were linted on the main thread$/);
    // Replaced: the next run has two threads again, and prints what a direct run prints.
    expect(await run()).toEqual({ ...expected, stderr: inThreads });
    expect((await leakproof(['daemon', 'status'], pool)).stdout).toContain(', 2 worker threads kept warm\n');
    const own = logs().split('\n').filter((text) => text.includes(`[${pid}] worker thread`));
    expect(own.filter((text) => /worker thread \d+ started$/.test(text)).length).toBeGreaterThanOrEqual(4);
    expect(own.some((text) => /crashed \(Error: test fault: a worker thread throws on s3\.js\) while linting .*s3\.js; 1 files of its job left to the main thread$/.test(text))).toBe(true);
    // Idle, the server exits, and its threads with it; a second after each run, each idle thread had
    // collected its garbage, as the server's own thread does.
    expect(await exited(pid, 90)).toBe(true);
    expect(logs().match(new RegExp(`\\[${pid}\\] worker thread \\d+ collected garbage: \\d+ MB of heap in use\n`, 'g'))?.length).toBeGreaterThanOrEqual(2);
    expect(logs()).toContain(`[${pid}] stopping: idle for 30 s\n`);
  }, SIDE_BY_SIDE_MS);

  it.concurrent('bad usage of the daemon command', async () => {
    const plain = plainProject('usage');
    expect(await leakproof(['daemon'], plain)).toEqual({ code: 2, stdout: '', stderr: 'leakproof: daemon: missing action: start, stop, status (see leakproof daemon --help)\n' });
    expect((await leakproof(['daemon', 'restart'], plain)).stderr).toBe('leakproof: daemon: unknown action "restart": start, stop, status\n');
    expect((await leakproof(['daemon', 'start', '--idle-timeout', 'soon'], plain)).stderr).toBe('leakproof: --idle-timeout must be a positive number of seconds, not "soon"\n');
    expect((await leakproof(['daemon', 'status', '--idle-timeout', '5'], plain)).stderr).toBe('leakproof: --idle-timeout is an option of daemon start\n');
    expect(await leakproof(['daemon', 'status'], plain, { env: { ...ENV, LEAKPROOF_DAEMON_TIMEOUT: '0' } })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'leakproof: LEAKPROOF_DAEMON_TIMEOUT must be a positive number of seconds, not "0"\n',
    });
  }, SIDE_BY_SIDE_MS);
});
