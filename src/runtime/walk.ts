import {
  ArrayPrototype,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getOwnPropertySymbols,
  getPrototypeOf,
  isAnyArrayBuffer,
  isArray,
  isBoxedPrimitive,
  isMap,
  isPooledBuffer,
  isProxy,
  isSet,
  isSharedArrayBuffer,
  isView,
  MapPrototype,
  mapEntries,
  mapForEach,
  setForEach,
  mapIteratorNext,
  ObjectPrototype,
  SetPrototype,
  setIteratorNext,
  setValues,
  bufferByteLength,
  viewFacts,
} from './intrinsics';

/** How a walked value was reached from the one before it on its path. */
export const EdgeKind = {
  Root: 0,
  Property: 1,
  Index: 2,
  MapKey: 3,
  MapValue: 4,
  SetEntry: 5,
} as const;
export type EdgeKind = (typeof EdgeKind)[keyof typeof EdgeKind];

export interface WalkLimits {
  /** Objects visited at most (default 100,000). */
  maxNodes?: number;
  /** Edges from `root` at most (default 10,000). */
  maxDepth?: number;
}

/** One reference to a view found by the walk: `holder[key]`, a Map value, a Set entry. */
export interface ViewRef {
  /** Index of the holding node, -1 when the view is the root itself. */
  holder: number;
  kind: EdgeKind;
  key: unknown;
}

/** A view found by the walk. */
export interface WalkedView {
  node: number;
  view: ArrayBufferView;
  byteOffset: number;
  byteLength: number;
  /** Every reference to this view the walk saw (only with `collectRefs`). */
  refs: ViewRef[];
}

/** An ArrayBuffer reached through views (or directly). */
export interface WalkedBuffer {
  buffer: ArrayBufferLike;
  byteLength: number;
  views: WalkedView[];
  /** Reached as an ArrayBuffer itself, not only through views: all of it is in use. */
  direct: boolean;
  directNode: number;
  pooled: boolean;
  shared: boolean;
}

export type TruncatedBy = 'maxNodes' | 'maxDepth';

export interface Walk {
  nodes: unknown[];
  parents: number[];
  buffers: Map<ArrayBufferLike, WalkedBuffer>;
  viewCount: number;
  /** Objects holding no object, counted but not kept in `nodes`. */
  leaves: number;
  truncated: boolean;
  truncatedBy: TruncatedBy | undefined;
  proxies: number;
  accessors: number;
  unreadable: number;
}

export const DEFAULT_MAX_NODES = 100_000;
export const DEFAULT_MAX_DEPTH = 10_000;
const LEAF_DEPTH = 2;
const LEAF_OBJECTS = 32;

function limit(value: unknown, fallback: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) return fallback;
  return value;
}

/**
 * Breadth-first walk of what `root` reaches through own data properties (string and symbol keys, any
 * enumerability), array elements, Map keys and values and Set entries. It runs no user code: getters
 * and setters are not called (they are counted in `accessors`), proxies are counted and not entered
 * (their traps are user code, and a revoked proxy throws on any operation); functions, WeakMaps,
 * WeakSets, WeakRefs and promises are not entered (their contents are not reachable from JavaScript,
 * or not strongly). Private class fields (`#x`) are invisible to reflection and are not walked.
 * Breadth-first, so each node's recorded path is a shortest one.
 */
export function walk(root: unknown, limits: WalkLimits | undefined, collectRefs: boolean): Walk {
  const walker = new Walker(limit(limits?.maxNodes, DEFAULT_MAX_NODES), limit(limits?.maxDepth, DEFAULT_MAX_DEPTH), collectRefs);
  walker.run(root);
  walker.result.leaves = walker.leaves;
  return walker.result;
}

