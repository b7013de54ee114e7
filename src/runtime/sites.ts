import { bufferByteLength, dataViewBuffer, queueMicrotask, dataViewByteLength, typedArrayBuffer, typedArrayByteLength, typedArrayTag, viewBuffer, viewByteLength } from './intrinsics';
import type { RuntimeRule, TrackOptions } from './types';

/**
 * The record of where views were made and which are still alive: one Site per source location, and the
 * counters. `track()` (a stack capture in a patched method, src/runtime/track.ts) follows each view
 * weakly here. The loader (`leakproof/register`: a constant site id compiled into the user's code,
 * src/runtime/static-sites.ts) writes the id into the view instead (src/runtime/stamps.ts) and counts
 * its live views when asked, or, where it cannot list them, follows them here too. `report()` reads both
 * (src/runtime/report.ts).
 */

export const DEFAULT_RULE: RuntimeRule = 'leakproof/no-retained-view';

export const DEFAULTS: Required<TrackOptions> = { minParentBytes: 4096, maxViewRatio: 0.5, sampleRate: 1, constructors: true };

export interface Site {
  key: string;
  /** Set on a transient copy when the chosen frame is Node's own code (a deeper capture may do better). */
  internal?: boolean;
  file: string;
  line: number;
  column: number;
  via: string;
  rule: RuntimeRule;
  liveViews: number;
  usedBytes: number;
  retainedBytes: number;
  /**
   * The ArrayBuffer the last view made here belongs to, and its entry: views made in a row of one
   * ArrayBuffer (frames cut out of one chunk) find their entry without a WeakMap lookup. Held until the
   * next microtask checkpoint only (see forgetLastBuffers).
   */
  lastBuffer: object | undefined;
  lastEntry: Entry | undefined;
}

/** The live views of one ArrayBuffer made at one site: its bytes count once in the site's retainedBytes. */
interface Entry {
  site: Site;
  bufferBytes: number;
  views: number;
  /** While views > 0: its index in entryById, or -1 when the table is full (see heldFor). */
  id: number;
}

/** What the finalizer needs when a recorded view dies. Holds no reference to the view or its buffer. */
interface Recorded {
  entry: Entry;
  viewBytes: number;
}

let sites = new Map<string, Site>();
// ArrayBuffer -> its entries, one per site that made views of it (when the site's last buffer differs).
let entries = new WeakMap<object, Entry[]>();
let seenViews = 0;
let recordedViews = 0;
let sampleCredit = 0;
// Read on every qualifying view: plain module variables, not object fields.
let minParentBytes = DEFAULTS.minParentBytes;
let maxViewRatio = DEFAULTS.maxViewRatio;
let sampleRate = DEFAULTS.sampleRate;
let lastOptions: Required<TrackOptions> = { ...DEFAULTS };

/*
 * What the finalizer is handed for each view: a small integer when it fits, the entry's id and the
 * view's byte length packed in 30 bits (a V8 small integer: no allocation), else a Recorded object. A
 * held object lives until its view's finalizer has run, so it survives at least one collection and is
 * copied by it; at one per view that is most of what recording adds to following views weakly.
 */
const VIEW_BITS = 14;
const VIEW_MASK = (1 << VIEW_BITS) - 1;
const MAX_IDS = 1 << 16;
const entryById: Array<Entry | undefined> = [];
const freeIds: number[] = [];

function heldFor(entry: Entry, viewBytes: number): number | Recorded {
  if (entry.id >= 0 && viewBytes <= VIEW_MASK) return entry.id * (VIEW_MASK + 1) + viewBytes;
  return { entry, viewBytes };
}

/** An entry's first live view: it gets an id if one is free. */
function assignId(entry: Entry): void {
  const id = freeIds.length > 0 ? freeIds.pop()! : entryById.length < MAX_IDS ? entryById.length : -1;
  entry.id = id;
  if (id >= 0) entryById[id] = entry;
}

const finalizer = new FinalizationRegistry<number | Recorded>((held) => {
  let entry: Entry | undefined;
  let viewBytes: number;
  if (typeof held === 'number') {
    entry = entryById[Math.floor(held / (VIEW_MASK + 1))];
    viewBytes = held & VIEW_MASK;
  } else {
    entry = held.entry;
    viewBytes = held.viewBytes;
  }
  if (entry === undefined) return;
  const site = entry.site;
  site.liveViews--;
  site.usedBytes -= viewBytes;
  if (--entry.views === 0) {
    site.retainedBytes -= entry.bufferBytes;
    // Its last view is gone: no held integer names this id any more.
    if (entry.id >= 0) {
      entryById[entry.id] = undefined;
      freeIds.push(entry.id);
      entry.id = -1;
    }
  }
});

// Who records: `track()`'s patched methods, the loader's instrumented expressions, or both (then
// `track()` records and the loader's helper stands aside, so that no view is counted twice).
let tracking = false;
let loader = false;

export function setTracking(on: boolean): void {
  tracking = on;
}

export function isTracking(): boolean {
  return tracking;
}

export function setLoaderActive(on: boolean): void {
  loader = on;
}

export function isLoaderActive(): boolean {
  return loader;
}

/** Every site recorded so far (with or without live views). */
export function allSites(): Iterable<Site> {
  return sites.values();
}

