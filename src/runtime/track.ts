import { bufferByteLength, defineProperty, getOwnPropertyDescriptor, NodeBuffer, reflectConstruct, TYPED_ARRAY_NAMES, TypedArrayPrototype, viewBuffer, viewByteLength } from './intrinsics';
import type { RuntimeFinding, RuntimeReport, RuntimeSite, TrackOptions } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

const RULE = 'leakproof/no-retained-view' as const;

const DEFAULTS: Required<TrackOptions> = { minParentBytes: 4096, maxViewRatio: 0.5, sampleRate: 1, constructors: true };

// Frames from this folder are leakproof's own and are skipped when looking for the caller.
const OWN_DIR = (() => {
  const file = typeof __filename === 'string' ? __filename : '';
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut + 1) : '\u0000';
})();

interface Site {
  key: string;
  /** Set on a transient copy when the chosen frame is Node's own code (a deeper capture may do better). */
  internal?: boolean;
  file: string;
  line: number;
  column: number;
  via: string;
  liveViews: number;
  usedBytes: number;
  retainedBytes: number;
  /** ArrayBuffer id -> live views of it made here (each ArrayBuffer's bytes count once per site). */
  buffers: Map<number, number>;
}

/** What the finalizer needs when a recorded view dies. Holds no reference to the view or its buffer. */
interface Recorded {
  site: Site;
  bufferId: number;
  bufferBytes: number;
  viewBytes: number;
}

interface Patch {
  target: object;
  key: PropertyKey;
  descriptor: PropertyDescriptor;
}

interface State {
  options: Required<TrackOptions>;
  patches: Patch[];
  active: boolean;
}

let state: State | undefined;
let lastOptions: Required<TrackOptions> = { ...DEFAULTS };
let sites = new Map<string, Site>();
let bufferIds = new WeakMap<object, number>();
let nextBufferId = 1;
let seenViews = 0;
let recordedViews = 0;
let sampleCredit = 0;
// Views made while a patched method runs (Buffer#slice calls Buffer#subarray) are the outer call's.
let depth = 0;
// Read by the patched methods on every call: plain module variables, not object fields.
let active = false;
let minParentBytes = DEFAULTS.minParentBytes;
let maxViewRatio = DEFAULTS.maxViewRatio;
let sampleRate = DEFAULTS.sampleRate;

const finalizer = new FinalizationRegistry<Recorded>((recorded) => {
  const site = recorded.site;
  site.liveViews--;
  site.usedBytes -= recorded.viewBytes;
  const left = (site.buffers.get(recorded.bufferId) ?? 1) - 1;
  if (left <= 0) {
    site.buffers.delete(recorded.bufferId);
    site.retainedBytes -= recorded.bufferBytes;
  } else {
    site.buffers.set(recorded.bufferId, left);
  }
});

function toPath(file: string): string {
  if (!file.startsWith('file:')) return file;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:url') as typeof import('node:url')).fileURLToPath(file);
  } catch {
    return file;
  }
}