// One instance per walk, methods on the prototype: optimized code stays valid from one walk to the
// next (a fresh closure per walk made V8 deoptimize the helpers at every call).
class Walker {
  readonly nodes: unknown[] = [];
  // The index of the node each node was first reached from (-1 for the root). How it was reached (the
  // key) is found again when a path is printed, which is rare, instead of being stored for every node.
  readonly parents: number[] = [];
  readonly seen = new Set<unknown>();
  readonly viewsByObject: Map<unknown, WalkedView> | undefined;
  readonly result: Walk;
  leaves = 0;
  // The node whose Map or Set entries are being visited (forEach callbacks read them).
  holder = 0;
  position = 0;

  constructor(
    readonly maxNodes: number,
    readonly maxDepth: number,
    collectRefs: boolean,
  ) {
    this.viewsByObject = collectRefs ? new Map() : undefined;
    this.result = {
      nodes: this.nodes,
      parents: this.parents,
      buffers: new Map(),
      viewCount: 0,
      leaves: 0,
      truncated: false,
      truncatedBy: undefined,
      proxies: 0,
      accessors: 0,
      unreadable: 0,
    };
  }

  stop(by: TruncatedBy): void {
    this.result.truncated = true;
    if (this.result.truncatedBy === undefined || by === 'maxNodes') this.result.truncatedBy = by;
  }

  /** Adds an object not seen yet; `nodes` is also the breadth-first queue. */
  visit(value: object, holder: number, kind: EdgeKind, key: unknown): void {
    const seen = this.seen;
    if (this.nodes.length + this.leaves >= this.maxNodes) {
      if (!seen.has(value)) this.stop('maxNodes');
      else if (this.viewsByObject !== undefined) this.viewsByObject.get(value)?.refs.push({ holder, kind, key });
      return;
    }
    if (seen.has(value)) {
      if (this.viewsByObject !== undefined) this.viewsByObject.get(value)?.refs.push({ holder, kind, key });
      return;
    }
    // A small tree of plain data holds no view: counted, not queued (see leafSize).
    const leaf = this.leafSize(value, LEAF_DEPTH);
    if (leaf > 0) {
      if (this.nodes.length + this.leaves + leaf > this.maxNodes) this.stop('maxNodes');
      else this.leaves += leaf;
      return;
    }
    seen.add(value);
    this.nodes.push(value);
    this.parents.push(holder);
    if (this.viewsByObject !== undefined && isView(value)) {
      this.viewsByObject.set(value, { node: this.nodes.length - 1, view: value as ArrayBufferView, byteOffset: 0, byteLength: 0, refs: [{ holder, kind, key }] });
    }
  }

  /**
   * The number of objects in `value`'s subtree if it is a small tree of plain data (objects, class
   * instances and arrays with own data properties only, no views, ArrayBuffers, Maps, Sets, proxies
   * or accessors, at most LEAF_DEPTH levels and LEAF_OBJECTS objects), else 0. Such a subtree can
   * hold no view, so it is counted and not queued: the visited set, most of the walk's cost, gets no
   * entry for it. Reached twice, it counts twice; cycles fail the depth bound.
   */
  leafSize(value: object, depth: number): number {
    if (isProxy(value) || isView(value)) return 0;
    const proto = getPrototypeOf(value);
    let size = 1;
    if (proto === ArrayPrototype) {
      const array = value as unknown[];
      const length = array.length;
      if (length > LEAF_OBJECTS) return 0;
      for (let i = 0; i < length; i++) {
        const descriptor = getOwnPropertyDescriptor(array, i);
        if (descriptor === undefined) continue;
        if (descriptor.get !== undefined || descriptor.set !== undefined) return 0;
        const item = descriptor.value as unknown;
        if (item !== null && typeof item === 'object') {
          const inner = depth > 0 ? this.leafSize(item, depth - 1) : 0;
          if (inner === 0 || (size += inner) > LEAF_OBJECTS) return 0;
        }
      }
      return size;
    }
    if (proto !== ObjectPrototype && proto !== null && (isAnyArrayBuffer(value) || isArray(value) || isMap(value) || isSet(value) || isBoxedPrimitive(value))) return 0;
    const names = getOwnPropertyNames(value);
    if (names.length > LEAF_OBJECTS) return 0;
    for (let i = 0; i < names.length; i++) {
      const descriptor = getOwnPropertyDescriptor(value, names[i]!);
      if (descriptor === undefined) continue;
      if (descriptor.get !== undefined || descriptor.set !== undefined) return 0;
      const item = descriptor.value as unknown;
      if (item !== null && typeof item === 'object') {
        const inner = depth > 0 ? this.leafSize(item, depth - 1) : 0;
        if (inner === 0 || (size += inner) > LEAF_OBJECTS) return 0;
      }
    }
    return getOwnPropertySymbols(value).length === 0 ? size : 0;
  }

