import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AUTO_FILES_PER_THREAD, threadsFor, type Concurrency } from '../../src/lint/engine';

// ESLint's options through the built binary, as users run it (`npm test` builds first).
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const PLUGIN = path.join(ROOT, 'dist', 'src', 'index.js');
// A net socket's chunk is a proven Buffer, so the copy is an autofix (an emitter of unknown origin gets a suggestion).
const LEAK = "const net = require('node:net'), socket = net.connect(7000), kept = [];\nsocket.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n";
const FIXED = "const net = require('node:net'), socket = net.connect(7000), kept = [];\nsocket.on('data', (chunk) => { kept.push(Uint8Array.prototype.slice.call(chunk, 0, 4)); });\n";

// Preloaded into the CLI: on exit, prints which of TypeScript and its ESLint parser the process loaded.
const REPORT_LOADED = `process.on('exit', () => {
  const names = Object.keys(require.cache).map((file) => /node_modules[\\\\/](typescript|@typescript-eslint[\\\\/]parser)[\\\\/].*\\.js$/.exec(file)?.[1]).filter(Boolean);
  process.stderr.write('LOADED ' + JSON.stringify([...new Set(names.map((name) => name.replace('\\\\', '/')))].sort()) + '\\n');
});
`;

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `leakproof-${prefix}-`));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function leakproof(args: string[], cwd: string, extra: SpawnSyncOptions = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, ...extra });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function git(dir: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/** File name (relative, /-separated) → rule ids, from JSON output. */
function summary(stdout: string, dir: string): Record<string, string[]> {
  const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
  return Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath).split(path.sep).join('/'), r.messages.map((m) => m.ruleId ?? 'fatal')]));
}

/** A flat config that turns leakproof's view rule on at `severity`. */
function warnConfig(severity: 'warn' | 'error'): string {
  return `const leakproof = require(${JSON.stringify(PLUGIN)});\nmodule.exports = [{ plugins: { leakproof }, rules: { 'leakproof/no-retained-view': '${severity}' } }];\n`;
}

