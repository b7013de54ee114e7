import { groupBase, groupByPath, memberCount, type GroupBase, type Member } from './groups';
import type { RetainerTree } from './paths';
import type { RetentionCensus } from './retention';
import type { HeapSnapshot } from './snapshot';

/** Strings kept alive only by sliced strings taken from them, grouped by the path that retains the pieces. */
export interface SlicedStringGroup extends GroupBase {
  rule: 'leakproof/no-retained-substring';
  /** Parent strings in the group; `bytes` is their total size. */
  parents: number;
  /** Sliced strings (the kept pieces) that retain them. */
  pieces: number;
}

/**
 * V8 makes a sliced string for a `slice`/`substring`/`split` piece of 13 or more characters
 * (SlicedString::kMinLength, V8 5.x to 13.x) and the snapshot records neither its length nor its
 * offset, only the `parent` edge. A parent of `minParentBytes` or more kept only by such pieces is
 * reported: the pieces are at most as long as the parent and in practice far shorter (a header, a
 * token, a line), so copying them frees nearly all of the parent.
 */
export function findSlicedStrings(
  snapshot: HeapSnapshot,
  tree: RetainerTree,
  census: RetentionCensus,
  minParentBytes: number,
): SlicedStringGroup[] {
  const members: Member[] = [];
  const piecesOf = new Map<number, number>();
  for (let slot = 0; slot < census.sliceParents.length; slot++) {
    if (census.sliceCount[slot] === 0 || census.sliceParentOtherRetained[slot] === 1) continue;
    const parent = census.sliceParents[slot];
    const bytes = snapshot.nodeSelfSize[parent];
    if (bytes < minParentBytes) continue;
    const piece = tree.parentNode[parent];
    members.push({ holder: piece, bytes });
    piecesOf.set(piece, census.sliceCount[slot]);
  }
  return groupByPath(snapshot, tree, members).map((group) => ({
    rule: 'leakproof/no-retained-substring',
    ...groupBase(snapshot, group),
    parents: group.members.length,
    pieces: memberCount(group.members, piecesOf),
  }));
}