  run(root: unknown): void {
    if (root !== null && typeof root === 'object') this.visit(root, -1, EdgeKind.Root, undefined);
    const nodes = this.nodes;
    const result = this.result;
    // Breadth-first: nodes are in order of depth; `levelEnd` is where the current depth ends.
    let depth = 0;
    let levelEnd = nodes.length;
    for (let index = 0; index < nodes.length; index++) {
      if (index === levelEnd) {
        depth++;
        levelEnd = nodes.length;
      }
      const node = nodes[index] as object;
      try {
        if (isProxy(node)) {
          result.proxies++;
          continue;
        }
        if (isView(node)) {
          recordView(result, node as ArrayBufferView, index, this.viewsByObject);
          continue;
        }
        if (depth >= this.maxDepth) {
          this.stop('maxDepth');
          continue;
        }
        const proto = getPrototypeOf(node);
        if (proto === ObjectPrototype || proto === null) {
          this.properties(node, index);
        } else if (proto === ArrayPrototype) {
          this.array(node as unknown[], index);
        } else if (proto === MapPrototype) {
          this.map(node as Map<unknown, unknown>, index);
        } else if (proto === SetPrototype) {
          this.set(node as Set<unknown>, index);
        } else if (isAnyArrayBuffer(node)) {
          recordDirectBuffer(result, node as ArrayBufferLike, index);
        } else if (isArray(node)) {
          this.array(node as unknown[], index);
        } else if (isMap(node)) {
          this.map(node as Map<unknown, unknown>, index);
          this.properties(node, index);
        } else if (isSet(node)) {
          this.set(node as Set<unknown>, index);
          this.properties(node, index);
        } else if (isBoxedPrimitive(node) || node instanceof WeakMap || node instanceof WeakSet || node instanceof WeakRef || node instanceof Promise) {
          // nothing strongly reachable from JavaScript
        } else {
          // class instances, Errors, Dates, module namespaces (a binding in its TDZ throws: caught below)
          this.properties(node, index);
        }
      } catch {
        // An exotic object that refused to be read (a binding in its TDZ, a host object). Not fatal.
        result.unreadable++;
      }
    }
  }

  properties(node: object, index: number): void {
    this.dataProperties(node, getOwnPropertyNames(node), index);
    this.dataProperties(node, getOwnPropertySymbols(node), index);
  }

  /** Visits the objects held by `node`'s own data properties `keys`; accessors are counted, not called. */
  dataProperties(node: object, keys: readonly (string | symbol)[], index: number): void {
    for (let i = 0; i < keys.length; i++) {
      const descriptor = getOwnPropertyDescriptor(node, keys[i]!);
      if (descriptor === undefined) continue;
      if (descriptor.get !== undefined || descriptor.set !== undefined) {
        this.result.accessors++;
        continue;
      }
      const value = descriptor.value as unknown;
      if (value !== null && typeof value === 'object') this.visit(value, index, EdgeKind.Property, keys[i]);
    }
  }

  array(node: unknown[], index: number): void {
    const length = node.length;
    for (let i = 0; i < length; i++) {
      // Own data elements only: a hole reads nothing, an accessor element is not called.
      const descriptor = getOwnPropertyDescriptor(node, i);
      if (descriptor === undefined) continue;
      if (descriptor.get !== undefined || descriptor.set !== undefined) {
        this.result.accessors++;
        continue;
      }
      const value = descriptor.value as unknown;
      if (value !== null && typeof value === 'object') this.visit(value, index, EdgeKind.Index, i);
    }
  }