describe('ESLint options', () => {
  it('the README option table lists exactly what --help prints', () => {
    const help = leakproof(['lint', '--help'], ROOT).stdout;
    const fromHelp = help
      .split('\n')
      .filter((line) => /^ {2}(-\w, | {4})?--/.test(line))
      .map((line) => line.trim().split(/\s{2,}/))
      .map(([left, description]) => [(left as string).replace(/^-\w, /, (alias) => alias), description]);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('<!-- begin generated cli options -->'), readme.indexOf('<!-- end generated cli options -->'));
    const fromReadme = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => {
        const [, name, description] = /^\| (.+?) \| (.+) \|$/.exec(line) as RegExpExecArray;
        return [
          (name as string).replace(/`/g, ''),
          (description as string).replace(/\\\|/g, '|').replace(/ \(`[^)]*`\)$/, (choices) => choices.replace(/`/g, '')),
        ];
      });
    expect(fromReadme).toEqual(fromHelp);
    expect(fromHelp.length).toBeGreaterThan(15);
  });

  it('-f, -o and -c are --format, --output-file and --config', () => {
    const dir = tempDir('aliases', { 'server.js': LEAK, 'leakproof.config.cjs': warnConfig('error') });
    const { code, stdout, stderr } = leakproof(['server.js', '-f', 'json', '-o', 'reports/lint.json', '-c', 'leakproof.config.cjs'], dir);
    expect(stdout).toBe('');
    expect(summary(fs.readFileSync(path.join(dir, 'reports', 'lint.json'), 'utf8'), dir)).toEqual({ 'server.js': ['leakproof/no-retained-view'] });
    expect(stderr).toBe('leakproof: 1 files linted (0 with type information, 1 without)\n');
    expect(code).toBe(1);
  });

  it('an option given as the value of another is refused, as ESLint does (-o --fix writes no file named --fix)', () => {
    const dir = tempDir('option-value', { 'server.js': LEAK });
    const { code, stdout, stderr } = leakproof(['server.js', '-o', '--fix'], dir);
    expect(stderr).toBe('leakproof: --output-file needs a value (FILE), not the option --fix\n');
    expect(stdout).toBe('');
    expect(code).toBe(2);
    expect(fs.readdirSync(dir).sort()).toEqual(['server.js']);
  });

  it('warnings exit 0; --max-warnings exits 1 above its count; --quiet drops warnings', () => {
    const dir = tempDir('warnings', { 'server.js': LEAK, 'leakproof.config.cjs': warnConfig('warn') });
    const plain = leakproof(['server.js', '-c', 'leakproof.config.cjs', '-f', 'json'], dir);
    expect(summary(plain.stdout, dir)).toEqual({ 'server.js': ['leakproof/no-retained-view'] });
    expect(plain.code).toBe(0);
    const strict = leakproof(['server.js', '-c', 'leakproof.config.cjs', '--max-warnings', '0'], dir);
    expect(strict.stderr).toContain('leakproof: too many warnings: 1 (maximum: 0)\n');
    expect(strict.code).toBe(1);
    expect(leakproof(['server.js', '-c', 'leakproof.config.cjs', '--max-warnings', '1'], dir).code).toBe(0);
    const quiet = leakproof(['server.js', '-c', 'leakproof.config.cjs', '--quiet', '-f', 'json'], dir);
    expect(summary(quiet.stdout, dir)).toEqual({ 'server.js': [] });
    expect(quiet.code).toBe(0);
    expect(leakproof(['server.js', '--max-warnings', 'many'], dir).stderr).toBe('leakproof: --max-warnings must be a whole number, not "many"\n');
  });

  it('--stdin lints standard input as --stdin-filename; --fix-dry-run prints the fixed text; --fix is refused', () => {
    const dir = tempDir('stdin', { 'tsconfig.json': '{}' });
    const named = leakproof(['--stdin', '--stdin-filename', 'src/server.js', '-f', 'json'], dir, { input: LEAK });
    const [result] = JSON.parse(named.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(result?.filePath).toBe(path.join(dir, 'src', 'server.js'));
    expect(result?.messages.map((m) => [m.ruleId, m.line])).toEqual([['leakproof/no-retained-view', 2]]);
    expect(named.code).toBe(1);
    const dry = leakproof(['--stdin', '--fix-dry-run', '-f', 'json'], dir, { input: LEAK });
    expect((JSON.parse(dry.stdout) as { filePath: string; output: string }[]).map((r) => [r.filePath, r.output])).toEqual([['<text>', FIXED]]);
    const fix = leakproof(['--stdin', '--fix'], dir, { input: LEAK });
    expect(fix.stderr).toBe('leakproof: The --fix option is not available for piped-in code; use --fix-dry-run instead.\n');
    expect(fix.code).toBe(2);
  });

  it('--fix-dry-run computes fixes without writing them; --fix with it is refused', () => {
    const dir = tempDir('dry', { 'server.js': LEAK });
    const { code, stdout } = leakproof(['.', '--fix-dry-run', '-f', 'json'], dir);
    // As with ESLint: the findings a fix resolves are not reported, so nothing is left.
    expect((JSON.parse(stdout) as { output: string; messages: unknown[] }[]).map((r) => [r.output, r.messages])).toEqual([[FIXED, []]]);
    expect(fs.readFileSync(path.join(dir, 'server.js'), 'utf8')).toBe(LEAK);
    expect(code).toBe(0);
    expect(leakproof(['.', '--fix', '--fix-dry-run'], dir).stderr).toBe('leakproof: The --fix option and the --fix-dry-run option cannot be used together.\n');
  });

  it('--ignore-pattern leaves files out; a named file it ignores is warned about and not linted; nothing to lint exits 2', () => {
    const dir = tempDir('patterns', { 'src/server.js': LEAK, 'generated/server.js': LEAK });
    expect(summary(leakproof(['.', '--ignore-pattern', 'generated/**', '-f', 'json'], dir).stdout, dir)).toEqual({ 'src/server.js': ['leakproof/no-retained-view'] });
    const named = leakproof(['generated/server.js', '--ignore-pattern', 'generated/**'], dir);
    expect(named.stderr).toBe(
      [
        'leakproof: warning: generated/server.js is ignored by --ignore-pattern; not linted (--no-ignore lints it)',
        'leakproof: nothing to lint in generated/server.js: no JavaScript or TypeScript file that is not ignored',
        '',
      ].join('\n'),
    );
    expect(named.stdout).toBe('');
    expect(named.code).toBe(2);
    const unignored = leakproof(['generated/server.js', '--ignore-pattern', 'generated/**', '--no-ignore', '-f', 'json'], dir);
    expect(summary(unignored.stdout, dir)).toEqual({ 'generated/server.js': ['leakproof/no-retained-view'] });
    const empty = tempDir('empty', { 'README.md': '# nothing\n' });
    expect(leakproof(['.'], empty)).toEqual({ code: 2, stdout: '', stderr: 'leakproof: nothing to lint in .: no JavaScript or TypeScript file that is not ignored\n' });
  });

  it('a named file that .gitignore or the config ignores is warned about by name; --no-ignore lints it', () => {
    const dir = tempDir('gitignored', { 'vendored/server.js': LEAK, 'generated/server.js': LEAK, 'src/server.js': LEAK });
    git(dir, 'init', '-q');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'vendored/\n');
    fs.writeFileSync(path.join(dir, 'eslint.config.cjs'), "module.exports = [{ ignores: ['generated/**'] }];\n");
    const { code, stdout, stderr } = leakproof(['vendored/server.js', 'generated/server.js', 'src/server.js', '-f', 'json'], dir);
    expect(summary(stdout, dir)).toEqual({ 'src/server.js': ['leakproof/no-retained-view'] });
    expect(stderr).toBe(
      [
        'leakproof: warning: generated/server.js is ignored by the ignores of eslint.config.cjs; not linted (--no-ignore lints it)',
        'leakproof: warning: vendored/server.js is ignored by .gitignore:1 (vendored/); not linted (--no-ignore lints it)',
        '',
      ].join('\n'),
    );
    expect(code).toBe(1);
    const all = leakproof(['.', '--no-ignore', '-f', 'json'], dir);
    expect(Object.keys(summary(all.stdout, dir))).toEqual(['eslint.config.cjs', 'generated/server.js', 'src/server.js', 'vendored/server.js']);
  });

  it("a named file the project's config does not match is linted with the presets, and says so", () => {
    const dir = tempDir('unmatched', { 'server.ts': LEAK, 'eslint.config.cjs': "module.exports = [{ files: ['**/*.js'], rules: {} }];\n" });
    const { code, stdout, stderr } = leakproof(['server.ts', '-f', 'json'], dir);
    expect(summary(stdout, dir)).toEqual({ 'server.ts': ['leakproof/no-retained-view'] });
    expect(stderr).toBe("leakproof: server.ts: no configuration in eslint.config.cjs matches this file; linted with leakproof's presets\n");
    expect(code).toBe(1);
    // Found under a directory: linted too, without a line each.
    expect(summary(leakproof(['.', '-f', 'json'], dir).stdout, dir)).toEqual({ 'eslint.config.cjs': [], 'server.ts': ['leakproof/no-retained-view'] });
  });

  it('skips build output git does not track, and lints what git tracks there', () => {
    const dir = tempDir('build', { 'src/server.js': LEAK, 'build/tracked.js': LEAK, 'dist/untracked.js': LEAK, 'coverage/report.js': LEAK });
    git(dir, 'init', '-q');
    git(dir, 'add', 'src', 'build');
    git(dir, 'commit', '-q', '-m', 'sources');
    expect(Object.keys(summary(leakproof(['.', '-f', 'json'], dir).stdout, dir))).toEqual(['build/tracked.js', 'src/server.js']);
    expect(Object.keys(summary(leakproof(['.', '-f', 'json', '--ignore-pattern', 'build/**'], dir).stdout, dir))).toEqual(['src/server.js']);
    expect(Object.keys(summary(leakproof(['.', '-f', 'json', '--no-ignore'], dir).stdout, dir))).toEqual([
      'build/tracked.js',
      'coverage/report.js',
      'dist/untracked.js',
      'src/server.js',
    ]);
  });

  it('--preset picks the rules; --print-config shows them', () => {
    const dir = tempDir('preset', { 'server.js': LEAK });
    const rules = (args: string[]) => Object.keys((JSON.parse(leakproof(args, dir).stdout) as { rules: Record<string, unknown> }).rules).sort();
    const recommended = rules(['--print-config', 'server.js']);
    const all = rules(['--print-config', 'server.js', '--preset', 'all']);
    expect(recommended).toContain('leakproof/no-retained-view');
    expect(recommended).not.toContain('leakproof/no-cloned-view');
    expect(all).toEqual(['leakproof/no-backing-buffer-escape', 'leakproof/no-buffer-slice', 'leakproof/no-cloned-view', 'leakproof/no-middleman-forwarding', 'leakproof/no-retained-substring', 'leakproof/no-retained-view', 'leakproof/require-hibernation']);
    expect(leakproof(['.', '--preset', 'loose'], dir).stderr).toBe('leakproof: --preset must be one of recommended, recommended-type-checked, strict, all, not "loose"\n');
    expect(leakproof(['.', '--preset', 'all', '-c', 'x.js'], dir).stderr).toBe('leakproof: --preset and --config contradict each other: the config decides the rules\n');
  });

  it('--cache reuses results for unchanged files, per leakproof version and settings', () => {
    const dir = tempDir('cache', { 'server.js': LEAK });
    const first = leakproof(['.', '--cache', '-f', 'json'], dir);
    expect(summary(first.stdout, dir)).toEqual({ 'server.js': ['leakproof/no-retained-view'] });
    expect(fs.readdirSync(path.join(dir, '.leakproofcache')).length).toBe(1);
    // Same size and time, other text: ESLint's cache (by file metadata) answers without reading it.
    const stat = fs.statSync(path.join(dir, 'server.js'));
    fs.writeFileSync(path.join(dir, 'server.js'), LEAK.replace('chunk.subarray(0, 4)', 'chunk.toString(  )  '));
    fs.utimesSync(path.join(dir, 'server.js'), stat.atime, stat.mtime);
    expect(summary(leakproof(['.', '--cache', '-f', 'json'], dir).stdout, dir)).toEqual({ 'server.js': ['leakproof/no-retained-view'] });
    // Without the cache, or with another preset (another cache file), the file is read again.
    expect(summary(leakproof(['.', '-f', 'json'], dir).stdout, dir)).toEqual({ 'server.js': [] });
    expect(summary(leakproof(['.', '--cache', '--preset', 'strict', '-f', 'json'], dir).stdout, dir)).toEqual({ 'server.js': [] });
    expect(fs.readdirSync(path.join(dir, '.leakproofcache')).length).toBe(2);
    leakproof(['.', '--cache', '--cache-location', 'tmp/lint-cache'], dir);
    expect(fs.readdirSync(path.join(dir, 'tmp', 'lint-cache')).length).toBe(1);
  });

  it('a --cache rerun on an unchanged tree never loads TypeScript or its parser; a changed file does', () => {
    const dir = tempDir('cache-lazy', { 'server.ts': LEAK, 'report-loaded.js': REPORT_LOADED });
    const run = () => {
      const result = spawnSync(process.execPath, ['-r', path.join(dir, 'report-loaded.js'), BIN, 'server.ts', '--cache', '-f', 'json'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      return { findings: summary(String(result.stdout), dir), loaded: /LOADED (.*)/.exec(String(result.stderr))?.[1] };
    };
    const findings = { 'server.ts': ['leakproof/no-retained-view'] };
    expect(run()).toEqual({ findings, loaded: '["@typescript-eslint/parser","typescript"]' });
    expect(run()).toEqual({ findings, loaded: '[]' });
    fs.appendFileSync(path.join(dir, 'server.ts'), '// changed\n');
    expect(run()).toEqual({ findings, loaded: '["@typescript-eslint/parser","typescript"]' });
  });

  it("JavaScript no tsconfig covers is read by ESLint's parser: --fix never loads TypeScript or its parser", () => {
    const dir = tempDir('espree-fix', { 'server.js': LEAK, 'report-loaded.js': REPORT_LOADED });
    const result = spawnSync(process.execPath, ['-r', path.join(dir, 'report-loaded.js'), BIN, 'server.js', '--fix'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(fs.readFileSync(path.join(dir, 'server.js'), 'utf8')).toBe(FIXED);
    expect(String(result.stderr)).toBe('leakproof: 1 files linted (0 with type information, 1 without), 1 fixed\nLOADED []\n');
    expect(result.status).toBe(0);
  });

  it('--concurrency lints in worker threads with the same results', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`server${i}.js`] = i % 2 ? LEAK : 'export const x = 1;\n';
    const dir = tempDir('threads', files);
    const off = leakproof(['.', '-f', 'json'], dir);
    const two = leakproof(['.', '-f', 'json', '--concurrency', '2'], dir);
    expect(summary(two.stdout, dir)).toEqual(summary(off.stdout, dir));
    expect(summary(two.stdout, dir)['server1.js']).toEqual(['leakproof/no-retained-view']);
    expect(two.code).toBe(1);
    expect(leakproof(['.', '--concurrency', 'many'], dir).stderr).toBe('leakproof: --concurrency must be a positive whole number, auto or off, not "many"\n');
    // The summary line names the threads; `auto` starts none for 6 files, `1` (ESLint's one thread) none either.
    const stylishTwo = leakproof(['.', '--concurrency', '2'], dir);
    expect(stylishTwo.stderr.split('\n')[0]).toBe('leakproof: 6 files linted (0 with type information, 6 without) in 2 worker threads');
    for (const value of ['auto', '1']) {
      const none = leakproof(['.', '--concurrency', value], dir);
      expect([value, none.stdout, none.stderr]).toEqual([value, stylishTwo.stdout, 'leakproof: 6 files linted (0 with type information, 6 without)\n']);
    }
  });

  it('--progress prints progress on stderr (a pipe is not a terminal, so none without it)', () => {
    const dir = tempDir('progress', { 'a.js': LEAK, 'b.js': 'export const b = 1;\n', 'c.js': 'export const c = 1;\n' });
    const quiet = leakproof(['.'], dir);
    expect(quiet.stderr).toBe('leakproof: 3 files linted (0 with type information, 3 without)\n');
    const shown = leakproof(['.', '--progress'], dir);
    expect(shown).toEqual({ ...quiet, stderr: `leakproof: linted 3/3 files\n${quiet.stderr}` });
    expect(shown.code).toBe(1);
  });

  it("--concurrency auto: leakproof's own count, one thread per 100 files without type information, at most one per core", () => {
    const cases: [Concurrency, number, boolean, number, 'off' | number][] = [
      ['off', 1000, false, 8, 'off'],
      ['auto', 199, false, 2, 'off'],
      // At most half the cores: two threads were slower than one on 2 shared cores.
      ['auto', 200, false, 2, 'off'],
      ['auto', 300, false, 2, 'off'],
      ['auto', 300, false, 4, 2],
      ['auto', 300, false, 8, 3],
      ['auto', 5000, false, 4, 2],
      ['auto', 5000, false, 16, 8],
      ['auto', 5000, false, 1, 'off'],
      // Each thread would build the TypeScript program again.
      ['auto', 5000, true, 4, 'off'],
      // A number is ESLint's: at most one thread per file, none for one.
      [3, 10, true, 2, 3],
      [3, 1, false, 2, 'off'],
      [1, 100, false, 2, 'off'],
    ];
    expect(cases.map(([concurrency, files, typed, cores]) => threadsFor(concurrency, files, typed, cores))).toEqual(cases.map((row) => row[4]));
    expect(AUTO_FILES_PER_THREAD).toBe(100);

    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`f${i}.js`] = `export const x${i} = ${i};\n`;
    const dir = tempDir('auto-threads', files);
    const expected = Math.min(Math.floor(os.availableParallelism() / 2), 2);
    const { code, stdout, stderr } = leakproof(['.', '--concurrency', 'auto'], dir);
    expect(stdout).toBe('');
    // ESLint may add its own warning that threads did not pay for so little work.
    expect(stderr.split('\n')[0]).toBe(`leakproof: 200 files linted (0 with type information, 200 without)${expected > 1 ? ` in ${expected} worker threads` : ''}`);
    expect(code).toBe(0);
  });
});

