import { EDGE, HeapSnapshot, NAME_TAGS, NODE } from './snapshot';

/**
 * Shortest retaining paths from the GC roots, as a breadth-first tree: `parentNode[n]` and
 * `parentEdge[n]` say how `n` was first reached. One queue, no recursion, so a 10-million-node
 * chain (a long linked list) costs a typed array, not a stack overflow.
 *
 * Weak edges do not retain (WeakMap keys, WeakRef targets, the map-to-code links V8 marks weak) and are
 * not followed; a node reached only through them is not reachable.
 */
export interface RetainerTree {
  readonly parentNode: Uint32Array;
  readonly parentEdge: Uint32Array;
  readonly reachableCount: number;
  isReachable(node: number): boolean;
}

export const NO_PARENT = 0xffffffff;

export function buildRetainerTree(snapshot: HeapSnapshot, root = 0): RetainerTree {
  const n = snapshot.nodeCount;
  const { firstEdge, edgeTo, edgeType } = snapshot;
  const parentNode = new Uint32Array(n).fill(NO_PARENT);
  const parentEdge = new Uint32Array(n).fill(NO_PARENT);
  const queue = new Uint32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = root;
  parentNode[root] = root;
  // Shortcut edges of the synthetic root lead to the global objects: taking them first makes the paths of
  // objects reachable from globals start at `global`, as people read them, rather than at a GC root list.
  for (let pass = 0; pass < 2; pass++) {
    for (let e = firstEdge[root], end = firstEdge[root + 1]; e < end; e++) {
      const to = edgeTo[e];
      if ((edgeType[e] === EDGE.shortcut) !== (pass === 0) || edgeType[e] === EDGE.weak) continue;
      if (parentNode[to] !== NO_PARENT) continue;
      parentNode[to] = root;
      parentEdge[to] = e;
      queue[tail++] = to;
    }
  }
  head = 1;
  while (head < tail) {
    const from = queue[head++];
    for (let e = firstEdge[from], end = firstEdge[from + 1]; e < end; e++) {
      if (edgeType[e] === EDGE.weak) continue;
      const to = edgeTo[e];
      if (parentNode[to] !== NO_PARENT) continue;
      parentNode[to] = from;
      parentEdge[to] = e;
      queue[tail++] = to;
    }
  }
  return {
    parentNode,
    parentEdge,
    reachableCount: tail,
    isReachable: (node) => parentNode[node] !== NO_PARENT,
  };
}

/** One step of a retaining path: the edge taken and the node it leads to. */
export interface PathStep {
  edgeType: string;
  edge: string;
  nodeType: string;
  node: string;
  /** The node's snapshot id, as DevTools shows it (`@12345`). */
  id: number;
}

export interface RetainingPath {
  /**
   * Readable form, e.g. `global.actor → SessionActor.frames (Map) → value → Buffer`; indices shown as
   * `[*]`, a segment repeated N times in a row (a linked list) as `segment ×N`.
   */
  text: string;
  /** Edges from the synthetic root to the node. */
  depth: number;
  /** The last MAX_STEPS steps of the path (all of it when shorter), ending at the node itself. */
  steps: PathStep[];
}

/** Steps kept in `RetainingPath.steps`: enough for any readable path, bounded for a 1e6-long list. */
export const MAX_STEPS = 64;

/** The chain of nodes from the root to `node` (inclusive), or `undefined` when `node` is unreachable. */
export function chainTo(tree: RetainerTree, node: number): number[] | undefined {
  if (!tree.isReachable(node)) return undefined;
  const chain: number[] = [];
  let current = node;
  // Bounded: each step moves to a node discovered earlier in the breadth-first order.
  for (let guard = tree.parentNode.length + 1; guard > 0; guard--) {
    chain.push(current);
    const parent = tree.parentNode[current];
    if (parent === current) break;
    current = parent;
  }
  return chain.reverse();
}

const NUMERIC = /^\d+$/;

function isTransparent(snapshot: HeapSnapshot, node: number): boolean {
  const type = snapshot.nodeType[node];
  if (type === NODE.hidden || type === NODE.code || type === NODE.objectShape) return true;
  if (type === NODE.array) return true;
  if (type === NODE.object) {
    const name = snapshot.nodeNameOf(node);
    return name === 'system / Context' || name.startsWith('system / ');
  }
  return false;
}

/** How a node is named in a readable path. */
export function labelOf(snapshot: HeapSnapshot, node: number): string {
  const type = snapshot.nodeType[node];
  switch (type) {
    case NODE.string:
      return '(string)';
    case NODE.slicedString:
      return '(sliced string)';
    case NODE.consString:
      return '(concatenated string)';
    case NODE.closure: {
      const name = snapshot.nodeNameOf(node);
      return `${name || '(anonymous)'}()`;
    }
    case NODE.number:
      return '(number)';
    default: {
      const name = snapshot.nodeNameOf(node);
      if (name === 'system / Context') return '(closure scope)';
      return name || `(${snapshot.nodeTypeName(node)})`;
    }
  }
}

/**
 * Which slot of an OrderedHashMap / OrderedHashSet (the `table` of a JS Map or Set) an index is.
 * V8 lays them out as 3 header slots, capacity/2 buckets, then entries of (key, value, chain) for maps
 * and (key, chain) for sets; the capacity is a power of two, recovered from the array's size with 8-byte
 * slots (Node) or 4-byte slots (pointer compression, Chrome). Unknown layouts read as `entry`.
 */
