import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { instrument } from '../../src/register/instrument';
import type { RuntimeReport } from '../../src/runtime';
import { lastJson, marked, PROGRAMS, REGISTER, ROOT, runNode } from './helpers';

// These tests run the built loader (dist/, `npm run build`) in child processes, as users run it.

type Output = { kept: number; report: RuntimeReport };
type SiteRow = [string, number, number, string, number, number, number];

/** The report's sites as rows sorted by line: [file, line, column, via, liveViews, retainedBytes, usedBytes]. */
function rows(report: RuntimeReport): SiteRow[] {
  return report.sites
    .map((site): SiteRow => [path.basename(site.file), site.line, site.column, site.via, site.liveViews, site.retainedBytes, site.usedBytes])
    .sort((a, b) => a[1] - b[1] || a[2] - b[2]);
}

const LOADERS: Array<[string, string[]]> = [
  // The package's own name resolves to its exports from inside the repository (self-reference).
  ['--import leakproof/register', ['--expose-gc', '--import', 'leakproof/register']],
  ['--import', ['--expose-gc', '--import', REGISTER]],
  ['--require', ['--expose-gc', '--require', REGISTER]],
];

describe('leakproof/register: sites of the views still alive', () => {
  const cjs = path.join(PROGRAMS, 'handler.cjs');
  const mjs = path.join(PROGRAMS, 'handler.mjs');

  it.each(LOADERS)('CommonJS (%s): each kept view at its file, line and column, not the one that died nor the copy', (_name, flags) => {
    const { kept, report } = lastJson<Output>(runNode(flags, cjs));
    expect(kept).toBe(30 * 5 + 2);
    const at = (marker: string, text: string): [number, number] => {
      const { line, column } = marked(cjs, marker, text);
      return [line, column];
    };
    expect(rows(report)).toEqual([
      ['handler.cjs', ...at('LEAK', 'subarray'), 'subarray', 30, 30 * 65536, 30 * 16],
      ['handler.cjs', ...at('CONSTRUCTOR', 'new'), 'new Uint8Array', 30, 30 * 65536, 30 * 8],
      ['handler.cjs', ...at('SLICE', 'slice'), 'slice', 30, 30 * 65536, 30 * 8],
      ['handler.cjs', ...at('BIG', 'subarray'), 'subarray', 30, 30 * 65536, 30 * 20000],
      ['handler.cjs', ...at('FROM', 'from'), 'Buffer.from', 1, 32768, 16],
      ['handler.cjs', ...at('DATAVIEW', 'new'), 'new DataView', 1, 32768, 8],
    ]);
    expect(report.sites.every((site) => site.file === cjs && site.rule === 'leakproof/no-retained-view')).toBe(true);
    expect(report).toMatchObject({ tracking: false, loader: true, recording: 'stamps' });
    expect(report.incomplete).toBeUndefined();
  });

  it.each(LOADERS)('ES module (%s): each kept view at its file, line and column', (_name, flags) => {
    const { kept, report } = lastJson<Output>(runNode(flags, mjs));
    expect(kept).toBe(20 * 2 + 1);
    const at = (marker: string, text: string): [number, number] => {
      const { line, column } = marked(mjs, marker, text);
      return [line, column];
    };
    // frames.last keeps the last chunk's view (LAST); each LEAK view of it keeps its chunk too.
    expect(rows(report)).toEqual([
      ['handler.mjs', ...at('LAST', 'subarray'), 'subarray', 1, 65536, 16],
      ['handler.mjs', ...at('LEAK', 'subarray'), 'subarray', 20, 20 * 65536, 20 * 8],
      ['handler.mjs', ...at('CONSTRUCTOR', 'new'), 'new Float64Array', 1, 65536, 16],
    ]);
  });

  it('LEAKPROOF_REPORT writes the report when the process exits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-register-'));
    try {
      const file = path.join(dir, 'report.json');
      const run = runNode(['--expose-gc', '--import', REGISTER], cjs, { LEAKPROOF_REPORT: file });
      const printed = lastJson<Output>(run).report;
      const written = JSON.parse(fs.readFileSync(file, 'utf8')) as RuntimeReport;
      expect(rows(written)).toEqual(rows(printed));
      expect(written.tool).toBe('leakproof/runtime');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('LEAKPROOF_LINT: a site takes the leakproof rule the linter reported on its line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-register-'));
    try {
      const slice = marked(cjs, 'SLICE', 'chunk.slice');
      const leak = marked(cjs, 'LEAK', 'chunk');
      const lint = [
        {
          filePath: cjs,
          messages: [
            { ruleId: 'leakproof/no-buffer-slice', line: slice.line, column: slice.column, endLine: slice.line, endColumn: slice.column + 22 },
            { ruleId: 'no-unused-vars', line: leak.line, column: leak.column },
          ],
        },
      ];
      fs.writeFileSync(path.join(dir, 'lint.json'), JSON.stringify(lint));
      const { report } = lastJson<Output>(runNode(['--expose-gc', '--import', REGISTER], cjs, { LEAKPROOF_LINT: path.join(dir, 'lint.json') }));
      const rules = Object.fromEntries(report.sites.map((site) => [site.via, site.rule]));
      expect(rules).toEqual({
        subarray: 'leakproof/no-retained-view',
        slice: 'leakproof/no-buffer-slice',
        'new Uint8Array': 'leakproof/no-retained-view',
        'Buffer.from': 'leakproof/no-retained-view',
        'new DataView': 'leakproof/no-retained-view',
      });
      expect(report.sites).toHaveLength(6); // the two subarray sites share a key above
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('LEAKPROOF_LINT that is not a lint result: one stderr line, and the program runs with the default rule', () => {
    const run = runNode(['--expose-gc', '--import', REGISTER], cjs, { LEAKPROOF_LINT: path.join(PROGRAMS, 'semantics.cjs') });
    expect(run.stderr).toMatch(/^leakproof\/register: LEAKPROOF_LINT=.*semantics\.cjs: Unexpected token .*; sites keep the default rule\n$/);
    expect(lastJson<Output>(run).report.sites).toHaveLength(6);
  });
});