  map(node: Map<unknown, unknown>, index: number): void {
    this.holder = index;
    mapForEach.call(node, visitMapEntry, this); // no iterator result objects, unlike entries()
  }

  set(node: Set<unknown>, index: number): void {
    this.holder = index;
    this.position = 0;
    setForEach.call(node, visitSetEntry, this);
  }
}

function visitMapEntry(this: Walker, value: unknown, key: unknown): void {
  if (key !== null && typeof key === 'object') this.visit(key, this.holder, EdgeKind.MapKey, key);
  if (value !== null && typeof value === 'object') this.visit(value, this.holder, EdgeKind.MapValue, key);
}

function visitSetEntry(this: Walker, value: unknown): void {
  if (value !== null && typeof value === 'object') this.visit(value, this.holder, EdgeKind.SetEntry, this.position);
  this.position++;
}

function bufferEntry(result: Walk, buffer: ArrayBufferLike): WalkedBuffer {
  let entry = result.buffers.get(buffer);
  if (entry === undefined) {
    entry = {
      buffer,
      byteLength: Math.max(bufferByteLength(buffer), 0),
      views: [],
      direct: false,
      directNode: -1,
      pooled: false,
      shared: isSharedArrayBuffer(buffer),
    };
    result.buffers.set(buffer, entry);
  }
  return entry;
}

function recordView(result: Walk, view: ArrayBufferView, node: number, viewsByObject: Map<unknown, WalkedView> | undefined): void {
  const facts = viewFacts(view);
  const entry = bufferEntry(result, facts.buffer);
  const walked: WalkedView = viewsByObject?.get(view) ?? { node, view, byteOffset: 0, byteLength: 0, refs: [] };
  walked.byteOffset = facts.byteOffset;
  walked.byteLength = facts.byteLength;
  entry.views.push(walked);
  if (entry.views.length === 1 || entry.pooled) entry.pooled = isPooledBuffer(view, entry.byteLength, facts.byteLength);
  result.viewCount++;
}

function recordDirectBuffer(result: Walk, buffer: ArrayBufferLike, node: number): void {
  const entry = bufferEntry(result, buffer);
  entry.direct = true;
  entry.directNode = node;
}

/** The bytes of `buffer` that its walked views cover (overlaps counted once); all of it when reached directly. */
export function coveredBytes(entry: WalkedBuffer): number {
  if (entry.direct) return entry.byteLength;
  const views = entry.views;
  if (views.length === 1) return Math.min(views[0]!.byteLength, entry.byteLength);
  const ranges = views.map((view) => [view.byteOffset, view.byteOffset + view.byteLength] as const).sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let start = -1;
  let end = -1;
  for (const [from, to] of ranges) {
    if (from > end) {
      covered += end - start;
      start = from;
      end = to;
    } else if (to > end) {
      end = to;
    }
  }
  covered += end - start;
  return Math.min(covered, entry.byteLength);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function describeKey(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return JSON.stringify(key);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(key);
    case 'bigint':
      return `${key}n`;
    case 'symbol':
      return key.toString();
    default: {
      if (key === null) return 'null';
      let name = 'object';
      try {
        const proto = getPrototypeOf(key as object) as { constructor?: unknown } | null;
        const constructor = proto ? getOwnPropertyDescriptor(proto, 'constructor')?.value : undefined;
        if (typeof constructor === 'function' && typeof constructor.name === 'string' && constructor.name) name = constructor.name;
      } catch {
        // a proxy or exotic key
      }
      return `<${name}>`;
    }
  }
}

function describeEdge(kind: EdgeKind, key: unknown, first: boolean): string {
  switch (kind) {
    case EdgeKind.Property:
      if (typeof key === 'string' && IDENTIFIER.test(key)) return first ? key : `.${key}`;
      return `[${describeKey(key)}]`;
    case EdgeKind.Index:
      return `[${String(key)}]`;
    case EdgeKind.MapValue:
      return `${first ? '' : '.'}get(${describeKey(key)})`;
    case EdgeKind.MapKey:
      return `${first ? '' : '.'}keys()<${describeKey(key)}>`;
    case EdgeKind.SetEntry:
      return `${first ? '' : '.'}values()[${String(key)}]`;
    default:
      return '';
  }
}

