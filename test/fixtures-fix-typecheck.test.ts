import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../src/index';

// The buffer rules' autofixes, applied with type information the way a pre-commit hook runs
// `eslint --fix`, must leave every fixture type-checking, and a second pass must find nothing to fix.
// (The Linter API, not the ESLint class: jest's module sandbox cannot run ESLint's dynamic imports.)
const ROOT = path.join(__dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const RULES = ['no-buffer-slice', 'no-cloned-view', 'no-backing-buffer-escape'];

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) fs.copyFileSync(source, target);
  }
}

describe('autofixes of the buffer rules keep the fixtures type-checking', () => {
  let dir: string;
  const fixedBy = new Map<string, number>();
  let leakyFiles: string[] = [];

  beforeAll(() => {
    // Inside the repository (under node_modules/.cache), so that imports and @types/node resolve as they
    // do for fixtures/ itself.
    const cache = path.join(ROOT, 'node_modules', '.cache');
    fs.mkdirSync(cache, { recursive: true });
    dir = fs.mkdtempSync(path.join(cache, 'leakproof-fix-'));
    copyTree(FIXTURES, dir);
    leakyFiles = fs
      .readdirSync(dir)
      .map((scenario) => path.join(dir, scenario, 'leaky.ts'))
      .filter((file) => fs.existsSync(file))
      .sort();
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const config = (): Linter.Config[] =>
    [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tsParser,
          parserOptions: { project: [path.join(dir, 'tsconfig.json')], tsconfigRootDir: dir },
        },
        plugins: { leakproof: plugin },
        rules: Object.fromEntries(RULES.map((rule) => [`leakproof/${rule}`, 'error'])),
      },
    ] as Linter.Config[];

  it('applies the fixes to every leaky.ts', () => {
    expect(leakyFiles.length).toBeGreaterThan(0);
    const linter = new Linter({ configType: 'flat', cwd: dir });
    for (const file of leakyFiles) {
      const text = fs.readFileSync(file, 'utf8');
      const before = linter.verify(text, config(), { filename: file });
      expect(before.filter((message) => message.fatal)).toEqual([]);
      for (const message of before) {
        if (message.fix && message.ruleId) fixedBy.set(message.ruleId, (fixedBy.get(message.ruleId) ?? 0) + 1);
      }
      const result = linter.verifyAndFix(text, config(), { filename: file });
      if (result.fixed) fs.writeFileSync(file, result.output);
    }
    // The copy rules' fixtures show at least one autofix each; no-backing-buffer-escape offers none: its
    // repairs change which bytes are read, so they are suggestions.
    for (const rule of ['no-buffer-slice', 'no-cloned-view']) {
      expect([rule, (fixedBy.get(`leakproof/${rule}`) ?? 0) > 0]).toEqual([rule, true]);
    }
    expect(fixedBy.get('leakproof/no-backing-buffer-escape')).toBeUndefined();
    // legacy-packet-decoder's two `this.pending.slice(...)` (a field typed Buffer, on which the class
    // calls `readUInt32BE`) are among them.
    expect(fixedBy.get('leakproof/no-buffer-slice') ?? 0).toBeGreaterThanOrEqual(4);
  });

  it('the fixed files type-check', () => {
    const result = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json'), '--noEmit'], {
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('a second pass changes nothing', () => {
    const linter = new Linter({ configType: 'flat', cwd: dir });
    for (const file of leakyFiles) {
      const text = fs.readFileSync(file, 'utf8');
      const again = linter.verifyAndFix(text, config(), { filename: file });
      expect([path.relative(dir, file), again.fixed]).toEqual([path.relative(dir, file), false]);
    }
  });
});
