import {
  DEFAULT_ACTOR_BASE_CLASSES,
  DEFAULT_HANDLER_FACTORIES,
  DEFAULT_HANDLER_METHODS,
} from './apis';

/** `settings.leakproof`: what several rules need to agree on, read and validated once per file. */
export interface LeakproofSettings {
  /** Method names that are message handlers, added to the defaults. */
  handlerMethods: ReadonlySet<string>;
  /** Base classes whose methods run per message on a long-lived object, added to the defaults. */
  actorBaseClasses: ReadonlySet<string>;
  /** Functions whose function arguments are handlers, added to the defaults. */
  handlerFactories: ReadonlySet<string>;
}

const KEYS = ['handlerMethods', 'actorBaseClasses', 'handlerFactories'] as const;

const cache = new WeakMap<object, LeakproofSettings>();
const EMPTY = {};

function readList(raw: Record<string, unknown>, key: string): string[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new Error(`leakproof: settings.leakproof.${key} must be an array of strings`);
  }
  return value as string[];
}

/**
 * Reads `settings.leakproof` from ESLint's shared settings object (cached per object: every file of a
 * config shares one). Throws with a clear message on bad configuration; never on code.
 */
export function readSettings(shared: unknown): LeakproofSettings {
  const key = (shared ?? EMPTY) as object;
  const cached = cache.get(key);
  if (cached) return cached;
  const raw = (shared as Record<string, unknown> | undefined)?.leakproof ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error('leakproof: settings.leakproof must be an object');
  }
  const record = raw as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!(KEYS as readonly string[]).includes(name)) {
      throw new Error(`leakproof: unknown setting settings.leakproof.${name} (known: ${KEYS.join(', ')})`);
    }
  }
  const settings: LeakproofSettings = {
    handlerMethods: new Set([...DEFAULT_HANDLER_METHODS, ...readList(record, 'handlerMethods')]),
    actorBaseClasses: new Set([...DEFAULT_ACTOR_BASE_CLASSES, ...readList(record, 'actorBaseClasses')]),
    handlerFactories: new Set([...DEFAULT_HANDLER_FACTORIES, ...readList(record, 'handlerFactories')]),
  };
  cache.set(key, settings);
  return settings;
}
