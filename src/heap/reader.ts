import * as fs from 'node:fs';
import { EDGE, EDGE_TYPES, HeapSnapshot, NAME_TAGS, NODE, NODE_TYPES } from './snapshot';

/**
 * Streaming reader for V8 `.heapsnapshot` files.
 *
 * Real snapshots exceed V8's maximum string length (512 MiB on 64-bit since V8 6.2, about 1 GiB from
 * V8 11.x), so the file is never held as one string and never `JSON.parse`d whole: a byte-level state
 * machine walks the chunks as they arrive, writes numbers straight into typed-array columns, and copies
 * the `strings` section verbatim into one off-heap buffer with an offset per string. Only the small
 * `snapshot` header object is handed to `JSON.parse`.
 */

/** Broken or unsupported input. The message is one line; the CLI prints it and exits 2. */
export class HeapSnapshotError extends Error {
  override name = 'HeapSnapshotError';
}

export interface ReadProgress {
  bytesRead: number;
  /** Undefined when reading a stream of unknown length. */
  totalBytes: number | undefined;
}

export interface ReadOptions {
  /** Called every few megabytes while reading. */
  onProgress?: (progress: ReadProgress) => void;
  /** Label used in error messages (the file name); defaults to the path or "input". */
  label?: string;
}

export type SnapshotSource = string | AsyncIterable<Uint8Array | string>;

interface SnapshotMeta {
  node_fields: string[];
  node_types: unknown[];
  edge_fields: string[];
  edge_types: unknown[];
}

const enum State {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  Raw,
  Skip,
  Numbers,
  Strings,
  Done,
}

const enum Section {
  Nodes,
  Edges,
}

// Field roles in `node_fields` / `edge_fields`; other fields (trace_node_id, detachedness) are skipped.
const F_SKIP = 0;
const F_TYPE = 1;
const F_NAME = 2;
const F_ID = 3;
const F_SELF_SIZE = 4;
const F_EDGE_COUNT = 5;
const F_TO = 6;

const MAX_HEADER_BYTES = 16 * 1024 * 1024;
const PROGRESS_STEP = 16 * 1024 * 1024;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

class Grow {
  static u32(array: Uint32Array, need: number): Uint32Array {
    if (need <= array.length) return array;
    const next = new Uint32Array(Math.max(need, array.length * 2, 1024));
    next.set(array);
    return next;
  }
  static u8(array: Uint8Array, need: number): Uint8Array {
    if (need <= array.length) return array;
    const next = new Uint8Array(Math.max(need, array.length * 2, 1024));
    next.set(array);
    return next;
  }
  static f64(array: Float64Array, need: number): Float64Array {
    if (need <= array.length) return array;
    const next = new Float64Array(Math.max(need, array.length * 2, 1024));
    next.set(array);
    return next;
  }
}

/** The parser's whole state; `feed` may stop anywhere (mid-number, mid-string) and resume on the next chunk. */
class SnapshotParser {
  state = State.Start;
  /** Byte offset of the current chunk's first byte in the whole input. */
  base = 0;
  key = '';
  seenKeys = new Set<string>();
  // Raw / skip scanning
  depth = 0;
  inString = false;
  escape = false;
  raw: Buffer[] = [];
  rawLength = 0;
  // Numbers
  section = Section.Nodes;
  current = 0;
  hasDigit = false;
  field = 0;
  fieldCount = 0;
  roles: Uint8Array = new Uint8Array(0);
  // Meta
  meta: SnapshotMeta | undefined;
  expectedNodes: number | undefined;
  expectedEdges: number | undefined;
  nodeFieldCount = 0;
  nodeTypeMap: Uint8Array = new Uint8Array(0);
  edgeTypeMap: Uint8Array = new Uint8Array(0);
  // Columns
  nodeCount = 0;
  nodeType: Uint8Array = new Uint8Array(0);
  nodeName: Uint32Array = new Uint32Array(0);
  nodeId: Uint32Array = new Uint32Array(0);
  nodeSelfSize: Float64Array = new Float64Array(0);
  nodeEdgeCount: Uint32Array = new Uint32Array(0);
  edgeCount = 0;
  edgeType: Uint8Array = new Uint8Array(0);
  edgeName: Uint32Array = new Uint32Array(0);
  edgeTo: Uint32Array = new Uint32Array(0);
  nodesDone = false;
  edgesDone = false;
  // Strings
  stringsStarted = false;
  stringsDone = false;
  stringBytes: Buffer = Buffer.alloc(0);
  stringBytesLength = 0;
  /** Input offset of the strings section's first byte after `[`. */
  stringsBase = 0;
  stringStart: Uint32Array = new Uint32Array(0);
  stringEnd: Uint32Array = new Uint32Array(0);
  stringCount = 0;

