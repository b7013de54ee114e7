import { NodeBuffer, OriginalArrayBuffer, OriginalDataView, typedArrayConstructors } from './intrinsics';

/**
 * The loader's record of a view: the site id it was made at, in a private field of the view itself. No
 * weak reference, no finalizer: the view dies young as it would without the loader, and `report()`
 * finds the views still alive by listing the realm's views (src/runtime/live-views.ts) and reading their
 * stamps. A private field is invisible to the program: reflection (`Reflect.ownKeys`,
 * `Object.getOwnPropertySymbols`), proxies, `structuredClone`, `util.inspect` and `assert.deepStrictEqual`
 * do not see it (test/register/programs/semantics.cjs prints them with and without the loader).
 */

/** Returns the object it is given: a subclass's field initialisers then add their fields to that object. */
class ReturnsItsArgument {
  constructor(value: object) {
    return value as ReturnsItsArgument;
  }
}

// The id the next stamp gets: set just before `new SiteStamp`, read by the field's initialiser, so the
// field is defined once with its value.
let pendingId = '';

class SiteStamp extends ReturnsItsArgument {
  #site: string = pendingId;

  static idOf(value: object): string | undefined {
    return #site in value ? (value as SiteStamp).#site : undefined;
  }

  static isStamped(value: object): boolean {
    return #site in value;
  }
}

/** Writes `id` into `view`. A view stamped already keeps its first id (where it was made); false then. */
export function stamp(view: object, id: string): boolean {
  if (SiteStamp.isStamped(view)) return false;
  pendingId = id;
  new SiteStamp(view);
  return true;
}

/** The site id `stamp` wrote into `value`, or undefined. Runs no code of the program (no getter, no trap). */
export function stampOf(value: object): string | undefined {
  return SiteStamp.idOf(value);
}

/*
 * A stamped view has a hidden class of its own (V8: a map transition for the private name), held alive
 * only by the objects that have it. In a loop whose stamped views all die between collections, the
 * collector drops that map and deoptimizes every function compiled against it (V8 11.3, Node 20: the
 * frame loop of bench/frame-loop.js was deoptimized 27 to 70 times in 14 rounds, "reason: weak objects"
 * under --trace-deopt, and cost about twice as much as with the maps kept; scripts/measure-view-following.js).
 * One stamped view of each built-in kind, kept here, keeps those maps alive: views of one constructor share
 * one map whatever made them (`subarray`, the constructor, `Buffer.from`).
 */
const keptShapes: object[] = [];

export function keepStampShapes(): void {
  if (keptShapes.length > 0) return;
  const buffer = new OriginalArrayBuffer(8);
  for (const constructor of typedArrayConstructors.values()) keptShapes.push(new constructor(buffer, 0, 0));
  keptShapes.push(new OriginalDataView(buffer, 0, 0));
  if (NodeBuffer) keptShapes.push(NodeBuffer.alloc(0));
  for (const shape of keptShapes) stamp(shape, '');
}
