import { copyBytes, makeView } from './copy';
import { getOwnPropertyDescriptor, isFrozen, mapSet, setAdd, setClear, setIteratorNext, setValues } from './intrinsics';
import type { HibernateOptions, HibernateResult, HibernateSkip, HibernateWhenIdleOptions, IdleToucher } from './types';
import { coveredBytes, EdgeKind, pathOfRef, walk, type ViewRef, type Walk, type WalkedBuffer, type WalkedView } from './walk';

function option(value: unknown, fallback: number): number {
  return typeof value === 'number' && !Number.isNaN(value) && value >= 0 ? value : fallback;
}

// Element sizes divide 8, so a new ArrayBuffer that starts at an 8-aligned offset of the old one keeps
// every view's byteOffset aligned for its element type.
const ALIGN = 8;

interface Component {
  start: number;
  end: number;
  views: WalkedView[];
}

/** Groups the views of one ArrayBuffer into runs of overlapping or touching byte ranges. */
function components(entry: WalkedBuffer): Component[] {
  const sorted = [...entry.views].sort((a, b) => a.byteOffset - b.byteOffset);
  const result: Component[] = [];
  let current: Component | undefined;
  for (const view of sorted) {
    const end = view.byteOffset + view.byteLength;
    if (current !== undefined && view.byteOffset <= current.end) {
      current.end = Math.max(current.end, end);
      current.views.push(view);
    } else {
      current = { start: view.byteOffset, end, views: [view] };
      result.push(current);
    }
  }
  return result;
}

type Replace = { ok: true } | { ok: false; reason: HibernateSkip['reason'] };

/** Points one reference at `replacement`, unless the holder forbids it. Set entries are queued. */
function replaceRef(walked: Walk, ref: ViewRef, replacement: ArrayBufferView, setEdits: Map<Set<unknown>, Map<unknown, unknown>>, old: unknown): Replace {
  if (ref.holder < 0) return { ok: false, reason: 'root' };
  const holder = walked.nodes[ref.holder] as object;
  if (isFrozen(holder)) return { ok: false, reason: 'frozen' };
  switch (ref.kind) {
    case EdgeKind.Property:
    case EdgeKind.Index: {
      const key = ref.key as PropertyKey;
      const descriptor = getOwnPropertyDescriptor(holder, key);
      if (descriptor === undefined || descriptor.value !== old) return { ok: false, reason: 'failed' };
      if (descriptor.get !== undefined || descriptor.set !== undefined) return { ok: false, reason: 'accessor' };
      if (!descriptor.writable) return { ok: false, reason: 'read-only' };
      (holder as Record<PropertyKey, unknown>)[key] = replacement;
      return { ok: true };
    }
    case EdgeKind.MapValue:
      mapSet.call(holder as Map<unknown, unknown>, ref.key, replacement); // an existing key keeps its place
      return { ok: true };
    case EdgeKind.SetEntry: {
      let edits = setEdits.get(holder as Set<unknown>);
      if (edits === undefined) setEdits.set(holder as Set<unknown>, (edits = new Map()));
      edits.set(old, replacement);
      return { ok: true };
    }
    default:
      // A Map key is looked up by identity: replacing it would break `map.get(view)` for its holders.
      return { ok: false, reason: ref.kind === EdgeKind.MapKey ? 'map-key' : 'failed' };
  }
}

/** Rewrites each edited Set in its original order (delete + add would move entries to the end). */
function applySetEdits(setEdits: Map<Set<unknown>, Map<unknown, unknown>>): void {
  for (const [set, edits] of setEdits) {
    const entries: unknown[] = [];
    const iterator = setValues.call(set);
    for (let step = setIteratorNext.call(iterator); !step.done; step = setIteratorNext.call(iterator)) {
      entries.push(edits.has(step.value) ? edits.get(step.value) : step.value);
    }
    setClear.call(set);
    for (const entry of entries) setAdd.call(set, entry);
  }
}