// Preloaded into the CLI: records, in order, when the lint reads and when `--fix` writes the files named
// a.js … z.js and t1.ts … t9.ts, and prints the list on exit.
const REPORT_IO = `const fs = require('node:fs'), path = require('node:path'), events = [];
const note = (kind, file) => { if (typeof file === 'string' && /^([a-z]\\.js|t\\d\\.ts)$/.test(path.basename(file))) events.push(kind + ' ' + path.basename(file)); };
const { readFile } = fs.promises, { readFileSync, writeFileSync } = fs;
fs.promises.readFile = function (file, ...rest) { note('read', file); return readFile.call(this, file, ...rest); };
fs.readFileSync = function (file, ...rest) { note('read', file); return readFileSync.call(this, file, ...rest); };
fs.writeFileSync = function (file, ...rest) { note('write', file); return writeFileSync.call(this, file, ...rest); };
process.on('exit', () => process.stderr.write('IO ' + JSON.stringify(events) + '\\n'));
`;

// An emitter of unknown origin: its chunk may not be a Buffer, so the finding has a suggestion, no autofix.
const KEPT = "const kept = [];\nemitter.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n";
const TS_LEAK = "import * as net from 'node:net';\nconst socket = net.connect(7000), kept: Buffer[] = [];\nsocket.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n";
const TS_FIXED = TS_LEAK.replace('chunk.subarray(0, 4)', 'Uint8Array.prototype.slice.call(chunk, 0, 4) as Buffer');
const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] }, include: ['*.ts'] });

