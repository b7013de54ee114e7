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
import { findSlicedStrings, type PinnedString, type StringCheck } from './strings';

export type { PinnedString, StringCheck };

export interface NoLeaksOptions {
  /** Unused ArrayBuffer bytes that `root`'s views may keep alive in total. Default 0. */
  maxWastedBytes?: number;
  /**
   * Bytes of parent strings that sliced strings `root` reaches may keep alive in total. Unset: strings are
   * not checked. JavaScript cannot see sliced strings, so setting it makes the check write a heap
   * snapshot of this process and read it (about a second for a small test process; see docs/runtime.md).
   */
  maxSlicedStringBytes?: number;
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

type Limits = Required<Omit<NoLeaksOptions, 'maxSlicedStringBytes'>> & { maxSlicedStringBytes: number | undefined };

function checkOptions(options: NoLeaksOptions | undefined): Limits {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError('leakproof/test: options must be an object');
  }
  const given = options ?? {};
  for (const key of Object.keys(given)) {
    if (!['maxWastedBytes', 'maxSlicedStringBytes', 'maxNodes', 'maxDepth', 'maxListed'].includes(key)) throw new TypeError(`leakproof/test: unknown option ${key}`);
  }
  return {
    maxWastedBytes: nonNegative('maxWastedBytes', given.maxWastedBytes, 0),
    maxNodes: nonNegative('maxNodes', given.maxNodes, DEFAULT_MAX_NODES),
    maxDepth: nonNegative('maxDepth', given.maxDepth, 10_000),
    maxListed: nonNegative('maxListed', given.maxListed, DEFAULT_MAX_LISTED),
    maxSlicedStringBytes: given.maxSlicedStringBytes === undefined ? undefined : nonNegative('maxSlicedStringBytes', given.maxSlicedStringBytes, 0),
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
const STRING_ADVICE = "Keep flat copies of the pieces: detach(piece) from leakproof/runtime, or (' ' + piece).slice(1).";

function truncatedMessage(by: string, nodes: number, who: string, what = 'the walk'): string {
  return `${who}: ${what} stopped at ${by} after ${nodes.toLocaleString('en-US')} objects, so what it did not reach is unchecked; raise ${by} or check a smaller root`;
}

function viewLines(check: LeakCheck, limit: number, maxListed: number, who: string): string[] {
  const count = check.pinned.length;
  return [
    `${who}: ${count} ArrayBuffer${count === 1 ? ' is' : 's are'} kept alive through views, ${bytes(check.wastedBytes)} unused (at most ${bytes(limit)} allowed):`,
    ...holderLines(check, maxListed),
    ADVICE,
  ];
}

function stringLines(check: StringCheck, limit: number, maxListed: number, who: string): string[] {
  const count = check.pinned.length;
  const lines = check.pinned.slice(0, maxListed).map((p) => {
    const more = p.pieces > 1 ? ` (and ${p.pieces - 1} more piece${p.pieces === 2 ? '' : 's'} of it)` : '';
    return `  ${p.path}: sliced string keeps its ${p.parentBytes.toLocaleString('en-US')}-byte parent string${more}`;
  });
  if (count > maxListed) lines.push(`  … and ${count - maxListed} more parent strings`);
  return [
    `${who}: ${count} parent string${count === 1 ? ' is' : 's are'} kept alive by sliced strings, ${bytes(check.wastedBytes)} (at most ${bytes(limit)} allowed):`,
    ...lines,
    STRING_ADVICE,
  ];
}

interface Verdict {
  /** Failure message, or undefined when within the limits. */
  failure?: string;
  /** The check could not finish: neither pass nor fail is known. */
  incomplete?: string;
  wastedBytes: number;
  stringBytes?: number;
}

function judge(root: unknown, limits: Limits, who: string): Verdict {
  const views = checkLeaks(root, limits);
  if (views.truncatedBy !== undefined) return { incomplete: truncatedMessage(views.truncatedBy, views.nodes, who), wastedBytes: views.wastedBytes };
  const parts: string[][] = [];
  if (views.wastedBytes > limits.maxWastedBytes) parts.push(viewLines(views, limits.maxWastedBytes, limits.maxListed, who));
  let stringBytes: number | undefined;
  if (limits.maxSlicedStringBytes !== undefined) {
    const strings = findSlicedStrings(root, limits);
    if (strings.truncatedBy !== undefined) {
      return { incomplete: truncatedMessage(strings.truncatedBy, strings.nodes, who, 'the heap snapshot walk'), wastedBytes: views.wastedBytes };
    }
    stringBytes = strings.wastedBytes;
    if (strings.wastedBytes > limits.maxSlicedStringBytes) parts.push(stringLines(strings, limits.maxSlicedStringBytes, limits.maxListed, who));
  }
  const verdict: Verdict = { wastedBytes: views.wastedBytes };
  if (stringBytes !== undefined) verdict.stringBytes = stringBytes;
  if (parts.length > 0) verdict.failure = parts.map((lines) => lines.join('\n')).join('\n');
  return verdict;
}

/**
 * Throws an `AssertionError` (node:assert's) when the views `root` reaches keep more than
 * `maxWastedBytes` (default 0) unused ArrayBuffer bytes alive, when (with `maxSlicedStringBytes`) the
 * sliced strings it reaches keep more parent-string bytes than that, or when a walk could not finish
 * within its limits. The message lists each holder path, the view or slice, and the bytes it pins.
 */
export function assertNoLeaks(root: unknown, options?: NoLeaksOptions): void {
  const limits = checkOptions(options);
  const verdict = judge(root, limits, 'assertNoLeaks');
  const message = verdict.incomplete ?? verdict.failure;
  if (message === undefined) return;
  const overViews = verdict.wastedBytes > limits.maxWastedBytes || verdict.stringBytes === undefined;
  throw new AssertionError({
    message,
    actual: overViews ? verdict.wastedBytes : verdict.stringBytes,
    expected: overViews ? limits.maxWastedBytes : limits.maxSlicedStringBytes,
    operator: 'assertNoLeaks',
  });
}

/** What jest's and vitest's `expect.extend` expect a matcher to return. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * `expect(actor).toRetainAtMost(bytes)`: the views `actor` reaches keep at most `bytes` unused
 * ArrayBuffer bytes alive (and, with `{ maxSlicedStringBytes }`, its sliced strings at most that many
 * parent-string bytes). Register with `expect.extend(matchers)` (jest, vitest). A walk cut short by its
 * limits fails both `toRetainAtMost` and `.not.toRetainAtMost`.
 */
export function toRetainAtMost(this: unknown, received: unknown, maxBytes: number, options?: Omit<NoLeaksOptions, 'maxWastedBytes'>): MatcherResult {
  if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes < 0) {
    throw new TypeError(`leakproof/test: toRetainAtMost(bytes) needs a number of 0 or more, not ${String(maxBytes)}`);
  }
  const limits = checkOptions({ ...options, maxWastedBytes: maxBytes });
  const verdict = judge(received, limits, 'toRetainAtMost');
  const negated = (this as { isNot?: boolean } | undefined)?.isNot === true;
  if (verdict.incomplete !== undefined) {
    const text = verdict.incomplete;
    // Neither answer is known: fail whichever way the matcher was asked.
    return { pass: negated, message: () => text };
  }
  if (verdict.failure !== undefined) {
    const text = verdict.failure;
    return { pass: false, message: () => text };
  }
  const strings = verdict.stringBytes === undefined ? '' : ` and sliced strings ${bytes(verdict.stringBytes)} of parents`;
  return {
    pass: true,
    message: () => `toRetainAtMost: expected views to keep more than ${bytes(maxBytes)} of ArrayBuffers unused, found ${bytes(verdict.wastedBytes)}${strings}`,
  };
}

/** `expect.extend(matchers)` in jest or vitest. */
export const matchers = { toRetainAtMost };

/** Types for `expect(x).toRetainAtMost(n)`: add `declare module` augmentation per runner (docs/runtime.md). */
export interface LeakMatchers<R = unknown> {
  toRetainAtMost(bytes: number, options?: Omit<NoLeaksOptions, 'maxWastedBytes'>): R;
}
