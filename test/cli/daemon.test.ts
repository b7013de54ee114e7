import { execFile, spawnSync } from 'node:child_process';
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

function leakproof(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: ENV, encoding: 'utf8', timeout: 120_000, input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const LINTED = 'leakproof: 1 files linted (1 with type information, 0 without)\n';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `daemon status` (at most `seconds`) until it says running (`true`) or not (`false`); the status line. */
async function statusUntil(dir: string, running: boolean, seconds = 60): Promise<string> {
  for (const end = Date.now() + seconds * 1000; ; await sleep(300)) {
    const status = leakproof(['daemon', 'status'], dir);
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

const BUFFER_HEADER = 'export function readHeader(): Buffer {\n  return Buffer.alloc(8);\n}\n';
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
    'tsconfig.base.json': JSON.stringify({
      compilerOptions: { strict: true, target: 'es2022', module: 'commonjs', types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
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


describe('leakproof daemon', () => {
  const dir = typedProject();
  // Direct runs (of the project as it is between tests), made once.
  const direct: Record<string, ReturnType<typeof leakproof>> = {};
  const directRun = (args: string[]) => (direct[args.join(' ')] ??= leakproof(args, dir));

  it('start and status; runs through it print what direct runs print, with their exit codes; --stdin', () => {
    const none = leakproof(['daemon', 'status'], dir);
    expect(none).toEqual({ code: 1, stdout: `leakproof: no daemon running for ${dir}\n`, stderr: '' });
    const start = leakproof(['daemon', 'start', '--idle-timeout', '120'], dir);
    expect(start.stderr).toBe('');
    expect(start.stdout).toMatch(new RegExp(`^leakproof: daemon started for ${escape(dir)}: pid \\d+, idle timeout 120 s\\n$`));
    expect(start.code).toBe(0);
    const status = leakproof(['daemon', 'status'], dir);
    expect(status.stdout).toMatch(new RegExp(`^leakproof: daemon running for ${escape(dir)}: pid ${pidOf(start.stdout)}, leakproof \\S+ on Node v\\S+, up \\d+ s, 0 runs, idle \\d+ s of 120 s; 1 TypeScript project, \\d+ parsed files kept\\n$`));
    expect(leakproof(['daemon', 'start'], dir).stdout).toMatch(/^leakproof: daemon already running for .*: pid \d+, .*, 0 runs, /);

    for (const args of [['src/main.ts'], ['src/a.ts'], ['src/missing.ts'], ['src/main.ts', '--bogus'], ['src/main.ts', '--max-warnings', 'x']]) {
      const expected = directRun(args);
      expect({ args, ...leakproof([...args, '--daemon'], dir) }).toEqual({ args, ...expected });
    }
    expect(direct['src/main.ts']).toEqual({ code: 1, stdout: expect.stringContaining(`  4:20  error  ${FINDING.slice(0, -1)}  leakproof/no-buffer-slice\n`), stderr: LINTED });
    expect(direct['src/a.ts']).toEqual({ code: 0, stdout: '', stderr: LINTED });
    expect(direct['src/missing.ts']?.stderr).toMatch(/^leakproof: .*missing\.ts/);
    expect(direct['src/missing.ts']?.code).toBe(2);
    expect(direct['src/main.ts --bogus']).toEqual({ code: 2, stdout: '', stderr: 'leakproof: unknown option --bogus (see --help)\n' });
    // The runs that got past option checks reached the server (a bad option never leaves the client).
    expect(runsOf(leakproof(['daemon', 'status'], dir).stdout)).toBe(3);

    const stdin = leakproof(['--stdin', '--stdin-filename', 'src/main.ts', '-f', 'json', '--daemon'], dir, MAIN);
    expect(findings(stdin.stdout)).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
    expect(stdin.code).toBe(1);
  });

  it('sees edits between runs: of the staged file, of a file it imports that changes a type, a new file it imports; of the whole project too', () => {
    const runs = runsOf(leakproof(['daemon', 'status'], dir).stdout);
    const lint = () => {
      const result = leakproof(['src/main.ts', '-f', 'json', '--daemon'], dir);
      expect(result.stderr).toBe('');
      return findings(result.stdout);
    };
    expect(lint()).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
    fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN_COPY);
    expect(lint()).toEqual([]);
    fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN);
    expect(lint()).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
    // Only the imported file changes: `readHeader()` now returns a plain Uint8Array, whose slice copies.
    fs.writeFileSync(path.join(dir, 'src', 'header.ts'), BYTES_HEADER);
    expect(lint()).toEqual([]);
    fs.writeFileSync(path.join(dir, 'src', 'header.ts'), BUFFER_HEADER);
    expect(lint()).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
    // An import of a file that does not exist yet (its type unknown), then does: module resolution is redone.
    fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN.replace("'./header'", "'./later'"));
    expect(lint()).toEqual([]);
    fs.writeFileSync(path.join(dir, 'src', 'later.ts'), BUFFER_HEADER);
    expect(lint()).toEqual([[4, 20, 'leakproof/no-buffer-slice', FINDING]]);
    fs.rmSync(path.join(dir, 'src', 'later.ts'));
    fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN);
    // The whole project (typescript-eslint builds its program, which the server drops after each run).
    const lintAll = () => {
      const result = leakproof(['src', '-f', 'json', '--daemon'], dir);
      expect(result.stderr).toBe('');
      const main = (JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).find((r) => r.filePath.endsWith('main.ts'));
      return main?.messages.map((m) => m.ruleId);
    };
    expect(lintAll()).toEqual(['leakproof/no-buffer-slice']);
    fs.writeFileSync(path.join(dir, 'src', 'header.ts'), BYTES_HEADER);
    expect(lintAll()).toEqual([]);
    fs.writeFileSync(path.join(dir, 'src', 'header.ts'), BUFFER_HEADER);
    expect(runsOf(leakproof(['daemon', 'status'], dir).stdout)).toBe(runs + 9);
  });

  it('--fix through the daemon writes what a direct --fix writes; stop', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-daemon-fix-'));
    created.push(copy);
    fs.cpSync(dir, copy, { recursive: true });
    const direct = leakproof(['src/main.ts', '--fix'], copy);
    const daemon = leakproof(['src/main.ts', '--fix', '--daemon'], dir);
    expect(daemon).toEqual({ ...direct, stderr: LINTED.replace('\n', ', 1 fixed\n') });
    expect(direct.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src', 'main.ts'), 'utf8')).toBe(MAIN_FIXED);
    expect(fs.readFileSync(path.join(copy, 'src', 'main.ts'), 'utf8')).toBe(MAIN_FIXED);
    fs.writeFileSync(path.join(dir, 'src', 'main.ts'), MAIN);

    const pid = pidOf(leakproof(['daemon', 'status'], dir).stdout);
    expect(leakproof(['daemon', 'stop'], dir)).toEqual({ code: 0, stdout: `leakproof: daemon stopped for ${dir} (pid ${pid})\n`, stderr: '' });
    expect(await exited(pid)).toBe(true);
    expect(leakproof(['daemon', 'stop'], dir)).toEqual({ code: 0, stdout: `leakproof: no daemon running for ${dir}\n`, stderr: '' });
  });

  it('no server: --daemon lints directly, prints nothing more and starts one; a killed one: a warning, a direct run, a new server; a changed tsconfig base stops it', async () => {
    const expected = directRun(['src/main.ts']);
    expect(leakproof(['src/main.ts', '--daemon'], dir)).toEqual(expected);
    const first = await statusUntil(dir, true);
    expect(first).toMatch(/^leakproof: daemon running for .*, 0 runs, (idle \d+ s of 120 s|warming up);/);
    expect(leakproof(['src/main.ts', '--daemon'], dir)).toEqual(expected);
    expect(runsOf(leakproof(['daemon', 'status'], dir).stdout)).toBe(1);

    process.kill(pidOf(first), 'SIGKILL');
    expect(await exited(pidOf(first))).toBe(true);
    const fallback = leakproof(['src/main.ts', '--daemon'], dir);
    expect(fallback.stdout).toBe(expected.stdout);
    expect(fallback.code).toBe(1);
    expect(fallback.stderr).toMatch(
      new RegExp(`^leakproof: warning: the daemon for ${escape(dir)} did not answer: its socket is left but no server answers \\(killed or crashed\\?\\); linting directly \\(its log: .*\\.log\\)\\n${escape(LINTED)}$`),
    );
    const second = await statusUntil(dir, true);
    expect(pidOf(second)).not.toBe(pidOf(first));
    expect(leakproof(['src/main.ts', '--daemon'], dir)).toEqual(expected);
    expect(runsOf(leakproof(['daemon', 'status'], dir).stdout)).toBe(1);

    // Read by that run (tsconfig.json extends it): the server sees the change within a few seconds.
    const base = path.join(dir, 'tsconfig.base.json');
    fs.writeFileSync(base, fs.readFileSync(base, 'utf8').replace('"strict":true', '"strict":false'));
    expect(await exited(pidOf(second))).toBe(true);
    expect(logs()).toContain(`[${pidOf(second)}] stopping: ${base} changed\n`);
  });

  it('a server that dies during a run: the client warns and lints directly', async () => {
    // Where the client looks for the project's server (the built module the binary uses).
    const { daemonAddress } = require(path.join(ROOT, 'dist', 'src', 'cli', 'daemon-address.js')) as { daemonAddress: (cwd: string, env: NodeJS.ProcessEnv) => { socket: string } };
    const { socket } = daemonAddress(dir, ENV);
    // It accepts the run and hangs up without an answer, as a server that crashes in it does.
    const dying = net.createServer((connection) => connection.once('data', () => connection.destroy()));
    await new Promise<void>((resolve) => dying.listen(socket, resolve));
    try {
      const expected = directRun(['src/main.ts']);
      // Asynchronous: this process answers the socket meanwhile.
      const result = await new Promise<ReturnType<typeof leakproof>>((resolve) => {
        execFile(process.execPath, [BIN, 'src/main.ts', '--daemon'], { cwd: dir, env: ENV, encoding: 'utf8' }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });
      expect(result.stdout).toBe(expected.stdout);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^leakproof: warning: the daemon for ${escape(dir)} did not answer: it stopped during the run; linting directly \\(its log: .*\\.log\\)\\n${escape(LINTED)}$`));
    } finally {
      await new Promise((resolve) => dying.close(resolve));
    }
  });

  it('exits when a root config appears, and after its idle timeout', async () => {
    // A project without a tsconfig: the server loads ESLint and has nothing to parse ahead.
    const plain = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-daemon-plain-')));
    created.push(plain);
    fs.writeFileSync(path.join(plain, 'package.json'), '{ "name": "plain", "private": true }\n');
    const before = leakproof(['daemon', 'start'], plain);
    expect(before.stdout).toMatch(/idle timeout 120 s\n$/);
    // The root's configs name the socket: the server sees another name, and clients look for a new server.
    fs.writeFileSync(path.join(plain, 'eslint.config.mjs'), 'export default [];\n');
    expect(await exited(pidOf(before.stdout))).toBe(true);
    expect(logs()).toContain(`[${pidOf(before.stdout)}] stopping: a configuration file of ${plain} or leakproof changed\n`);
    const start = leakproof(['daemon', 'start', '--idle-timeout', '1'], plain);
    expect(start.stdout).toMatch(new RegExp(`^leakproof: daemon started for ${escape(plain)}: pid \\d+, idle timeout 1 s\\n$`));
    expect(await exited(pidOf(start.stdout))).toBe(true);
    expect(logs()).toContain(`[${pidOf(start.stdout)}] stopping: idle for 1 s\n`);
    expect(leakproof(['daemon', 'status'], plain)).toEqual({ code: 1, stdout: `leakproof: no daemon running for ${plain}\n`, stderr: '' });
  });

  it('bad usage of the daemon command', () => {
    expect(leakproof(['daemon'], dir)).toEqual({ code: 2, stdout: '', stderr: 'leakproof: daemon: missing action: start, stop, status (see leakproof daemon --help)\n' });
    expect(leakproof(['daemon', 'restart'], dir).stderr).toBe('leakproof: daemon: unknown action "restart": start, stop, status\n');
    expect(leakproof(['daemon', 'start', '--idle-timeout', 'soon'], dir).stderr).toBe('leakproof: --idle-timeout must be a positive number of seconds, not "soon"\n');
    expect(leakproof(['daemon', 'status', '--idle-timeout', '5'], dir).stderr).toBe('leakproof: --idle-timeout is an option of daemon start\n');
  });
});
