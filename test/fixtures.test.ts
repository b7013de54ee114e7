import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../src/index';

// fixtures/<scenario>/leaky.ts shows a leak, fixed.ts the same code without it. Linted here with the
// presets users get, typed and untyped; the leaky files are then fixed (autofixes, then suggestions, as
// an editor user would accept them) and must still parse, type-check, and need nothing more.
const ROOT = path.join(__dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

interface FileResult {
  filePath: string;
  messages: Linter.LintMessage[];
  output?: string;
}

// The Linter API, not the ESLint class: jest's module sandbox cannot run ESLint's dynamic imports.

function configFor(dir: string, typed: boolean): Linter.Config[] {
  const preset = plugin.configs[typed ? 'recommended-type-checked' : 'recommended'];
  return [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: typed ? { project: [path.join(dir, 'tsconfig.json')], tsconfigRootDir: dir } : {},
      },
    },
    preset,
  ] as Linter.Config[];
}

function tsFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(dir, file))
    .sort();
}

function lintDir(dir: string, typed: boolean, fix = false): FileResult[] {
  const config = configFor(dir, typed);
  const linter = new Linter({ configType: 'flat', cwd: dir });
  return tsFiles(dir).map((filePath) => {
    const text = fs.readFileSync(filePath, 'utf8');
    if (!fix) return { filePath, messages: linter.verify(text, config, { filename: filePath }) };
    const fixed = linter.verifyAndFix(text, config, { filename: filePath });
    return { filePath, messages: fixed.messages, output: fixed.fixed ? fixed.output : undefined };
  });
}

function relative(file: string, base: string): string {
  return path.relative(base, file).split(path.sep).join('/');
}

/** A readable report: location, rule, message and the source line with the reported range marked. */
function describeResults(results: FileResult[], base: string): string {
  const lines: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const source = fs.readFileSync(result.filePath, 'utf8').split('\n');
    for (const message of result.messages) {
      lines.push(`${relative(result.filePath, base)}:${message.line}:${message.column} ${message.ruleId}`);
      lines.push(`  ${message.message}`);
      const text = source[message.line - 1] ?? '';
      const end = message.endLine === message.line && message.endColumn ? message.endColumn : text.length + 1;
      lines.push(`  | ${text}`);
      lines.push(`  | ${' '.repeat(message.column - 1)}${'^'.repeat(Math.max(1, end - message.column))}`);
      const offers = [message.fix ? 'autofix' : '', message.suggestions?.length ? 'suggestion' : ''].filter(Boolean);
      lines.push(`  offers: ${offers.join(' + ') || 'nothing'}`);
    }
  }
  return lines.join('\n');
}

const scenarios = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(FIXTURES, entry.name, 'leaky.ts')))
  .map((entry) => entry.name)
  .sort();

describe('fixtures', () => {
  let typed: FileResult[];
  let untyped: FileResult[];

  beforeAll(() => {
    typed = lintDir(FIXTURES, true);
    untyped = lintDir(FIXTURES, false);
  });

  it('has at least 12 scenarios, each with a leaky and a fixed file', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
    for (const scenario of scenarios) expect(fs.existsSync(path.join(FIXTURES, scenario, 'fixed.ts'))).toBe(true);
  });

  it('reports every leaky file with type information and no fixed file in either mode', () => {
    const flagged = new Set(typed.filter((r) => r.messages.length > 0).map((r) => relative(r.filePath, FIXTURES)));
    for (const scenario of scenarios) {
      expect([scenario, flagged.has(`${scenario}/leaky.ts`)]).toEqual([scenario, true]);
    }
    // Every message comes from a rule: no "no matching configuration" or parser notices.
    expect([...typed, ...untyped].flatMap((r) => r.messages.filter((m) => !m.ruleId))).toEqual([]);
    const noisy = [...typed, ...untyped].filter((r) => r.filePath.endsWith('fixed.ts') && r.messages.length > 0);
    expect(noisy.map((r) => relative(r.filePath, FIXTURES))).toEqual([]);
    expect([...typed, ...untyped].flatMap((r) => r.messages.filter((m) => m.fatal))).toEqual([]);
  });

  it('finds with type information everything it finds without', () => {
    const key = (r: FileResult) => r.messages.map((m) => `${relative(r.filePath, FIXTURES)}:${m.line}:${m.column}:${m.ruleId}`);
    const typedKeys = new Set(typed.flatMap(key));
    expect(untyped.flatMap(key).filter((k) => !typedKeys.has(k))).toEqual([]);
  });

  it('reads as users see it (typed)', () => {
    expect(describeResults(typed, FIXTURES)).toMatchSnapshot();
  });

  it('reads as users see it (untyped)', () => {
    expect(describeResults(untyped, FIXTURES)).toMatchSnapshot();
  });

  it('fixes leaky files into code that parses, type-checks and needs no second pass', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-fixtures-'));
    try {
      fs.cpSync(FIXTURES, dir, { recursive: true });
      const tsconfigPath = path.join(dir, 'tsconfig.json');
      const tsconfig = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8'));
      tsconfig.compilerOptions.typeRoots = [path.join(ROOT, 'node_modules', '@types')];
      fs.writeFileSync(tsconfigPath, JSON.stringify(tsconfig));

      // 1. Autofixes, as `eslint --fix` applies them.
      for (const result of lintDir(dir, true, true)) {
        if (result.output !== undefined) fs.writeFileSync(result.filePath, result.output);
      }
      // 2. Suggestions, as an editor user accepts them (the first of each, non-overlapping).
      const afterFix = lintDir(dir, true);
      for (const result of afterFix) {
        const edits = result.messages
          .map((message) => message.suggestions?.[0]?.fix)
          .filter((fix): fix is NonNullable<typeof fix> => fix !== undefined)
          .sort((a, b) => b.range[0] - a.range[0]);
        let text = fs.readFileSync(result.filePath, 'utf8');
        let lastStart = Infinity;
        for (const edit of edits) {
          if (edit.range[1] > lastStart) continue;
          text = text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
          lastStart = edit.range[0];
        }
        fs.writeFileSync(result.filePath, text);
      }

      const changes = scenarios
        .map((scenario) => {
          const before = fs.readFileSync(path.join(FIXTURES, scenario, 'leaky.ts'), 'utf8').split('\n');
          const after = fs.readFileSync(path.join(dir, scenario, 'leaky.ts'), 'utf8').split('\n');
          const changed = after.flatMap((line, i) => (line !== before[i] ? [`${scenario}/leaky.ts:${i + 1}: ${line.trim()}`] : []));
          return changed.join('\n');
        })
        .filter(Boolean)
        .join('\n');
      expect(changes).not.toBe('');
      expect(changes).toMatchSnapshot();

      const tsc = spawnSync(process.execPath, [TSC, '-p', tsconfigPath], { encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr).toBe('');

      const again = lintDir(dir, true, true);
      expect(again.filter((r) => r.output !== undefined).map((r) => relative(r.filePath, dir))).toEqual([]);
      // What remains offers neither fix nor suggestion: nothing mechanical is left undone.
      const remaining = again.flatMap((r) => r.messages.filter((m) => m.fix || m.suggestions?.length));
      expect(remaining).toEqual([]);
      expect(again.flatMap((r) => r.messages.filter((m) => !m.ruleId))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
