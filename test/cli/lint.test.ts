import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The built binary, as users run it (`npm test` builds first).
const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const FIXTURES = path.join(ROOT, 'fixtures');

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory outside the repository (no .gitignore or tsconfig applies), removed after the suite. */
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `leakproof-${prefix}-`));
  created.push(dir);
  return dir;
}

function leakproof(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the fixtures outside the repo, whose tsconfig still finds the repo's @types. */
function tempCopy(from: string): string {
  const dir = tempDir('cli');
  fs.cpSync(from, dir, { recursive: true });
  const tsconfigPath = path.join(dir, 'tsconfig.json');
  const tsconfig = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8'));
  tsconfig.compilerOptions.typeRoots = [path.join(ROOT, 'node_modules', '@types')];
  fs.writeFileSync(tsconfigPath, JSON.stringify(tsconfig));
  return dir;
}

describe('leakproof lint', () => {
  it('reports the leaky fixtures with file:line and exits 1; fixed files stay clean', () => {
    const { code, stdout, stderr } = leakproof(['fixtures']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/fixtures[\\/]tcp-frame-parser[\\/]leaky\.ts\n\s+18:24\s+error\s+`this\.pending\.subarray\(4, 4 \+ length\)` is a view of the accumulation buffer `this\.pending`; it is kept in `this\.frames`/);
    expect(stdout).toMatch(/fixtures[\\/]log-tailer[\\/]leaky\.ts\n\s+11:20\s+error .* leakproof\/no-retained-substring/);
    expect(stdout).not.toMatch(/fixed\.ts/);
    expect(stderr).toMatch(/leakproof: \d+ files linted \(\d+ with type information, 0 without\)/);
  });

  it('prints JSON results with rule ids and locations', () => {
    const { code, stdout } = leakproof(['fixtures/dns-cache', '--format', 'json']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    const leaky = results.find((result) => result.filePath.endsWith(path.join('dns-cache', 'leaky.ts')));
    expect(leaky?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['leakproof/no-retained-view', 11, 20]]);
    const fixed = results.find((result) => result.filePath.endsWith(path.join('dns-cache', 'fixed.ts')));
    expect(fixed?.messages).toEqual([]);
  });

  it('prints SARIF 2.1.0 with repo-relative paths', () => {
    const { code, stdout } = leakproof(['fixtures/dns-cache', '--format=sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(log.version).toBe('2.1.0');
    const result = log.runs[0].results[0];
    expect(result.ruleId).toBe('leakproof/no-retained-view');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('fixtures/dns-cache/leaky.ts');
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 11, startColumn: 20 });
  });

  it('SARIF: paths relative to %SRCROOT% (the repository root, from any directory), full rule descriptors, parse errors with a docs page', () => {
    const { code, stdout } = leakproof(['dns-cache', 'tcp-frame-parser/leaky.ts', '--format', 'sarif'], FIXTURES);
    expect(code).toBe(1);
    const run = JSON.parse(stdout).runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${new URL(`file://${ROOT}`).href}/` } });
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'fixtures/dns-cache/leaky.ts', uriBaseId: '%SRCROOT%' });
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'leakproof/no-retained-view');
    expect(rule).toMatchObject({
      id: 'leakproof/no-retained-view',
      name: 'no-retained-view',
      shortDescription: { text: 'Disallow keeping zero-copy views of incoming data beyond the handler that received it.' },
      helpUri: 'https://github.com/leakproof-dev/leakproof/blob/main/docs/rules/no-retained-view.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['problem', 'memory', 'recommended', 'recommended-type-checked', 'strict', 'all', 'autofix', 'suggestions'] },
    });
    expect(rule.fullDescription.text.length).toBeGreaterThan(rule.shortDescription.text.length);
    expect(rule.help.text).toMatch(/ Docs: https:\/\/github\.com\/leakproof-dev\/leakproof\/blob\/main\/docs\/rules\/no-retained-view\.md$/);
    expect(rule.help.markdown).toContain('## Examples');

    const dir = tempDir('parse');
    fs.writeFileSync(path.join(dir, 'broken.js'), 'const x = ;\n');
    const broken = JSON.parse(leakproof(['.', '--format', 'sarif'], dir).stdout).runs[0];
    expect(broken.results[0]).toMatchObject({ ruleId: 'leakproof/parse-error', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.js', uriBaseId: '%SRCROOT%' } } }] });
    expect(broken.tool.driver.rules).toEqual([
      expect.objectContaining({ id: 'leakproof/parse-error', helpUri: 'https://github.com/leakproof-dev/leakproof/blob/main/docs/parse-error.md' }),
    ]);
  });

  it('reads JavaScript no tsconfig covers with espree, and with TypeScript\'s parser what espree rejects', () => {
    const dir = tempDir('untyped-js');
    fs.writeFileSync(path.join(dir, 'server.js'), "const kept = [];\nsocket.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n");
    // Type annotations in a .js file: espree cannot read them, typescript-eslint's parser can.
    fs.writeFileSync(path.join(dir, 'annotated.js'), "const kept: Buffer[] = [];\nsocket.on('data', (chunk: Buffer) => { kept.push(chunk.subarray(0, 4)); });\n");
    fs.writeFileSync(path.join(dir, 'broken.js'), 'const x = ;\n');
    const { code, stdout, stderr } = leakproof(['.', '--format', 'json'], dir);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; line: number; message: string }[] }[];
    expect(results.map((result) => [path.basename(result.filePath), result.messages.map((message) => [message.ruleId, message.line])])).toEqual([
      ['annotated.js', [['leakproof/no-retained-view', 2]]],
      ['broken.js', [[null, 1]]],
      ['server.js', [['leakproof/no-retained-view', 2]]],
    ]);
    expect(results[1]?.messages[0]?.message).toBe('Parsing error: Expression expected.');
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('lints a few named files of a large typed project with a program of their own, with the same findings', () => {
    const dir = tempDir('staged');
    const tsconfig = { compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] }, include: ['*.ts'] };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    // A global the staged file uses, declared in a file it does not import.
    fs.writeFileSync(path.join(dir, 'globals.d.ts'), 'declare const inbox: import("node:net").Socket;\n');
    fs.writeFileSync(path.join(dir, 'server.ts'), "const kept: Buffer[] = [];\ninbox.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\nexport {};\n");
    for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(dir, `util${i}.ts`), `export const n${i} = ${i};\n`);
    const whole = leakproof(['.', '--format', 'json'], dir);
    const staged = leakproof(['server.ts', '--format', 'json'], dir);
    const messages = (stdout: string) =>
      (JSON.parse(stdout) as { filePath: string; messages: unknown[] }[]).find((result) => result.filePath.endsWith('server.ts'))?.messages;
    expect(messages(staged.stdout)).toEqual(messages(whole.stdout));
    expect(messages(staged.stdout)).toEqual([expect.objectContaining({ ruleId: 'leakproof/no-retained-view', line: 2 })]);
    expect(leakproof(['server.ts'], dir).stderr).toBe('leakproof: 1 files linted (1 with type information, 0 without)\n');
    expect(staged.code).toBe(1);
  });

  it('builds no program for named files whose findings types cannot change; the others get one, at their first parse (--cache)', () => {
    const dir = tempDir('probe');
    const tsconfig = { compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] }, include: ['*.ts'] };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    fs.writeFileSync(path.join(dir, 'source.ts'), 'declare function load(): Buffer;\nexport function readFrame(): Buffer {\n  return load();\n}\n');
    // Only the checker knows `frame` is a Buffer: its type comes from another file, whose code does not show it.
    fs.writeFileSync(path.join(dir, 'header.ts'), "import { readFrame } from './source';\n\nexport function header(): Buffer {\n  const frame = readFrame();\n  return frame.slice(0, 4);\n}\n");
    fs.writeFileSync(path.join(dir, 'math.ts'), 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(dir, `util${i}.ts`), `export const n${i} = ${i};\n`);
    // Preloaded: on exit, prints the files TypeScript read to build a program (its lib, and what the named files import).
    fs.writeFileSync(
      path.join(dir, 'report-reads.js'),
      "const fs = require('node:fs'), path = require('node:path'), read = new Set(), readFileSync = fs.readFileSync;\n" +
        "fs.readFileSync = function (file, ...rest) { if (typeof file === 'string' && /(^lib\\..*\\.d\\.ts|^source\\.ts)$/.test(path.basename(file))) read.add(/^lib/.test(path.basename(file)) ? 'lib' : path.basename(file)); return readFileSync.call(this, file, ...rest); };\n" +
        "process.on('exit', () => process.stderr.write('READ ' + JSON.stringify([...read].sort()) + '\\n'));\n",
    );
    const run = (...files: string[]) => {
      const result = spawnSync(process.execPath, ['-r', path.join(dir, 'report-reads.js'), BIN, ...files, '-f', 'json'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      const results = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
      return {
        code: result.status,
        findings: results.map((entry) => [path.basename(entry.filePath), entry.messages.map((message) => `${message.ruleId}:${message.line}`)]),
        read: /READ (.*)/.exec(result.stderr)?.[1],
      };
    };
    expect(run('math.ts')).toEqual({ code: 0, findings: [['math.ts', []]], read: '[]' });
    expect(run('header.ts', 'math.ts')).toEqual({ code: 1, findings: [['header.ts', ['leakproof/no-buffer-slice:5']], ['math.ts', []]], read: '["lib","source.ts"]' });
    expect(leakproof(['math.ts'], dir).stderr).toBe('leakproof: 1 files linted (1 with type information, 0 without)\n');
    // A pre-commit hook's --cache: the program is built at the first file parsed, so an unchanged file needs none.
    const header = { code: 1, findings: [['header.ts', ['leakproof/no-buffer-slice:5']], ['math.ts', []]] };
    expect(run('header.ts', 'math.ts', '--cache')).toEqual({ ...header, read: '["lib","source.ts"]' });
    // No program (no lib read); source.ts is read by the untyped pass, which follows `readFrame` into it.
    expect(run('header.ts', 'math.ts', '--cache')).toEqual({ ...header, read: '["source.ts"]' });
  });

  it('exits 0 on clean code and lints without types where no tsconfig covers the files', () => {
    const dir = tempDir('clean');
    fs.writeFileSync(path.join(dir, 'server.js'), "socket.on('data', (chunk) => socket.write(chunk.subarray(0, 4)));\n");
    const { code, stdout, stderr } = leakproof([dir]);
    expect(stdout).toBe('');
    expect(stderr).toContain('1 files linted (0 with type information, 1 without)');
    expect(code).toBe(0);
  });

  it('frees each project before the next in a monorepo: 12 typed projects lint within a 400 MB heap', () => {
    // Each program holds @types/node (about 90 MB); kept alive, twelve of them exceed the limit.
    const dir = tempDir('monorepo');
    const tsconfig = { compilerOptions: { strict: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] }, include: ['*.ts'] };
    for (let i = 0; i < 12; i++) {
      const pkg = path.join(dir, `pkg${i}`);
      fs.mkdirSync(pkg);
      fs.writeFileSync(path.join(pkg, 'tsconfig.json'), JSON.stringify(tsconfig));
      fs.writeFileSync(path.join(pkg, 'server.ts'), "import type { Socket } from 'node:net';\nconst kept: Buffer[] = [];\nexport const watch = (socket: Socket) => socket.on('data', (chunk) => kept.push(chunk.subarray(0, 4)));\n");
    }
    const result = spawnSync(process.execPath, ['--max-old-space-size=400', BIN, dir, '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).not.toContain('heap out of memory');
    const files = JSON.parse(result.stdout) as { messages: { ruleId: string | null }[] }[];
    expect(files.map((file) => file.messages.map((message) => message.ruleId))).toEqual(Array.from({ length: 12 }, () => ['leakproof/no-retained-view']));
    expect(result.status).toBe(1);
  });

  // CI=true once made typescript-eslint build this project another way, so the answer changed on CI.
  it.each([['unset', undefined], ['true', 'true']])('lints without types the files a tsconfig lists that typescript-eslint leaves out of its program (project references), CI %s', (_name, ci) => {
    const dir = tempDir('references');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ['src'], references: [{ path: './tsconfig.node.json' }] }));
    // A composite project with no `include` covers src/ too: TypeScript gives the files to it.
    fs.writeFileSync(path.join(dir, 'tsconfig.node.json'), JSON.stringify({ compilerOptions: { composite: true } }));
    fs.writeFileSync(
      path.join(dir, 'src', 'server.ts'),
      "const kept: Buffer[] = [];\nsocket.on('data', (chunk: Buffer) => { kept.push(chunk.subarray(0, 4)); });\n",
    );
    const { CI: _ci, ...env } = process.env;
    const { code, stdout, stderr } = leakproof(['.', '--format', 'json'], dir, ci === undefined ? env : { ...env, CI: ci });
    const results = JSON.parse(stdout) as { messages: { ruleId: string | null; line: number; fatal?: boolean }[] }[];
    expect(results[0]?.messages.map((message) => [message.ruleId, message.line, message.fatal ?? false])).toEqual([['leakproof/no-retained-view', 2, false]]);
    expect(stderr).toContain('leakproof: tsconfig.json: typescript-eslint builds a program without some files it lists (project references?); 1 of its files linted without type information');
    expect(code).toBe(1);
  });

  it('lints the files of a tsconfig TypeScript cannot load without types, and says why', () => {
    const dir = tempDir('broken-tsconfig');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '@company/tsconfig-base/tsconfig.json', include: ['*.ts'] }));
    fs.writeFileSync(
      path.join(dir, 'server.ts'),
      "const kept: Buffer[] = [];\nsocket.on('data', (chunk: Buffer) => { kept.push(chunk.subarray(0, 4)); });\n",
    );
    const { code, stdout, stderr } = leakproof([dir, '--format', 'json'], dir);
    const results = JSON.parse(stdout) as { messages: { ruleId: string | null; line: number; fatal?: boolean }[] }[];
    expect(results[0]?.messages.map((message) => [message.ruleId, message.line, message.fatal ?? false])).toEqual([['leakproof/no-retained-view', 2, false]]);
    expect(stderr).toContain("leakproof: tsconfig.json: File '@company/tsconfig-base/tsconfig.json' not found; 1 of its files linted without type information");
    expect(code).toBe(1);
  });

  it("reports only leakproof's findings: a project's comments about its other rules are not noise", () => {
    const dir = tempDir('directives');
    fs.writeFileSync(
      path.join(dir, 'server.js'),
      [
        '/* eslint-disable @typescript-eslint/no-unused-vars */',
        '// eslint-disable-next-line no-console',
        "socket.on('data', (chunk) => socket.write(chunk.subarray(0, 4)));",
        '',
      ].join('\n'),
    );
    const { code, stdout } = leakproof([dir]);
    expect(stdout).toBe('');
    expect(code).toBe(0);
  });

  it('lints every JavaScript and TypeScript file kind', () => {
    const dir = tempDir('kinds');
    const leak = "const kept = [];\nsocket.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n";
    for (const ext of ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs']) fs.writeFileSync(path.join(dir, `server.${ext}`), leak);
    fs.writeFileSync(path.join(dir, 'view.jsx'), `${leak}export const View = () => <div>{kept.length}</div>;\n`);
    fs.writeFileSync(path.join(dir, 'view.tsx'), `${leak}export const View = () => <div>{kept.length}</div>;\n`);
    const { code, stdout } = leakproof([dir, '--format', 'json']);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(results.map((r) => [path.basename(r.filePath), r.messages.map((m) => `${m.ruleId}@${m.line}`)])).toEqual(
      ['server.cjs', 'server.cts', 'server.js', 'server.mjs', 'server.mts', 'server.ts', 'view.jsx', 'view.tsx'].map((name) => [
        name,
        ['leakproof/no-retained-view@2'],
      ]),
    );
    expect(code).toBe(1);
  });

  it("honours .gitignore and the project's ESLint ignores", () => {
    const dir = tempDir('ignores');
    const leak = "const kept = [];\nsocket.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n";
    for (const sub of ['src', 'generated', 'vendored']) {
      fs.mkdirSync(path.join(dir, sub));
      fs.writeFileSync(path.join(dir, sub, 'server.js'), leak);
    }
    spawnSync('git', ['init', '-q'], { cwd: dir });
    fs.writeFileSync(path.join(dir, '.gitignore'), 'vendored/\n');
    fs.writeFileSync(path.join(dir, 'eslint.config.cjs'), "module.exports = [{ ignores: ['generated/**'] }];\n");
    const { stdout } = leakproof(['.', '--format', 'json'], dir);
    const files = (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath).split(path.sep).join('/'));
    expect(files).toEqual(['eslint.config.cjs', 'src/server.js']);
  });

  it("applies the project's own leakproof rules and settings from its ESLint config, and says so", () => {
    const source =
      "const kept = [];\nclass Peer {\n  ingest(frame) {\n    kept.push(frame.subarray(0, 4));\n  }\n}\nexport const first = Buffer.from('abc').slice(0, 1);\nexport { Peer };\n";
    const summary = (stdout: string) =>
      (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; line: number }[] }[])
        .filter((result) => result.filePath.endsWith('peer.js'))
        .map((result) => result.messages.map((message) => [message.ruleId, message.line]));
    // Without a config: the presets, which do not know `ingest` as a handler.
    const plain = tempDir('own-config-none');
    fs.writeFileSync(path.join(plain, 'peer.js'), source);
    expect(summary(leakproof(['.', '--format', 'json'], plain).stdout)).toEqual([[['leakproof/no-buffer-slice', 7]]]);

    const dir = tempDir('own-config');
    fs.writeFileSync(path.join(dir, 'peer.js'), source);
    fs.writeFileSync(
      path.join(dir, 'eslint.config.cjs'),
      `const leakproof = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'))});
module.exports = [
  leakproof.configs.recommended,
  { rules: { 'leakproof/no-buffer-slice': 'off' }, settings: { leakproof: { handlerMethods: ['ingest'] } } },
];\n`,
    );
    const { code, stdout, stderr } = leakproof(['.', '--format', 'json'], dir);
    expect(summary(stdout)).toEqual([[['leakproof/no-retained-view', 4]]]);
    expect(stderr).toBe('leakproof: using the leakproof rules and settings of eslint.config.cjs\n');
    expect(code).toBe(1);
    // Run from elsewhere, the config nearest the files still applies (ESLint 10 looks it up per file).
    const fromParent = leakproof([path.basename(dir), '--format', 'json'], path.dirname(dir));
    expect(summary(fromParent.stdout)).toEqual([[['leakproof/no-retained-view', 4]]]);
    expect(fromParent.stderr).toBe(`leakproof: using the leakproof rules and settings of ${path.join(path.basename(dir), 'eslint.config.cjs')}\n`);
  });

  it('falls back to the presets, and says why, when the project\'s ESLint config cannot be loaded', () => {
    const dir = tempDir('own-config-broken');
    fs.writeFileSync(path.join(dir, 'server.js'), "const kept = [];\nsocket.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n");
    fs.writeFileSync(path.join(dir, 'eslint.config.cjs'), "module.exports = [require('eslint-plugin-not-installed').configs.recommended];\n");
    const { code, stdout, stderr } = leakproof(['.', '--format', 'json'], dir);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
    expect(results.find((result) => result.filePath.endsWith('server.js'))?.messages.map((message) => message.ruleId)).toEqual(['leakproof/no-retained-view']);
    expect(stderr).toMatch(/^leakproof: eslint\.config\.cjs: Cannot find module 'eslint-plugin-not-installed'.*; linting its files with leakproof's presets\n$/);
    expect(code).toBe(1);
  });

  it('--exit-zero keeps findings in the output but exits 0', () => {
    const { code, stdout } = leakproof(['fixtures/dns-cache', '--exit-zero']);
    expect(code).toBe(0);
    expect(stdout).toContain('leakproof/no-retained-view');
  });

  it.each([
    [['no/such/dir'], 'leakproof: no such file or directory: no/such/dir\n'],
    [['fixtures', '--frobnicate'], 'leakproof: unknown option --frobnicate (see --help)\n'],
    [['fixtures', '--format', 'xml'], 'leakproof: --format must be one of stylish, json, sarif, not "xml"\n'],
    [['fixtures', '--config', 'missing.config.js'], 'leakproof: config file not found: missing.config.js\n'],
    [['fixtures', '--runtime-report', 'missing.json'], 'leakproof: runtime report not found: missing.json\n'],
  ])('%j is a usage error: one line, exit 2', (args, message) => {
    const { code, stdout, stderr } = leakproof(args);
    expect(stderr).toBe(message);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('rejects a runtime report that is not a report() file', () => {
    const dir = tempDir('report');
    const file = path.join(dir, 'report.json');
    fs.writeFileSync(file, '{"sites": [{"file": "a.ts"}]}');
    const { code, stderr } = leakproof(['fixtures/dns-cache', '--runtime-report', file]);
    expect(stderr).toBe(
      `leakproof: runtime report ${file}: sites[0] lacks file, line, column, rule, liveViews, retainedBytes or usedBytes\n`,
    );
    expect(code).toBe(2);
  });

  it('merges a runtime report: confirms a finding and lists a site the rules missed', () => {
    const dir = tempDir('report');
    const report = path.join(dir, 'report.json');
    const leaky = path.join(FIXTURES, 'dns-cache', 'leaky.ts');
    const fixed = path.join(FIXTURES, 'dns-cache', 'fixed.ts');
    fs.writeFileSync(
      report,
      JSON.stringify({
        sites: [
          { file: leaky, line: 11, column: 24, rule: 'leakproof/no-retained-view', liveViews: 12, retainedBytes: 786432, usedBytes: 5000 },
          { file: fixed, line: 3, column: 1, rule: 'leakproof/no-retained-view', liveViews: 1, retainedBytes: 65536, usedBytes: 16 },
        ],
      }),
    );
    const { code, stdout, stderr } = leakproof(['fixtures/dns-cache', '--runtime-report', report, '--format', 'json']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as { filePath: string; messages: { message: string; severity: number; line: number }[] }[];
    const confirmed = results.find((r) => r.filePath === leaky)?.messages[0];
    expect(confirmed?.message).toMatch(/Confirmed at runtime: 12 live view\(s\) keep 768 KiB for 4\.9 KiB used\.$/);
    const missed = results.find((r) => r.filePath === fixed)?.messages;
    expect(missed).toEqual([
      expect.objectContaining({
        severity: 1,
        line: 3,
        message: 'Runtime: 1 live view(s) made here keep 64.0 KiB for 16 bytes used, and no static finding covers this line.',
      }),
    ]);
    expect(stderr).toBe('');
  });

  it('--runtime-root maps a report recorded under another root; SARIF carries the measured bytes in properties', () => {
    const dir = tempDir('report');
    const report = path.join(dir, 'report.json');
    const site = { line: 11, column: 24, rule: 'leakproof/no-retained-view', liveViews: 12, retainedBytes: 786432, usedBytes: 5000 };
    fs.writeFileSync(report, JSON.stringify({ sites: [{ ...site, file: '/app/fixtures/dns-cache/leaky.ts' }] }));
    const { code, stdout } = leakproof(['fixtures/dns-cache', '--runtime-report', report, '--runtime-root', '/app', '--format', 'sarif']);
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout).runs[0].results;
    expect(result.message.text).toMatch(/Confirmed at runtime: 12 live view\(s\) keep 768 KiB for 4\.9 KiB used\.$/);
    expect(result.properties).toEqual({ runtime: { liveViews: 12, retainedBytes: 786432, usedBytes: 5000, confirmed: true } });

    const elsewhere = leakproof(['fixtures/dns-cache', '--runtime-report', report, '--runtime-root', '/srv']);
    expect(elsewhere.stderr).toBe(`leakproof: runtime report ${report}: no site is under --runtime-root /srv (the first is /app/fixtures/dns-cache/leaky.ts)\n`);
    expect(elsewhere.code).toBe(2);
  });

  it('--fix rewrites the leaky fixtures into code that type-checks, and a second run fixes nothing more', () => {
    const dir = tempCopy(FIXTURES);
    const before = fs.readFileSync(path.join(dir, 'tcp-frame-parser', 'leaky.ts'), 'utf8');
    const first = leakproof([dir, '--fix', '--format', 'json']);
    expect(first.stderr).toBe('');
    const after = fs.readFileSync(path.join(dir, 'tcp-frame-parser', 'leaky.ts'), 'utf8');
    expect(after).toBe(
      before.replace(
        'this.frames.push(this.pending.subarray(4, 4 + length));',
        'this.frames.push(Uint8Array.prototype.slice.call(this.pending, 4, 4 + length) as Buffer);',
      ),
    );
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const second = leakproof([dir, '--fix', '--format', 'json']);
    const remaining = (JSON.parse(second.stdout) as { output?: string }[]).filter((result) => result.output !== undefined);
    expect(remaining).toEqual([]);
  });

  it('--fix leaves a file unchanged when its fixed text would not parse', () => {
    const dir = tempDir('badfix');
    fs.writeFileSync(path.join(dir, 'input.js'), 'export const answer = 42;\n');
    // A deliberately broken rule: its fix leaves an unbalanced parenthesis.
    fs.writeFileSync(
      path.join(dir, 'eslint.config.cjs'),
      `module.exports = [{
        plugins: { broken: { rules: { fix: {
          meta: { type: 'problem', fixable: 'code', schema: [] },
          create: (context) => ({ Literal(node) { context.report({ node, message: 'x', fix: (fixer) => fixer.replaceText(node, '(42') }); } }),
        } } } },
        rules: { 'broken/fix': 'error' },
      }];\n`,
    );
    const { code, stderr } = leakproof(['input.js', '--fix', '--config', 'eslint.config.cjs'], dir);
    expect(fs.readFileSync(path.join(dir, 'input.js'), 'utf8')).toBe('export const answer = 42;\n');
    expect(stderr).toMatch(/^leakproof: left .*input\.js unchanged: its fixed text does not parse \(.+\)\n/);
    expect(code).toBe(2);
  });

  it('reads with espree the valid JavaScript TypeScript\'s parser rejects, and fixes it; invalid files stay parse errors', () => {
    const dir = tempDir('espree');
    // TypeScript 5.9 and 6.0 read the block after an arrow returning an object literal as its missing body.
    const source = "const kept = [];\nprocess.stdin.on('data', (chunk) => {\n  kept.push(chunk.subarray(0, 4));\n});\nconst request = (cookie) => ({\n  cookie,\n})\n\n{\n  console.log(request('a'));\n}\n";
    fs.writeFileSync(path.join(dir, 'reader.js'), source);
    fs.writeFileSync(path.join(dir, 'broken.js'), 'const x = ;\n');
    // A tsconfig that covers the JavaScript: typed files are read by TypeScript's parser first.
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowJs: true, checkJs: false, noEmit: true, types: [] }, include: ['*.js'] }));
    const { code, stdout, stderr } = leakproof(['.', '--format', 'json'], dir);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; line: number; message: string }[] }[];
    expect(results.map((result) => [path.basename(result.filePath), result.messages.map((message) => [message.ruleId, message.line, message.message])])).toEqual([
      ['broken.js', [[null, 1, 'Parsing error: Expression expected.']]],
      ['reader.js', [['leakproof/no-retained-view', 3, expect.stringContaining('`chunk.subarray(0, 4)` is a view of `chunk`')]]],
    ]);
    expect(stderr).toBe("leakproof: reader.js: TypeScript's parser rejects this JavaScript; read with ESLint's parser, without type information\n");
    expect(code).toBe(1);

    const fixed = leakproof(['reader.js', '--fix'], dir);
    expect(fs.readFileSync(path.join(dir, 'reader.js'), 'utf8')).toBe(source.replace('chunk.subarray(0, 4)', 'Uint8Array.prototype.slice.call(chunk, 0, 4)'));
    expect(fixed.stderr).toContain('leakproof: 1 files linted (0 with type information, 1 without), 1 fixed');
    expect(fixed.code).toBe(0);
  });

  it('prints help generated from the options, and the version', () => {
    const help = leakproof(['lint', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--format FORMAT');
    expect(help.stdout).toContain('Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage, configuration or input error, a file --fix could not write, or nothing to lint.');
    const version = leakproof(['--version']);
    expect(version.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });
});