interface Edge {
  kind: EdgeKind;
  key: unknown;
}

function dataValue(holder: object, key: PropertyKey): unknown {
  const descriptor = getOwnPropertyDescriptor(holder, key);
  return descriptor !== undefined && descriptor.get === undefined && descriptor.set === undefined ? descriptor.value : undefined;
}

/**
 * How `child` hangs off `holder`: the first edge in the order the walk follows them, which is the edge
 * the walk took. Runs no user code either (no getters, no proxy traps: proxies are never holders).
 */
export function findEdge(holder: unknown, child: unknown): Edge | undefined {
  try {
    const object = holder as object;
    const proto = getPrototypeOf(object);
    const plain = proto === ObjectPrototype || proto === null;
    if (!plain && (proto === ArrayPrototype || isArray(object))) {
      const array = object as unknown[];
      for (let i = 0; i < array.length; i++) if (dataValue(array, i) === child) return { kind: EdgeKind.Index, key: i };
      return undefined;
    }
    if (!plain && isMap(object)) {
      const iterator = mapEntries.call(object as Map<unknown, unknown>);
      for (let step = mapIteratorNext.call(iterator); !step.done; step = mapIteratorNext.call(iterator)) {
        if (step.value[0] === child) return { kind: EdgeKind.MapKey, key: step.value[0] };
        if (step.value[1] === child) return { kind: EdgeKind.MapValue, key: step.value[0] };
      }
    } else if (!plain && isSet(object)) {
      const iterator = setValues.call(object as Set<unknown>);
      let position = 0;
      for (let step = setIteratorNext.call(iterator); !step.done; step = setIteratorNext.call(iterator), position++) {
        if (step.value === child) return { kind: EdgeKind.SetEntry, key: position };
      }
    }
    for (const name of getOwnPropertyNames(object)) if (dataValue(object, name) === child) return { kind: EdgeKind.Property, key: name };
    for (const symbol of getOwnPropertySymbols(object)) if (dataValue(object, symbol) === child) return { kind: EdgeKind.Property, key: symbol };
  } catch {
    // an exotic holder
  }
  return undefined;
}

const MAX_PATH_SEGMENTS = 64;

function describeStep(walked: Walk, at: number, first: boolean): string {
  const edge = findEdge(walked.nodes[walked.parents[at]!], walked.nodes[at]);
  return edge === undefined ? `${first ? '' : '.'}(?)` : describeEdge(edge.kind, edge.key, first);
}

/** A readable path from the root to node `index`, such as `frames.get("client-7")[3]`. */
export function pathTo(walked: Walk, index: number): string {
  const chain: number[] = [];
  for (let at = index; at >= 0 && walked.parents[at]! >= 0; at = walked.parents[at]!) chain.push(at);
  if (chain.length === 0) return '(root)';
  chain.reverse();
  let elided = 0;
  let shown = chain;
  if (chain.length > MAX_PATH_SEGMENTS) {
    // A long chain (a linked list) keeps its first and last steps.
    elided = chain.length - MAX_PATH_SEGMENTS;
    shown = [...chain.slice(0, MAX_PATH_SEGMENTS / 2), ...chain.slice(chain.length - MAX_PATH_SEGMENTS / 2)];
  }
  let text = '';
  for (let i = 0; i < shown.length; i++) {
    if (elided > 0 && i === MAX_PATH_SEGMENTS / 2) text += `…(${elided} more)…`;
    text += describeStep(walked, shown[i]!, text === '');
  }
  return text;
}

/** The path of one reference to a view: the holder's path plus the edge. */
export function pathOfRef(walked: Walk, ref: ViewRef): string {
  if (ref.holder < 0) return '(root)';
  const base = walked.parents[ref.holder]! < 0 ? '' : pathTo(walked, ref.holder);
  return base + describeEdge(ref.kind, ref.key, base === '');
}
