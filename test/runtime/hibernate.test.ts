import { hibernate, hibernateWhenIdle, inspect, retainedBytes } from '../../src/runtime';
import { buildRuntime, runProgram } from './helpers';

describe('hibernate', () => {
  it('replaces wasteful views in objects, arrays, Map values and Sets, keeping Set order and data', () => {
    const chunk = Buffer.alloc(65536);
    chunk.write('header--payload-', 0, 'latin1');
    const header = chunk.subarray(0, 8);
    const kept = Buffer.alloc(16, 1);
    const state = {
      header,
      list: [chunk.subarray(8, 16)],
      byClient: new Map([['client-1', chunk.subarray(0, 4)]]),
      set: new Set<unknown>(['first', chunk.subarray(4, 8), 'last']),
      kept,
    };
    const result = hibernate(state);
    expect(result.error).toBeUndefined();
    expect(result.replaced.map((entry) => entry.path).sort()).toEqual(['byClient.get("client-1")', 'header', 'list[0]', 'set.values()[1]']);
    expect(result.skipped).toEqual([]);
    expect(result.buffers).toBe(1);
    expect(result.expectedFreedBytes).toBe(65536 - 16);
    expect(Buffer.isBuffer(state.header)).toBe(true);
    expect(state.header).not.toBe(header);
    expect(state.header.toString('latin1')).toBe('header--');
    expect(state.list[0]!.toString('latin1')).toBe('payload-');
    expect([...state.set][0]).toBe('first');
    expect((([...state.set][1]) as Buffer).toString('latin1')).toBe('er--');
    expect([...state.set][2]).toBe('last');
    expect(state.kept).toBe(kept); // a Buffer that uses its whole ArrayBuffer is left alone
    expect(inspect(state).wastedBytes).toBe(0);
    expect(retainedBytes(state.header)).toBe(16);
  });

  it('keeps overlapping views aliased and typed views aligned', () => {
    const big = new ArrayBuffer(1 << 16);
    const bytes = new Uint8Array(big, 1001, 7);
    const doubles = new Float64Array(big, 1000, 2);
    const state = { bytes, doubles };
    const result = hibernate(state);
    expect(result.replaced).toHaveLength(2);
    expect(state.doubles).toBeInstanceOf(Float64Array);
    expect(state.doubles.byteOffset % 8).toBe(0);
    state.bytes[0] = 255; // byte 1001 of the old buffer: inside doubles[0]
    expect(new Uint8Array(state.doubles.buffer, state.doubles.byteOffset, 16)[1]).toBe(255);
    expect(state.bytes.buffer).toBe(state.doubles.buffer);
    expect(state.bytes.buffer.byteLength).toBe(16);
  });

  it('leaves frozen holders, read-only fields, Map keys and the root alone, and says why', () => {
    const chunk = Buffer.alloc(65536);
    const frozen = Object.freeze({ view: chunk.subarray(0, 1) });
    const readOnly = {};
    Object.defineProperty(readOnly, 'view', { value: chunk.subarray(1, 2), writable: false, enumerable: true });
    const state = { frozen, readOnly, keys: new Map([[chunk.subarray(2, 3), 'id']]) };
    const result = hibernate(state);
    expect(result.replaced).toEqual([]);
    expect(result.skipped.map((skip) => [skip.path, skip.reason]).sort()).toEqual([
      ['frozen.view', 'frozen'],
      ['keys.keys()<<Buffer>>', 'map-key'],
      ['readOnly.view', 'read-only'],
    ]);
    expect(result.expectedFreedBytes).toBe(0);
    expect(hibernate(chunk.subarray(0, 1)).skipped[0]!.reason).toBe('root');
  });

  it('honours minWastedBytes', () => {
    const state = { view: Buffer.alloc(2048).subarray(0, 8) };
    expect(hibernate(state).replaced).toHaveLength(1);
    const other = { view: Buffer.alloc(2048).subarray(0, 8) };
    expect(hibernate(other, { minWastedBytes: 4096 }).replaced).toHaveLength(0);
  });

  // Fake timers (Date included): on a loaded machine a real 15 ms sleep can outlast the 40 ms idle time.
  it('hibernateWhenIdle compacts after idleMs without a message, and not while messages come', () => {
    jest.useFakeTimers();
    try {
      const state = { last: Buffer.alloc(65536).subarray(0, 16) };
      let runs = 0;
      const touch = hibernateWhenIdle(state, 40, { onHibernate: () => runs++ });
      for (let i = 0; i < 5; i++) {
        touch();
        jest.advanceTimersByTime(15);
      }
      expect(runs).toBe(0);
      expect(retainedBytes(state.last)).toBe(65536);
      jest.advanceTimersByTime(120);
      expect(runs).toBe(1);
      expect(retainedBytes(state.last)).toBe(16);
      touch.cancel();
      touch();
      jest.advanceTimersByTime(80);
      expect(runs).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('hibernate frees memory (child process, --expose-gc)', () => {
  let runtime: ReturnType<typeof buildRuntime>;
  beforeAll(() => {
    runtime = buildRuntime();
  });
  afterAll(() => runtime.cleanup());

  type Figures = {
    before: number;
    after: number;
    intact: boolean;
    leaks: Array<{ name: string; wastedBytes: number; top: Array<{ paths: string[] }> }>;
    hibernated?: { replaced: number; expectedFreedBytes: number; firstPath: string };
  };

  it('an actor keeping 16-byte views of 500 chunks of 64 KB: binLeak finds it, hibernate makes arrayBuffers fall', () => {
    const views = runProgram<Figures>(runtime.dir, 'actor', ['views']);
    expect(views.before).toBeGreaterThan(500 * 65536);
    expect(views.leaks[0]).toMatchObject({ name: 'frame-actor', wastedBytes: 500 * (65536 - 16) });
    expect(views.leaks[0]!.top[0]!.paths).toEqual(['frames.get("client-0")[0]']);

    const hibernated = runProgram<Figures>(runtime.dir, 'actor', ['hibernate']);
    expect(hibernated.hibernated).toMatchObject({ replaced: 500, expectedFreedBytes: 500 * (65536 - 16), firstPath: 'frames.get("client-0")[0]' });
    expect(hibernated.before - hibernated.after).toBeGreaterThan(0.95 * hibernated.hibernated!.expectedFreedBytes);
    expect(hibernated.after).toBeLessThan(1_000_000);
    expect(hibernated.intact).toBe(true);

    const copies = runProgram<Figures>(runtime.dir, 'actor', ['copies']);
    expect(copies.leaks).toEqual([]);
    expect(copies.before).toBeLessThan(1_000_000);
  });
});