export function findSite(key: string): Site | undefined {
  return sites.get(key);
}

/** What `report()` says besides the sites. */
export function counters(): { seenViews: number; recordedViews: number; options: Required<TrackOptions> } {
  return { seenViews, recordedViews, options: { ...lastOptions } };
}

/** Forgets every site and counter (a fresh `track()`). Views recorded before still die quietly. */
export function resetSites(): void {
  sites = new Map();
  entries = new WeakMap();
  seenViews = 0;
  recordedViews = 0;
  sampleCredit = 0;
}

export function setOptions(options: Required<TrackOptions>): void {
  lastOptions = options;
  minParentBytes = options.minParentBytes;
  maxViewRatio = options.maxViewRatio;
  sampleRate = options.sampleRate;
}

export function newSite(key: string, file: string, line: number, column: number, via: string, rule: RuntimeRule): Site {
  const site: Site = { key, file, line, column, via, rule, liveViews: 0, usedBytes: 0, retainedBytes: 0, lastBuffer: undefined, lastEntry: undefined };
  sites.set(key, site);
  return site;
}

/**
 * A small view of a large ArrayBuffer, to be recorded (sampling applied): its ArrayBuffer, or
 * undefined. Counts the views seen.
 */
export function qualifies(view: ArrayBufferView): ArrayBufferLike | undefined {
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

/** Counts `view` as alive at `site` until the garbage collector takes it. */
export function recordAt(site: Site, view: ArrayBufferView, buffer: ArrayBufferLike): void {
  follow(site, view, buffer, bufferByteLength(buffer), viewByteLength(view));
}

// What loaderBufferOf read of the last view it accepted: no reference, so that nothing is held.
let qualifiedBufferBytes = 0;
let qualifiedViewBytes = 0;
let qualifiedDataView = false;

/**
 * For the loader's helper, which runs on every view the user's code makes: the ArrayBuffer of `view` if
 * it is a small view of a large one (counted as seen), else undefined. Each getter is called once. The
 * loader records every qualifying view with the default thresholds: track()'s options (its sampling
 * above all) are track()'s own.
 */
export function loaderBufferOf(view: ArrayBufferView): ArrayBufferLike | undefined {
  const typed = typedArrayTag.call(view) !== undefined;
  const buffer = (typed ? typedArrayBuffer.call(view) : dataViewBuffer.call(view)) as ArrayBufferLike;
  const viewBytes = (typed ? typedArrayByteLength.call(view) : dataViewByteLength.call(view)) as number;
  const bufferBytes = bufferByteLength(buffer);
  if (bufferBytes < DEFAULTS.minParentBytes || viewBytes > bufferBytes * DEFAULTS.maxViewRatio) return undefined;
  seenViews++;
  qualifiedBufferBytes = bufferBytes;
  qualifiedViewBytes = viewBytes;
  qualifiedDataView = !typed;
  return buffer;
}

/** Whether the view loaderBufferOf accepted last is a DataView (else a typed array or Buffer). */
export function qualifiedIsDataView(): boolean {
  return qualifiedDataView;
}

/** Counts a view the loader recorded without following it here (it carries its site: src/runtime/stamps.ts). */
export function countRecorded(): void {
  recordedViews++;
}

/** The loader's other way: `view`, which loaderBufferOf just accepted, followed at `site` until it dies. */
export function followQualified(site: Site, view: ArrayBufferView, buffer: ArrayBufferLike): void {
  follow(site, view, buffer, qualifiedBufferBytes, qualifiedViewBytes);
}

function entryOf(site: Site, buffer: ArrayBufferLike, bufferBytes: number): Entry {
  let list = entries.get(buffer);
  if (list === undefined) {
    list = [];
    entries.set(buffer, list);
  }
  for (const entry of list) if (entry.site === site) return entry;
  const entry: Entry = { site, bufferBytes, views: 0, id: -1 };
  list.push(entry);
  return entry;
}

// Sites holding a lastBuffer. They let go of it when the current job ends: the same lifetime a WeakRef
// gives its target once read (ECMA-262 AddToKeptObjects), without WeakRef#deref's cost on every view
// (a runtime call into V8's kept-objects set: about 20 ns on Node 20, as much as the rest of the check).
const holding: Site[] = [];
let forgetScheduled = false;

function forgetLastBuffers(): void {
  for (const site of holding) {
    site.lastBuffer = undefined;
    site.lastEntry = undefined;
  }
  holding.length = 0;
  forgetScheduled = false;
}

function follow(site: Site, view: ArrayBufferView, buffer: ArrayBufferLike, bufferBytes: number, viewBytes: number): void {
  let entry = site.lastEntry;
  if (entry === undefined || site.lastBuffer !== buffer) {
    entry = entryOf(site, buffer, bufferBytes);
    if (site.lastBuffer === undefined) holding.push(site);
    site.lastEntry = entry;
    site.lastBuffer = buffer;
    if (!forgetScheduled) {
      forgetScheduled = true;
      queueMicrotask(forgetLastBuffers);
    }
  }
  if (entry.views++ === 0) {
    site.retainedBytes += bufferBytes;
    assignId(entry);
  }
  site.liveViews++;
  site.usedBytes += viewBytes;
  recordedViews++;
  finalizer.register(view, heldFor(entry, viewBytes));
}
