/**
 * A parsed heap snapshot held in typed-array columns: one entry per node and per edge, no object per
 * node. Names stay as undecoded bytes of the snapshot's `strings` section until someone asks for one,
 * so a snapshot of millions of nodes costs a few bytes per node on the off-heap side and next to
 * nothing on the JavaScript heap (the default heap limit is the budget, see docs/heap.md).
 */

/** Node types as V8 numbers them in `snapshot.meta.node_types[0]` (the reader maps the file's list onto these). */
export const NODE_TYPES = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
  'concatenated string',
  'sliced string',
  'symbol',
  'bigint',
  'object shape',
  'wasm object',
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number] | 'unknown';

export const NODE = {
  hidden: 0,
  array: 1,
  string: 2,
  object: 3,
  code: 4,
  closure: 5,
  regexp: 6,
  number: 7,
  native: 8,
  synthetic: 9,
  consString: 10,
  slicedString: 11,
  symbol: 12,
  bigint: 13,
  objectShape: 14,
  wasmObject: 15,
  unknown: 255,
} as const;

/** Edge types as V8 numbers them in `snapshot.meta.edge_types[0]`. */
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'] as const;
export type EdgeTypeName = (typeof EDGE_TYPES)[number] | 'unknown';

export const EDGE = {
  context: 0,
  element: 1,
  property: 2,
  internal: 3,
  hidden: 4,
  shortcut: 5,
  weak: 6,
  unknown: 255,
} as const;

/**
 * Names the analysis compares against. The strings table is deduplicated by V8, but nothing relies on
 * that: every string equal to one of these gets its tag.
 */
export const NAME_TAGS = {
  /** internal edge from a typed array or DataView to its ArrayBuffer */
  buffer: 1,
  /** internal edge from an ArrayBuffer to the native node whose self_size is the byte length */
  backing_store: 2,
  /** internal edge from a sliced string to the string it keeps */
  parent: 3,
  /** internal edge from a Map or Set to its OrderedHashTable */
  table: 4,
  /** context variable of lib/buffer.js holding the current pool slab */
  allocPool: 5,
  elements: 6,
  properties: 7,
  context: 8,
  Buffer: 9,
  FastBuffer: 10,
  __proto__: 11,
  map: 12,
} as const;
export type NameTag = keyof typeof NAME_TAGS;

/** Node and edge columns plus the raw strings section; built by `readHeapSnapshot`. */
export class HeapSnapshot {
  constructor(
    readonly nodeCount: number,
    readonly edgeCount: number,
    /** NODE.* per node */
    readonly nodeType: Uint8Array,
    /** string index per node */
    readonly nodeName: Uint32Array,
    readonly nodeId: Uint32Array,
    readonly nodeSelfSize: Float64Array,
    /** index of each node's first edge; `firstEdge[nodeCount] === edgeCount` */
    readonly firstEdge: Uint32Array,
    /** EDGE.* per edge */
    readonly edgeType: Uint8Array,
    /** string index (most types) or element index (element, hidden) */
    readonly edgeName: Uint32Array,
    /** target node index (not the field offset the file stores) */
    readonly edgeTo: Uint32Array,
    private readonly stringBytes: Buffer,
    private readonly stringStart: Uint32Array,
    private readonly stringEnd: Uint32Array,
    readonly stringCount: number,
    /** NAME_TAGS value per string index, 0 for the rest */
    readonly stringTag: Uint8Array,
    /** Size of the file or stream in bytes. */
    readonly byteLength: number,
  ) {}

  /** Decodes string `index` of the snapshot's strings table (JSON escapes included). */
  string(index: number): string {
    if (index >= this.stringCount) return `<string ${index}>`;
    const start = this.stringStart[index];
    const end = this.stringEnd[index];
    const bytes = this.stringBytes;
    // Search only this string's bytes: `indexOf` from `start` would scan the rest of the section.
    if (bytes.subarray(start, end).indexOf(0x5c) === -1) return bytes.toString('utf8', start, end);
    try {
      return JSON.parse(bytes.toString('utf8', start - 1, end + 1)) as string;
    } catch {
      return bytes.toString('utf8', start, end);
    }
  }

  /** Length in bytes of string `index` as stored (escapes not decoded); cheap, no decoding. */
  stringByteLength(index: number): number {
    return index < this.stringCount ? this.stringEnd[index] - this.stringStart[index] : 0;
  }

  nodeTypeName(node: number): NodeTypeName {
    return NODE_TYPES[this.nodeType[node]] ?? 'unknown';
  }

  nodeNameOf(node: number): string {
    return this.string(this.nodeName[node]);
  }

  edgeTypeName(edge: number): EdgeTypeName {
    return EDGE_TYPES[this.edgeType[edge]] ?? 'unknown';
  }

  /** The edge's name as text: a property or variable name, or an element index. */
  edgeNameOf(edge: number): string {
    const type = this.edgeType[edge];
    if (type === EDGE.element || type === EDGE.hidden) return String(this.edgeName[edge]);
    return this.string(this.edgeName[edge]);
  }

  /** True when the edge's name is the tagged string (never for element and hidden edges, which hold numbers). */
  edgeNameIs(edge: number, tag: number): boolean {
    const type = this.edgeType[edge];
    if (type === EDGE.element || type === EDGE.hidden) return false;
    const name = this.edgeName[edge];
    return name < this.stringCount && this.stringTag[name] === tag;
  }

  nodeNameIs(node: number, tag: number): boolean {
    const name = this.nodeName[node];
    return name < this.stringCount && this.stringTag[name] === tag;
  }

  /** First edge of `node` of the given type and tagged name, or -1. */
  findEdge(node: number, type: number, tag: number): number {
    for (let e = this.firstEdge[node], end = this.firstEdge[node + 1]; e < end; e++) {
      if (this.edgeType[e] === type && this.edgeNameIs(e, tag)) return e;
    }
    return -1;
  }

  /** A reusable view of one node; `at` moves it, so hold no reference across calls. */
  node(index: number, flyweight = new HeapNode(this)): HeapNode {
    return flyweight.at(index);
  }
}

/** Flyweight accessor over the columns: one instance walks many nodes. */
export class HeapNode {
  index = 0;
  constructor(private readonly snapshot: HeapSnapshot) {}

  at(index: number): this {
    this.index = index;
    return this;
  }

  get type(): NodeTypeName {
    return this.snapshot.nodeTypeName(this.index);
  }

  get name(): string {
    return this.snapshot.nodeNameOf(this.index);
  }

  get id(): number {
    return this.snapshot.nodeId[this.index];
  }

  get selfSize(): number {
    return this.snapshot.nodeSelfSize[this.index];
  }

  get edgeCount(): number {
    return this.snapshot.firstEdge[this.index + 1] - this.snapshot.firstEdge[this.index];
  }

  /** Calls `visit(edgeIndex, targetNode)` for each outgoing edge; return `false` to stop. */
  forEachEdge(visit: (edge: number, to: number) => boolean | void): void {
    const { firstEdge, edgeTo } = this.snapshot;
    for (let e = firstEdge[this.index], end = firstEdge[this.index + 1]; e < end; e++) {
      if (visit(e, edgeTo[e]) === false) return;
    }
  }
}
