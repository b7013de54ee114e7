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
  readExpectations(code: string): Map<number, string[]>;
  scoreFile(
    expected: Map<number, string[]>,
    messages: Array<{ line: number; ruleId: string }>,
    rules: string[],
  ): Record<string, { tp: number; fp: number; fn: number; falseReports: number[]; misses: number[] }>;
};

const SCRIPT = path.join(__dirname, '..', '..', 'bench', 'unseen.js');

describe('bench/unseen.js', () => {
  it('reads expect: comments, one entry per expected report, several rules comma-separated', () => {
    const code = [
      'const a = 1;',
      'w.postMessage(m); // expect: no-middleman-forwarding',
      'x.subarray(1); // expect: no-retained-view, no-cloned-view',
      '// a comment that says expect nothing',
    ].join('\n');
    expect([...bench.readExpectations(code)]).toEqual([
      [2, ['no-middleman-forwarding']],
      [3, ['no-retained-view', 'no-cloned-view']],
    ]);
  });

  it('scores per rule by the line a report starts on: true reports, false reports, misses', () => {
    const expected = new Map([
      [2, ['no-middleman-forwarding']],
      [5, ['no-middleman-forwarding', 'require-hibernation']],
    ]);
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