/**
 * Compacts `target` in place, as Erlang's hibernation compacts an idle process: every view whose
 * ArrayBuffer is much larger than what its views use (at least `minWastedBytes` unused and at most
 * `maxUsedRatio` used) is replaced by a view of the same kind over an exact-size copy, wherever the walk
 * found it: object and class-instance fields, array elements, Map values, Set entries (Set order is
 * kept). Views of one ArrayBuffer that overlap share one new ArrayBuffer, so writes through one are
 * still seen through the other. Not replaced: frozen holders, read-only or accessor properties, Map
 * keys (identity lookups), the root itself, SharedArrayBuffers. Never throws.
 */
export function hibernate(target: unknown, options?: HibernateOptions): HibernateResult {
  const result: HibernateResult = { replaced: [], skipped: [], buffers: 0, expectedFreedBytes: 0, truncated: false };
  try {
    const minWasted = option(options?.minWastedBytes, 1024);
    const maxUsedRatio = option(options?.maxUsedRatio, 0.5);
    const walked = walk(target, options, true);
    result.truncated = walked.truncated;
    const setEdits = new Map<Set<unknown>, Map<unknown, unknown>>();
    for (const entry of walked.buffers.values()) {
      if (entry.direct) continue;
      const used = coveredBytes(entry);
      if (entry.byteLength - used < minWasted || used > entry.byteLength * maxUsedRatio) continue;
      if (entry.shared) {
        for (const view of entry.views) {
          for (const ref of view.refs) result.skipped.push({ path: pathOfRef(walked, ref), reason: 'shared', byteLength: view.byteLength, parentBytes: entry.byteLength });
        }
        continue;
      }
      let everyRef = true;
      let newBytes = 0;
      for (const component of components(entry)) {
        const start = component.start - (component.start % ALIGN);
        const bytes = copyBytes(entry.buffer, start, component.end - start);
        newBytes += bytes.byteLength;
        for (const view of component.views) {
          let replacement: ArrayBufferView;
          try {
            replacement = makeView(view.view, bytes, view.byteOffset - start, view.byteLength);
          } catch {
            everyRef = false;
            for (const ref of view.refs) result.skipped.push({ path: pathOfRef(walked, ref), reason: 'failed', byteLength: view.byteLength, parentBytes: entry.byteLength });
            continue;
          }
          for (const ref of view.refs) {
            const path = pathOfRef(walked, ref);
            let done: Replace;
            try {
              done = replaceRef(walked, ref, replacement, setEdits, view.view);
            } catch {
              done = { ok: false, reason: 'failed' };
            }
            if (done.ok) {
              result.replaced.push({ path, byteLength: view.byteLength, parentBytes: entry.byteLength, newParentBytes: bytes.byteLength });
            } else {
              everyRef = false;
              result.skipped.push({ path, reason: done.reason, byteLength: view.byteLength, parentBytes: entry.byteLength });
            }
          }
        }
      }
      if (everyRef) {
        result.buffers++;
        result.expectedFreedBytes += Math.max(entry.byteLength - newBytes, 0);
      }
    }
    applySetEdits(setEdits);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

/**
 * Returns a function to call on every message `target` handles. Once `idleMs` pass without a call,
 * `target` is hibernated (see `hibernate`). Cheap per call (a timestamp); the timer is unref'd, so it
 * never keeps the process alive, and holds `target` weakly, so it never keeps the actor alive.
 */
export function hibernateWhenIdle(target: object, idleMs: number, options?: HibernateWhenIdleOptions): IdleToucher {
  const ref = target !== null && (typeof target === 'object' || typeof target === 'function') ? new WeakRef(target) : undefined;
  const delay = typeof idleMs === 'number' && idleMs >= 0 && Number.isFinite(idleMs) ? idleMs : 30_000;
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;

  const arm = (ms: number): void => {
    timer = setTimeout(fire, ms);
    (timer as { unref?: () => void }).unref?.();
  };
  function fire(): void {
    timer = undefined;
    if (cancelled) return;
    const idle = Date.now() - last;
    if (idle < delay) {
      arm(delay - idle);
      return;
    }
    const current = ref?.deref();
    if (current === undefined) return;
    const result = hibernate(current, options);
    try {
      options?.onHibernate?.(result);
    } catch {
      // never throw into the host from a timer
    }
  }

  const touch = (() => {
    if (cancelled) return;
    last = Date.now();
    if (timer === undefined) arm(delay);
  }) as IdleToucher;
  touch.cancel = () => {
    cancelled = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return touch;
}
