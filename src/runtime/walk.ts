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
  isModuleNamespaceObject,
  isPooledBuffer,
  isProxy,
  isSet,
  isSharedArrayBuffer,
  isView,
  MapPrototype,
  mapEntries,
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
  kinds: EdgeKind[];
  keys: unknown[];
  buffers: Map<ArrayBufferLike, WalkedBuffer>;
  viewCount: number;
  truncated: boolean;
  truncatedBy: TruncatedBy | undefined;
  proxies: number;
  accessors: number;
  unreadable: number;
}

export const DEFAULT_MAX_NODES = 100_000;
export const DEFAULT_MAX_DEPTH = 10_000;

function limit(value: unknown, fallback: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) return fallback;
  return value;
}

/**
 * Breadth-first walk of what `root` reaches through own data properties (string and symbol keys, any
 * enumerability), array elements, Map keys and values and Set entries. It runs no user code: getters
 * and setters are not called (they are counted in `accessors`), proxies are counted and not entered
 * (their traps are user code, and a revoked proxy throws on any operation), functions, WeakMaps,
 * WeakSets, WeakRefs and promises are not entered (their contents are not reachable from JavaScript,
 * or not strongly). Private class fields (`#x`) are not visible to reflection and are not walked.
 * Breadth-first, so each node's recorded path is a shortest one.
 */
export function walk(root: unknown, limits: WalkLimits | undefined, collectRefs: boolean): Walk {
  const maxNodes = limit(limits?.maxNodes, DEFAULT_MAX_NODES);
  const maxDepth = limit(limits?.maxDepth, DEFAULT_MAX_DEPTH);
  const nodes: unknown[] = [];
  const parents: number[] = [];
  const kinds: EdgeKind[] = [];
  const keys: unknown[] = [];
  const depths: number[] = [];
  const seen = new Set<unknown>();
  const viewsByObject = collectRefs ? new Map<unknown, WalkedView>() : undefined;
  const result: Walk = {
    nodes,
    parents,
    kinds,
    keys,
    buffers: new Map(),
    viewCount: 0,
    truncated: false,
    truncatedBy: undefined,
    proxies: 0,
    accessors: 0,
    unreadable: 0,
  };

  const stop = (by: TruncatedBy): void => {
    result.truncated = true;
    if (result.truncatedBy === undefined || by === 'maxNodes') result.truncatedBy = by;
  };

  // Adds `value` if it is an object not seen yet. Returns nothing: the queue is `nodes` itself.
  const visit = (value: unknown, holder: number, kind: EdgeKind, key: unknown): void => {
    if (seen.has(value)) {
      if (viewsByObject !== undefined) {
        const known = viewsByObject.get(value);
        if (known !== undefined) known.refs.push({ holder, kind, key });
      }
      return;
    }
    if (nodes.length >= maxNodes) {
      stop('maxNodes');
      return;
    }
    seen.add(value);
    nodes.push(value);
    parents.push(holder);
    kinds.push(kind);
    keys.push(key);
    depths.push(holder < 0 ? 0 : depths[holder]! + 1);
  };

  if (root !== null && (typeof root === 'object' || typeof root === 'function')) visit(root, -1, EdgeKind.Root, undefined);

  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as object;
    if (typeof node === 'function') continue;
    try {
      if (isProxy(node)) {
        result.proxies++;
        continue;
      }
      if (isView(node)) {
        recordView(result, node as ArrayBufferView, index, viewsByObject);
        continue;
      }
      if (depths[index]! >= maxDepth) {
        stop('maxDepth');
        continue;
      }
      const proto = getPrototypeOf(node);
      if (proto === ObjectPrototype || proto === null) {
        walkProperties(node, index, visit, result);
      } else if (proto === ArrayPrototype) {
        walkArray(node as unknown[], index, visit, result);
      } else if (proto === MapPrototype) {
        walkMap(node as Map<unknown, unknown>, index, visit);
      } else if (proto === SetPrototype) {
        walkSet(node as Set<unknown>, index, visit);
      } else if (isAnyArrayBuffer(node)) {
        recordDirectBuffer(result, node as ArrayBufferLike, index);
      } else if (isArray(node)) {
        walkArray(node as unknown[], index, visit, result);
      } else if (isMap(node)) {
        walkMap(node as Map<unknown, unknown>, index, visit);
        walkProperties(node, index, visit, result);
      } else if (isSet(node)) {
        walkSet(node as Set<unknown>, index, visit);
        walkProperties(node, index, visit, result);
      } else if (isBoxedPrimitive(node) || node instanceof WeakMap || node instanceof WeakSet || node instanceof WeakRef || node instanceof Promise) {
        // nothing strongly reachable from JavaScript
      } else if (isModuleNamespaceObject(node)) {
        walkProperties(node, index, visit, result); // a binding still in its TDZ throws; caught below
      } else {
        walkProperties(node, index, visit, result); // class instances, Errors, Dates, exotic objects
      }
    } catch {
      // An exotic object that refused to be read (a binding in its TDZ, a host object). Not fatal.
      result.unreadable++;
    }
  }
  return result;
}

