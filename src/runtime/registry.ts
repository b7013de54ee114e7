import { inspect } from './inspect';
import type { BinLeakEntry, BinLeakOptions } from './types';

// name -> weak reference to the actor or state. Nothing here keeps a target alive; a finalizer drops the
// name once its target is collected, so registering many short-lived actors leaves nothing behind.
const registry = new Map<string, WeakRef<object>>();
const cleanup =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<{ name: string; ref: WeakRef<object> }>(({ name, ref }) => {
        if (registry.get(name) === ref) registry.delete(name);
      })
    : undefined;

/**
 * Remembers `target` (an actor, or its state) under `name`, weakly: registration never keeps it alive.
 * Registering a name again replaces the previous target. Returns false, and registers nothing, when
 * `target` is not an object.
 */
export function register(name: string, target: object): boolean {
  try {
    if (target === null || (typeof target !== 'object' && typeof target !== 'function')) return false;
    const key = String(name);
    const ref = new WeakRef(target);
    registry.set(key, ref);
    cleanup?.register(target, { name: key, ref }, ref);
    return true;
  } catch {
    return false;
  }
}

/** Forgets `name`. Returns whether it was registered. */
export function unregister(name: string): boolean {
  try {
    const key = String(name);
    const ref = registry.get(key);
    if (ref === undefined) return false;
    cleanup?.unregister(ref);
    return registry.delete(key);
  } catch {
    return false;
  }
}

/** Names currently registered whose targets are still alive. */
export function registered(): string[] {
  const names: string[] = [];
  for (const [name, ref] of registry) if (ref.deref() !== undefined) names.push(name);
  return names;
}

/**
 * The `n` registered targets holding the most wasted bytes (ArrayBuffer bytes their views do not use),
 * largest first; like Erlang's `recon:bin_leak`. Each target is walked with `inspect` and its limits.
 * Targets with nothing wasted are left out.
 */
export function binLeak(n = 10, options?: BinLeakOptions): BinLeakEntry[] {
  try {
    const entries: BinLeakEntry[] = [];
    for (const [name, ref] of [...registry]) {
      const target = ref.deref();
      if (target === undefined) {
        registry.delete(name);
        continue;
      }
      const result = inspect(target, options);
      if (result.wastedBytes <= 0) continue;
      entries.push({
        name,
        wastedBytes: result.wastedBytes,
        retainedBytes: result.retainedBytes,
        usedBytes: result.usedBytes,
        top: result.top,
        truncated: result.truncated,
      });
    }
    entries.sort((a, b) => b.wastedBytes - a.wastedBytes || b.retainedBytes - a.retainedBytes);
    const limit = typeof n === 'number' && n >= 0 ? Math.floor(n) : 10;
    return entries.slice(0, limit);
  } catch {
    return [];
  }
}

