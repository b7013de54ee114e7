import { defineProperty, isArray, OriginalDataView, TypedArrayPrototype } from './intrinsics';

/**
 * Every typed array (Buffers included) and DataView of this realm that is still alive, for `report()` to
 * read the loader's stamps from (src/runtime/stamps.ts). Asked of V8 through its inspector protocol from
 * inside the process (`node:inspector`'s Session: no port is opened, no debugger is enabled):
 * `Runtime.queryObjects` collects all garbage first, then returns every object whose prototype chain
 * holds the given prototype (V8's HeapProfiler::QueryObjects), so what it returns is exactly what is
 * reachable. Node answers a Session's `post` on the calling thread before `post` returns; this module
 * checks that it did rather than assuming it. Costs a full collection and a walk of the heap per call:
 * a report, not a hot path.
 */

interface Session {
  connect(): void;
  disconnect(): void;
  post(method: string, params: object, callback: (error: Error | null, result?: unknown) => void): void;
}

// The one global this module touches, for one report: V8's protocol reaches objects of the program through
// expressions evaluated in its global scope. Not enumerable, and removed before the report returns.
const BRIDGE = '__leakproof_live_views';
const GROUP = 'leakproof-live-views';

interface Bridge {
  prototypes: object[];
  found: unknown[][];
}

function loadSession(): (new () => Session) | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const inspector = require('node:inspector') as { Session?: new () => Session };
    return typeof inspector.Session === 'function' ? inspector.Session : undefined;
  } catch {
    // Node built without the inspector, or a platform without node:inspector
    return undefined;
  }
}

function post(session: Session, method: string, params: object): Record<string, unknown> {
  let answered = false;
  let failure: Error | null = null;
  let answer: unknown;
  session.post(method, params, (error, result) => {
    answered = true;
    failure = error;
    answer = result;
  });
  if (!answered) throw new Error(`the inspector did not answer ${method} synchronously`);
  if (failure !== null) throw failure;
  return (answer ?? {}) as Record<string, unknown>;
}

function objectIdOf(value: unknown, what: string): string {
  const id = (value as { objectId?: unknown } | undefined)?.objectId;
  if (typeof id !== 'string') throw new Error(`the inspector returned no object for ${what}`);
  return id;
}

/**
 * Runs `use` with an inspector session connected and the bridge object installed, its protocol id
 * given; cleans both up whatever happens. Throws what went wrong (callers catch).
 */
function withBridge<T>(use: (session: Session, bridgeId: string, bridge: Bridge) => T): T {
  const SessionClass = loadSession();
  if (SessionClass === undefined) throw new Error('node:inspector is not available');
  const bridge: Bridge = { prototypes: [TypedArrayPrototype, OriginalDataView.prototype], found: [] };
  defineProperty(globalThis, BRIDGE, { value: bridge, enumerable: false, writable: false, configurable: true });
  try {
    const session = new SessionClass();
    session.connect();
    try {
      const evaluated = post(session, 'Runtime.evaluate', { expression: `globalThis.${BRIDGE}`, objectGroup: GROUP, silent: true });
      return use(session, objectIdOf(evaluated.result, 'the bridge'), bridge);
    } finally {
      try {
        post(session, 'Runtime.releaseObjectGroup', { objectGroup: GROUP });
      } finally {
        session.disconnect();
      }
    }
  } finally {
    delete (globalThis as Record<string, unknown>)[BRIDGE];
  }
}

/**
 * Whether `findLiveViews` can work here: a session connects, answers synchronously, and sees this realm's
 * global object (not so in a `vm` context, where the protocol's default context is the main one). Cheap:
 * no collection. Never throws.
 */
export function canFindLiveViews(): boolean {
  try {
    return withBridge((session, bridgeId, bridge) => {
      post(session, 'Runtime.callFunctionOn', {
        objectId: bridgeId,
        functionDeclaration: 'function () { this.found.push([]); }',
        objectGroup: GROUP,
        silent: true,
      });
      return bridge.found.length === 1;
    });
  } catch {
    return false;
  }
}

/**
 * The live typed arrays (Buffers included) of this realm, and its live DataViews if `dataViews`. Each kind
 * costs a full collection and a walk of the heap. Throws when they cannot be listed (callers catch).
 */
export function findLiveViews(dataViews: boolean): unknown[] {
  return withBridge((session, bridgeId, bridge) => {
    if (!dataViews) bridge.prototypes.length = 1;
    for (let index = 0; index < bridge.prototypes.length; index++) {
      const prototype = post(session, 'Runtime.callFunctionOn', {
        objectId: bridgeId,
        functionDeclaration: 'function (index) { return this.prototypes[index]; }',
        arguments: [{ value: index }],
        objectGroup: GROUP,
        silent: true,
      });
      const queried = post(session, 'Runtime.queryObjects', { prototypeObjectId: objectIdOf(prototype.result, 'a prototype'), objectGroup: GROUP });
      post(session, 'Runtime.callFunctionOn', {
        objectId: bridgeId,
        functionDeclaration: 'function (objects) { this.found.push(objects); }',
        arguments: [{ objectId: objectIdOf(queried.objects, 'the live views') }],
        objectGroup: GROUP,
        silent: true,
      });
    }
    if (bridge.found.length !== bridge.prototypes.length) throw new Error('the inspector did not hand the live views over');
    const views: unknown[] = [];
    for (const list of bridge.found) {
      if (!isArray(list)) throw new Error('the inspector handed over something else than a list of views');
      for (let i = 0; i < list.length; i++) views[views.length] = list[i];
    }
    return views;
  });
}
