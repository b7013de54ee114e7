/**
 * Sliced strings a root keeps, found in a heap snapshot of the test's own process. JavaScript cannot see
 * whether a string is a V8 sliced string (a `slice`/`substring`/`split` piece of 13+ characters that
 * points into its parent) nor how large the parent is; a snapshot records both. So, only when a test
 * asks for `maxSlicedStringBytes`: the root is hung on a probe object, `v8.writeHeapSnapshot()` writes
 * the process's heap to a temporary file (synchronous, as an assertion must be), the file is parsed, and
 * the probe's subgraph is walked the way the runtime's walk goes: properties (private `#fields`
 * included, which reflection cannot see), elements, Map and Set entries, never into functions,
 * closures or weak collections.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface PinnedString {
  /** Path from the root to the sliced string, e.g. `sessions[*].topic`. */
  path: string;
  /** Bytes of the parent string the piece keeps alive (its self size in the snapshot). */
  parentBytes: number;
  /** Sliced strings reached from the root that keep this parent. */
  pieces: number;
}

export interface StringCheck {
  wastedBytes: number;
  pinned: PinnedString[];
  /** Snapshot nodes walked from the root. */
  nodes: number;
  truncatedBy?: 'maxNodes' | 'maxDepth';
}

// The probe's class name is how its node is found in the snapshot (V8 names objects after their constructor).
class LeakproofSlicedStringProbe {
  constructor(readonly root: unknown) {}
}

// Holds the probe (and so the root) from a module variable while the snapshot is written.
export let holding: LeakproofSlicedStringProbe | undefined;

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/**
 * The JavaScript heap size above which no snapshot is taken. Writing one costs time in proportion to the
 * whole process's heap: about 0.4 s for a small `node --test` process (Node 20), but minutes for a jest
 * worker that has run other suites and holds hundreds of MB.
 */
export const MAX_HEAP_BYTES = 200 * 1024 * 1024;

/** Throws the one-line error for a heap of `used` bytes over `limit`; returns otherwise. */
export function checkHeapSize(used: number, limit = MAX_HEAP_BYTES): void {
  if (used <= limit) return;
  throw new Error(
    `leakproof/test: maxSlicedStringBytes takes a heap snapshot of the whole process, and this one's JavaScript heap is ` +
      `${Math.round(used / 1048576)} MiB (over ${Math.round(limit / 1048576)} MiB): check strings in a smaller process ` +
      '(node --test on that file, or jest on that file alone) or write a snapshot and run leakproof heap on it',
  );
}

