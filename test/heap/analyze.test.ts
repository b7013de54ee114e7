import { analyzeHeapSnapshot, type HeapAnalysis } from '../../src/heap';
import { tempDir, writeSnapshot } from './helpers';

// Real snapshots written by child processes running test/heap/programs/*.js (see each program's header
// for what it keeps). Node's own start-up buffers (a few KiB) stay under the default --min-bytes.
describe('analyzeHeapSnapshot on real snapshots', () => {
  const { dir, cleanup } = tempDir();
  const results: Record<string, HeapAnalysis> = {};
  beforeAll(async () => {
    for (const name of ['leaky', 'clean', 'deep']) results[name] = await analyzeHeapSnapshot(writeSnapshot(name, dir));
  });
  afterAll(cleanup);

  it('groups the views held in a Map inside a class, with the backing bytes they keep', () => {
    const { retainedViews } = results.leaky;
    expect(retainedViews).toHaveLength(1);
    expect(retainedViews[0]).toMatchObject({
      rule: 'leakproof/no-retained-view',
      path: 'global.actor → SessionActor.frames (Map) → value → Buffer',
      arrayBuffers: 10,
      views: 10,
      bytes: 10 * 64 * 1024,
      largestBytes: 64 * 1024,
      viewClasses: { Buffer: 10 },
    });
    expect(retainedViews[0].exampleIds).toHaveLength(5);
    // steps[0] is the synthetic root's shortcut to the global object
    expect(retainedViews[0].steps.map((s) => s.edge).slice(1)).toEqual(['actor', 'frames', 'table', expect.stringMatching(/^\d+$/)]);
  });

  it('finds the pool size in the snapshot and the slabs pinned by small Buffers', () => {
    const { pinnedSlabs, poolSize } = results.leaky;
    expect(poolSize).toEqual({ bytes: 8192, source: 'allocPool' });
    expect(pinnedSlabs).toHaveLength(1);
    const [group] = pinnedSlabs;
    expect(group.path).toBe('global.pinned (Array) → [*] → Buffer');
    // 40 kept copies; the last one's slab is the pool's current slab, which is not pinned.
    expect(group.slabs).toBeGreaterThanOrEqual(38);
    expect(group.slabs).toBeLessThanOrEqual(40);
    expect(group.buffers).toBeGreaterThanOrEqual(group.slabs);
    expect(group.buffers).toBeLessThanOrEqual(40);
    expect(group.bytes).toBe(group.slabs * 8192);
  });

  it('groups sliced strings kept in an array with the parent bytes they keep', () => {
    const { slicedStrings } = results.leaky;
    expect(slicedStrings).toHaveLength(1);
    expect(slicedStrings[0]).toMatchObject({ rule: 'leakproof/no-retained-substring', path: 'global.names (Array) → [*] → (sliced string)', parents: 5, pieces: 5 });
    // a sequential one-byte string of 100 000 characters: 100 000 bytes plus a 16-byte header (64-bit Node 20)
    expect(slicedStrings[0].bytes).toBe(5 * 100016);
  });

  it('summarises: node count, backing stores, and the share each kind explains', () => {
    const { summary, retainedViews, pinnedSlabs, slicedStrings } = results.leaky;
    expect(summary.nodeCount).toBeGreaterThan(10000);
    expect(summary.reachableNodes).toBeLessThanOrEqual(summary.nodeCount);
    expect(summary.backingStoreBytes).toBeGreaterThanOrEqual(retainedViews[0].bytes + pinnedSlabs[0].bytes);
    expect(summary.retainedViews.bytes).toBeGreaterThanOrEqual(retainedViews[0].bytes);
    expect(summary.retainedViews.shareOfKind).toBeCloseTo(summary.retainedViews.bytes / summary.backingStoreBytes, 10);
    expect(summary.slicedStrings.bytes).toBe(slicedStrings[0].bytes);
    expect(summary.slicedStrings.shareOfKind).toBeGreaterThan(0.3);
    expect(summary.slicedStrings.shareOfHeap).toBeCloseTo(summary.slicedStrings.bytes / summary.totalBytes, 10);
  });

  it('reports nothing for the same program with exact copies', () => {
    const { retainedViews, pinnedSlabs, slicedStrings } = results.clean;
    expect([retainedViews, pinnedSlabs, slicedStrings]).toEqual([[], [], []]);
  });

  it('finds paths down a 200 000-long list and through a closure without recursion', () => {
    const { retainedViews } = results.deep;
    expect(retainedViews.map((g) => [g.path, g.arrayBuffers, g.bytes, Object.keys(g.viewClasses)])).toEqual([
      ['global.list → Object.next ×199999 → Object.data → DataView', 1, 1024 * 1024, ['DataView']],
      ['global.handler → onMessage().kept (Array) → [*] → Uint8Array', 3, 3 * 256 * 1024, ['Uint8Array']],
    ]);
    expect(retainedViews[0].depth).toBe(200002);
    expect(retainedViews[0].steps).toHaveLength(64);
  });

  it('top and minBytes trim the lists, not the summary', async () => {
    const all = await analyzeHeapSnapshot(`${dir}/leaky.heapsnapshot`, { top: 0, minBytes: 0 });
    expect(all.retainedViews.length).toBeGreaterThan(1);
    expect(all.summary).toEqual(results.leaky.summary);
    const one = await analyzeHeapSnapshot(`${dir}/leaky.heapsnapshot`, { top: 1, minBytes: 0 });
    expect(one.retainedViews).toHaveLength(1);
    expect(one.omitted.retainedViews).toBe(all.retainedViews.length - 1);
    const none = await analyzeHeapSnapshot(`${dir}/leaky.heapsnapshot`, { minBytes: 1024 * 1024 * 1024 });
    expect([none.retainedViews, none.pinnedSlabs, none.slicedStrings]).toEqual([[], [], []]);
  });
});
