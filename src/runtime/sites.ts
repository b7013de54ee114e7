import { bufferByteLength, viewBuffer, viewByteLength } from './intrinsics';
import type { RuntimeRule, TrackOptions } from './types';

/**
 * The record of where views were made and which are still alive: one Site per source location, each
 * view followed weakly. Both ways of finding a view's site feed it: `track()` (a stack capture in a
 * patched method, src/runtime/track.ts) and the loader (`leakproof/register`: a constant site id
 * compiled into the user's code, src/runtime/static-sites.ts). `report()` reads it (src/runtime/report.ts).
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

let sites = new Map<string, Site>();
let bufferIds = new WeakMap<object, number>();
let nextBufferId = 1;
let seenViews = 0;
let recordedViews = 0;
let sampleCredit = 0;
// Read on every qualifying view: plain module variables, not object fields.
let minParentBytes = DEFAULTS.minParentBytes;
let maxViewRatio = DEFAULTS.maxViewRatio;
let sampleRate = DEFAULTS.sampleRate;
let lastOptions: Required<TrackOptions> = { ...DEFAULTS };

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
  bufferIds = new WeakMap();
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
  const site: Site = { key, file, line, column, via, rule, liveViews: 0, usedBytes: 0, retainedBytes: 0, buffers: new Map() };
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
