import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBytes, run } from '../../src/cli/heap';
import { formatBytes } from '../../src/report/bytes';
import { main } from '../../src/cli/main';
import { bufferIO, tempDir, writeSnapshot } from './helpers';

describe('leakproof heap', () => {
  const { dir, cleanup } = tempDir();
  beforeAll(() => {
    writeSnapshot('leaky', dir);
    writeSnapshot('clean', dir);
  });
  afterAll(cleanup);

  it('prints the groups, largest first, and the summary; exits 1 on findings', async () => {
    const io = bufferIO(dir);
    expect(await run(['leaky.heapsnapshot'], io)).toBe(1);
    expect(io.err).toBe('');
    const lines = io.out.split('\n');
    expect(lines[0]).toBe('leaky.heapsnapshot');
    expect(io.out).toMatch(/Buffer pool slab: 8\.0 KiB \(from the snapshot: lib\/buffer\.js's allocPool\)/);
    expect(io.out).toMatch(
      /ArrayBuffers kept alive only through views \(leakproof\/no-retained-view\)\n {2}640 KiB {3}10 ArrayBuffers through 10 views \(Buffer\), largest 64\.0 KiB\n {12}global\.actor → SessionActor\.frames \(Map\) → value → Buffer\n {12}e\.g\. @\d+ @\d+ @\d+ @\d+ @\d+\n/,
    );
    expect(io.out).toMatch(/\d+ slabs of 8\.0 KiB pinned by \d+ Buffers\n {12}global\.pinned \(Array\) → \[\*\] → Buffer/);
    expect(io.out).toMatch(/488 KiB {3}5 parent strings kept by 5 pieces, largest 97\.7 KiB\n {12}global\.names \(Array\) → \[\*\] → \(sliced string\)/);
    expect(io.out).toMatch(/Summary: what would be freed\n {2}retained views +[\d.]+ KiB +\d+% of backing stores, [\d.]+% of heap/);
  });

  it('exits 0 with "none" for the fixed program', async () => {
    const io = bufferIO(dir);
    expect(await run([path.join(dir, 'clean.heapsnapshot')], io)).toBe(0);
    expect(io.out.match(/\n {2}none\n/g)).toHaveLength(3);
  });

  it('--json prints the documented schema', async () => {
    const io = bufferIO(dir);
    expect(await run(['leaky.heapsnapshot', '--json', '--top', '5'], io)).toBe(1);
    const json = JSON.parse(io.out);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'file', 'summary', 'poolSize', 'retainedViews', 'pinnedSlabs', 'slicedStrings', 'omitted', 'options']);
    expect(json.schemaVersion).toBe(1);
    expect(json.file).toBe('leaky.heapsnapshot');
    expect(json.options).toEqual({ top: 5, minBytes: 65536, minParentBytes: 1024 });
    expect(Object.keys(json.retainedViews[0])).toEqual(['rule', 'path', 'depth', 'steps', 'bytes', 'largestBytes', 'exampleIds', 'arrayBuffers', 'views', 'viewClasses']);
    expect(Object.keys(json.retainedViews[0].steps[0])).toEqual(['edgeType', 'edge', 'nodeType', 'node', 'id']);
    expect(Object.keys(json.pinnedSlabs[0])).toEqual(['rule', 'path', 'depth', 'steps', 'bytes', 'largestBytes', 'exampleIds', 'slabs', 'buffers']);
    expect(Object.keys(json.slicedStrings[0])).toEqual(['rule', 'path', 'depth', 'steps', 'bytes', 'largestBytes', 'exampleIds', 'parents', 'pieces']);
    expect(Object.keys(json.summary)).toEqual([
      'fileBytes', 'nodeCount', 'edgeCount', 'reachableNodes', 'totalBytes', 'backingStoreBytes', 'arrayBuffers', 'stringBytes', 'retainedViews', 'pinnedSlabs', 'slicedStrings',
    ]);
    expect(json.summary.fileBytes).toBe(fs.statSync(path.join(dir, 'leaky.heapsnapshot')).size);
  });

  it('--format sarif uses the rule ids of the source rules', async () => {
    const io = bufferIO(dir);
    expect(await run(['leaky.heapsnapshot', '--format', 'sarif'], io)).toBe(1);
    const sarif = JSON.parse(io.out);
    const results = sarif.runs[0].results as Array<{ ruleId: string; message: { text: string }; properties: { kind: string } }>;
    expect(results.map((r) => [r.ruleId, r.properties.kind])).toEqual([
      ['leakproof/no-retained-view', 'retained-views'],
      ['leakproof/no-retained-view', 'pinned-pool-slabs'],
      ['leakproof/no-retained-substring', 'sliced-strings'],
    ]);
    expect(results[0].message.text).toBe('640 KiB in 10 ArrayBuffers kept alive only through 10 views at global.actor → SessionActor.frames (Map) → value → Buffer');
  });

  it('--top 0 --min-bytes 0 shows Node’s own small buffers too', async () => {
    const io = bufferIO(dir);
    await run(['leaky.heapsnapshot', '--top', '0', '--min-bytes', '0', '--json'], io);
    const json = JSON.parse(io.out);
    expect(json.retainedViews.length).toBeGreaterThan(1);
    expect(json.omitted).toEqual({ retainedViews: 0, pinnedSlabs: 0, slicedStrings: 0 });
  });

  it('progress goes to stderr on a terminal or with --progress, never to stdout', async () => {
    const quiet = bufferIO(dir);
    await run(['leaky.heapsnapshot', '--json'], quiet);
    expect(quiet.err).toBe('');
    const asked = bufferIO(dir);
    await run(['leaky.heapsnapshot', '--json', '--progress'], asked);
    expect(asked.err).toMatch(/^leakproof: reading leaky\.heapsnapshot 100% \(\d+ of \d+ MB\)\nleakproof: retaining paths\n/);
    expect(() => JSON.parse(asked.out)).not.toThrow();
    const tty = bufferIO(dir, true);
    await run(['leaky.heapsnapshot'], tty);
    expect(tty.err).toMatch(/leakproof: grouping findings\n$/);
  });

  it('--help is generated from the options', async () => {
    const io = bufferIO(dir);
    expect(await run(['--help'], io)).toBe(0);
    for (const option of ['--top N', '--min-bytes B', '--json', '--format FORMAT', '--pool-size B', '--min-parent-bytes B', '--progress', '--help']) {
      expect(io.out).toContain(`  ${option}`);
    }
    expect(io.out).toMatch(/Exit codes: 0 nothing found, 1 findings, 2 /);
  });

  it.each([
    [[], 'leakproof: heap: missing FILE.heapsnapshot (see leakproof heap --help)'],
    [['a', 'b'], 'leakproof: heap: one snapshot at a time, got 2 files'],
    [['nope.heapsnapshot'], 'leakproof: nope.heapsnapshot: no such file'],
    [['leaky.heapsnapshot', '--top', 'ten'], 'leakproof: --top must be a whole number, not "ten"'],
    [['leaky.heapsnapshot', '--min-bytes', '12q'], 'leakproof: --min-bytes must be a byte count such as 65536 or 64k, not "12q"'],
    [['leaky.heapsnapshot', '--format', 'xml'], 'leakproof: --format must be one of text, json, sarif, not "xml"'],
    [['leaky.heapsnapshot', '--json', '--format', 'sarif'], 'leakproof: --json and --format sarif contradict each other'],
    [['leaky.heapsnapshot', '--depth', '3'], 'leakproof: unknown option --depth (see --help)'],
  ])('usage errors exit 2 with one line: %j', async (args, line) => {
    const io = bufferIO(dir);
    expect(await main(['heap', ...args], io)).toBe(2);
    expect(io.err).toBe(`${line}\n`);
    expect(io.out).toBe('');
  });

  it('empty, truncated and non-snapshot files exit 2 with one line', async () => {
    const whole = fs.readFileSync(path.join(dir, 'leaky.heapsnapshot'));
    const cases: Array<[string, Buffer | string, RegExp]> = [
      ['empty.heapsnapshot', '', /^leakproof: empty\.heapsnapshot: the file is empty; expected a V8 heap snapshot \(\.heapsnapshot\)\n$/],
      ['half.heapsnapshot', whole.subarray(0, whole.length >> 1), /^leakproof: half\.heapsnapshot: the file is truncated: it ends inside "edges" after \d+ of \d+ edges \(\d+ bytes read\)\n$/],
      ['package.json', '{"name":"x"}', /^leakproof: package\.json: not a V8 heap snapshot \(no "snapshot" header with meta\)\n$/],
      ['notes.txt', 'notes\n', /^leakproof: notes\.txt: not a V8 heap snapshot \(expected '\{', found 'n' at byte 0\)\n$/],
    ];
    for (const [name, content, message] of cases) {
      fs.writeFileSync(path.join(dir, name), content);
      const io = bufferIO(dir);
      expect(await main(['heap', name], io)).toBe(2);
      expect(io.err).toMatch(message);
    }
  });

  it('byte counts with units', () => {
    expect([parseBytes('x', '65536'), parseBytes('x', '64k'), parseBytes('x', '1.5MB'), parseBytes('x', '1g')]).toEqual([65536, 65536, 1572864, 1073741824]);
    expect([formatBytes(512), formatBytes(1536), formatBytes(640 * 1024), formatBytes(3 * 1024 ** 3)]).toEqual(['512 bytes', '1.5 KiB', '640 KiB', '3.0 GiB']);
  });
});