describe('leakproof/register: views in locals', () => {
  const file = path.join(PROGRAMS, 'escapes.cjs');
  const MARKERS = ['RETURNED', 'ARGUMENT', 'ASSIGNED', 'ARRAY', 'SHORTHAND', 'CLOSURE', 'FILL', 'ITERATOR', 'CALLBACK', 'LOGICAL', 'TAGGED', 'METHOD', 'EVAL', 'GENERATOR', 'ASYNC', 'TOP'];

  it('a local that escapes by any route is followed: each kept view at its line and column', () => {
    const { kept, report } = lastJson<Output>(runNode(['--expose-gc', '--import', REGISTER], file));
    expect(kept).toBe(16);
    expect(rows(report)).toEqual(MARKERS.map((marker) => ['escapes.cjs', ...Object.values(marked(file, marker, 'subarray')), 'subarray', 1, 65536, 8]));
  });

  it('only the local its function merely reads is left alone; LEAKPROOF_ALL_VIEWS=1 wraps it too', () => {
    const code = fs.readFileSync(file, 'utf8');
    expect(instrument(code, file, 'commonjs')).toMatchObject({ sites: 16, local: 1, skipped: 0 });
    const localLine = code.split('\n')[marked(file, 'LOCAL', 'subarray').line - 1]!;
    expect(instrument(code, file, 'commonjs').code).toContain(`\n${localLine}\n`);
    expect(instrument(code, file, 'commonjs', undefined, { allViews: true })).toMatchObject({ sites: 17, local: 0 });
    const all = lastJson<Output>(runNode(['--expose-gc', '--import', REGISTER], file, { LEAKPROOF_ALL_VIEWS: '1' }));
    // The local view died with its call: wrapped or not, it is not in the report.
    expect(rows(all.report)).toEqual(rows(lastJson<Output>(runNode(['--expose-gc', '--import', REGISTER], file)).report));
  });
});