/** Writes and parses a snapshot of this process with `root` on the probe. Errors are one line. */
function snapshotWith(root: unknown): RawSnapshot {
  checkHeapSize(process.memoryUsage().heapUsed);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = require('node:v8') as typeof import('node:v8');
  const file = path.join(os.tmpdir(), `leakproof-test-${process.pid}-${Date.now()}.heapsnapshot`);
  holding = new LeakproofSlicedStringProbe(root);
  try {
    v8.writeHeapSnapshot(file);
  } finally {
    holding = undefined;
  }
  try {
    const size = fs.statSync(file).size;
    // V8's maximum string length on 64-bit (Node 20 to 22); larger snapshots need `leakproof heap`.
    if (size > (1 << 29) - 24) {
      throw new Error(`leakproof/test: this process's heap snapshot is ${Math.round(size / 1e6)} MB, too large to read in-process; run leakproof heap on a snapshot instead`);
    }
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RawSnapshot;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * Parents below this size are not counted: `detach(piece)` itself returns a slice of a flat copy one
 * character longer than the piece (see `detach` in src/runtime/copy.ts), and `leakproof heap` reports
 * parents from 1 KiB up by default (--min-parent-bytes).
 */
export const MIN_PARENT_BYTES = 1024;

const SKIPPED_PROPERTIES = new Set(['__proto__', 'constructor', 'prototype']);
const FOLLOWED_INTERNAL = new Set(['table', 'elements', 'properties', 'first', 'second', 'actual']);
const NOT_ENTERED = new Set(['WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Promise']);

/**
 * Sliced strings reachable from `root` and the parents they keep, most bytes first. A parent that the
 * root also reaches as a string in its own right costs nothing extra and is not counted; nor is one
 * under MIN_PARENT_BYTES.
 */
export function findSlicedStrings(root: unknown, limits: { maxNodes: number; maxDepth: number }): StringCheck {
  const raw = snapshotWith(root);
  const meta = raw.snapshot.meta;
  const NF = meta.node_fields.length;
  const EF = meta.edge_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
  const edgeToAt = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = raw;
  const count = nodes.length / NF;
  const firstEdge = new Uint32Array(count + 1);
  for (let n = 0, e = 0; n < count; n++) {
    firstEdge[n] = e;
    e += nodes[n * NF + edgeCountAt] as number;
    firstEdge[n + 1] = e;
  }
  const type = (n: number) => nodeTypes[nodes[n * NF + typeAt] as number];
  const name = (n: number) => strings[nodes[n * NF + nameAt] as number] ?? '';
  let probe = -1;
  for (let n = 0; n < count && probe < 0; n++) if (type(n) === 'object' && name(n) === 'LeakproofSlicedStringProbe') probe = n;
  if (probe < 0) throw new Error('leakproof/test: the probe holding the root is missing from the heap snapshot');
  let start = -1;
  for (let e = firstEdge[probe] as number; e < (firstEdge[probe + 1] as number); e++) {
    if (edgeTypes[edges[e * EF + edgeTypeAt] as number] === 'property' && strings[edges[e * EF + edgeNameAt] as number] === 'root') {
      start = (edges[e * EF + edgeToAt] as number) / NF;
    }
  }
  const check: StringCheck = { wastedBytes: 0, pinned: [], nodes: 0 };
  if (start < 0) return check; // a primitive root holds no object

  // Breadth-first from the root: parent node and how it was reached, for paths.
  const parentOf = new Map<number, number>([[start, -1]]);
  const stepOf = new Map<number, string>([[start, '']]);
  const depthOf = new Map<number, number>([[start, 0]]);
  const queue = [start];
  const plainStrings = new Set<number>();
  const slicesOf = new Map<number, number[]>(); // parent string → sliced strings reached
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    const nodeType = type(node);
    if (nodeType === 'string') {
      plainStrings.add(node);
      continue;
    }
    if (nodeType === 'closure' || nodeType === 'code' || nodeType === 'native' || (nodeType === 'object' && NOT_ENTERED.has(name(node)))) continue;
    const depth = depthOf.get(node) as number;
    if (depth >= limits.maxDepth) {
      check.truncatedBy = 'maxDepth';
      continue;
    }
    for (let e = firstEdge[node] as number; e < (firstEdge[node + 1] as number); e++) {
      const edgeType = edgeTypes[edges[e * EF + edgeTypeAt] as number];
      const to = (edges[e * EF + edgeToAt] as number) / NF;
      const raw = edges[e * EF + edgeNameAt] as number;
      let step: string | undefined;
      if (edgeType === 'property') {
        const key = strings[raw] ?? '';
        if (!SKIPPED_PROPERTIES.has(key)) step = /^#?[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
      } else if (edgeType === 'element') {
        step = `[${raw}]`;
      } else if (edgeType === 'internal' || edgeType === 'hidden') {
        const key = strings[raw] ?? '';
        if (nodeType === 'sliced string' && key === 'parent') {
          const list = slicesOf.get(to) ?? [];
          list.push(node);
          slicesOf.set(to, list);
          continue;
        }
        // Hash-table entries (Map, Set) are internal edges named by slot number from the table array.
        if (FOLLOWED_INTERNAL.has(key)) step = '';
        else if (nodeType === 'array' && /^\d+$/.test(key)) step = '[*]';
      }
      if (step === undefined || parentOf.has(to)) continue;
      if (parentOf.size >= limits.maxNodes) {
        check.truncatedBy = 'maxNodes';
        break;
      }
      parentOf.set(to, node);
      stepOf.set(to, step);
      depthOf.set(to, depth + 1);
      queue.push(to);
    }
  }
  check.nodes = parentOf.size;
  const pathTo = (node: number): string => {
    const parts: string[] = [];
    for (let at = node; at !== start && at >= 0; at = parentOf.get(at) as number) parts.push(stepOf.get(at) as string);
    const text = parts.reverse().join('').replace(/\[\*\](?:\[\*\])+/g, '[*]');
    return text === '' ? '(root)' : text.startsWith('.') ? text.slice(1) : text;
  };
  for (const [parent, pieces] of slicesOf) {
    const parentBytes = nodes[parent * NF + sizeAt] as number;
    if (plainStrings.has(parent) || parentBytes < MIN_PARENT_BYTES) continue;
    check.wastedBytes += parentBytes;
    check.pinned.push({ path: pathTo(pieces[0] as number), parentBytes, pieces: pieces.length });
  }
  check.pinned.sort((a, b) => b.parentBytes - a.parentBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return check;
}