  constructor(
    private readonly label: string,
    private readonly totalBytes: number | undefined,
  ) {}

  fail(message: string): never {
    throw new HeapSnapshotError(`${this.label}: ${message}`);
  }

  notSnapshot(at: number, what: string): never {
    this.fail(`not a V8 heap snapshot (${what} at byte ${at})`);
  }

  feed(chunk: Buffer): void {
    let i = 0;
    const length = chunk.length;
    while (i < length) {
      switch (this.state) {
        case State.Start: {
          const c = chunk[i];
          if (isSpace(c) || (c === 0xef && this.base + i === 0)) {
            // whitespace, or a UTF-8 byte order mark some tools write
            i += c === 0xef ? 3 : 1;
            continue;
          }
          if (c !== 0x7b) this.notSnapshot(this.base + i, `expected '{', found ${describeByte(c)}`);
          this.state = State.KeyOrEnd;
          i++;
          break;
        }
        case State.KeyOrEnd: {
          const c = chunk[i++];
          if (isSpace(c) || c === 0x2c) continue;
          if (c === 0x22) {
            this.key = '';
            this.state = State.Key;
          } else if (c === 0x7d) {
            this.state = State.Done;
          } else {
            this.notSnapshot(this.base + i - 1, `unexpected ${describeByte(c)}`);
          }
          break;
        }
        case State.Key: {
          const end = chunk.indexOf(0x22, i);
          const stop = end === -1 ? length : end;
          this.key += chunk.toString('latin1', i, stop);
          if (this.key.length > 256) this.notSnapshot(this.base + i, 'a key longer than 256 bytes');
          i = stop;
          if (end !== -1) {
            i++;
            this.state = State.Colon;
          }
          break;
        }
        case State.Colon: {
          const c = chunk[i++];
          if (isSpace(c)) continue;
          if (c !== 0x3a) this.notSnapshot(this.base + i - 1, `expected ':', found ${describeByte(c)}`);
          this.state = State.Value;
          break;
        }
        case State.Value: {
          const c = chunk[i];
          if (isSpace(c)) {
            i++;
            continue;
          }
          this.startValue(c, this.base + i);
          i++;
          break;
        }
        case State.Raw:
          i = this.scanRaw(chunk, i);
          break;
        case State.Skip:
          i = this.scanSkip(chunk, i);
          break;
        case State.Numbers:
          i = this.scanNumbers(chunk, i);
          break;
        case State.Strings:
          i = this.scanStrings(chunk, i);
          break;
        case State.Done: {
          const c = chunk[i++];
          if (!isSpace(c) && c !== 0) this.notSnapshot(this.base + i - 1, `data after the end: ${describeByte(c)}`);
          break;
        }
      }
    }
    if (this.state === State.Strings) this.keepStringBytes(chunk, this.stringsChunkStart, length);
    this.stringsChunkStart = 0;
    this.base += length;
  }

  /** Offset in the current chunk where the strings section's bytes to keep begin. */
  stringsChunkStart = 0;