describe('leakproof/register: instrumented code behaves as before', () => {
  it.each(['semantics.cjs', 'semantics.mjs'])('%s prints the same with and without the loader', (name) => {
    const file = path.join(PROGRAMS, name);
    const plain = runNode([], file);
    expect(plain.status).toBe(0);
    expect(plain.stdout.split('\n').length).toBeGreaterThan(10);
    for (const [, flags] of LOADERS) {
      const loaded = runNode(flags, file);
      expect(loaded.stderr).toBe('');
      expect(loaded.stdout).toBe(plain.stdout);
    }
  });

  it('the views semantics.cjs compares are recorded: stamped, a view handed back again recorded once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-register-'));
    try {
      const file = path.join(dir, 'report.json');
      const run = runNode(['--import', REGISTER], path.join(PROGRAMS, 'semantics.cjs'), { LEAKPROOF_REPORT: file });
      expect(run).toMatchObject({ status: 0, stderr: '' });
      // 25 small views of 8 KiB ArrayBuffers pass a wrapped expression; `handsBack.slice()` hands the same
      // view back three times, so 23 are recorded. None is reachable at exit.
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ recording: 'stamps', seenViews: 25, recordedViews: 23, sites: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the programs compared are instrumented: every view-making expression is wrapped, the ones a ?. before them can skip are not', () => {
    const cjs = instrument(fs.readFileSync(path.join(PROGRAMS, 'semantics.cjs'), 'utf8'), '/app/semantics.cjs', 'commonjs');
    // 46: 39, and 7 in the part on what recording writes into a view (subarray, 2 new DataView, Buffer.from, 3 handsBack.slice()).
    expect({ sites: cjs.sites, skipped: cjs.skipped }).toEqual({ sites: 46, skipped: 3 });
    const mjs = instrument(fs.readFileSync(path.join(PROGRAMS, 'semantics.mjs'), 'utf8'), '/app/semantics.mjs', 'module');
    expect({ sites: mjs.sites, skipped: mjs.skipped }).toEqual({ sites: 10, skipped: 2 });
  });
});