// The CallSite API: V8 hands structured frames to Error.prepareStackTrace when `.stack` is first read.
interface CallSite {
  getFileName(): string | null | undefined;
  getScriptNameOrSourceURL?(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

let pendingVia = '';
let internalSite = false;

function pickSite(_error: unknown, frames: CallSite[]): Site | undefined {
  let chosen: CallSite | undefined;
  let chosenFile = '';
  for (const frame of frames) {
    const file = frame.getFileName() ?? frame.getScriptNameOrSourceURL?.() ?? '';
    if (file.startsWith(OWN_DIR)) continue;
    if (chosen === undefined) {
      chosen = frame;
      chosenFile = file;
    }
    // Node's own code (a stream's BufferList slicing a chunk) is not where the user made the view.
    if (!file.startsWith('node:')) {
      chosen = frame;
      chosenFile = file;
      break;
    }
  }
  if (chosen === undefined) return undefined;
  if (chosenFile.startsWith('node:')) internalSite = true;
  const line = chosen.getLineNumber() ?? 0;
  const column = chosen.getColumnNumber() ?? 0;
  const key = `${chosenFile}:${line}:${column}`;
  let site = sites.get(key);
  if (site === undefined) {
    site = { key, file: toPath(chosenFile) || '<anonymous>', line, column, via: pendingVia, liveViews: 0, usedBytes: 0, retainedBytes: 0, buffers: new Map() };
    sites.set(key, site);
  }
  if (internalSite) {
    internalSite = false;
    return { ...site, internal: true } as Site;
  }
  return site;
}

const DEEP_FRAMES = 12;

/**
 * A small view of a large ArrayBuffer, to be recorded (sampling applied): its ArrayBuffer, or
 * undefined. Counts the views seen.
 */
function qualifies(view: ArrayBufferView): ArrayBufferLike | undefined {
  const buffer = viewBuffer(view);
  const bufferBytes = bufferByteLength(buffer);
  if (bufferBytes < minParentBytes || viewByteLength(view) > bufferBytes * maxViewRatio) return undefined;
  seenViews++;
  if (sampleRate < 1) {
    sampleCredit += sampleRate;
    if (sampleCredit < 1) return undefined;
    sampleCredit -= 1;
  }
  return buffer;
}

/** Formats a captured stack into a Site (see pickSite), nothing of it is kept. */
function siteOf(holder: { stack?: unknown }, via: string): Site | undefined {
  const prepare = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = pickSite as never;
    pendingVia = via;
    const site = holder.stack;
    return site !== null && typeof site === 'object' ? (site as Site) : undefined;
  } finally {
    Error.prepareStackTrace = prepare;
  }
}

function deepSite(via: string): Site | undefined {
  const holder: { stack?: unknown } = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = DEEP_FRAMES;
    Error.captureStackTrace(holder);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return siteOf(holder, via);
}

/**
 * Records a view with the stack its wrapper captured: two frames, the wrapper's own and its caller's.
 * The capture happens in the wrapper itself, with no `constructorOpt` cut-off: finding a given function
 * on the stack makes V8 expand the inlined frames of optimized code, which costs more than one frame
 * more. The frames are formatted at once (through a temporary prepareStackTrace), so nothing of the
 * caller (receivers, closures) stays referenced by a pending stack trace. When the caller is Node's own
 * code (a stream's BufferList slicing a chunk) or leakproof's, a deeper stack finds the user's frame.
 */
function record(view: ArrayBufferView, buffer: ArrayBufferLike, holder: { stack?: unknown }, via: string): void {
  let site = siteOf(holder, via);
  if (site === undefined || site.internal) site = deepSite(via) ?? site;
  if (site?.internal) site = sites.get(site.key);
  if (site === undefined) return;
  const bufferBytes = bufferByteLength(buffer);
  const viewBytes = viewByteLength(view);
  let bufferId = bufferIds.get(buffer);
  if (bufferId === undefined) {
    bufferId = nextBufferId++;
    bufferIds.set(buffer, bufferId);
  }
  const held = site.buffers.get(bufferId);
  site.buffers.set(bufferId, (held ?? 0) + 1);
  if (held === undefined) site.retainedBytes += bufferBytes;
  site.liveViews++;
  site.usedBytes += viewBytes;
  recordedViews++;
  finalizer.register(view, { site, bufferId, bufferBytes, viewBytes });
}

function patch(target: object, key: PropertyKey, make: (original: any) => unknown, patches: Patch[]): void {
  const descriptor = getOwnPropertyDescriptor(target, key);
  if (descriptor === undefined || !('value' in descriptor) || typeof descriptor.value !== 'function') return;
  if (!descriptor.configurable && !descriptor.writable) return;
  const replacement = make(descriptor.value);
  defineProperty(target, key, { ...descriptor, value: replacement });
  patches.push({ target, key, descriptor });
}

function wrapMethod(original: (...args: any[]) => ArrayBufferView, via: string): (...args: any[]) => ArrayBufferView {
  // A named function expression per patch, so `captureStackTrace` can cut the stack at it.
  const wrapped = function (this: unknown, start?: unknown, end?: unknown): ArrayBufferView {
    depth++;
    let view: ArrayBufferView;
    try {
      view = original.call(this, start, end);
    } finally {
      depth--;
    }
    if (active && depth === 0) {
      try {
        const buffer = qualifies(view);
        if (buffer !== undefined) {
          // Inline, so that the stack is this frame and the caller's (see record).
          const holder: { stack?: unknown } = {};
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = 2;
          Error.captureStackTrace(holder);
          Error.stackTraceLimit = limit;
          record(view, buffer, holder, via);
        }
      } catch {
        // never throw into the host program
      }
    }
    return view;
  };
  defineProperty(wrapped, 'name', { value: original.name, configurable: true });
  defineProperty(wrapped, 'length', { value: original.length, configurable: true });
  return wrapped;
}

function isBufferLike(value: unknown): boolean {
  return bufferByteLength(value) >= 0;
}

function wrapFrom(original: (...args: any[]) => Buffer): (...args: any[]) => Buffer {
  const wrapped = function (this: unknown, ...args: unknown[]): Buffer {
    depth++;
    let made: Buffer;
    try {
      made = original.apply(this, args);
    } finally {
      depth--;
    }
    if (active && depth === 0 && isBufferLike(args[0])) {
      try {
        const buffer = qualifies(made);
        if (buffer !== undefined) {
          const holder: { stack?: unknown } = {};
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = 2;
          Error.captureStackTrace(holder);
          Error.stackTraceLimit = limit;
          record(made, buffer, holder, 'Buffer.from');
        }
      } catch {
        // never throw into the host program
      }
    }
    return made;
  };
  defineProperty(wrapped, 'name', { value: original.name, configurable: true });
  defineProperty(wrapped, 'length', { value: original.length, configurable: true });
  return wrapped;
}

/**
 * A global constructor wrapped in a Proxy: `instanceof`, static methods, `prototype`, `name` and
 * subclassing behave as with the original (the Proxy forwards them), only `new X(arrayBuffer, …)` is
 * observed. Code that captured the constructor before `track()` keeps the original and is not observed.
 */
function wrapConstructor(original: new (...args: any[]) => ArrayBufferView, via: string): unknown {
  const handler: ProxyHandler<typeof original> = {
    construct(target, args, newTarget) {
      depth++;
      let made: ArrayBufferView;
      try {
        made = reflectConstruct(target, args, newTarget === proxy ? target : newTarget) as ArrayBufferView;
      } finally {
        depth--;
      }
      if (active && depth === 0 && isBufferLike(args[0])) {
        try {
          const buffer = qualifies(made);
          if (buffer !== undefined) {
            const holder: { stack?: unknown } = {};
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 2;
            Error.captureStackTrace(holder);
            Error.stackTraceLimit = limit;
            record(made, buffer, holder, via);
          }
        } catch {
          // never throw into the host program
        }
      }
      return made;
    },
  };
  const proxy = new Proxy(original, handler);
  return proxy;
}

const CONSTRUCTORS = [...TYPED_ARRAY_NAMES, 'DataView'];

function number(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && !Number.isNaN(value) && value >= min && value <= max ? value : fallback;
}

/**
 * Development mode: from now on, every view made by `Buffer#subarray`, `Buffer#slice`,
 * `TypedArray#subarray`, `Buffer.from(arrayBuffer, …)` and (with `constructors`) `new Uint8Array(ab, …)`,
 * `new DataView(ab, …)` and the other typed-array constructors over an ArrayBuffer, whose ArrayBuffer is
 * at least `minParentBytes` long and which covers at most `maxViewRatio` of it, is recorded with the
 * file, line and column of the code that made it, and followed weakly until it is collected.
 * Calling `track` again while tracking changes the options and keeps what was recorded.
 * Returns false if tracking could not start.
 */
export function track(options?: TrackOptions): boolean {
  try {
    const resolved: Required<TrackOptions> = {
      minParentBytes: number(options?.minParentBytes, DEFAULTS.minParentBytes, 0, Number.MAX_SAFE_INTEGER),
      maxViewRatio: number(options?.maxViewRatio, DEFAULTS.maxViewRatio, 0, 1),
      sampleRate: number(options?.sampleRate, DEFAULTS.sampleRate, Number.MIN_VALUE, 1),
      constructors: typeof options?.constructors === 'boolean' ? options.constructors : DEFAULTS.constructors,
    };
    const wasTracking = state !== undefined;
    if (state !== undefined && state.options.constructors !== resolved.constructors) untrack();
    if (state === undefined) {
      if (!wasTracking) {
        sites = new Map();
        bufferIds = new WeakMap();
        seenViews = 0;
        recordedViews = 0;
        sampleCredit = 0;
      }
      const patches: Patch[] = [];
      try {
        if (NodeBuffer) {
          patch(NodeBuffer.prototype, 'subarray', (original) => wrapMethod(original, 'Buffer#subarray'), patches);
          patch(NodeBuffer.prototype, 'slice', (original) => wrapMethod(original, 'Buffer#slice'), patches);
          patch(NodeBuffer, 'from', (original) => wrapFrom(original), patches);
        }
        patch(TypedArrayPrototype, 'subarray', (original) => wrapMethod(original, 'TypedArray#subarray'), patches);
        if (resolved.constructors) {
          for (const name of CONSTRUCTORS) patch(globalThis, name, (original) => wrapConstructor(original, `new ${name}`), patches);
        }
      } catch (error) {
        restore(patches);
        throw error;
      }
      state = { options: resolved, patches, active: true };
    }
    state.options = resolved;
    lastOptions = resolved;
    minParentBytes = resolved.minParentBytes;
    maxViewRatio = resolved.maxViewRatio;
    sampleRate = resolved.sampleRate;
    active = true;
    return true;
  } catch {
    active = false;
    return false;
  }
}

function restore(patches: Patch[]): void {
  for (let i = patches.length - 1; i >= 0; i--) {
    const { target, key, descriptor } = patches[i]!;
    try {
      defineProperty(target, key, descriptor);
    } catch {
      // a host froze the object meanwhile; nothing else to do
    }
  }
}

/**
 * Stops tracking and puts back every patched method and constructor: the same function objects with
 * the same property attributes as before `track()`. What was recorded stays available to `report()`
 * (views collected later still leave their sites) until the next `track()`.
 */
export function untrack(): boolean {
  try {
    active = false;
    if (state === undefined) return false;
    restore(state.patches);
    state = undefined;
    return true;
  } catch {
    return false;
  }
}

/** Whether `track()` is on. */
export function isTracking(): boolean {
  return active;
}

/**
 * The sites whose recorded views are still alive, most retained bytes first. A view counts as dead once
 * the garbage collector has collected it and its finalizer has run (finalizers run as separate tasks:
 * after a forced `gc()`, let the event loop turn before calling this). Plain JSON data: write it with
 * `JSON.stringify(report())` or `writeReport(file)` for `leakproof lint --runtime-report FILE`.
 */
export function report(): RuntimeReport {
  const result: RuntimeReport = {
    version: 1,
    tool: 'leakproof/runtime',
    generatedAt: new Date().toISOString(),
    tracking: active,
    options: { ...lastOptions },
    seenViews,
    recordedViews,
    sites: [],
  };
  try {
    for (const site of sites.values()) {
      if (site.liveViews <= 0) continue;
      const entry: RuntimeSite = {
        file: site.file,
        line: site.line,
        column: site.column,
        rule: RULE,
        liveViews: site.liveViews,
        retainedBytes: site.retainedBytes,
        usedBytes: site.usedBytes,
        via: site.via,
      };
      result.sites.push(entry);
    }
    result.sites.sort(
      (a, b) => b.retainedBytes - b.usedBytes - (a.retainedBytes - a.usedBytes) || b.liveViews - a.liveViews || a.file.localeCompare(b.file) || a.line - b.line,
    );
  } catch {
    // return what was gathered
  }
  return result;
}

/** Writes `report()` as JSON to `file` (for `leakproof lint --runtime-report FILE`). Returns false on failure. */
export function writeReport(file: string): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    fs.writeFileSync(file, `${JSON.stringify(report(), null, 2)}\n`);
    return true;
  } catch {
    return false;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/**
 * A report's sites as findings in the tool-neutral shape the CLI writes as SARIF (`ruleId`, `message`,
 * `level`, `file`, `line`, `column`, `properties`). `root`, when given, makes absolute paths relative to it.
 */
export function toSarifFindings(runtimeReport: Pick<RuntimeReport, 'sites'>, root?: string): RuntimeFinding[] {
  const findings: RuntimeFinding[] = [];
  try {
    const prefix = root === undefined ? undefined : root.replace(/[\\/]+$/, '') + '/';
    for (const site of runtimeReport.sites) {
      let file = site.file.split('\\').join('/');
      if (prefix !== undefined && file.startsWith(prefix.split('\\').join('/'))) file = file.slice(prefix.length);
      findings.push({
        ruleId: RULE,
        level: 'warning',
        message: `${site.liveViews} live view(s) made here (${site.via || 'a view'}) keep ${formatBytes(site.retainedBytes)} of ArrayBuffers for ${formatBytes(site.usedBytes)} used.`,
        file,
        line: site.line,
        column: site.column,
        properties: { liveViews: site.liveViews, retainedBytes: site.retainedBytes, usedBytes: site.usedBytes, via: site.via },
      });
    }
  } catch {
    // return what was converted
  }
  return findings;
}
