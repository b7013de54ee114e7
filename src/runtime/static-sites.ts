import { bufferByteLength, defineProperty, isView, viewBuffer, viewByteLength } from './intrinsics';
import { canFindLiveViews, findLiveViews } from './live-views';
import { countRecorded, DEFAULT_RULE, findSite, followQualified, isTracking, loaderBufferOf, newSite, qualifiedIsDataView, setLoaderActive } from './sites';
import type { Site } from './sites';
import { keepStampShapes, stamp, stampOf } from './stamps';
import type { RuntimeRule } from './types';

/**
 * The loader's half of the runtime (`leakproof/register`, src/register/): code it instrumented calls
 * `__leakproof_view(SITE, value)` around each expression that can make a view, where SITE is a string
 * constant naming the expression's original file, line, column, callee and rule. The value is returned
 * as it came; a small view of a large ArrayBuffer is recorded at SITE first. No stack is captured: the
 * site is known before the program runs.
 *
 * How a view is recorded: SITE is written into the view (src/runtime/stamps.ts) and `report()` counts the
 * stamped views still alive (src/runtime/live-views.ts); nothing follows the view while the program runs.
 * Where the live views cannot be listed (no `node:inspector`), each view is followed weakly instead, as
 * `track()` does (a FinalizationRegistry entry, src/runtime/sites.ts): the same sites once the dead views'
 * finalizers have run, at about 2.5 times the cost per view (docs/runtime.md, "Where the loader's time goes").
 */

/** The global the instrumented code calls. Its name is spelled the same in src/register/instrument.ts. */
export const VIEW_HELPER = '__leakproof_view';

// NUL: the one character no file path holds.
const SEPARATOR = '\u0000';

/** A site id: what the loader writes into the code, read back here the first time the site records. */
export function formatSiteId(file: string, line: number, column: number, via: string, rule: RuntimeRule): string {
  return [file, line, column, via, rule].join(SEPARATOR);
}

function siteOf(id: string): Site {
  const parts = id.split(SEPARATOR);
  const rule = parts[4]?.startsWith('leakproof/') ? (parts[4] as RuntimeRule) : DEFAULT_RULE;
  return newSite(id, parts[0] ?? '<unknown>', Number(parts[1]) || 0, Number(parts[2]) || 0, parts[3] ?? '', rule);
}

// Whether views are stamped (and listed at report time) or followed weakly; chosen once, at install.
let stamping = false;
// Whether a DataView was stamped: if not, a report lists typed arrays only (one full collection, not two).
let stampedDataView = false;

function recordView(id: string, view: ArrayBufferView): void {
  try {
    const buffer = loaderBufferOf(view);
    if (buffer === undefined) return;
    if (!stamping) followQualified(findSite(id) ?? siteOf(id), view, buffer);
    else if (stamp(view, id)) {
      countRecorded();
      if (qualifiedIsDataView()) stampedDataView = true;
    }
  } catch {
    // never throw into the host program
  }
}

/**
 * Small enough for V8 to inline at each instrumented expression: one `isView` check on values that are
 * not views (strings, arrays), the record on those that are. While `track()` is on, its patched
 * methods record and this stands aside.
 */
function view<T>(id: string, value: T): T {
  if (typeof value === 'object' && value !== null && isView(value) && !isTracking()) recordView(id, value as unknown as ArrayBufferView);
  return value;
}

/**
 * Defines the global helper (once; not enumerable, not writable) and marks the loader active, so that
 * `report()` says so. Views are stamped where the live views can be listed, unless `recording` is
 * `'finalizers'`. Returns false if the global could not be defined (a frozen global object).
 */
export function installViewHelper(recording: 'stamps' | 'finalizers' = 'stamps'): boolean {
  try {
    const existing = (globalThis as Record<string, unknown>)[VIEW_HELPER];
    if (existing === undefined) {
      stamping = recording === 'stamps' && canFindLiveViews();
      if (stamping) keepStampShapes();
      defineProperty(globalThis, VIEW_HELPER, { value: view, enumerable: false, writable: false, configurable: false });
    } else if (existing !== view) return false;
    setLoaderActive(true);
    return true;
  } catch {
    return false;
  }
}

/** How the loader records views in this process: `'stamps'`, or `'finalizers'` where live views cannot be listed. */
export function loaderRecording(): 'stamps' | 'finalizers' {
  return stamping ? 'stamps' : 'finalizers';
}

/** A loader site's live views and the bytes they keep, counted from the views themselves. */
export interface StampedSite {
  site: Site;
  liveViews: number;
  usedBytes: number;
  retainedBytes: number;
}

/**
 * The loader's sites with their stamped views still alive (none when views are followed weakly instead:
 * their sites count themselves). Lists the realm's live views, which collects all garbage first, so a
 * view the program no longer reaches is never counted. Each ArrayBuffer counts once per site, at its size
 * now (a view of an ArrayBuffer transferred since keeps nothing). Throws when the views cannot be listed.
 */
export function stampedSites(): StampedSite[] {
  if (!stamping) return [];
  const byId = new Map<string, StampedSite & { buffers: Set<ArrayBufferLike> }>();
  for (const value of findLiveViews(stampedDataView)) {
    if (typeof value !== 'object' || value === null) continue;
    const id = stampOf(value);
    if (id === undefined || id === '') continue;
    const viewObject = value as ArrayBufferView;
    let entry = byId.get(id);
    if (entry === undefined) {
      entry = { site: findSite(id) ?? siteOf(id), liveViews: 0, usedBytes: 0, retainedBytes: 0, buffers: new Set() };
      byId.set(id, entry);
    }
    const buffer = viewBuffer(viewObject);
    entry.liveViews++;
    entry.usedBytes += viewByteLength(viewObject);
    if (!entry.buffers.has(buffer)) {
      entry.buffers.add(buffer);
      entry.retainedBytes += Math.max(0, bufferByteLength(buffer));
    }
  }
  const result: StampedSite[] = [];
  for (const { site, liveViews, usedBytes, retainedBytes } of byId.values()) result.push({ site, liveViews, usedBytes, retainedBytes });
  return result;
}