/** A directory others may write in, and the options that run the CLI as a user root's file modes bind (root writes read-only files). */
function sharedDir(prefix: string, files: Record<string, string>): { dir: string; asUser: SpawnSyncOptions } {
  const dir = tempDir(prefix, files);
  fs.chmodSync(dir, 0o777);
  for (const name of Object.keys(files)) fs.chmodSync(path.join(dir, name), 0o666);
  return { dir, asUser: process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {} };
}

/** Runs the CLI with REPORT_IO preloaded: its result, and the reads and writes apart from stderr. */
function withIO(args: string[], dir: string, extra: SpawnSyncOptions = {}) {
  const preload = path.join(tempDir('report-io', { 'report-io.cjs': REPORT_IO }), 'report-io.cjs');
  fs.chmodSync(path.dirname(preload), 0o755);
  const result = spawnSync(process.execPath, ['-r', preload, BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, ...extra });
  const stderr = String(result.stderr);
  const io = /^IO (.*)\n/m.exec(stderr);
  return { code: result.status, stdout: String(result.stdout), stderr: stderr.replace(/^IO .*\n/m, ''), io: io ? (JSON.parse(io[1] as string) as string[]) : undefined };
}

describe('--fix robustness', () => {
  it('writes each file before reading the next; a read-only file in the middle is reported, those before and after it are written, every finding printed, exit 2', () => {
    const { dir, asUser } = sharedDir('readonly', { 'a.js': LEAK, 'b.js': LEAK, 'c.js': LEAK, 'd.js': KEPT });
    fs.chmodSync(path.join(dir, 'b.js'), 0o444);
    const { code, stdout, stderr, io } = withIO(['.', '--fix'], dir, asUser);
    // b.js, left as it was, is read again and linted without fixes: its finding is printed where it is.
    expect(io).toEqual(['read a.js', 'write a.js', 'read b.js', 'write b.js', 'read c.js', 'write c.js', 'read d.js', 'read b.js']);
    expect([fs.readFileSync(path.join(dir, 'a.js'), 'utf8'), fs.readFileSync(path.join(dir, 'b.js'), 'utf8'), fs.readFileSync(path.join(dir, 'c.js'), 'utf8')]).toEqual([FIXED, LEAK, FIXED]);
    expect(fs.readFileSync(path.join(dir, 'd.js'), 'utf8')).toBe(KEPT);
    expect(stdout).toBe(
      [
        '',
        path.join(dir, 'b.js'),
        "  2:42  error  `chunk.subarray(0, 4)` is a view of `chunk`, received by the 'data' handler; it is kept in `kept`, so the whole ArrayBuffer behind it stays in memory as long as the view does  leakproof/no-retained-view",
        '',
        path.join(dir, 'd.js'),
        "  2:43  error  `chunk.subarray(0, 4)` is a view of `chunk`, received by the 'data' handler; it is kept in `kept`, so the whole ArrayBuffer behind it stays in memory as long as the view does  leakproof/no-retained-view",
        '',
        '✖ 2 problems (2 errors, 0 warnings)',
        '  1 error and 0 warnings potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
    expect(stderr).toBe(
      [
        `leakproof: left ${path.join(dir, 'b.js')} unchanged: cannot write it (EACCES)`,
        'leakproof: 4 files linted (0 with type information, 4 without), 2 fixed',
        '',
      ].join('\n'),
    );
    expect(code).toBe(2);
  });

  it('a multi-file --fix prints what --fix-dry-run prints and writes its fixed texts, typed and untyped, with --concurrency too', () => {
    const files = { 'a.js': LEAK, 'c.js': LEAK, 'd.js': KEPT, 't1.ts': TS_LEAK, 't2.ts': TS_LEAK, 't3.ts': 'export const n = 3;\n', 'tsconfig.json': TSCONFIG };
    const dry = tempDir('multi-dry', files);
    const json = (stdout: string, dir: string) => stdout.split(dir).join('DIR');
    const planned = leakproof(['.', '--fix-dry-run', '-f', 'json'], dry);
    const outputs = Object.fromEntries(
      (JSON.parse(planned.stdout) as { filePath: string; output?: string }[]).filter((r) => r.output !== undefined).map((r) => [path.basename(r.filePath), r.output]),
    );
    expect(outputs).toEqual({ 'a.js': FIXED, 'c.js': FIXED, 't1.ts': TS_FIXED, 't2.ts': TS_FIXED });
    for (const extra of [[], ['--concurrency', '2']]) {
      const dir = tempDir('multi', files);
      const fixed = leakproof(['.', '--fix', '-f', 'json', ...extra], dir);
      // JSON carries each written file's fixed text as `output`, as ESLint's does.
      expect(json(fixed.stdout, dir)).toBe(json(planned.stdout, dry));
      for (const [name, text] of Object.entries(files)) expect([name, fs.readFileSync(path.join(dir, name), 'utf8')]).toEqual([name, outputs[name] ?? text]);
      // (ESLint may warn that two threads are too many for so few files.)
      expect(fixed.stderr).not.toContain('leakproof:');
      expect(fixed.code).toBe(1);
    }
    const stylishDir = tempDir('multi-stylish', files);
    const stylish = leakproof(['.', '--fix'], stylishDir);
    expect(stylish.stdout.split(stylishDir).join('DIR')).toBe(leakproof(['.', '--fix-dry-run'], dry).stdout.split(dry).join('DIR'));
    expect(stylish.stderr).toBe('leakproof: 6 files linted (3 with type information, 3 without), 4 fixed\n');
    expect(fs.readFileSync(path.join(stylishDir, 't2.ts'), 'utf8')).toBe(TS_FIXED);
  });

  // Their program is our own; each fix pass once parsed the text before the fix and garbled the file.
  it('a few named files of a typed project (linted first without a program) are fixed right and written one by one', () => {
    const { dir, asUser } = sharedDir('typed-few', { 't1.ts': TS_LEAK, 't2.ts': TS_LEAK, 't3.ts': 'export const n = 3;\n', 't4.ts': 'export const n = 4;\n', 't5.ts': 'export const n = 5;\n', 't6.ts': 'export const n = 6;\n', 't7.ts': 'export const n = 7;\n', 't8.ts': 'export const n = 8;\n', 'tsconfig.json': TSCONFIG });
    const { code, stderr, io } = withIO(['t1.ts', 't2.ts', '--fix'], dir, asUser);
    expect([fs.readFileSync(path.join(dir, 't1.ts'), 'utf8'), fs.readFileSync(path.join(dir, 't2.ts'), 'utf8')]).toEqual([TS_FIXED, TS_FIXED]);
    // Each file is written before the next is read (the probe pass reads both first, without a program).
    const writes = (io ?? []).filter((event) => event.startsWith('write'));
    expect(writes).toEqual(['write t1.ts', 'write t2.ts']);
    const afterProbe = (io ?? []).slice((io ?? []).lastIndexOf('read t1.ts'));
    expect(afterProbe.indexOf('write t1.ts')).toBeLessThan(afterProbe.lastIndexOf('read t2.ts'));
    expect(stderr).toBe('leakproof: 2 files linted (2 with type information, 0 without), 2 fixed\n');
    expect(code).toBe(0);
  });

  it('--cache --fix writes what it fixes (a read-only file reported) and a rerun finds only what is left', () => {
    const { dir, asUser } = sharedDir('cache-fix', { 'a.js': LEAK, 'b.js': LEAK, 'c.js': LEAK, 'd.js': KEPT });
    fs.chmodSync(path.join(dir, 'b.js'), 0o444);
    const first = leakproof(['.', '--fix', '--cache', '-f', 'json'], dir, asUser);
    expect(summary(first.stdout, dir)).toEqual({ 'a.js': [], 'b.js': ['leakproof/no-retained-view'], 'c.js': [], 'd.js': ['leakproof/no-retained-view'] });
    expect([fs.readFileSync(path.join(dir, 'a.js'), 'utf8'), fs.readFileSync(path.join(dir, 'b.js'), 'utf8'), fs.readFileSync(path.join(dir, 'c.js'), 'utf8')]).toEqual([FIXED, LEAK, FIXED]);
    expect(first.stderr).toBe(`leakproof: left ${path.join(dir, 'b.js')} unchanged: cannot write it (EACCES)\n`);
    expect(first.code).toBe(2);
    const again = leakproof(['.', '--cache', '-f', 'json'], dir, asUser);
    expect(summary(again.stdout, dir)).toEqual({ 'a.js': [], 'b.js': ['leakproof/no-retained-view'], 'c.js': [], 'd.js': ['leakproof/no-retained-view'] });
    expect(again.code).toBe(1);
  });

  it('--config FILE --fix: a read-only file is reported with its findings, the other written', () => {
    const { dir, asUser } = sharedDir('config-readonly', { 'a.js': LEAK, 'b.js': LEAK, 'leakproof.config.cjs': warnConfig('error') });
    fs.chmodSync(path.join(dir, 'b.js'), 0o444);
    const { code, stdout, stderr } = withIO(['a.js', 'b.js', '--fix', '-c', 'leakproof.config.cjs'], dir, asUser);
    expect([fs.readFileSync(path.join(dir, 'a.js'), 'utf8'), fs.readFileSync(path.join(dir, 'b.js'), 'utf8')]).toEqual([FIXED, LEAK]);
    expect(stdout).toBe(
      [
        '',
        path.join(dir, 'b.js'),
        "  2:42  error  `chunk.subarray(0, 4)` is a view of `chunk`, received by the 'data' handler; it is kept in `kept`, so the whole ArrayBuffer behind it stays in memory as long as the view does  leakproof/no-retained-view",
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '  1 error and 0 warnings potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
    expect(stderr).toContain(`leakproof: left ${path.join(dir, 'b.js')} unchanged: cannot write it (EACCES)\n`);
    expect(code).toBe(2);
  });

  it("--config FILE --fix keeps the project's eslint-disable comments for rules that config lacks", () => {
    const source = `// eslint-disable-next-line no-console\nconsole.log('start');\n${LEAK}`;
    const dir = tempDir('directives', { 'server.js': source, 'leakproof.config.cjs': warnConfig('error') });
    const { code, stderr } = leakproof(['server.js', '--fix', '-c', 'leakproof.config.cjs'], dir);
    expect(fs.readFileSync(path.join(dir, 'server.js'), 'utf8')).toBe(`// eslint-disable-next-line no-console\nconsole.log('start');\n${FIXED}`);
    expect(stderr).toBe('leakproof: 1 files linted (0 with type information, 1 without), 1 fixed\n');
    expect(code).toBe(0);
  });
});
