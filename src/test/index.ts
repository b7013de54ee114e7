/**
 * leakproof/test: leak assertions for tests. `assertNoLeaks(root)` walks what `root` reaches the way
 * `inspect` does (leakproof/runtime) and throws node:assert's `AssertionError` when its views keep more
 * unused ArrayBuffer bytes alive than allowed, listing each holder path, the view and the bytes it pins.
 * `toRetainAtMost(bytes)` is the same check as a jest / vitest matcher (`expect.extend(matchers)`).
 * No dependencies beyond Node's `assert`; imports nothing but the runtime. Reference: docs/runtime.md.
 */
import { AssertionError } from 'node:assert';
import { getOwnPropertyDescriptor, getPrototypeOf, isNodeBuffer, viewFacts } from '../runtime/intrinsics';
import { coveredBytes, pathTo, walk, type Walk, type WalkedBuffer } from '../runtime/walk';

export interface NoLeaksOptions {
  /** Unused ArrayBuffer bytes that `root`'s views may keep alive in total. Default 0. */
  maxWastedBytes?: number;
  /**
   * Not supported: JavaScript cannot tell whether a string is a V8 sliced string, nor how large its
   * parent is. Passing it throws a TypeError (a check that cannot run must not pass silently); take a
   * heap snapshot and run `leakproof heap` for sliced strings.
   */
  maxSlicedStringBytes?: never;
  /** Objects visited at most (default 1,000,000). A walk that stops early fails the assertion. */
  maxNodes?: number;
  /** Edges from `root` at most (default 10,000). */
  maxDepth?: number;
  /** Holders listed in the failure message (default 20; the rest are counted). */
  maxListed?: number;
}

/** One ArrayBuffer kept alive through views, as the assertion lists it. */
export interface PinnedBuffer {
  /** Path from `root` to the first view found (breadth-first, so a shortest one), e.g. `frames.get("a")[0]`. */
  path: string;
  /** `Buffer`, `Uint8Array`, `DataView`, … of the first view. */
  view: string;
  byteOffset: number;
  byteLength: number;
  /** Views of this ArrayBuffer reached from `root`. */
  views: number;
  /** The ArrayBuffer's byte length: what the views keep in memory. */
  arrayBufferBytes: number;
  /** Bytes the views cover (overlaps once). */
  usedBytes: number;
  /** `arrayBufferBytes - usedBytes`: what exact copies would give back. */
  wastedBytes: number;
  /** Probably a slab of Node's Buffer pool (a small `Buffer.from` copy pins all of it). */
  pooled: boolean;
}

export interface LeakCheck {
  /** Sum of `wastedBytes` over `pinned`. */
  wastedBytes: number;
  /** ArrayBuffers with unused bytes, most wasted first. */
  pinned: PinnedBuffer[];
  /** Objects visited. */
  nodes: number;
  /** The walk stopped at `maxNodes` or `maxDepth`: the figures are a lower bound. */
  truncatedBy?: 'maxNodes' | 'maxDepth';
}

const DEFAULT_MAX_NODES = 1_000_000;
const DEFAULT_MAX_LISTED = 20;

function nonNegative(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new TypeError(`leakproof/test: ${name} must be a number of 0 or more, not ${String(value)}`);
  }
  return value;
}

function checkOptions(options: NoLeaksOptions | undefined): Required<Omit<NoLeaksOptions, 'maxSlicedStringBytes'>> {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError('leakproof/test: options must be an object');
  }
  const given = options ?? {};
  for (const key of Object.keys(given)) {
    if (key === 'maxSlicedStringBytes' && given.maxSlicedStringBytes !== undefined) {
      throw new TypeError(
        'leakproof/test: maxSlicedStringBytes cannot be checked in-process: JavaScript cannot see whether a string is a V8 sliced string ' +
          'or how large its parent is. Write a heap snapshot (v8.writeHeapSnapshot) and run `leakproof heap` on it; see docs/heap.md.',
      );
    }
    if (!['maxWastedBytes', 'maxSlicedStringBytes', 'maxNodes', 'maxDepth', 'maxListed'].includes(key)) throw new TypeError(`leakproof/test: unknown option ${key}`);
  }
  return {
    maxWastedBytes: nonNegative('maxWastedBytes', given.maxWastedBytes, 0),
    maxNodes: nonNegative('maxNodes', given.maxNodes, DEFAULT_MAX_NODES),
    maxDepth: nonNegative('maxDepth', given.maxDepth, 10_000),
    maxListed: nonNegative('maxListed', given.maxListed, DEFAULT_MAX_LISTED),
  };
}

/** `Buffer` for Node Buffers (their class is FastBuffer), else the constructor's name or the typed-array tag. */
function viewClass(view: object, kind: string): string {
  if (isNodeBuffer(view)) return 'Buffer';
  try {
    const constructor = getOwnPropertyDescriptor(getPrototypeOf(view) as object, 'constructor')?.value as { name?: unknown } | undefined;
    const name = typeof constructor === 'function' ? getOwnPropertyDescriptor(constructor, 'name')?.value : undefined;
    if (typeof name === 'string' && name !== '') return name;
  } catch {
    // an exotic prototype
  }
  return kind;
}

function describePinned(walked: Walk, entry: WalkedBuffer, used: number): PinnedBuffer {
  const first = entry.views[0]!;
  const facts = viewFacts(first.view);
  return {
    path: pathTo(walked, first.node),
    view: viewClass(first.view, facts.kind),
    byteOffset: first.byteOffset,
    byteLength: first.byteLength,
    views: entry.views.length,
    arrayBufferBytes: entry.byteLength,
    usedBytes: used,
    wastedBytes: entry.byteLength - used,
    pooled: entry.pooled,
  };
}

