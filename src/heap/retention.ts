import type { RetainerTree } from './paths';
import { EDGE, HeapSnapshot, NAME_TAGS, NODE } from './snapshot';

/**
 * Who retains each ArrayBuffer and each parent of a sliced string, in two passes over the edges.
 *
 * "Kept alive only through views" is decided per node from its incoming edges, not with a dominator
 * tree: an ArrayBuffer whose every strong incoming edge from a reachable node is a view's internal
 * `buffer` edge becomes unreachable once those views are gone (replaced by exact-size copies), because
 * removing all of a node's retainers removes every path to it. That is the dominance question asked of
 * the set of views as a whole (the views together dominate the buffer), answered in O(edges) with
 * counters instead of the O(E·α) Lengauer-Tarjan pass and its five extra per-node arrays. The same holds
 * for a string whose only retainers are sliced strings' `parent` edges. Weak edges and edges from
 * unreachable nodes are not retainers (V8 would collect through them).
 */
export interface RetentionCensus {
  /** ArrayBuffer nodes (objects with an internal `backing_store` edge), in node order. */
  readonly arrayBuffers: Uint32Array;
  /** Bytes of each ArrayBuffer's backing store (self_size of its `backing_store` target). */
  readonly backingBytes: Float64Array;
  /** Strong `buffer` edges into each ArrayBuffer from reachable views. */
  readonly viewCount: Uint32Array;
  /** Of those, views whose class is `Buffer` (Node's `FastBuffer` shows as `Buffer`). */
  readonly bufferViewCount: Uint32Array;
  /** 1 when something other than a view retains the ArrayBuffer. */
  readonly otherRetained: Uint8Array;
  /** Strings that are the `parent` of at least one reachable sliced string. */
  readonly sliceParents: Uint32Array;
  readonly sliceCount: Uint32Array;
  readonly sliceParentOtherRetained: Uint8Array;
  /** Node index → position in `arrayBuffers` / `sliceParents`. */
  readonly arrayBufferSlot: Map<number, number>;
  /** Sum of all reachable ArrayBuffers' backing stores. */
  readonly totalBackingBytes: number;
}

const KIND_ARRAY_BUFFER = 1;
const KIND_SLICE_PARENT = 2;

export function takeRetentionCensus(snapshot: HeapSnapshot, tree: RetainerTree): RetentionCensus {
  const { nodeCount, firstEdge, edgeTo, edgeType, nodeType, nodeSelfSize } = snapshot;
  const kind = new Uint8Array(nodeCount);
  const buffers: number[] = [];
  const backing: number[] = [];
  const parents: number[] = [];
  const backingTag = NAME_TAGS.backing_store;
  const parentTag = NAME_TAGS.parent;
  // Pass 1: which nodes are ArrayBuffers, and which strings are parents of sliced strings.
  for (let node = 0; node < nodeCount; node++) {
    if (!tree.isReachable(node)) continue;
    const isSliced = nodeType[node] === NODE.slicedString;
    let bytes = -1;
    for (let e = firstEdge[node], end = firstEdge[node + 1]; e < end; e++) {
      if (edgeType[e] !== EDGE.internal) continue;
      if (snapshot.edgeNameIs(e, backingTag)) bytes = (bytes < 0 ? 0 : bytes) + nodeSelfSize[edgeTo[e]];
      else if (isSliced && snapshot.edgeNameIs(e, parentTag)) {
        const parent = edgeTo[e];
        if (kind[parent] === 0) {
          kind[parent] = KIND_SLICE_PARENT;
          parents.push(parent);
        }
      }
    }
    if (bytes >= 0 && kind[node] === 0) {
      kind[node] = KIND_ARRAY_BUFFER;
      buffers.push(node);
      backing.push(bytes);
    }
  }
  const arrayBufferSlot = new Map<number, number>();
  buffers.forEach((node, slot) => arrayBufferSlot.set(node, slot));
  const parentSlot = new Map<number, number>();
  parents.forEach((node, slot) => parentSlot.set(node, slot));
  const viewCount = new Uint32Array(buffers.length);
  const bufferViewCount = new Uint32Array(buffers.length);
  const otherRetained = new Uint8Array(buffers.length);
  const sliceCount = new Uint32Array(parents.length);
  const sliceParentOtherRetained = new Uint8Array(parents.length);
  const bufferTag = NAME_TAGS.buffer;
  // Pass 2: classify every strong incoming edge of those nodes.
  for (let node = 0; node < nodeCount; node++) {
    if (!tree.isReachable(node)) continue;
    let isBufferClass = -1;
    for (let e = firstEdge[node], end = firstEdge[node + 1]; e < end; e++) {
      const to = edgeTo[e];
      const k = kind[to];
      if (k === 0) continue;
      const type = edgeType[e];
      if (type === EDGE.weak) continue;
      if (k === KIND_ARRAY_BUFFER) {
        const slot = arrayBufferSlot.get(to) as number;
        if (type === EDGE.internal && snapshot.edgeNameIs(e, bufferTag) && to !== node) {
          viewCount[slot]++;
          if (isBufferClass === -1) {
            isBufferClass = snapshot.nodeNameIs(node, NAME_TAGS.Buffer) || snapshot.nodeNameIs(node, NAME_TAGS.FastBuffer) ? 1 : 0;
          }
          if (isBufferClass === 1) bufferViewCount[slot]++;
        } else {
          otherRetained[slot] = 1;
        }
      } else {
        const slot = parentSlot.get(to) as number;
        if (type === EDGE.internal && nodeType[node] === NODE.slicedString && snapshot.edgeNameIs(e, parentTag)) sliceCount[slot]++;
        else sliceParentOtherRetained[slot] = 1;
      }
    }
  }
  let totalBackingBytes = 0;
  for (const bytes of backing) totalBackingBytes += bytes;
  return {
    arrayBuffers: Uint32Array.from(buffers),
    backingBytes: Float64Array.from(backing),
    viewCount,
    bufferViewCount,
    otherRetained,
    sliceParents: Uint32Array.from(parents),
    sliceCount,
    sliceParentOtherRetained,
    arrayBufferSlot,
    totalBackingBytes,
  };
}
