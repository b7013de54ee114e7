import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { analyzeHeapSnapshot, HeapSnapshotError, readHeapSnapshot } from '../../src/heap';
import { tempDir, tinySnapshot, writeSnapshot } from './helpers';

function chunks(text: string | Buffer, size: number): Readable {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function errorOf(promise: Promise<unknown>): Promise<HeapSnapshotError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HeapSnapshotError);
    return error as HeapSnapshotError;
  }
  throw new Error('expected a HeapSnapshotError');
}

describe('readHeapSnapshot on a hand-written snapshot', () => {
  const text = tinySnapshot();

  it.each([1, 7, 4096])('reads the same columns and strings from %i-byte chunks', async (size) => {
    const snapshot = await readHeapSnapshot(chunks(text, size), { label: 'tiny' });
    expect(snapshot.nodeCount).toBe(9);
    expect(snapshot.edgeCount).toBe(8);
    expect(Array.from(snapshot.firstEdge)).toEqual([0, 2, 2, 4, 5, 6, 7, 7, 8, 8]);
    expect(Array.from(snapshot.edgeTo)).toEqual([1, 2, 3, 7, 4, 5, 6, 8]);
    expect(snapshot.nodeSelfSize[6]).toBe(100000);
    expect(snapshot.nodeNameOf(3)).toBe('H\u00f6lder');
    expect(snapshot.nodeNameOf(8)).toBe('caf\u00e9 "quoted" \\ line\nnext \ud83d\ude00');
    expect(snapshot.nodeTypeName(7)).toBe('sliced string');
    expect(snapshot.edgeTypeName(1)).toBe('shortcut');
    expect(snapshot.edgeNameOf(0)).toBe('1');
    expect(snapshot.edgeNameOf(4)).toBe('keep');
    expect(snapshot.byteLength).toBe(Buffer.byteLength(text));
    const node = snapshot.node(4);
    expect([node.type, node.name, node.id, node.selfSize, node.edgeCount]).toEqual(['object', 'Uint8Array', 9, 96, 1]);
  });

  it('finds the view and the sliced string with their paths', async () => {
    const result = await analyzeHeapSnapshot(chunks(text, 5), { minBytes: 0 });
    expect(result.retainedViews).toHaveLength(1);
    expect(result.retainedViews[0]).toMatchObject({
      rule: 'leakproof/no-retained-view',
      path: 'global.holder → H\u00f6lder.keep → Uint8Array',
      arrayBuffers: 1,
      views: 1,
      bytes: 100000,
      viewClasses: { Uint8Array: 1 },
      exampleIds: [9],
      depth: 3,
    });
    expect(result.retainedViews[0].steps.map((s) => s.edge)).toEqual(['global', 'holder', 'keep']);
    expect(result.slicedStrings).toEqual([
      expect.objectContaining({ rule: 'leakproof/no-retained-substring', path: 'global.piece → (sliced string)', parents: 1, pieces: 1, bytes: 50000 }),
    ]);
    expect(result.poolSize).toEqual({ bytes: 8192, source: 'option' });
    expect(result.summary).toMatchObject({ nodeCount: 9, edgeCount: 8, reachableNodes: 9, backingStoreBytes: 100000, arrayBuffers: 1 });
  });

  it('uses the poolSize option when the snapshot does not show the pool', async () => {
    const result = await analyzeHeapSnapshot(chunks(text, 4096), { poolSize: 100000, minBytes: 0 });
    expect(result.poolSize).toEqual({ bytes: 100000, source: 'option' });
    // A Uint8Array is not a Buffer: its ArrayBuffer is never taken for a pool slab.
    expect(result.pinnedSlabs).toEqual([]);
    expect(result.retainedViews).toHaveLength(1);
  });
});

describe('broken input gives one line and never hangs', () => {
  const { dir, cleanup } = tempDir();
  let real: Buffer;
  beforeAll(() => {
    real = fs.readFileSync(writeSnapshot('leaky', dir));
  });
  afterAll(cleanup);

  const file = (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, content);
    return target;
  };

  it.each([
    ['empty.heapsnapshot', '', /the file is empty/],
    ['blank.heapsnapshot', '  \n', /only whitespace/],
    ['text.heapsnapshot', 'hello world\n', /not a V8 heap snapshot \(expected '\{', found 'h' at byte 0\)/],
    ['array.json', '[1,2,3]', /not a V8 heap snapshot/],
    ['object.json', '{"name":"leakproof","version":"0.1.0"}', /not a V8 heap snapshot \(no "snapshot" header with meta\)/],
    ['meta.json', '{"snapshot":{"meta":{}},"nodes":[]}', /no meta\.node_fields/],
    ['bad-header.json', '{"snapshot":{"meta":[1,}]},"nodes":[]}', /header is not valid JSON/],
  ])('%s', async (name, content, message) => {
    const error = await errorOf(analyzeHeapSnapshot(file(name, content)));
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n/);
    expect(error.message.startsWith(path.join(dir, name))).toBe(true);
  });

  it('a missing file and a directory', async () => {
    expect((await errorOf(analyzeHeapSnapshot(path.join(dir, 'nope.heapsnapshot')))).message).toMatch(/no such file$/);
    expect((await errorOf(analyzeHeapSnapshot(dir))).message).toMatch(/is a directory/);
  });

  it.each([
    ['in the header', 40, /truncated: it ends inside the "snapshot" header/],
    ['in the nodes', 0.2, /truncated: it ends inside "nodes" after \d+ of \d+ nodes/],
    ['in the edges', 0.5, /truncated: it ends inside "edges" after \d+ of \d+ edges/],
    ['in the strings', 0.97, /truncated: it ends inside "strings" after \d+ strings/],
    ['before the last brace', -1, /truncated: it ends before the closing brace/],
  ])('a real snapshot truncated %s', async (_where, at, message) => {
    const end = at < 0 ? real.length + at : at < 1 ? Math.floor(real.length * at) : at;
    const error = await errorOf(analyzeHeapSnapshot(file(`cut-${end}.heapsnapshot`, real.subarray(0, end))));
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n/);
  });

  it('a letter inside the numbers, an edge to a missing node, a miscounted node list', async () => {
    const tiny = tinySnapshot();
    const letter = tiny.replace('"nodes":[9,0,1,0,2', '"nodes":[9,0,x,0,2');
    expect((await errorOf(readHeapSnapshot(chunks(letter, 64), { label: 'x' }))).message).toMatch(/^x: not a V8 heap snapshot \(unexpected 'x' in "nodes" at byte \d+\)$/);
    const farEdge = tiny.replace('\n,3,11,56]', '\n,3,11,700]');
    expect(farEdge).not.toBe(tiny);
    expect((await errorOf(readHeapSnapshot(chunks(farEdge, 64)))).message).toMatch(/edge 7 points to field offset 700, not to one of the 9 nodes/);
    const miscounted = tiny.replace('"node_count":9', '"node_count":10');
    expect((await errorOf(readHeapSnapshot(chunks(miscounted, 64)))).message).toMatch(/"nodes" has 9 records but the header says 10/);
    const noStrings = tiny.slice(0, tiny.indexOf(',\n"strings"')) + '}';
    expect((await errorOf(readHeapSnapshot(chunks(noStrings, 64)))).message).toMatch(/no "strings" array/);
  });

  it('random bytes', async () => {
    const noise = Buffer.alloc(100000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    expect((await errorOf(analyzeHeapSnapshot(file('noise.bin', noise)))).message).toMatch(/not a V8 heap snapshot/);
  });
});
