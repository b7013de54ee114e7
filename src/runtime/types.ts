/** Result shapes of leakproof/runtime. All are plain data: `JSON.stringify` writes them whole. */

export interface InspectOptions {
  /** Objects visited at most; the walk stops there and says so in `truncated`. Default 100,000. */
  maxNodes?: number;
  /** Edges followed from the root at most. Default 10,000. */
  maxDepth?: number;
  /** How many ArrayBuffers `top` lists. Default 10. */
  top?: number;
  /** How many view paths each `top` entry lists. Default 5. */
  maxPaths?: number;
}

/** One ArrayBuffer kept alive by what the root reaches. */
export interface RetainedBuffer {
  /** The ArrayBuffer's byte length: what it keeps in memory. */
  byteLength: number;
  /** The bytes its views cover (overlaps once); all of it when the ArrayBuffer itself is reachable. */
  usedBytes: number;
  /** `byteLength - usedBytes`. */
  wastedBytes: number;
  /** Views of it reached from the root. */
  views: number;
  /** Paths from the root to its views, shortest first (at most `maxPaths`). */
  paths: string[];
  /** Probably a slab of Node's shared Buffer pool (`Buffer.poolSize` long, only small Buffers on it). */
  pooled: boolean;
  /** A SharedArrayBuffer (never compacted by `hibernate`: other threads may see it). */
  shared: boolean;
  /** The ArrayBuffer itself is reachable from the root, not only its views. */
  direct: boolean;
}

export interface InspectResult {
  /** Bytes the views cover, summed over ArrayBuffers. */
  usedBytes: number;
  /** Byte length of every ArrayBuffer reached, each counted once. */
  retainedBytes: number;
  /** `retainedBytes - usedBytes`: what exact copies would give back. */
  wastedBytes: number;
  /** Views (typed arrays, Buffers, DataViews) reached. */
  views: number;
  /** Distinct ArrayBuffers reached. */
  buffers: number;
  /** The walk hit `maxNodes` or `maxDepth`: the figures are a lower bound. */
  truncated: boolean;
  /** Which limit stopped the walk, when `truncated`. */
  truncatedBy?: 'maxNodes' | 'maxDepth';
  /** The worst ArrayBuffers, most wasted bytes first. */
  top: RetainedBuffer[];
  /** Objects visited (an object in a small plain-data subtree reached by two paths counts twice). */
  nodes: number;
  /** Proxies met and not entered (their traps are user code). */
  proxies: number;
  /** Getters and setters met and not called. */
  accessors: number;
  /** Objects that refused to be read (exotic or host objects). */
  unreadable: number;
  /** Set when the call failed as a whole; the other fields are then zero. */
  error?: string;
}

export interface BinLeakEntry {
  name: string;
  wastedBytes: number;
  retainedBytes: number;
  usedBytes: number;
  top: RetainedBuffer[];
  truncated: boolean;
}

export type BinLeakOptions = InspectOptions;

export interface HibernateOptions {
  /** Compact an ArrayBuffer only if at least this many of its bytes are unused. Default 1024. */
  minWastedBytes?: number;
  /** ... and its views cover at most this share of it. Default 0.5. */
  maxUsedRatio?: number;
  maxNodes?: number;
  maxDepth?: number;
}

export interface HibernateReplacement {
  /** Where the view was, from the root. */
  path: string;
  /** The view's byte length. */
  byteLength: number;
  /** The byte length of the ArrayBuffer it kept before. */
  parentBytes: number;
  /** The byte length of its new ArrayBuffer. */
  newParentBytes: number;
}

export interface HibernateSkip {
  path: string;
  reason: 'frozen' | 'read-only' | 'map-key' | 'root' | 'accessor' | 'shared' | 'failed';
  byteLength: number;
  parentBytes: number;
}

export interface HibernateResult {
  replaced: HibernateReplacement[];
  skipped: HibernateSkip[];
  /** ArrayBuffers whose every reference the walk found was replaced. */
  buffers: number;
  /**
   * Bytes freed once the garbage collector runs, if nothing outside `target` holds the old views or
   * their ArrayBuffers: old byte lengths minus the new, exact ones, over fully replaced ArrayBuffers.
   */
  expectedFreedBytes: number;
  truncated: boolean;
  error?: string;
}

export interface HibernateWhenIdleOptions extends HibernateOptions {
  /** Called after each idle hibernation with its result (errors thrown by it are swallowed). */
  onHibernate?: (result: HibernateResult) => void;
}

/** Call on every message; `cancel()` stops the idle timer for good. */
export interface IdleToucher {
  (): void;
  cancel(): void;
}

export interface TrackOptions {
  /** Record views whose ArrayBuffer is at least this long. Default 4096. */
  minParentBytes?: number;
  /** ... and which cover at most this share of it. Default 0.5. */
  maxViewRatio?: number;
  /** Share of qualifying views whose creation site is recorded (0 < rate <= 1). Default 1. */
  sampleRate?: number;
  /** Also wrap the global typed-array and DataView constructors (see docs/runtime.md). Default true. */
  constructors?: boolean;
}

/**
 * The rule a runtime site is reported under: `leakproof/no-retained-view` unless the loader was given a
 * lint result (`LEAKPROOF_LINT`) that reports another leakproof rule on that line.
 */
export type RuntimeRule = `leakproof/${string}`;

/** One source location where views still alive were made. The shape `leakproof lint --runtime-report` reads. */
export interface RuntimeSite {
  /** Absolute path of the file (a `file:` URL is turned into a path), or the V8 script name. */
  file: string;
  line: number;
  column: number;
  rule: RuntimeRule;
  /** Views made here and not yet garbage collected. */
  liveViews: number;
  /** Byte length of the distinct ArrayBuffers those views keep. */
  retainedBytes: number;
  /** Bytes those views cover. */
  usedBytes: number;
  /**
   * What made them: with `track()`, the method (`Buffer#subarray`, `TypedArray#subarray`, `new DataView`,
   * …); with the loader, the expression's callee as written (`subarray`, `slice`, `Buffer.from`,
   * `new Uint8Array`, …).
   */
  via: string;
}

export interface RuntimeReport {
  version: 1;
  tool: 'leakproof/runtime';
  generatedAt: string;
  /** Whether `track()` is still on. */
  tracking: boolean;
  /** Whether the loader (`leakproof/register`) instrumented modules of this process. */
  loader: boolean;
  /**
   * With the loader, how it recorded views: `stamps` (each view carries its site; the report counts the
   * views alive when it is made, after collecting all garbage) or `finalizers` (each view followed weakly,
   * as `track()` does, where views cannot be listed: views not yet collected count as alive).
   */
  recording?: 'stamps' | 'finalizers';
  /** Why part of what was recorded is missing from `sites`; absent when nothing is. */
  incomplete?: string;
  options: Required<TrackOptions>;
  /** Qualifying views seen, and how many of them were recorded (sampling). */
  seenViews: number;
  recordedViews: number;
  /** Sites with live views, most retained bytes first. */
  sites: RuntimeSite[];
}

/** A finding in the tool-neutral shape the CLI turns into SARIF (`src/report/sarif.ts`'s `SarifFinding`). */
export interface RuntimeFinding {
  ruleId: RuntimeRule;
  message: string;
  level: 'warning';
  file: string;
  line: number;
  column: number;
  properties: { liveViews: number; retainedBytes: number; usedBytes: number; via: string };
}