describe('leakproof/register: TypeScript compiled with source maps', () => {
  const source = [
    '// A handler compiled by tsc: the interface and the type annotations move lines and columns.',
    'interface Frame {',
    '  header: Uint8Array;',
    '  body: Uint8Array;',
    '}',
    '',
    'type Store = Frame[];',
    '',
    'const store: Store = [];',
    '(globalThis as unknown as { store: Store }).store = store;',
    '',
    'function onChunk(chunk: Uint8Array): void {',
    '  const header: Uint8Array = chunk.subarray(0, 8); // HEADER',
    '  const body = chunk.subarray(8, 24) as Uint8Array; // BODY',
    '  store.push({ header, body });',
    '  const scratch: DataView = new DataView(chunk.buffer, chunk.byteOffset, 4); // SCRATCH',
    '  scratch.getUint32(0);',
    '}',
    '',
    'for (let i = 0; i < 10; i++) onChunk(new Uint8Array(65536));',
    '',
  ].join('\n');

  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-register-ts-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Compiles app.ts with tsc in `project` under dir; returns the emitted JavaScript's path. */
  function compile(project: string, options: Record<string, unknown>, extra: Record<string, string> = {}): { ts: string; js: string } {
    const base = path.join(dir, project);
    fs.mkdirSync(base);
    const ts = path.join(base, 'app.ts');
    fs.writeFileSync(ts, source);
    for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(base, name), text);
    fs.writeFileSync(
      path.join(base, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'es2022', strict: true, types: [], outDir: 'out', ...options }, files: ['app.ts'] }),
    );
    const tsc = runNode([], path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), {}, base);
    expect(tsc.stdout + tsc.stderr).toBe('');
    return { ts, js: path.join(base, 'out', 'app.js') };
  }

  function expectOriginalSites(ts: string, js: string, report: RuntimeReport): void {
    const at = (marker: string, text: string): [number, number] => {
      const { line, column } = marked(ts, marker, text);
      return [line, column];
    };
    // The JavaScript lines differ (the interface is gone): the sites must be the TypeScript's.
    expect(marked(js, 'HEADER', 'subarray').line).not.toBe(at('HEADER', 'subarray')[0]);
    expect(report.sites.map((site) => [site.file, site.line, site.column, site.via, site.liveViews]).sort()).toEqual(
      [
        [ts, ...at('HEADER', 'subarray'), 'subarray', 10],
        [ts, ...at('BODY', 'subarray'), 'subarray', 10],
      ].sort(),
    );
  }

  it('CommonJS with a .js.map next to the output (tsc --sourceMap)', () => {
    const { ts, js } = compile('cjs', { module: 'commonjs', sourceMap: true });
    expect(fs.existsSync(`${js}.map`)).toBe(true);
    const report = path.join(dir, 'cjs.json');
    const run = runNode(['--expose-gc', '--import', REGISTER], js, { LEAKPROOF_REPORT: report });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expectOriginalSites(ts, js, JSON.parse(fs.readFileSync(report, 'utf8')) as RuntimeReport);
  });

  it('an ES module with an inline map (tsc --inlineSourceMap)', () => {
    const { ts, js } = compile('esm', { module: 'esnext', inlineSourceMap: true }, { 'package.json': '{ "type": "module" }' });
    expect(fs.readFileSync(js, 'utf8')).toContain('//# sourceMappingURL=data:application/json;base64,');
    const report = path.join(dir, 'esm.json');
    const run = runNode(['--expose-gc', '--import', REGISTER], js, { LEAKPROOF_REPORT: report });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expectOriginalSites(ts, js, JSON.parse(fs.readFileSync(report, 'utf8')) as RuntimeReport);
  });

  // tsx compiles each module in memory (esbuild) and hands the next loader its output with an inline map.
  it.each([
    ['an ES module', 'tsx-esm', { 'package.json': '{ "type": "module" }' }],
    ['CommonJS', 'tsx-cjs', {}],
  ])('TypeScript run by tsx (--import tsx before the loader), %s: the sites are the TypeScript source', (_kind, project, extra) => {
    const base = path.join(dir, project);
    fs.mkdirSync(base);
    const ts = path.join(base, 'app.ts');
    fs.writeFileSync(ts, source);
    for (const [name, text] of Object.entries(extra as Record<string, string>)) fs.writeFileSync(path.join(base, name), text);
    const report = path.join(dir, `${project}.json`);
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const run = runNode(['--expose-gc', '--import', tsx, '--import', REGISTER], ts, { LEAKPROOF_REPORT: report }, base);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const sites = (JSON.parse(fs.readFileSync(report, 'utf8')) as RuntimeReport).sites;
    const at = (marker: string): [number, number] => {
      const { line, column } = marked(ts, marker, 'subarray');
      return [line, column];
    };
    expect(sites.map((site) => [site.file, site.line, site.column, site.via, site.liveViews]).sort()).toEqual(
      [
        [ts, ...at('HEADER'), 'subarray', 10],
        [ts, ...at('BODY'), 'subarray', 10],
      ].sort(),
    );
  });

  it.each([
    ['CommonJS', 'broken-cjs', { module: 'commonjs', sourceMap: true }, {}],
    ['an ES module (the hook thread on Node 20)', 'broken-esm', { module: 'esnext', sourceMap: true }, { 'package.json': '{ "type": "module" }' }],
  ])('%s with a map that cannot be read: one stderr line, and sites name the JavaScript', (_kind, project, options, extra) => {
    const { js } = compile(project, options, extra as Record<string, string>);
    fs.rmSync(`${js}.map`);
    const report = path.join(dir, `${project}.json`);
    const run = runNode(['--expose-gc', '--import', REGISTER], js, { LEAKPROOF_REPORT: report });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`leakproof/register: ${js}: its source map app.js.map cannot be read: ENOENT: no such file or directory, open '${js}.map'; its sites name the generated code\n`);
    const sites = (JSON.parse(fs.readFileSync(report, 'utf8')) as RuntimeReport).sites;
    expect(sites.map((site) => [site.file, site.line, site.column]).sort()).toEqual(
      [
        [js, marked(js, 'HEADER', 'subarray').line, marked(js, 'HEADER', 'subarray').column],
        [js, marked(js, 'BODY', 'subarray').line, marked(js, 'BODY', 'subarray').column],
      ].sort(),
    );
  });
});