  startValue(c: number, at: number): void {
    const key = this.key;
    if (this.seenKeys.has(key)) this.notSnapshot(at, `a second "${key}" key`);
    this.seenKeys.add(key);
    if (key === 'snapshot') {
      if (c !== 0x7b) this.notSnapshot(at, '"snapshot" is not an object');
      this.state = State.Raw;
      this.depth = 1;
      this.inString = false;
      this.escape = false;
      this.raw = [Buffer.from('{')];
      this.rawLength = 1;
      return;
    }
    if (key === 'nodes' || key === 'edges') {
      if (c !== 0x5b) this.notSnapshot(at, `"${key}" is not an array`);
      if (!this.meta) this.fail(`"${key}" comes before the "snapshot" header; not a V8 heap snapshot this reader supports`);
      if (key === 'edges' && !this.nodesDone) this.fail('"edges" comes before "nodes"; not a V8 heap snapshot this reader supports');
      this.beginNumbers(key === 'nodes' ? Section.Nodes : Section.Edges);
      return;
    }
    if (key === 'strings') {
      if (c !== 0x5b) this.notSnapshot(at, '"strings" is not an array');
      this.state = State.Strings;
      this.stringsStarted = true;
      this.stringsBase = at + 1;
      this.stringsChunkStart = at + 1 - this.base;
      this.inString = false;
      this.escape = false;
      if (this.totalBytes !== undefined) this.stringBytes = Buffer.allocUnsafe(Math.max(0, this.totalBytes - this.stringsBase));
      return;
    }
    // trace_function_infos, trace_tree, samples, locations, or keys of newer formats: skipped.
    this.state = State.Skip;
    this.inString = c === 0x22;
    this.escape = false;
    this.depth = c === 0x5b || c === 0x7b ? 1 : 0;
  }

