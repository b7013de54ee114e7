// bench/unseen-buffers.js is plain CommonJS run by hand after `npm run build`; these tests cover its
// reading of the `// expect:` marks and its scoring, which decide the figures it prints.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bench = require('../../bench/unseen-buffers.js') as {
  parseExpectations(file: string, code: string): Array<{ line: number; rule: string; typedOnly: boolean; tag?: string }>;
  scoreFile(
    expectations: Array<{ line: number; rule: string; typedOnly: boolean; tag?: string }>,
    reports: Array<{ line: number; rule: string }>,
    typed: boolean,
  ): {
    perRule: Record<string, { tp: number; fp: number; fn: number }>;
    falseReports: Array<{ rule: string; line: number }>;
    misses: Array<{ rule: string; line: number | string }>;
  };
};

describe('bench/unseen-buffers.js', () => {
  it('reads each mark: several rules, typed-only and tagged findings', () => {
    const code = [
      'const a = 1;',
      'keep(x.subarray(1)); // expect: no-retained-view, no-buffer-slice typed',
      'const parts = s.split(","); // expect: no-retained-substring #p',
      'map.set(k, parts[1]); // expect: no-retained-substring #p',
    ].join('\n');
    expect(bench.parseExpectations('a.js', code)).toEqual([
      { line: 2, rule: 'no-retained-view', typedOnly: false, tag: undefined },
      { line: 2, rule: 'no-buffer-slice', typedOnly: true, tag: undefined },
      { line: 3, rule: 'no-retained-substring', typedOnly: false, tag: '#p' },
      { line: 4, rule: 'no-retained-substring', typedOnly: false, tag: '#p' },
    ]);
  });

  it('says which mark it cannot read', () => {
    expect(() => bench.parseExpectations('a.js', 'x; // expect: no-such-rule')).toThrow('a.js:1: unknown rule id in expect: no-such-rule');
    expect(() => bench.parseExpectations('a.js', '\nx; // expect: no-cloned-view maybe')).toThrow('a.js:2: unknown word in expect: maybe');
  });

  it('counts hits, false reports and misses per rule', () => {
    const expectations = bench.parseExpectations(
      'a.js',
      ['x; // expect: no-retained-view', 'y; // expect: no-cloned-view', 'z;'].join('\n'),
    );
    const score = bench.scoreFile(expectations, [
      { line: 1, rule: 'no-retained-view' },
      { line: 3, rule: 'no-retained-view' },
    ], false);
    expect(score.perRule['no-retained-view']).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(score.perRule['no-cloned-view']).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(score.falseReports).toEqual([{ rule: 'no-retained-view', line: 3 }]);
    expect(score.misses).toEqual([{ rule: 'no-cloned-view', line: 2 }]);
  });

  it('scores a tagged group once, on any of its lines, and typed-only marks only with types', () => {
    const expectations = bench.parseExpectations(
      'a.js',
      [
        'a; // expect: no-retained-substring #g',
        'b; // expect: no-retained-substring #g',
        'c; // expect: no-buffer-slice typed',
      ].join('\n'),
    );
    const reports = [
      { line: 1, rule: 'no-retained-substring' },
      { line: 2, rule: 'no-retained-substring' },
      { line: 3, rule: 'no-buffer-slice' },
    ];
    const untyped = bench.scoreFile(expectations, reports, false);
    expect(untyped.perRule['no-retained-substring']).toEqual({ tp: 1, fp: 0, fn: 0 });
    // Untyped, a report on a typed-only line is neither a hit nor a false report.
    expect(untyped.perRule['no-buffer-slice']).toEqual({ tp: 0, fp: 0, fn: 0 });
    const typedMiss = bench.scoreFile(expectations, [], true);
    expect(typedMiss.perRule['no-buffer-slice']).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(typedMiss.misses).toContainEqual({ rule: 'no-retained-substring', line: '1|2' });
  });
});
