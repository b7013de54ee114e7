import { defineProperty, isView } from './intrinsics';
import { DEFAULT_RULE, findSite, isTracking, newSite, recordIfQualifies, setLoaderActive } from './sites';
import type { Site } from './sites';
import type { RuntimeRule } from './types';

/**
 * The loader's half of the runtime (`leakproof/register`, src/register/): code it instrumented calls
 * `__leakproof_view(SITE, value)` around each expression that can make a view, where SITE is a string
 * constant naming the expression's original file, line, column, callee and rule. The value is returned
 * as it came; a small view of a large ArrayBuffer is recorded at SITE first. No stack is captured: the
 * site is known before the program runs.
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

function recordView(id: string, view: ArrayBufferView): void {
  try {
    recordIfQualifies(findSite(id) ?? siteOf(id), view);
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
 * `report()` says so. Returns false if the global could not be defined (a frozen global object).
 */
export function installViewHelper(): boolean {
  try {
    const existing = (globalThis as Record<string, unknown>)[VIEW_HELPER];
    if (existing === undefined) defineProperty(globalThis, VIEW_HELPER, { value: view, enumerable: false, writable: false, configurable: false });
    else if (existing !== view) return false;
    setLoaderActive(true);
    return true;
  } catch {
    return false;
  }
}