type Visit = (value: unknown, holder: number, kind: EdgeKind, key: unknown) => void;

function walkProperties(node: object, index: number, visit: Visit, result: Walk): void {
  const names = getOwnPropertyNames(node);
  for (let i = 0; i < names.length; i++) {
    const descriptor = getOwnPropertyDescriptor(node, names[i]!);
    if (descriptor === undefined) continue;
    if (descriptor.get !== undefined || descriptor.set !== undefined) {
      result.accessors++;
      continue;
    }
    const value = descriptor.value as unknown;
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) visit(value, index, EdgeKind.Property, names[i]);
  }
  const symbols = getOwnPropertySymbols(node);
  for (let i = 0; i < symbols.length; i++) {
    const descriptor = getOwnPropertyDescriptor(node, symbols[i]!);
    if (descriptor === undefined) continue;
    if (descriptor.get !== undefined || descriptor.set !== undefined) {
      result.accessors++;
      continue;
    }
    const value = descriptor.value as unknown;
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) visit(value, index, EdgeKind.Property, symbols[i]);
  }
}

function walkArray(node: unknown[], index: number, visit: Visit, result: Walk): void {
  const length = node.length;
  for (let i = 0; i < length; i++) {
    // Own data elements only: a hole reads nothing, an accessor element is not called.
    const descriptor = getOwnPropertyDescriptor(node, i);
    if (descriptor === undefined) continue;
    if (descriptor.get !== undefined || descriptor.set !== undefined) {
      result.accessors++;
      continue;
    }
    const value = descriptor.value as unknown;
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) visit(value, index, EdgeKind.Index, i);
  }
}

function walkMap(node: Map<unknown, unknown>, index: number, visit: Visit): void {
  const iterator = mapEntries.call(node);
  for (let step = mapIteratorNext.call(iterator); !step.done; step = mapIteratorNext.call(iterator)) {
    const key = step.value[0];
    const value = step.value[1];
    if (key !== null && (typeof key === 'object' || typeof key === 'function')) visit(key, index, EdgeKind.MapKey, key);
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) visit(value, index, EdgeKind.MapValue, key);
  }
}

function walkSet(node: Set<unknown>, index: number, visit: Visit): void {
  const iterator = setValues.call(node);
  let position = 0;
  for (let step = setIteratorNext.call(iterator); !step.done; step = setIteratorNext.call(iterator), position++) {
    const value = step.value;
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) visit(value, index, EdgeKind.SetEntry, position);
  }
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
  const walked: WalkedView = { node, view, byteOffset: facts.byteOffset, byteLength: facts.byteLength, refs: [] };
  if (viewsByObject !== undefined) {
    walked.refs.push({ holder: result.parents[node]!, kind: result.kinds[node]!, key: result.keys[node] });
    viewsByObject.set(view, walked);
  }
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

const MAX_PATH_SEGMENTS = 64;

/** A readable path from the root to node `index`, such as `frames.get("client-7")[3]`. */
export function pathTo(walked: Walk, index: number): string {
  if (index < 0) return '(root)';
  const chain: number[] = [];
  for (let at = index; at >= 0 && walked.kinds[at] !== EdgeKind.Root; at = walked.parents[at]!) chain.push(at);
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
    const at = shown[i]!;
    text += describeEdge(walked.kinds[at]!, walked.keys[at], text === '');
  }
  return text;
}

/** The path of one reference to a view: the holder's path plus the edge. */
export function pathOfRef(walked: Walk, ref: ViewRef): string {
  if (ref.holder < 0) return '(root)';
  const base = walked.kinds[ref.holder] === EdgeKind.Root ? '' : pathTo(walked, ref.holder);
  return base + describeEdge(ref.kind, ref.key, base === '');
}
