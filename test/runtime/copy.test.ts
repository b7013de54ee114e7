import { copy, detach, retainedBytes } from '../../src/runtime';
import { buildRuntime, runProgram } from './helpers';

describe('copy', () => {
  it('keeps a Buffer a Buffer, with its own ArrayBuffer of exactly the copied length', () => {
    const chunk = Buffer.alloc(65536, 7);
    const piece = copy(chunk.subarray(100, 200), 10, 26);
    expect(Buffer.isBuffer(piece)).toBe(true);
    expect(piece.length).toBe(16);
    expect(piece.byteOffset).toBe(0);
    expect(piece.buffer.byteLength).toBe(16);
    expect([...piece]).toEqual(new Array(16).fill(7));
  });

  it('never returns a slice of the Buffer pool, whatever Buffer.poolSize is', () => {
    const small = Buffer.from('pooled'); // carved from the shared pool
    expect(small.buffer.byteLength).toBe(Buffer.poolSize);
    const copied = copy(small);
    expect(copied.buffer.byteLength).toBe(6);
    expect(copied.toString()).toBe('pooled');
  });

  it('copies typed arrays by elements and keeps their kind', () => {
    const floats = new Float64Array(1024).map((_, i) => i);
    const piece = copy(floats.subarray(10), 2, 5);
    expect(Object.getPrototypeOf(piece)).toBe(Object.getPrototypeOf(floats));
    expect(Array.from(piece)).toEqual([12, 13, 14]);
    expect(piece.buffer.byteLength).toBe(24);
    expect(Array.from(copy(floats, -2))).toEqual([1022, 1023]);
  });

  it('copies DataViews and ArrayBuffers by bytes', () => {
    const ab = new ArrayBuffer(4096);
    new Uint8Array(ab).set([1, 2, 3, 4, 5, 6], 100);
    const view = copy(new DataView(ab, 100, 6), 1, 4);
    expect(Object.prototype.toString.call(view)).toBe('[object DataView]');
    expect(view.byteLength).toBe(3);
    expect(view.buffer.byteLength).toBe(3);
    expect(view.getUint8(0)).toBe(2);
    const bytes = copy(ab, 100, 103);
    expect(bytes.byteLength).toBe(3);
    expect(Array.from(new Uint8Array(bytes))).toEqual([1, 2, 3]);
  });

  it('keeps a subclass prototype', () => {
    class Frame extends Uint8Array {}
    const frame = new Frame(8192);
    const piece = copy(frame.subarray(0, 4));
    expect(piece).toBeInstanceOf(Frame);
    expect(piece.buffer.byteLength).toBe(4);
  });

  it('returns anything else unchanged and never throws', () => {
    const object = { a: 1 };
    expect(copy(object)).toBe(object);
    expect(copy('text')).toBe('text');
    expect(copy(undefined)).toBeUndefined();
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(copy(revoked.proxy)).toBe(revoked.proxy);
  });
});

describe('detach and retainedBytes', () => {
  it('detach returns an equal string, and leaves non-strings alone', () => {
    const parent = 'a'.repeat(100_000) + 'the piece we keep, long enough to be sliced' + 'b'.repeat(100_000);
    const piece = parent.slice(100_000, 100_043);
    expect(detach(piece)).toBe(piece);
    expect(detach('')).toBe('');
    expect(detach(42)).toBe(42);
  });

  it('retainedBytes is the whole ArrayBuffer behind a view', () => {
    const chunk = Buffer.alloc(65536);
    expect(retainedBytes(chunk.subarray(0, 16))).toBe(65536);
    expect(retainedBytes(copy(chunk, 0, 16))).toBe(16);
    expect(retainedBytes(new DataView(new ArrayBuffer(1000), 10, 10))).toBe(1000);
    expect(retainedBytes(new ArrayBuffer(12))).toBe(12);
    expect(retainedBytes('a string')).toBe(0);
    expect(retainedBytes(null)).toBe(0);
  });
});

describe('copy frees what views keep (child processes, --expose-gc)', () => {
  let runtime: ReturnType<typeof buildRuntime>;
  beforeAll(() => {
    runtime = buildRuntime();
  });
  afterAll(() => runtime.cleanup());

  type Figures = { arrayBuffers: number; kept: number; retainedBytesOfFirst: number; isBuffer: boolean };

  it('2000 kept 16-byte pieces of 64 KB chunks: views keep 131 MB, copies almost nothing', () => {
    const views = runProgram<Figures>(runtime.dir, 'retention', ['subarray']);
    const copies = runProgram<Figures>(runtime.dir, 'retention', ['copy']);
    expect(views.arrayBuffers).toBeGreaterThan(2000 * 65536);
    expect(copies.arrayBuffers).toBeLessThan(1_000_000);
    expect(copies.retainedBytesOfFirst).toBe(16);
    expect(copies.isBuffer).toBe(true);
  });

  it('200 kept 30-character pieces of 1 MB strings: slices keep the parents, detached pieces do not', () => {
    const sliced = runProgram<{ heapUsed: number }>(runtime.dir, 'retention', ['string-slice']);
    const detached = runProgram<{ heapUsed: number }>(runtime.dir, 'retention', ['string-detach']);
    expect(sliced.heapUsed).toBeGreaterThan(200 * (1 << 20));
    expect(detached.heapUsed).toBeLessThan(sliced.heapUsed / 10);
  });

  it('5000 kept small copies between pooled allocations: Buffer.from pins slabs, copy does not', () => {
    const pooled = runProgram<Figures>(runtime.dir, 'retention', ['buffer-from-pooled']);
    const copies = runProgram<Figures>(runtime.dir, 'retention', ['copy-pooled']);
    expect(pooled.arrayBuffers).toBeGreaterThan(10_000_000);
    expect(copies.arrayBuffers).toBeLessThan(1_000_000);
  });
});