describe('leakproof/register: how views are recorded', () => {
  const noGc = path.join(PROGRAMS, 'no-gc.cjs');
  const withoutInspector = ['--require', path.join(PROGRAMS, 'no-inspector.cjs'), '--import', REGISTER];
  const header = (liveViews: number): SiteRow => ['no-gc.cjs', ...(Object.values(marked(noGc, 'HEADER', 'subarray')) as [number, number]), 'subarray', liveViews, liveViews * 65536, liveViews * 8];

  it('stamped views: report() counts the views still reachable, with no collection forced and no finalizer run', () => {
    const { kept, report } = lastJson<Output>(runNode(['--import', REGISTER], noGc));
    expect(kept).toBe(10);
    expect(report).toMatchObject({ recording: 'stamps', seenViews: 200, recordedViews: 200 });
    expect(rows(report)).toEqual([header(10)]);
  });

  it('without node:inspector the views are followed by finalizers: those not finalized yet count as alive', () => {
    const { kept, report } = lastJson<Output>(runNode(withoutInspector, noGc));
    expect(kept).toBe(10);
    expect(report).toMatchObject({ recording: 'finalizers', seenViews: 200, recordedViews: 200 });
    expect(rows(report)).toEqual([header(200)]);
  });

  it('LEAKPROOF_RECORDING=finalizers follows views by finalizers where stamps would work; another value is one stderr line', () => {
    const followed = runNode(['--import', REGISTER], noGc, { LEAKPROOF_RECORDING: 'finalizers' });
    expect(followed.stderr).toBe('');
    expect(lastJson<Output>(followed).report).toMatchObject({ recording: 'finalizers', sites: [{ liveViews: 200 }] });
    const wrong = runNode(['--import', REGISTER], noGc, { LEAKPROOF_RECORDING: 'weak' });
    expect(wrong.stderr).toBe('leakproof/register: LEAKPROOF_RECORDING=weak: expected stamps or finalizers; views are stamped\n');
    expect(lastJson<Output>(wrong).report).toMatchObject({ recording: 'stamps', sites: [{ liveViews: 10 }] });
  });

  it('without node:inspector, once the collector and the finalizers have run, the same sites as stamped views give', () => {
    const cjs = path.join(PROGRAMS, 'handler.cjs');
    const followed = lastJson<Output>(runNode(['--expose-gc', ...withoutInspector], cjs)).report;
    const stamped = lastJson<Output>(runNode(['--expose-gc', '--import', REGISTER], cjs)).report;
    expect(followed.recording).toBe('finalizers');
    expect(stamped.recording).toBe('stamps');
    expect(rows(followed)).toHaveLength(6);
    expect(rows(followed)).toEqual(rows(stamped));
  });

  it('a session that fails when the report is asked: the report says what it left out, and the program goes on', () => {
    const run = runNode(['--import', REGISTER], noGc, { BREAK_INSPECTOR: '1' });
    expect(run.stderr).toBe('');
    const { kept, report } = lastJson<Output>(run);
    expect(kept).toBe(10);
    expect(report).toMatchObject({
      recording: 'stamps',
      recordedViews: 200,
      sites: [],
      incomplete: 'the views the loader recorded could not be listed (the session is gone); their sites are left out',
    });
  });
});

describe('leakproof/register: worker threads', () => {
  it.each(LOADERS)('a CommonJS worker (%s) is instrumented and records into its own report', (_name, flags) => {
    const child = path.join(PROGRAMS, 'worker-child.cjs');
    const report = lastJson<RuntimeReport>(runNode(flags, path.join(PROGRAMS, 'worker-main.cjs')));
    const { line, column } = marked(child, 'WORKER', 'subarray');
    expect(report.sites.map((site) => [site.file, site.line, site.column, site.via, site.liveViews])).toEqual([[child, line, column, 'subarray', 1]]);
    // A worker lists its own live views (its own inspector session).
    expect(report.recording).toBe('stamps');
  });
});

describe('leakproof/register: which files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-register-deps-'));
    fs.mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'dep', 'index.js'), 'exports.head = (chunk) => chunk.subarray(0, 8);\n');
    fs.writeFileSync(
      path.join(dir, 'app.js'),
      "const { head } = require('dep');\nglobalThis.kept = [head(Buffer.alloc(65536)), Buffer.alloc(65536).subarray(0, 4)];\n",
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function sites(env: Record<string, string>): string[] {
    const report = path.join(dir, 'report.json');
    const run = runNode(['--import', REGISTER], path.join(dir, 'app.js'), { LEAKPROOF_REPORT: report, ...env }, dir);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    return (JSON.parse(fs.readFileSync(report, 'utf8')) as RuntimeReport).sites.map((site) => `${path.relative(dir, site.file)}:${site.line}:${site.column}`).sort();
  }

  it('the user modules only, not node_modules', () => {
    expect(sites({})).toEqual(['app.js:2:67']);
  });

  it('node_modules too with LEAKPROOF_NODE_MODULES=1', () => {
    expect(sites({ LEAKPROOF_NODE_MODULES: '1' })).toEqual(['app.js:2:67', 'node_modules/dep/index.js:1:33']);
  });
});