/**
 * The ArrayBuffers that `root`'s views keep alive beyond the bytes they use, without asserting anything.
 * Throws a TypeError only for bad options (a test's mistake, not the code under test's).
 */
export function checkLeaks(root: unknown, options?: NoLeaksOptions): LeakCheck {
  const limits = checkOptions(options);
  const walked = walk(root, { maxNodes: limits.maxNodes, maxDepth: limits.maxDepth }, false);
  const pinned: PinnedBuffer[] = [];
  let wastedBytes = 0;
  for (const entry of walked.buffers.values()) {
    if (entry.direct || entry.views.length === 0) continue;
    const used = coveredBytes(entry);
    if (used >= entry.byteLength) continue;
    wastedBytes += entry.byteLength - used;
    pinned.push(describePinned(walked, entry, used));
  }
  pinned.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const check: LeakCheck = { wastedBytes, pinned, nodes: walked.nodes.length + walked.leaves };
  if (walked.truncatedBy !== undefined) check.truncatedBy = walked.truncatedBy;
  return check;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}

/** One line per pinned ArrayBuffer: `  frames.get("a")[0]: Buffer [0, 16) of a 65,536-byte ArrayBuffer pins 65,520 bytes`. */
function holderLines(check: LeakCheck, maxListed: number): string[] {
  const lines = check.pinned.slice(0, maxListed).map((p) => {
    const more = p.views > 1 ? ` (and ${p.views - 1} more view${p.views === 2 ? '' : 's'} of it)` : '';
    const pool = p.pooled ? ' (a Buffer-pool slab)' : '';
    return `  ${p.path}: ${p.view} [${p.byteOffset}, ${p.byteOffset + p.byteLength}) of a ${p.arrayBufferBytes.toLocaleString('en-US')}-byte ArrayBuffer${pool} pins ${bytes(p.wastedBytes)}${more}`;
  });
  if (check.pinned.length > maxListed) lines.push(`  … and ${check.pinned.length - maxListed} more ArrayBuffers`);
  return lines;
}

const ADVICE = 'Keep exact copies instead of views: copy(view) from leakproof/runtime, or Uint8Array.prototype.slice.call(view).';

function truncatedMessage(check: LeakCheck, who: string): string {
  return (
    `${who}: the walk stopped at ${check.truncatedBy} after ${check.nodes.toLocaleString('en-US')} objects, so what it did not reach is unchecked; ` +
    `raise ${check.truncatedBy} or check a smaller root`
  );
}

function failureMessage(check: LeakCheck, limit: number, maxListed: number, who: string): string {
  const count = check.pinned.length;
  return [
    `${who}: ${count} ArrayBuffer${count === 1 ? ' is' : 's are'} kept alive through views, ${bytes(check.wastedBytes)} unused (at most ${bytes(limit)} allowed):`,
    ...holderLines(check, maxListed),
    ADVICE,
  ].join('\n');
}

/**
 * Throws an `AssertionError` (node:assert's) when the views `root` reaches keep more than
 * `maxWastedBytes` (default 0) unused ArrayBuffer bytes alive, or when the walk could not finish
 * within its limits. The message lists each holder path, the view and the bytes it pins.
 */
export function assertNoLeaks(root: unknown, options?: NoLeaksOptions): void {
  const limits = checkOptions(options);
  const check = checkLeaks(root, limits);
  if (check.truncatedBy !== undefined) {
    throw new AssertionError({ message: truncatedMessage(check, 'assertNoLeaks'), actual: check.nodes, expected: limits.maxNodes, operator: 'assertNoLeaks' });
  }
  if (check.wastedBytes > limits.maxWastedBytes) {
    throw new AssertionError({
      message: failureMessage(check, limits.maxWastedBytes, limits.maxListed, 'assertNoLeaks'),
      actual: check.wastedBytes,
      expected: limits.maxWastedBytes,
      operator: 'assertNoLeaks',
    });
  }
}

/** What jest's and vitest's `expect.extend` expect a matcher to return. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * `expect(actor).toRetainAtMost(bytes)`: the views `actor` reaches keep at most `bytes` unused
 * ArrayBuffer bytes alive. Register with `expect.extend(matchers)` (jest, vitest). A walk cut short by
 * its limits fails both `toRetainAtMost` and `.not.toRetainAtMost`.
 */
export function toRetainAtMost(this: unknown, received: unknown, maxBytes: number, options?: Omit<NoLeaksOptions, 'maxWastedBytes'>): MatcherResult {
  if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes < 0) {
    throw new TypeError(`leakproof/test: toRetainAtMost(bytes) needs a number of 0 or more, not ${String(maxBytes)}`);
  }
  const limits = checkOptions({ ...options, maxWastedBytes: maxBytes });
  const check = checkLeaks(received, limits);
  const negated = (this as { isNot?: boolean } | undefined)?.isNot === true;
  if (check.truncatedBy !== undefined) {
    // Neither answer is known: fail whichever way the matcher was asked.
    return { pass: negated, message: () => truncatedMessage(check, 'toRetainAtMost') };
  }
  const pass = check.wastedBytes <= maxBytes;
  return {
    pass,
    message: pass
      ? () => `toRetainAtMost: expected views to keep more than ${bytes(maxBytes)} of ArrayBuffers unused, found ${bytes(check.wastedBytes)}`
      : () => failureMessage(check, maxBytes, limits.maxListed, 'toRetainAtMost'),
  };
}

/** `expect.extend(matchers)` in jest or vitest. */
export const matchers = { toRetainAtMost };

/** Types for `expect(x).toRetainAtMost(n)`: add `declare module` augmentation per runner (docs/runtime.md). */
export interface LeakMatchers<R = unknown> {
  toRetainAtMost(bytes: number, options?: Omit<NoLeaksOptions, 'maxWastedBytes'>): R;
}
