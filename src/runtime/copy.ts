import {
  arrayBufferSlice,
  bufferByteLength,
  bufferFrom,
  getPrototypeOf,
  isNodeBuffer,
  isView,
  OriginalDataView,
  OriginalUint8Array,
  setPrototypeOf,
  typedArrayConstructors,
  typedArraySet,
  typedArraySlice,
  viewFacts,
} from './intrinsics';

/** Relative index as `subarray`/`slice` read it: negative counts from the end, clamped to [0, length]. */
function relativeIndex(value: unknown, length: number, fallback: number): number {
  if (value === undefined) return fallback;
  let index = Math.trunc(Number(value));
  if (Number.isNaN(index)) index = 0;
  if (index < 0) index = Math.max(length + index, 0);
  return Math.min(index, length);
}

/**
 * An exact-size, unpooled copy of a view's region, of the same kind: a Buffer stays a Buffer (with its
 * own ArrayBuffer of exactly the copied length), a Float32Array stays a Float32Array, a DataView stays a
 * DataView. `start` and `end` count elements for typed arrays and bytes for DataViews and
 * ArrayBuffers, and may be negative, as in `subarray`. The JavaScript twin of Erlang's `binary:copy`.
 *
 * It never uses `Buffer.from(view)`: below `Buffer.poolSize >>> 1` bytes that copy is carved from the
 * shared pool and keeps a whole slab alive (the repository's test/runtime/copy.test.ts shows it). A value
 * that is not a view or an ArrayBuffer is returned unchanged; the function never throws.
 */
export function copy<T>(view: T, start?: number, end?: number): T {
  try {
    if (isView(view)) {
      const facts = viewFacts(view as ArrayBufferView);
      if (facts.kind === 'DataView') {
        const from = relativeIndex(start, facts.byteLength, 0);
        const to = Math.max(relativeIndex(end, facts.byteLength, facts.byteLength), from);
        const bytes = copyBytes(facts.buffer, facts.byteOffset + from, to - from);
        const result = new OriginalDataView(bytes);
        const proto = getPrototypeOf(view as object);
        if (proto !== OriginalDataView.prototype) setPrototypeOf(result, proto);
        return result as T;
      }
      // %TypedArray%.prototype.slice allocates a fresh ArrayBuffer of exactly the copied length through
      // the species constructor; for a Buffer that is Node's FastBuffer, so the result is a Buffer and
      // never comes from the pool (checked in test/runtime/copy.test.ts).
      const result = typedArraySlice.call(view as ArrayBufferView, start, end);
      const exact = bufferByteLength(viewFacts(result).buffer) === viewFacts(result).byteLength;
      if (exact && getPrototypeOf(result) === getPrototypeOf(view as object)) return result as T;
      return rebuildExact(view as ArrayBufferView, start, end) as T;
    }
    const length = bufferByteLength(view);
    if (length >= 0) {
      const from = relativeIndex(start, length, 0);
      const to = Math.max(relativeIndex(end, length, length), from);
      return copyBytes(view as unknown as ArrayBufferLike, from, to - from) as T;
    }
  } catch {
    // fall through: never throw into the host program
  }
  return view;
}

/** A subclass with an unusual species constructor: copy the bytes into a plain view and restore the prototype. */
function rebuildExact(view: ArrayBufferView, start?: number, end?: number): ArrayBufferView {
  const facts = viewFacts(view);
  const Constructor = typedArrayConstructors.get(facts.kind);
  if (!Constructor) return view;
  const elementSize = (Constructor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const count = facts.byteLength / elementSize;
  const from = relativeIndex(start, count, 0);
  const to = Math.max(relativeIndex(end, count, count), from);
  const bytes = copyBytes(facts.buffer, facts.byteOffset + from * elementSize, (to - from) * elementSize);
  return makeView(view, bytes, 0, bytes.byteLength);
}

/** A new ArrayBuffer holding exactly `length` bytes of `source` from `offset` (also from a SharedArrayBuffer). */
export function copyBytes(source: ArrayBufferLike, offset: number, length: number): ArrayBuffer {
  if (bufferByteLength(source) >= 0) {
    try {
      return arrayBufferSlice.call(source as ArrayBuffer, offset, offset + length);
    } catch {
      // a SharedArrayBuffer: copy through views
    }
  }
  const target = new ArrayBuffer(length);
  typedArraySet.call(new OriginalUint8Array(target), new OriginalUint8Array(source, offset, length));
  return target;
}

/**
 * A view of the same kind and prototype as `like`, over `bytes` from `byteOffset` for `byteLength` bytes.
 * Built with the constructors captured at load time, so `track()` does not record it.
 */
export function makeView(like: ArrayBufferView, bytes: ArrayBuffer, byteOffset: number, byteLength: number): ArrayBufferView {
  const facts = viewFacts(like);
  const proto = getPrototypeOf(like) as object;
  let made: ArrayBufferView;
  if (facts.kind === 'DataView') {
    made = new OriginalDataView(bytes, byteOffset, byteLength);
    if (proto !== OriginalDataView.prototype) setPrototypeOf(made, proto);
    return made;
  }
  if (bufferFrom && isNodeBuffer(like)) {
    made = bufferFrom(bytes, byteOffset, byteLength);
    if (getPrototypeOf(made) !== proto) setPrototypeOf(made, proto);
    return made;
  }
  const Constructor = typedArrayConstructors.get(facts.kind);
  if (!Constructor) throw new Error(`leakproof/runtime: unknown view kind ${facts.kind}`);
  const elementSize = (Constructor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  made = new Constructor(bytes, byteOffset, byteLength / elementSize);
  if (getPrototypeOf(made) !== proto) setPrototypeOf(made, proto);
  return made;
}

/**
 * A string equal to `str` that keeps no parent string alive. V8 returns a "sliced string" (a pointer
 * into the parent) for `slice`/`substring`/`split`/regexp-group results of 13 or more characters;
 * `(' ' + s).slice(1)` makes V8 flatten the concatenation into a new string first, so the result's
 * parent is that flat copy, one character longer than `str`. Template literals and `s + ''` do not
 * detach (the repository's scripts/measure-retention.js measures both). A non-string is returned unchanged.
 */
export function detach<T>(str: T): T {
  if (typeof str !== 'string' || str.length === 0) return str;
  return (' ' + str).slice(1) as T;
}

/**
 * The bytes a view keeps alive: the byte length of its whole ArrayBuffer (Erlang's
 * `binary:referenced_byte_size`). For an ArrayBuffer, its own length; 0 for anything else (strings
 * included: JavaScript cannot see whether a string is sliced; `leakproof heap` can).
 */
export function retainedBytes(view: unknown): number {
  try {
    if (isView(view)) return Math.max(bufferByteLength(viewFacts(view as ArrayBufferView).buffer), 0);
    return Math.max(bufferByteLength(view), 0);
  } catch {
    return 0;
  }
}
