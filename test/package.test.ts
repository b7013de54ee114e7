import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The package as users install it: `npm pack`, then `npm install` of the tarball into fresh projects
// outside the repository, offline (CI has no network). leakproof has no dependencies of its own, so the
// tarball installs without a registry; the optional peers a project would install (ESLint 9 or 10,
// typescript-eslint's parser and utils, TypeScript) are linked from this repository's node_modules.
const ROOT = path.join(__dirname, '..');
const MODULES = path.join(ROOT, 'node_modules');
const TSC = path.join(MODULES, 'typescript', 'bin', 'tsc');
const LEAK = "const kept = [];\nprocess.stdin.on('data', (chunk) => { kept.push(chunk.subarray(0, 4)); });\n";

let work: string;
let tarball: string;

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_loglevel: 'error' } });
  return { code: result.status, out: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

/** A fresh project with the tarball installed (production dependencies only). */
function project(name: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  const installed = run('npm', ['install', '--offline', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', tarball], dir);
  if (installed.code !== 0) throw new Error(`npm install: ${installed.out}`);
  return dir;
}

/** Links the repository's node_modules/`target` into the project as `name`. */
function link(dir: string, name: string, target = name): void {
  fs.mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
  fs.symlinkSync(path.join(MODULES, target), path.join(dir, 'node_modules', name), 'dir');
}

/** Links the peers a project installs; `eslint` names the repository's ESLint 10 (`eslint`) or 9 (`eslint9`). */
function linkPeers(dir: string, eslint: 'eslint' | 'eslint9'): void {
  link(dir, 'eslint', eslint);
  for (const name of ['@typescript-eslint/parser', '@typescript-eslint/utils', 'typescript', '@types']) link(dir, name);
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-package-'));
  // `npm test` has built dist/ already; --ignore-scripts skips the `prepare` rebuild.
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  if (packed.code !== 0) throw new Error(`npm pack: ${packed.out}`);
  tarball = path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename as string);
}, 180_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('installs alone for leakproof/runtime: no other package, and the types resolve under moduleResolution node', () => {
    const dir = project('runtime-only');
    expect(fs.readdirSync(path.join(dir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['leakproof']);
    fs.writeFileSync(
      path.join(dir, 'use.js'),
      "const { retainedBytes, copy } = require('leakproof/runtime');\nconst view = Buffer.alloc(65536).subarray(0, 16);\nconsole.log(retainedBytes(view), copy(view).byteLength);\n",
    );
    expect(run(process.execPath, ['use.js'], dir)).toMatchObject({ code: 0, stdout: '65536 16\n' });
    fs.writeFileSync(
      path.join(dir, 'use.ts'),
      "import { retainedBytes } from 'leakproof/runtime';\nimport { analyzeHeapSnapshot } from 'leakproof/heap';\nexport const n: number = retainedBytes(new Uint8Array(4));\nexport const analyze: typeof analyzeHeapSnapshot = analyzeHeapSnapshot;\n",
    );
    const tsconfig = { compilerOptions: { strict: true, module: 'commonjs', moduleResolution: 'node', ignoreDeprecations: '6.0', noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(MODULES, '@types')] }, files: ['use.ts'] };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    expect(run(process.execPath, [TSC, '-p', '.'], dir)).toEqual({ code: 0, out: '', stdout: '' });
    // The CLI says what linting needs rather than failing on a missing module.
    expect(run(process.execPath, [path.join('node_modules', '.bin', 'leakproof'), '.'], dir)).toMatchObject({
      code: 2,
      out: 'leakproof: linting needs eslint, @typescript-eslint/parser, @typescript-eslint/utils, typescript (optional peers of leakproof): npm install --save-dev eslint @typescript-eslint/parser @typescript-eslint/utils typescript\n',
    });
  }, 120_000);

  it.each([['ESLint 10', 'eslint'], ['ESLint 9', 'eslint9']] as const)('works in a %s project: eslint.config.mjs lints, eslint.config.ts type-checks with defineConfig', (_name, eslint) => {
    const dir = project(`consumer-${eslint}`);
    linkPeers(dir, eslint);
    fs.writeFileSync(path.join(dir, 'server.js'), LEAK);
    fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), "import leakproof from 'leakproof';\nexport default [leakproof.configs.recommended];\n");
    const linted = run(process.execPath, [path.join('node_modules', 'eslint', 'bin', 'eslint.js'), 'server.js', '--format', 'json'], dir);
    const [result] = JSON.parse(linted.stdout) as { messages: { ruleId: string; line: number }[] }[];
    expect(result?.messages.map((m) => [m.ruleId, m.line])).toEqual([['leakproof/no-retained-view', 2]]);
    expect(linted.code).toBe(1);

    fs.writeFileSync(
      path.join(dir, 'eslint.config.ts'),
      [
        "import { defineConfig } from 'eslint/config';",
        "import leakproof from 'leakproof';",
        'export default defineConfig([',
        '  leakproof.configs.recommended,',
        "  leakproof.configs['recommended-type-checked'],",
        "  { plugins: { leakproof }, rules: { 'leakproof/no-retained-view': ['error', {}] } },",
        ']);',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true, skipLibCheck: true, types: [] }, files: ['eslint.config.ts'] }),
    );
    expect(run(process.execPath, [TSC, '-p', '.'], dir)).toEqual({ code: 0, out: '', stdout: '' });
  }, 120_000);

  it("works with typescript-eslint's config(): beside its configs, leakproof's lint and type-check", () => {
    const dir = project('consumer-typescript-eslint');
    linkPeers(dir, 'eslint');
    link(dir, 'typescript-eslint');
    fs.writeFileSync(path.join(dir, 'server.ts'), LEAK.replace('const kept = [];', 'const kept: Buffer[] = [];'));
    const config = (extension: 'mjs' | 'ts') =>
      [
        "import tseslint from 'typescript-eslint';",
        "import leakproof from 'leakproof';",
        'export default tseslint.config(',
        '  ...tseslint.configs.recommended,',
        '  leakproof.configs.recommended,',
        ...(extension === 'ts' ? ["  leakproof.configs['recommended-type-checked'],", "  { plugins: { leakproof }, rules: { 'leakproof/no-retained-view': ['error', {}] } },"] : []),
        ');',
        '',
      ].join('\n');
    fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), config('mjs'));
    const linted = run(process.execPath, [path.join('node_modules', 'eslint', 'bin', 'eslint.js'), 'server.ts', '--format', 'json'], dir);
    const [result] = JSON.parse(linted.stdout) as { messages: { ruleId: string; line: number }[] }[];
    expect(result?.messages.map((m) => [m.ruleId, m.line])).toEqual([['leakproof/no-retained-view', 2]]);
    expect(linted.code).toBe(1);

    fs.writeFileSync(path.join(dir, 'eslint.config.ts'), config('ts'));
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true, skipLibCheck: true, types: [] }, files: ['eslint.config.ts'] }),
    );
    expect(run(process.execPath, [TSC, '-p', '.'], dir)).toEqual({ code: 0, out: '', stdout: '' });
  }, 120_000);
});
