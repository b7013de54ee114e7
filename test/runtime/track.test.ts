import * as fs from 'node:fs';
import { report, toSarifFindings, track, untrack } from '../../src/runtime';
import type { RuntimeReport } from '../../src/runtime';
import { buildRuntime, programPath, runProgram } from './helpers';

/** The 1-based line of the fixture that carries `marker` in a comment, and the column of `call` on it. */
function lineOf(marker: string, call: string): { line: number; column: number } {
  const lines = fs.readFileSync(programPath('track-fixture'), 'utf8').split('\n');
  const index = lines.findIndex((text) => text.includes(`// ${marker}`));
  if (index < 0) throw new Error(`no ${marker} in the fixture`);
  return { line: index + 1, column: lines[index]!.indexOf(call) + 1 };
}

describe('track (child process, --expose-gc)', () => {
  let runtime: ReturnType<typeof buildRuntime>;
  beforeAll(() => {
    runtime = buildRuntime();
  });
  afterAll(() => runtime.cleanup());

  type Output = { report: RuntimeReport; kept: number; findings: ReturnType<typeof toSarifFindings> };

  it('reports the file, line and column of the kept subarray, and nothing for copies or views that died', () => {
    const { report: result, kept, findings } = runProgram<Output>(runtime.dir, 'track-fixture');
    expect(kept).toBe(102);
    const leak = lineOf('LEAK', 'subarray');
    const sites = result.sites.map((site) => ({ ...site, file: site.file === programPath('track-fixture') ? 'fixture' : site.file }));
    expect(sites[0]).toEqual({
      file: 'fixture',
      line: leak.line,
      column: leak.column,
      rule: 'leakproof/no-retained-view',
      liveViews: 50,
      retainedBytes: 50 * 65536,
      usedBytes: 50 * 16,
      via: 'Buffer#subarray',
    });
    const lines = sites.map((site) => site.line);
    expect(lines).not.toContain(lineOf('COPY', 'copy').line);
    expect(lines).not.toContain(lineOf('TRANSIENT', 'subarray').line);
    expect(sites.slice(1).map((site) => [site.line, site.via, site.liveViews, site.retainedBytes]).sort()).toEqual(
      [
        [lineOf('CONSTRUCTOR', 'new').line, 'new Uint8Array', 1, 32768],
        [lineOf('DATAVIEW', 'new').line, 'new DataView', 1, 32768],
      ].sort(),
    );
    expect(result).toMatchObject({ version: 1, tool: 'leakproof/runtime', tracking: true, seenViews: 102, recordedViews: 102 });
    expect(findings[0]).toMatchObject({ ruleId: 'leakproof/no-retained-view', level: 'warning', line: leak.line, column: leak.column });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('keeps reporting what was recorded after untrack, and records nothing more', () => {
    const { report: result } = runProgram<Output>(runtime.dir, 'track-fixture', ['untrack']);
    expect(result.tracking).toBe(false);
    expect(result.sites[0]).toMatchObject({ line: lineOf('LEAK', 'subarray').line, liveViews: 50 });
  });
});

describe('track and untrack in this process', () => {
  afterEach(() => untrack());

  it('untrack restores every patched method and constructor exactly', () => {
    const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
    const places: Array<[object, PropertyKey]> = [
      [Buffer.prototype, 'subarray'],
      [Buffer.prototype, 'slice'],
      [Buffer, 'from'],
      [TypedArrayPrototype, 'subarray'],
      [globalThis, 'Uint8Array'],
      [globalThis, 'Float64Array'],
      [globalThis, 'DataView'],
    ];
    const before = places.map(([target, key]) => Object.getOwnPropertyDescriptor(target, key));
    expect(track({ minParentBytes: 1024 })).toBe(true);
    const during = places.map(([target, key]) => Object.getOwnPropertyDescriptor(target, key)?.value as unknown);
    during.forEach((value, i) => expect(value).not.toBe(before[i]!.value));
    expect(untrack()).toBe(true);
    const after = places.map(([target, key]) => Object.getOwnPropertyDescriptor(target, key));
    expect(after).toEqual(before);
    after.forEach((descriptor, i) => expect(descriptor!.value).toBe(before[i]!.value));
  });

  it('keeps instanceof, static methods, subclassing and results unchanged while tracking', () => {
    const Original = Uint8Array;
    track({ minParentBytes: 1024, maxViewRatio: 0.5 });
    const ab = new ArrayBuffer(8192);
    const view = new Uint8Array(ab, 16, 16);
    expect(view).toBeInstanceOf(Uint8Array);
    expect(view).toBeInstanceOf(Original);
    expect(Object.getPrototypeOf(view)).toBe(Original.prototype);
    expect(Uint8Array.from([1, 2, 3])).toEqual(Original.from([1, 2, 3]));
    expect(Uint8Array.BYTES_PER_ELEMENT).toBe(1);
    class Frame extends Uint8Array {
      kind = 'frame';
    }
    const frame = new Frame(ab, 0, 8);
    expect(frame).toBeInstanceOf(Frame);
    expect(frame.kind).toBe('frame');
    const buffer = Buffer.alloc(8192, 3);
    expect([...buffer.subarray(1, 3)]).toEqual([3, 3]);
    expect([...buffer.slice(-2)]).toEqual([3, 3]);
    expect(Buffer.from(ab, 0, 4).length).toBe(4);
    expect(report().sites.length).toBeGreaterThan(0);
  });

  it('records only small views of large ArrayBuffers', () => {
    track({ minParentBytes: 4096, maxViewRatio: 0.25 });
    const kept = [Buffer.alloc(1024).subarray(0, 8), Buffer.alloc(8192).subarray(0, 4096), Buffer.alloc(8192).subarray(0, 8)];
    const result = report();
    expect(result.recordedViews).toBe(1);
    expect(result.sites).toHaveLength(1);
    expect(result.sites[0]!.file).toBe(__filename);
    expect(kept).toHaveLength(3);
  });

  it('samples with sampleRate', () => {
    track({ minParentBytes: 1024, sampleRate: 0.25 });
    const chunk = Buffer.alloc(65536);
    const kept: Buffer[] = [];
    for (let i = 0; i < 400; i++) kept.push(chunk.subarray(i, i + 1));
    const result = report();
    expect(result.seenViews).toBe(400);
    expect(result.recordedViews).toBe(100);
    expect(kept).toHaveLength(400);
  });
});