  scanRaw(chunk: Buffer, start: number): number {
    let i = start;
    const length = chunk.length;
    let { depth, inString, escape } = this;
    for (; i < length; i++) {
      const c = chunk[i];
      if (inString) {
        if (escape) escape = false;
        else if (c === 0x5c) escape = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    this.raw.push(Buffer.from(chunk.subarray(start, i)));
    this.rawLength += i - start;
    if (this.rawLength > MAX_HEADER_BYTES) this.notSnapshot(this.base + i, 'a "snapshot" header over 16 MiB');
    if (depth === 0) {
      this.readMeta(Buffer.concat(this.raw).toString('utf8'));
      this.raw = [];
      this.state = State.KeyOrEnd;
    }
    return i;
  }

  scanSkip(chunk: Buffer, start: number): number {
    let i = start;
    const length = chunk.length;
    let { depth, inString, escape } = this;
    for (; i < length; i++) {
      const c = chunk[i];
      if (inString) {
        if (escape) escape = false;
        else if (c === 0x5c) escape = true;
        else if (c === 0x22) {
          inString = false;
          if (depth === 0) {
            i++;
            this.state = State.KeyOrEnd;
            break;
          }
        }
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) {
          // end of the top-level object right after a scalar value
          this.state = State.KeyOrEnd;
          break;
        }
        depth--;
        if (depth === 0) {
          i++;
          this.state = State.KeyOrEnd;
          break;
        }
      } else if (c === 0x2c && depth === 0) {
        this.state = State.KeyOrEnd;
        break;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    return i;
  }

  readMeta(text: string): void {
    let header: { meta?: Partial<SnapshotMeta>; node_count?: unknown; edge_count?: unknown };
    try {
      header = JSON.parse(text) as typeof header;
    } catch {
      this.fail('not a V8 heap snapshot (its "snapshot" header is not valid JSON)');
    }
    const meta = header.meta;
    const okList = (list: unknown): list is string[] => Array.isArray(list) && list.every((x) => typeof x === 'string');
    if (
      !meta ||
      !okList(meta.node_fields) ||
      !okList(meta.edge_fields) ||
      !Array.isArray(meta.node_types) ||
      !Array.isArray(meta.edge_types) ||
      !okList(meta.node_types[0]) ||
      !okList(meta.edge_types[0])
    ) {
      this.fail('not a V8 heap snapshot (its "snapshot" header has no meta.node_fields, edge_fields, node_types and edge_types)');
    }
    const nodeFields = meta.node_fields;
    const edgeFields = meta.edge_fields;
    for (const needed of ['type', 'name', 'id', 'self_size', 'edge_count']) {
      if (!nodeFields.includes(needed)) this.fail(`not a V8 heap snapshot this reader supports (node_fields has no "${needed}")`);
    }
    for (const needed of ['type', 'name_or_index', 'to_node']) {
      if (!edgeFields.includes(needed)) this.fail(`not a V8 heap snapshot this reader supports (edge_fields has no "${needed}")`);
    }
    this.meta = meta as SnapshotMeta;
    this.nodeFieldCount = nodeFields.length;
    const nodeTypes = meta.node_types[0] as string[];
    const edgeTypes = meta.edge_types[0] as string[];
    // Map the file's type numbering onto ours, so a reordered list in a future V8 still reads right.
    this.nodeTypeMap = new Uint8Array(nodeTypes.length).fill(NODE.unknown);
    nodeTypes.forEach((name, index) => {
      const ours = (NODE_TYPES as readonly string[]).indexOf(name);
      if (ours !== -1) this.nodeTypeMap[index] = ours;
    });
    this.edgeTypeMap = new Uint8Array(edgeTypes.length).fill(EDGE.unknown);
    edgeTypes.forEach((name, index) => {
      const ours = (EDGE_TYPES as readonly string[]).indexOf(name);
      if (ours !== -1) this.edgeTypeMap[index] = ours;
    });
    const count = (value: unknown) =>
      typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** 32 ? value : undefined;
    this.expectedNodes = count(header.node_count);
    this.expectedEdges = count(header.edge_count);
  }

  beginNumbers(section: Section): void {
    const meta = this.meta as SnapshotMeta;
    const fields = section === Section.Nodes ? meta.node_fields : meta.edge_fields;
    const roleOf: Record<string, number> =
      section === Section.Nodes
        ? { type: F_TYPE, name: F_NAME, id: F_ID, self_size: F_SELF_SIZE, edge_count: F_EDGE_COUNT }
        : { type: F_TYPE, name_or_index: F_NAME, to_node: F_TO };
    this.roles = Uint8Array.from(fields, (f) => roleOf[f] ?? F_SKIP);
    this.fieldCount = fields.length;
    this.field = 0;
    this.current = 0;
    this.hasDigit = false;
    this.section = section;
    this.state = State.Numbers;
    if (section === Section.Nodes) {
      const n = this.expectedNodes ?? 1 << 16;
      this.nodeType = new Uint8Array(n);
      this.nodeName = new Uint32Array(n);
      this.nodeId = new Uint32Array(n);
      this.nodeSelfSize = new Float64Array(n);
      this.nodeEdgeCount = new Uint32Array(n + 1);
    } else {
      const n = this.expectedEdges ?? 1 << 18;
      this.edgeType = new Uint8Array(n);
      this.edgeName = new Uint32Array(n);
      this.edgeTo = new Uint32Array(n);
    }
  }

  /**
   * The hot loops: digits accumulate in `current`; a separator stores it in the column of its field.
   * Nodes and edges get one loop each, with the columns in locals, so the common byte costs a compare
   * and a multiply-add.
   */
  scanNumbers(chunk: Buffer, start: number): number {
    return this.section === Section.Nodes ? this.scanNodes(chunk, start) : this.scanEdges(chunk, start);
  }

  scanNodes(chunk: Buffer, start: number): number {
    let i = start;
    const length = chunk.length;
    let current = this.current;
    let hasDigit = this.hasDigit;
    let field = this.field;
    let node = this.nodeCount;
    const fieldCount = this.fieldCount;
    const roles = this.roles;
    const typeMap = this.nodeTypeMap;
    let { nodeType, nodeName, nodeId, nodeSelfSize, nodeEdgeCount } = this;
    for (; i < length; i++) {
      const c = chunk[i];
      if (c >= 0x30 && c <= 0x39) {
        current = current * 10 + (c - 0x30);
        hasDigit = true;
        continue;
      }
      const end = c === 0x5d;
      if (!end && c !== 0x2c && c !== 0x0a && c !== 0x20 && c !== 0x0d && c !== 0x09) {
        this.notSnapshot(this.base + i, `unexpected ${describeByte(c)} in "nodes"`);
      }
      if (hasDigit) {
        if (field === 0 && node >= nodeType.length) {
          this.growNodes(node + 1);
          ({ nodeType, nodeName, nodeId, nodeSelfSize, nodeEdgeCount } = this);
        }
        switch (roles[field]) {
          case F_TYPE:
            nodeType[node] = current < typeMap.length ? typeMap[current] : NODE.unknown;
            break;
          case F_NAME:
            nodeName[node] = current;
            break;
          case F_ID:
            nodeId[node] = current;
            break;
          case F_SELF_SIZE:
            nodeSelfSize[node] = current;
            break;
          case F_EDGE_COUNT:
            nodeEdgeCount[node] = current;
            break;
        }
        if (++field === fieldCount) {
          field = 0;
          node++;
        }
        current = 0;
        hasDigit = false;
      }
      if (end) {
        this.field = field;
        this.nodeCount = node;
        this.current = 0;
        this.hasDigit = false;
        this.endNumbers(i + 1);
        return i + 1;
      }
    }
    this.field = field;
    this.nodeCount = node;
    this.current = current;
    this.hasDigit = hasDigit;
    return i;
  }

  scanEdges(chunk: Buffer, start: number): number {
    let i = start;
    const length = chunk.length;
    let current = this.current;
    let hasDigit = this.hasDigit;
    let field = this.field;
    let edge = this.edgeCount;
    const fieldCount = this.fieldCount;
    const roles = this.roles;
    const typeMap = this.edgeTypeMap;
    const nodeFields = this.nodeFieldCount;
    const limit = this.nodeCount * nodeFields;
    let { edgeType, edgeName, edgeTo } = this;
    for (; i < length; i++) {
      const c = chunk[i];
      if (c >= 0x30 && c <= 0x39) {
        current = current * 10 + (c - 0x30);
        hasDigit = true;
        continue;
      }
      const end = c === 0x5d;
      if (!end && c !== 0x2c && c !== 0x0a && c !== 0x20 && c !== 0x0d && c !== 0x09) {
        this.notSnapshot(this.base + i, `unexpected ${describeByte(c)} in "edges"`);
      }
      if (hasDigit) {
        if (field === 0 && edge >= edgeType.length) {
          this.growEdges(edge + 1);
          ({ edgeType, edgeName, edgeTo } = this);
        }
        switch (roles[field]) {
          case F_TYPE:
            edgeType[edge] = current < typeMap.length ? typeMap[current] : EDGE.unknown;
            break;
          case F_NAME:
            edgeName[edge] = current;
            break;
          case F_TO:
            if (current >= limit || current % nodeFields !== 0) {
              this.notSnapshot(this.base + i, `edge ${edge} points to field offset ${current}, not to one of the ${this.nodeCount} nodes`);
            }
            edgeTo[edge] = current / nodeFields;
            break;
        }
        if (++field === fieldCount) {
          field = 0;
          edge++;
        }
        current = 0;
        hasDigit = false;
      }
      if (end) {
        this.field = field;
        this.edgeCount = edge;
        this.current = 0;
        this.hasDigit = false;
        this.endNumbers(i + 1);
        return i + 1;
      }
    }
    this.field = field;
    this.edgeCount = edge;
    this.current = current;
    this.hasDigit = hasDigit;
    return i;
  }

  growNodes(need: number): void {
    this.nodeType = Grow.u8(this.nodeType, need);
    this.nodeName = Grow.u32(this.nodeName, need);
    this.nodeId = Grow.u32(this.nodeId, need);
    this.nodeSelfSize = Grow.f64(this.nodeSelfSize, need);
    this.nodeEdgeCount = Grow.u32(this.nodeEdgeCount, this.nodeType.length + 1);
  }

  growEdges(need: number): void {
    this.edgeType = Grow.u8(this.edgeType, need);
    this.edgeName = Grow.u32(this.edgeName, need);
    this.edgeTo = Grow.u32(this.edgeTo, need);
  }

  endNumbers(at: number): void {
    const isNodes = this.section === Section.Nodes;
    const name = isNodes ? 'nodes' : 'edges';
    if (this.field !== 0) this.notSnapshot(this.base + at, `"${name}" ends in the middle of a record`);
    const count = isNodes ? this.nodeCount : this.edgeCount;
    const expected = isNodes ? this.expectedNodes : this.expectedEdges;
    if (expected !== undefined && count !== expected) {
      this.fail(`"${name}" has ${count} records but the header says ${expected}; the file is damaged`);
    }
    if (isNodes) this.nodesDone = true;
    else this.edgesDone = true;
    this.state = State.KeyOrEnd;
  }

  scanStrings(chunk: Buffer, start: number): number {
    let i = start;
    const length = chunk.length;
    let { inString, escape } = this;
    const offset = this.base - this.stringsBase;
    while (i < length) {
      if (inString) {
        if (escape) {
          // the byte at `i` is escaped: a backslash ended the previous chunk
          escape = false;
          i++;
          continue;
        }
        // Jump to the next quote; it closes the string unless an odd run of backslashes escapes it.
        const quote = chunk.indexOf(0x22, i);
        const stop = quote === -1 ? length : quote;
        let run = 0;
        while (stop - run - 1 >= i && chunk[stop - run - 1] === 0x5c) run++;
        if (quote === -1) {
          escape = run % 2 === 1;
          i = length;
          break;
        }
        i = quote + 1;
        if (run % 2 === 1) continue;
        inString = false;
        this.stringEnd[this.stringCount++] = offset + quote;
        continue;
      }
      const c = chunk[i];
      if (c === 0x22) {
        inString = true;
        const index = this.stringCount;
        if (index >= this.stringStart.length) {
          this.stringStart = Grow.u32(this.stringStart, index + 1);
          this.stringEnd = Grow.u32(this.stringEnd, index + 1);
        }
        const at = offset + i + 1;
        if (at >= 2 ** 32) this.fail('a "strings" section over 4 GiB is not supported');
        this.stringStart[index] = at;
        i++;
      } else if (c === 0x5d) {
        i++;
        this.keepStringBytes(chunk, this.stringsChunkStart, i);
        this.stringsChunkStart = 0;
        this.stringsDone = true;
        this.state = State.KeyOrEnd;
        break;
      } else if (c === 0x2c || isSpace(c)) {
        i++;
      } else {
        this.notSnapshot(this.base + i, `unexpected ${describeByte(c)} in "strings"`);
      }
    }
    this.inString = inString;
    this.escape = escape;
    return i;
  }

  /** Copies bytes [from, to) of the chunk, which belong to the strings section, into `stringBytes`. */
  keepStringBytes(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    const need = this.stringBytesLength + (to - from);
    if (need > this.stringBytes.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.stringBytes.length * 2, 1 << 20));
      this.stringBytes.copy(next, 0, 0, this.stringBytesLength);
      this.stringBytes = next;
    }
    chunk.copy(this.stringBytes, this.stringBytesLength, from, to);
    this.stringBytesLength = need;
  }

  finish(): HeapSnapshot {
    if (this.base === 0) this.fail('the file is empty; expected a V8 heap snapshot (.heapsnapshot)');
    if (this.state === State.Start) this.fail('the file holds only whitespace; expected a V8 heap snapshot (.heapsnapshot)');
    if (this.state !== State.Done) {
      const where = this.describeWhere();
      if (!this.meta && this.seenKeys.size === 0) this.notSnapshot(this.base, 'the input ends before its first key');
      this.fail(`the file is truncated: it ends ${where} (${this.base} bytes read)`);
    }
    if (!this.meta) this.fail('not a V8 heap snapshot (no "snapshot" header with meta)');
    if (!this.nodesDone) this.fail('not a V8 heap snapshot (no "nodes" array)');
    if (!this.edgesDone) this.fail('not a V8 heap snapshot (no "edges" array)');
    if (!this.stringsDone) this.fail('not a V8 heap snapshot (no "strings" array)');
    const n = this.nodeCount;
    if (n === 0) this.fail('the snapshot has no nodes');
    // Turn per-node edge counts into first-edge offsets, in place.
    const firstEdge = this.nodeEdgeCount.length >= n + 1 ? this.nodeEdgeCount : Grow.u32(this.nodeEdgeCount, n + 1);
    let sum = 0;
    for (let node = 0; node < n; node++) {
      const count = firstEdge[node];
      firstEdge[node] = sum;
      sum += count;
    }
    firstEdge[n] = sum;
    if (sum !== this.edgeCount) {
      this.fail(`the nodes declare ${sum} edges but "edges" has ${this.edgeCount}; the file is damaged`);
    }
    const stringBytes = this.stringBytes.subarray(0, this.stringBytesLength);
    const stringTag = tagStrings(stringBytes, this.stringStart, this.stringEnd, this.stringCount);
    return new HeapSnapshot(
      n,
      this.edgeCount,
      this.nodeType.subarray(0, n),
      this.nodeName.subarray(0, n),
      this.nodeId.subarray(0, n),
      this.nodeSelfSize.subarray(0, n),
      firstEdge.subarray(0, n + 1),
      this.edgeType.subarray(0, this.edgeCount),
      this.edgeName.subarray(0, this.edgeCount),
      this.edgeTo.subarray(0, this.edgeCount),
      stringBytes,
      this.stringStart,
      this.stringEnd,
      this.stringCount,
      stringTag,
      this.base,
    );
  }

  describeWhere(): string {
    switch (this.state) {
      case State.Numbers:
        return this.section === Section.Nodes
          ? `inside "nodes" after ${this.nodeCount}${this.expectedNodes !== undefined ? ` of ${this.expectedNodes}` : ''} nodes`
          : `inside "edges" after ${this.edgeCount}${this.expectedEdges !== undefined ? ` of ${this.expectedEdges}` : ''} edges`;
      case State.Strings:
        return `inside "strings" after ${this.stringCount} strings`;
      case State.Raw:
        return 'inside the "snapshot" header';
      case State.Skip:
        return `inside "${this.key}"`;
      default:
        return this.stringsDone ? 'before the closing brace' : `after "${this.key}"`;
    }
  }
}

/** Marks every string equal to one of NAME_TAGS' names, comparing bytes (no decoding). */
function tagStrings(bytes: Buffer, starts: Uint32Array, ends: Uint32Array, count: number): Uint8Array {
  const tags = new Uint8Array(count);
  const byLength = new Map<number, Array<[Buffer, number]>>();
  for (const [name, tag] of Object.entries(NAME_TAGS)) {
    const encoded = Buffer.from(name, 'latin1');
    const list = byLength.get(encoded.length) ?? [];
    list.push([encoded, tag]);
    byLength.set(encoded.length, list);
  }
  for (let i = 0; i < count; i++) {
    const start = starts[i];
    const list = byLength.get(ends[i] - start);
    if (!list) continue;
    for (const [encoded, tag] of list) {
      if (bytes.compare(encoded, 0, encoded.length, start, ends[i]) === 0) {
        tags[i] = tag;
        break;
      }
    }
  }
  return tags;
}

function label(source: SnapshotSource, given: string | undefined): string {
  if (given) return given;
  return typeof source === 'string' ? source : 'input';
}

/** Reads a snapshot from a path or a byte stream into columns. Broken input throws `HeapSnapshotError`. */
export async function readHeapSnapshot(source: SnapshotSource, options: ReadOptions = {}): Promise<HeapSnapshot> {
  const name = label(source, options.label);
  let totalBytes: number | undefined;
  let stream: AsyncIterable<Uint8Array | string>;
  if (typeof source === 'string') {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new HeapSnapshotError(code === 'ENOENT' ? `${name}: no such file` : `${name}: cannot read (${code ?? String(error)})`);
    }
    if (stat.isDirectory()) throw new HeapSnapshotError(`${name}: is a directory, expected a .heapsnapshot file`);
    totalBytes = stat.size;
    if (totalBytes === 0) throw new HeapSnapshotError(`${name}: the file is empty; expected a V8 heap snapshot (.heapsnapshot)`);
    stream = fs.createReadStream(source, { highWaterMark: 4 * 1024 * 1024 });
  } else {
    stream = source;
  }
  const parser = new SnapshotParser(name, totalBytes);
  let nextProgress = PROGRESS_STEP;
  try {
    for await (const piece of stream) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      parser.feed(chunk);
      if (options.onProgress && parser.base >= nextProgress) {
        nextProgress = parser.base + PROGRESS_STEP;
        options.onProgress({ bytesRead: parser.base, totalBytes });
      }
    }
  } catch (error) {
    if (error instanceof HeapSnapshotError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new HeapSnapshotError(`${name}: cannot read (${message.split('\n')[0]})`);
  } finally {
    if (typeof source === 'string') (stream as fs.ReadStream).destroy();
  }
  options.onProgress?.({ bytesRead: parser.base, totalBytes });
  return parser.finish();
}
