import { bufferByteLength, defineProperty, getOwnPropertyDescriptor, NodeBuffer, reflectConstruct, TYPED_ARRAY_NAMES, TypedArrayPrototype } from './intrinsics';
import { DEFAULT_RULE, DEFAULTS, findSite, isLoaderActive, newSite, qualifies, recordAt, resetSites, setOptions, setTracking } from './sites';
import type { Site } from './sites';
import type { TrackOptions } from './types';

/**
 * `track()`: finds where views are made by patching the methods and constructors that make them and
 * capturing two stack frames per qualifying view. The loader (`leakproof/register`) does the same
 * without a stack; both record into src/runtime/sites.ts.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */


// Frames from this folder are leakproof's own and are skipped when looking for the caller.
const OWN_DIR = (() => {
  const file = typeof __filename === 'string' ? __filename : '';
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut + 1) : '\u0000';
})();

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
// Views made while a patched method runs (Buffer#slice calls Buffer#subarray) are the outer call's.
let depth = 0;
// Read by the patched methods on every call: a plain module variable, not an object field.
let active = false;

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
  const site = findSite(key) ?? newSite(key, toPath(chosenFile) || '<anonymous>', line, column, pendingVia, DEFAULT_RULE);
  if (internalSite) {
    internalSite = false;
    return { ...site, internal: true } as Site;
  }
  return site;
}

const DEEP_FRAMES = 12;

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
  if (site?.internal) site = findSite(site.key);
  if (site === undefined) return;
  recordAt(site, view, buffer);
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
      // The loader's sites stay: they were recorded since the process started.
      if (!wasTracking && !isLoaderActive()) resetSites();
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
    setOptions(resolved);
    active = true;
    setTracking(true);
    return true;
  } catch {
    active = false;
    setTracking(false);
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
    setTracking(false);
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
