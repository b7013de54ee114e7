import type { RetainerTree } from './paths';
import type { RetentionCensus } from './retention';
import { HeapSnapshot, NODE } from './snapshot';

/** Share of a total that one finding kind explains. */
export interface Explained {
  /** Groups found (before `top` and `minBytes` trimmed the list). */
  groups: number;
  bytes: number;
  /** bytes / total backing-store bytes (views, slabs) or / total string bytes (strings); 0..1 */
  shareOfKind: number;
  /** bytes / total size of reachable nodes; 0..1 */
  shareOfHeap: number;
}

export interface HeapSummary {
  /** Size of the snapshot file (or stream) in bytes. */
  fileBytes: number;
  nodeCount: number;
  edgeCount: number;
  reachableNodes: number;
  /** Sum of self sizes of reachable nodes, backing stores included (DevTools' "total size"). */
  totalBytes: number;
  /** Sum of the backing stores of reachable ArrayBuffers. */
  backingStoreBytes: number;
  arrayBuffers: number;
  /** Sum of self sizes of reachable strings of every kind. */
  stringBytes: number;
  retainedViews: Explained;
  pinnedSlabs: Explained;
  slicedStrings: Explained;
}

export function computeTotals(snapshot: HeapSnapshot, tree: RetainerTree): { totalBytes: number; stringBytes: number } {
  let totalBytes = 0;
  let stringBytes = 0;
  const { nodeType, nodeSelfSize, nodeCount } = snapshot;
  for (let node = 0; node < nodeCount; node++) {
    if (!tree.isReachable(node)) continue;
    const size = nodeSelfSize[node];
    totalBytes += size;
    const type = nodeType[node];
    if (type === NODE.string || type === NODE.slicedString || type === NODE.consString) stringBytes += size;
  }
  return { totalBytes, stringBytes };
}

export function explain(groups: ReadonlyArray<{ bytes: number }>, kindTotal: number, heapTotal: number): Explained {
  const bytes = groups.reduce((sum, g) => sum + g.bytes, 0);
  return {
    groups: groups.length,
    bytes,
    shareOfKind: kindTotal > 0 ? bytes / kindTotal : 0,
    shareOfHeap: heapTotal > 0 ? bytes / heapTotal : 0,
  };
}

export function summarize(
  snapshot: HeapSnapshot,
  tree: RetainerTree,
  census: RetentionCensus,
  found: {
    retainedViews: ReadonlyArray<{ bytes: number }>;
    pinnedSlabs: ReadonlyArray<{ bytes: number }>;
    slicedStrings: ReadonlyArray<{ bytes: number }>;
  },
): HeapSummary {
  const { totalBytes, stringBytes } = computeTotals(snapshot, tree);
  return {
    fileBytes: snapshot.byteLength,
    nodeCount: snapshot.nodeCount,
    edgeCount: snapshot.edgeCount,
    reachableNodes: tree.reachableCount,
    totalBytes,
    backingStoreBytes: census.totalBackingBytes,
    arrayBuffers: census.arrayBuffers.length,
    stringBytes,
    retainedViews: explain(found.retainedViews, census.totalBackingBytes, totalBytes),
    pinnedSlabs: explain(found.pinnedSlabs, census.totalBackingBytes, totalBytes),
    slicedStrings: explain(found.slicedStrings, stringBytes, totalBytes),
  };
}
