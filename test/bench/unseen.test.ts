import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

// bench/unseen.js is plain CommonJS (not run in CI as a bench); these tests cover its parsing and scoring,
// and one end-to-end run over a two-file folder with the built plugin (`npm test` builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bench = require('../../bench/unseen.js') as {
  parseArgs(argv: string[]): { folder?: string; mode: string; rules?: string[]; preset: string; json?: string; quiet: boolean };
  listCases(dir: string): string[];
  readExpectations(code: string, file?: string): Expectation[];
  scoreFile(
    expected: Expectation[],
    messages: Array<{ line: number; ruleId: string }>,
    rules: string[],
    typed?: boolean,
  ): Record<string, { tp: number; fp: number; fn: number; falseReports: number[]; misses: Array<number | string> }>;
  typedLess(file: string, untyped: Array<{ line: number; ruleId: string }>, typed: Array<{ line: number; ruleId: string }>): string[];
};

interface Expectation {
  line: number;
  rule: string;
  typedOnly: boolean;
  tag?: string;
}

const e = (line: number, rule: string, typedOnly = false, tag?: string): Expectation => ({ line, rule, typedOnly, tag });

const SCRIPT = path.join(__dirname, '..', '..', 'bench', 'unseen.js');

describe('bench/unseen.js', () => {
  it('reads expect: comments, one entry per expected report, several rules comma-separated', () => {
    const code = [
      'const a = 1;',
      'w.postMessage(m); // expect: no-middleman-forwarding',
      'x.subarray(1); // expect: no-retained-view, no-cloned-view',
      '// a comment that says expect nothing',
    ].join('\n');
    expect(bench.readExpectations(code)).toEqual([e(2, 'no-middleman-forwarding'), e(3, 'no-retained-view'), e(3, 'no-cloned-view')]);
  });

  it('reads typed-only and tagged marks, and says which word it cannot read', () => {
    const code = [
      'keep(x.subarray(1)); // expect: no-retained-view, no-buffer-slice typed',
      'const parts = s.split(","); // expect: no-retained-substring #p',
      'map.set(k, parts[1]); // expect: no-retained-substring #p',
    ].join('\n');
    expect(bench.readExpectations(code)).toEqual([
      e(1, 'no-retained-view'),
      e(1, 'no-buffer-slice', true),
      e(2, 'no-retained-substring', false, '#p'),
      e(3, 'no-retained-substring', false, '#p'),
    ]);
    expect(() => bench.readExpectations('\nx; // expect: no-cloned-view maybe', 'a.js')).toThrow('a.js:2: unknown word in expect: maybe');
  });

  it('scores per rule by the line a report starts on: true reports, false reports, misses', () => {
    const expected = [e(2, 'no-middleman-forwarding'), e(5, 'no-middleman-forwarding'), e(5, 'require-hibernation')];
    const messages = [
      { line: 2, ruleId: 'leakproof/no-middleman-forwarding' },
      { line: 2, ruleId: 'leakproof/no-middleman-forwarding' },
      { line: 5, ruleId: 'leakproof/require-hibernation' },
      { line: 9, ruleId: 'leakproof/require-hibernation' },
      { line: 9, ruleId: 'leakproof/no-buffer-slice' },
    ];
    expect(bench.scoreFile(expected, messages, ['no-middleman-forwarding', 'require-hibernation'])).toEqual({
      'no-middleman-forwarding': { tp: 1, fp: 1, fn: 1, falseReports: [2], misses: [5] },
      'require-hibernation': { tp: 1, fp: 1, fn: 0, falseReports: [9], misses: [] },
    });
  });

  it('scores a tagged group once, on any of its lines, and typed-only marks only with types', () => {
    const expected = [e(1, 'no-retained-substring', false, '#g'), e(2, 'no-retained-substring', false, '#g'), e(3, 'no-buffer-slice', true)];
    const messages = [
      { line: 1, ruleId: 'leakproof/no-retained-substring' },
      { line: 2, ruleId: 'leakproof/no-retained-substring' },
      { line: 3, ruleId: 'leakproof/no-buffer-slice' },
    ];
    const rules = ['no-retained-substring', 'no-buffer-slice'];
    const untyped = bench.scoreFile(expected, messages, rules, false);
    expect(untyped['no-retained-substring']).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    // Untyped, a report on a typed-only line is neither a hit nor a false report.
    expect(untyped['no-buffer-slice']).toMatchObject({ tp: 0, fp: 0, fn: 0 });
    const typedMiss = bench.scoreFile(expected, [], rules, true);
    expect(typedMiss['no-buffer-slice']).toMatchObject({ tp: 0, fp: 0, fn: 1, misses: [3] });
    expect(typedMiss['no-retained-substring'].misses).toEqual(['1|2']);
  });

  it('lists the lines where typed mode reports less than untyped', () => {
    const untyped = [
      { line: 4, ruleId: 'leakproof/no-buffer-slice' },
      { line: 7, ruleId: 'leakproof/no-retained-view' },
    ];
    const typed = [{ line: 7, ruleId: 'leakproof/no-retained-view' }];
    expect(bench.typedLess('a.ts', untyped, typed)).toEqual(['a.ts:4 no-buffer-slice (untyped 1, typed 0)']);
  });

  it('rejects a missing folder and unknown flags with a usage message', () => {
    expect(() => bench.parseArgs([])).toThrow(/^usage: node bench\/unseen\.js FOLDER/);
    expect(() => bench.parseArgs(['cases', '--nope'])).toThrow('unknown argument: --nope');
    expect(() => bench.parseArgs(['cases', '--mode', 'fast'])).toThrow('--mode: untyped, typed or both');
    expect(bench.parseArgs(['cases', '--rules', 'a, b', '--mode', 'typed'])).toMatchObject({ folder: 'cases', rules: ['a', 'b'], mode: 'typed', preset: 'all' });
  });

  it('scores a folder end to end, untyped and typed, and skips .d.ts files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-unseen-test-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'router.js'),
        [
          "const { parentPort } = require('node:worker_threads');",
          'const workers = [];',
          'let next = 0;',
          "parentPort.on('message', (msg) => {",
          '  workers[next++ % workers.length].postMessage(msg); // expect: no-middleman-forwarding',
          '});',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(
        path.join(dir, 'near-miss.js'),
        [
          "const { parentPort } = require('node:worker_threads');",
          'const workers = [];',
          "parentPort.on('message', (msg) => {",
          '  for (const w of workers) w.postMessage(msg);',
          '});',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(path.join(dir, 'platform.d.ts'), 'declare const x: number; // expect: no-such-rule-is-read-here\n');
      expect(bench.listCases(dir)).toEqual(['near-miss.js', 'router.js']);
      const run = spawnSync(process.execPath, [SCRIPT, dir, '--json', path.join(dir, 'out.json')], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('no-middleman-forwarding  untyped         1   1   0   0       1.00    1.00');
      expect(run.stdout).toContain('no-middleman-forwarding  typed           1   1   0   0       1.00    1.00');
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8'));
      expect(json.totals.untyped['no-middleman-forwarding']).toEqual({ tp: 1, fp: 0, fn: 0, files: 1 });
      expect(json.problems).toEqual([]);
      expect(json.typedLess).toEqual([]);
      expect(run.stdout).toContain('typed reports less than untyped: 0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 when an expect: comment names a rule the plugin does not have', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakproof-unseen-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.js'), 'f(); // expect: no-such-rule\n');
      const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('bench unseen: expect: names rules the plugin does not have: no-such-rule\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
