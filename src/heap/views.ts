import { classCounts, groupBase, groupByPath, memberCount, type GroupBase, type Member } from './groups';
import type { RetainerTree } from './paths';
import type { RetentionCensus } from './retention';
import type { HeapSnapshot } from './snapshot';

/** ArrayBuffers kept alive only through views, grouped by the path that retains the views. */
export interface RetainedViewGroup extends GroupBase {
  rule: 'leakproof/no-retained-view';
  /** ArrayBuffers in the group. */
  arrayBuffers: number;
  /** Views (typed arrays, Buffers, DataViews) that keep them. */
  views: number;
  /** View classes and how many of each, e.g. `{ "Buffer": 10 }`. */
  viewClasses: Record<string, number>;
}

/**
 * The snapshot does not record a view's offset or length (V8 writes only the `buffer` edge), so a
 * 16-byte `subarray` of a 64 KiB chunk and a Buffer spanning its whole ArrayBuffer look alike: each
 * group says where the views live, and the reader judges whether they are pieces. Slabs of the Buffer
 * pool are left to pool-slabs.ts.
 */
export function findRetainedViews(
  snapshot: HeapSnapshot,
  tree: RetainerTree,
  census: RetentionCensus,
  isPoolSlab: (slot: number) => boolean,
): RetainedViewGroup[] {
  const members: Member[] = [];
  const viewsOf = new Map<number, number>();
  for (let slot = 0; slot < census.arrayBuffers.length; slot++) {
    if (census.viewCount[slot] === 0 || census.otherRetained[slot] === 1) continue;
    if (census.backingBytes[slot] === 0 || isPoolSlab(slot)) continue;
    const arrayBuffer = census.arrayBuffers[slot];
    // Only views retain it, so its breadth-first parent is one of them: the shortest-path view.
    const view = tree.parentNode[arrayBuffer];
    members.push({ holder: view, bytes: census.backingBytes[slot] });
    viewsOf.set(view, census.viewCount[slot]);
  }
  return groupByPath(snapshot, tree, members).map((group) => ({
    rule: 'leakproof/no-retained-view',
    ...groupBase(snapshot, group),
    arrayBuffers: group.members.length,
    views: memberCount(group.members, viewsOf),
    viewClasses: classCounts(snapshot, group.members.map((m) => m.holder)),
  }));
}
