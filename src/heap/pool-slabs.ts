import { groupBase, groupByPath, memberCount, type GroupBase, type Member } from './groups';
import type { RetainerTree } from './paths';
import type { RetentionCensus } from './retention';
import { EDGE, HeapSnapshot, NAME_TAGS } from './snapshot';

/** Slabs of Node's Buffer pool kept alive only by Buffers cut from them, grouped by who holds the Buffers. */
export interface PinnedSlabGroup extends GroupBase {
  rule: 'leakproof/no-retained-view';
  /** Pool slabs in the group; `bytes` is slabs × pool size. */
  slabs: number;
  /** Buffers that pin them. */
  buffers: number;
}

export interface PoolSize {
  bytes: number;
  /**
   * Where the size came from: `allocPool` (the size of the slab lib/buffer.js is filling, found through
   * its closure variable), `shared-slabs` (the size most often shared by several Buffers), or `option`
   * (the caller's `poolSize`, or the default 8192 of Node up to 26.2).
   */
  source: 'allocPool' | 'shared-slabs' | 'option';
  /** Node index of the slab in use, which is never reported (it is the pool itself, not pinned). */
  currentSlab?: number;
}

/** Node's `Buffer.poolSize` up to 26.2; 65536 from 26.3. */
export const DEFAULT_POOL_SIZE = 8192;

/**
 * The pool's slab size as the snapshot shows it. lib/buffer.js keeps the slab in use in a module-level
 * `allocPool` variable, which the snapshot lists as a `context` edge of that name; its ArrayBuffer's
 * backing store is `Buffer.poolSize` bytes unless the program changed `Buffer.poolSize` afterwards.
 * When that edge is missing (a snapshot of a browser, or a Node build that renames it), the size most
 * often shared by ArrayBuffers that several Buffers view is taken, if at least 3 such slabs exist.
 */
export function findPoolSize(snapshot: HeapSnapshot, census: RetentionCensus, fallback = DEFAULT_POOL_SIZE): PoolSize {
  const { edgeType, edgeTo, edgeCount } = snapshot;
  for (let e = 0; e < edgeCount; e++) {
    if (edgeType[e] !== EDGE.context || !snapshot.edgeNameIs(e, NAME_TAGS.allocPool)) continue;
    const slot = census.arrayBufferSlot.get(edgeTo[e]);
    if (slot !== undefined && census.backingBytes[slot] > 0) {
      return { bytes: census.backingBytes[slot], source: 'allocPool', currentSlab: edgeTo[e] };
    }
  }
  const sizes = new Map<number, number>();
  for (let slot = 0; slot < census.arrayBuffers.length; slot++) {
    const bytes = census.backingBytes[slot];
    if (census.bufferViewCount[slot] < 2 || bytes < 4096 || bytes > 1 << 20 || (bytes & (bytes - 1)) !== 0) continue;
    sizes.set(bytes, (sizes.get(bytes) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 2;
  for (const [bytes, count] of sizes) {
    if (count > bestCount) {
      best = bytes;
      bestCount = count;
    }
  }
  return best !== undefined ? { bytes: best, source: 'shared-slabs' } : { bytes: fallback, source: 'option' };
}

/** True for an ArrayBuffer that is a pool slab kept only by Buffers (not the slab being filled). */
export function isPinnedSlab(census: RetentionCensus, pool: PoolSize, slot: number): boolean {
  return (
    census.backingBytes[slot] === pool.bytes &&
    census.viewCount[slot] > 0 &&
    census.bufferViewCount[slot] === census.viewCount[slot] &&
    census.otherRetained[slot] === 0 &&
    census.arrayBuffers[slot] !== pool.currentSlab
  );
}

/**
 * Small `Buffer.from`, `Buffer.concat`, `Buffer.allocUnsafe` results (under poolSize/2) are views of a
 * shared slab; one kept Buffer keeps its whole slab. The snapshot cannot tell a Buffer's length, so a
 * group says how many Buffers pin how many slabs: few Buffers per slab is the waste.
 */
export function findPinnedSlabs(
  snapshot: HeapSnapshot,
  tree: RetainerTree,
  census: RetentionCensus,
  pool: PoolSize,
): PinnedSlabGroup[] {
  const members: Member[] = [];
  const buffersOf = new Map<number, number>();
  for (let slot = 0; slot < census.arrayBuffers.length; slot++) {
    if (!isPinnedSlab(census, pool, slot)) continue;
    const holder = tree.parentNode[census.arrayBuffers[slot]];
    members.push({ holder, bytes: census.backingBytes[slot] });
    buffersOf.set(holder, census.viewCount[slot]);
  }
  return groupByPath(snapshot, tree, members).map((group) => ({
    rule: 'leakproof/no-retained-view',
    ...groupBase(snapshot, group),
    slabs: group.members.length,
    buffers: memberCount(group.members, buffersOf),
  }));
}