function tableSlot(snapshot: HeapSnapshot, table: number, index: number): 'key' | 'value' | 'entry' {
  const size = snapshot.nodeSelfSize[table];
  for (const slot of [8, 4]) {
    const slots = (size - 2 * slot) / slot;
    if (!Number.isInteger(slots)) continue;
    const mapCapacity = (slots - 3) / 3.5;
    if (Number.isInteger(mapCapacity) && mapCapacity >= 2 && (mapCapacity & (mapCapacity - 1)) === 0) {
      const at = index - (3 + mapCapacity / 2);
      if (at < 0) return 'entry';
      return at % 3 === 0 ? 'key' : at % 3 === 1 ? 'value' : 'entry';
    }
    const setCapacity = (slots - 3) / 2.5;
    if (Number.isInteger(setCapacity) && setCapacity >= 2 && (setCapacity & (setCapacity - 1)) === 0) return 'entry';
  }
  return 'entry';
}

/**
 * Describes how `node` is retained. Synthetic roots are dropped (a path starting at a GC root list keeps
 * that list's name, e.g. `(Stack roots)`); hidden, array and `system / ...` nodes (property and element
 * stores, closure contexts, hash tables) are folded into the step that passes through them.
 */
export function describePath(snapshot: HeapSnapshot, tree: RetainerTree, node: number): RetainingPath | undefined {
  const chain = chainTo(tree, node);
  if (!chain) return undefined;
  const steps: PathStep[] = [];
  for (let i = Math.max(1, chain.length - MAX_STEPS); i < chain.length; i++) {
    const to = chain[i];
    const edge = tree.parentEdge[to];
    steps.push({
      edgeType: snapshot.edgeTypeName(edge),
      edge: snapshot.edgeNameOf(edge),
      nodeType: snapshot.nodeTypeName(to),
      node: snapshot.nodeNameOf(to),
      id: snapshot.nodeId[to],
    });
  }
  const depth = chain.length - 1;
  if (chain.length < 2) return { text: labelOf(snapshot, chain[0]), depth, steps };
  // Skip the synthetic prefix, keeping the innermost named root list as the start.
  let start = 1;
  while (start < chain.length - 1 && snapshot.nodeType[chain[start]] === NODE.synthetic) start++;
  const segments: string[] = [];
  if (start > 1) segments.push(labelOf(snapshot, chain[start - 1]));
  // `current` is the segment being built for the last visible node; `afterTable` marks a hash table hop.
  let current: string | undefined = labelOf(snapshot, chain[start]);
  let tableOwner = -1;
  for (let i = start; i < chain.length - 1; i++) {
    const from = chain[i];
    const to = chain[i + 1];
    const edge = tree.parentEdge[to];
    const type = snapshot.edgeType[edge];
    const name = snapshot.edgeNameOf(edge);
    const hiddenTarget = isTransparent(snapshot, to) && i + 1 < chain.length - 1;
    let step: string | undefined;
    let propertyLike = false;
    if (type === EDGE.internal && snapshot.edgeNameIs(edge, NAME_TAGS.table)) {
      tableOwner = to;
      continue;
    }
    if (tableOwner === from) {
      step = NUMERIC.test(name) ? tableSlot(snapshot, from, Number(name)) : name;
      tableOwner = -1;
    } else if (type === EDGE.property || type === EDGE.context) {
      propertyLike = true;
      step = name;
    } else if (type === EDGE.element || type === EDGE.hidden || NUMERIC.test(name)) {
      step = '[*]';
    } else if (type === EDGE.internal && name.startsWith('part of key')) {
      step = 'WeakMap value';
    } else if (type === EDGE.shortcut) {
      step = undefined;
    } else if (hiddenTarget) {
      // internal hop into a store (elements, properties, context): the next step names the slot
      step = undefined;
    } else {
      step = name;
    }
    if (step === undefined) {
      if (!hiddenTarget) {
        if (current !== undefined) segments.push(current);
        current = labelOf(snapshot, to);
      }
      continue;
    }
    if (propertyLike) {
      current = `${current ?? ''}.${step}`;
    } else {
      if (current !== undefined) segments.push(current);
      segments.push(step);
      current = undefined;
    }
    if (hiddenTarget) continue;
    const label = labelOf(snapshot, to);
    if (i + 1 === chain.length - 1) {
      if (current !== undefined) segments.push(current);
      current = label;
    } else if (propertyLike && !nextStepIsProperty(snapshot, tree, chain, i + 1)) {
      current = `${current} (${label})`;
    } else {
      if (current !== undefined) segments.push(current);
      current = label;
    }
  }
  if (current !== undefined) segments.push(current);
  return { text: collapseRuns(segments).join(' → '), depth, steps };
}

/** `a → a → a → b` → `a ×3 → b`, so a path down a long linked list stays one line. */
function collapseRuns(segments: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < segments.length; ) {
    let j = i + 1;
    while (j < segments.length && segments[j] === segments[i]) j++;
    out.push(j - i > 1 ? `${segments[i]} ×${j - i}` : segments[i]);
    i = j;
  }
  return out;
}

/** True when the path leaves `chain[at]` (through folded stores) by a property or closure variable. */
function nextStepIsProperty(snapshot: HeapSnapshot, tree: RetainerTree, chain: number[], at: number): boolean {
  for (let i = at; i < chain.length - 1; i++) {
    const edge = tree.parentEdge[chain[i + 1]];
    const type = snapshot.edgeType[edge];
    if (type === EDGE.property || type === EDGE.context) return true;
    if (!(isTransparent(snapshot, chain[i + 1]) && i + 1 < chain.length - 1)) return false;
    if (type === EDGE.internal && snapshot.edgeNameIs(edge, NAME_TAGS.table)) return false;
  }
  return false;
}
