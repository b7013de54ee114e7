/**
 * The built-ins the runtime relies on, captured once when the module loads, before `track()` can patch
 * anything and before user code can replace them. Every other runtime file uses these, never the
 * globals, so the checker neither records its own views nor runs user code by accident.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

type AnyFunction = (...args: any[]) => any;

// Node's `util.types` answers in native code without running user code (no traps, no getters). It is
// optional: on a platform without it the fallbacks below are used (proxies cannot be detected there).
interface UtilTypes {
  isProxy(value: unknown): boolean;
  isMap(value: unknown): boolean;
  isSet(value: unknown): boolean;
  isArrayBuffer(value: unknown): boolean;
  isSharedArrayBuffer(value: unknown): boolean;
  isBoxedPrimitive(value: unknown): boolean;
  isModuleNamespaceObject(value: unknown): boolean;
}

function loadUtilTypes(): UtilTypes | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:util') as { types: UtilTypes }).types;
  } catch {
    return undefined;
  }
}

const utilTypes = loadUtilTypes();

function getter(target: object, key: PropertyKey): AnyFunction {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor?.get) throw new Error(`leakproof/runtime: no getter ${String(key)}`);
  return descriptor.get;
}

export const ObjectPrototype = Object.prototype;
export const ArrayPrototype = Array.prototype;
export const MapPrototype = Map.prototype;
export const SetPrototype = Set.prototype;
export const TypedArray = Object.getPrototypeOf(Uint8Array) as AnyFunction & { prototype: object };
export const TypedArrayPrototype = TypedArray.prototype as Record<string, AnyFunction>;

export const getPrototypeOf = Object.getPrototypeOf;
export const setPrototypeOf = Object.setPrototypeOf;
export const getOwnPropertyNames = Object.getOwnPropertyNames;
export const getOwnPropertySymbols = Object.getOwnPropertySymbols;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const defineProperty = Object.defineProperty;
export const isFrozen = Object.isFrozen;
export const isArray = Array.isArray;
export const isView = ArrayBuffer.isView;
export const reflectApply = Reflect.apply;
export const reflectConstruct = Reflect.construct;

export const typedArrayTag = getter(TypedArrayPrototype, Symbol.toStringTag);
export const typedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
const typedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
export const typedArrayByteLength = getter(TypedArrayPrototype, 'byteLength');
const typedArrayLength = getter(TypedArrayPrototype, 'length');
export const dataViewBuffer = getter(DataView.prototype, 'buffer');
const dataViewByteOffset = getter(DataView.prototype, 'byteOffset');
export const dataViewByteLength = getter(DataView.prototype, 'byteLength');
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength: AnyFunction | undefined =
  typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : undefined;

export const arrayBufferSlice = ArrayBuffer.prototype.slice as (this: ArrayBuffer, begin?: number, end?: number) => ArrayBuffer;
export const typedArraySlice = TypedArrayPrototype.slice as (this: ArrayBufferView, start?: number, end?: number) => ArrayBufferView;
export const typedArraySubarray = TypedArrayPrototype.subarray as (this: ArrayBufferView, start?: number, end?: number) => ArrayBufferView;
export const typedArraySet = TypedArrayPrototype.set as (this: Uint8Array, source: ArrayLike<number>, offset?: number) => void;
export const OriginalUint8Array = Uint8Array;
export const OriginalDataView = DataView;
export const OriginalArrayBuffer = ArrayBuffer;
export const queueMicrotask: (callback: () => void) => void = globalThis.queueMicrotask.bind(globalThis);

export const mapEntries = Map.prototype.entries as (this: Map<unknown, unknown>) => IterableIterator<[unknown, unknown]>;
export const mapSet = Map.prototype.set as (this: Map<unknown, unknown>, key: unknown, value: unknown) => Map<unknown, unknown>;
export const mapForEach = Map.prototype.forEach as (
  this: Map<unknown, unknown>,
  callback: (value: unknown, key: unknown) => void,
  thisArg?: unknown,
) => void;
export const setForEach = Set.prototype.forEach as (this: Set<unknown>, callback: (value: unknown) => void, thisArg?: unknown) => void;
export const setValues = Set.prototype.values as (this: Set<unknown>) => IterableIterator<unknown>;
export const setAdd = Set.prototype.add as (this: Set<unknown>, value: unknown) => Set<unknown>;
export const setClear = Set.prototype.clear as (this: Set<unknown>) => void;
export const mapIteratorNext = (Object.getPrototypeOf(new Map().entries()) as { next: AnyFunction }).next as (
  this: IterableIterator<[unknown, unknown]>,
) => IteratorResult<[unknown, unknown]>;
export const setIteratorNext = (Object.getPrototypeOf(new Set().values()) as { next: AnyFunction }).next as (
  this: IterableIterator<unknown>,
) => IteratorResult<unknown>;

/** Node's Buffer, when there is one (the runtime also loads where there is none). */
export const NodeBuffer: typeof Buffer | undefined = typeof Buffer === 'function' ? Buffer : undefined;
export const BufferPrototype: object | undefined = NodeBuffer?.prototype;
export const bufferFrom = NodeBuffer?.from;
export const bufferAllocUnsafeSlow = NodeBuffer?.allocUnsafeSlow;

/** The typed-array constructors by their `Symbol.toStringTag`, as they were when the runtime loaded. */
export const TYPED_ARRAY_NAMES = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

export const typedArrayConstructors = new Map<string, new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => ArrayBufferView>();
for (const name of TYPED_ARRAY_NAMES) {
  const constructor = (globalThis as Record<string, unknown>)[name];
  if (typeof constructor === 'function') typedArrayConstructors.set(name, constructor as never);
}

/** `'Uint8Array'`, `'Float64Array'`, … for a typed array (a Buffer is a Uint8Array); undefined otherwise. */
export function typedArrayName(value: unknown): string | undefined {
  return typedArrayTag.call(value) as string | undefined;
}

/** What a view looks at, read through the built-in getters (an own `buffer` property is not consulted). */
export interface ViewFacts {
  buffer: ArrayBufferLike;
  byteOffset: number;
  byteLength: number;
  /** `Uint8Array`…, or `DataView`. */
  kind: string;
}

export function viewFacts(view: ArrayBufferView): ViewFacts {
  const kind = typedArrayTag.call(view) as string | undefined;
  if (kind !== undefined) {
    return {
      buffer: typedArrayBuffer.call(view) as ArrayBufferLike,
      byteOffset: typedArrayByteOffset.call(view) as number,
      byteLength: typedArrayByteLength.call(view) as number,
      kind,
    };
  }
  return {
    buffer: dataViewBuffer.call(view) as ArrayBufferLike,
    byteOffset: dataViewByteOffset.call(view) as number,
    byteLength: dataViewByteLength.call(view) as number,
    kind: 'DataView',
  };
}

/** The ArrayBuffer and byte length of a view, without allocating (the hot path of `track`). */
export function viewBuffer(view: ArrayBufferView): ArrayBufferLike {
  return (typedArrayTag.call(view) !== undefined ? typedArrayBuffer.call(view) : dataViewBuffer.call(view)) as ArrayBufferLike;
}

export function viewByteLength(view: ArrayBufferView): number {
  return (typedArrayTag.call(view) !== undefined ? typedArrayByteLength.call(view) : dataViewByteLength.call(view)) as number;
}

export function typedArrayElementCount(view: ArrayBufferView): number {
  return typedArrayLength.call(view) as number;
}

/** The byte length of an ArrayBuffer or SharedArrayBuffer; -1 for anything else. */
export function bufferByteLength(value: unknown): number {
  try {
    return arrayBufferByteLength.call(value) as number;
  } catch {
    // not an ArrayBuffer
  }
  if (sharedArrayBufferByteLength) {
    try {
      return sharedArrayBufferByteLength.call(value) as number;
    } catch {
      // not a SharedArrayBuffer either
    }
  }
  return -1;
}

export function isSharedArrayBuffer(value: unknown): boolean {
  if (utilTypes) return utilTypes.isSharedArrayBuffer(value);
  if (!sharedArrayBufferByteLength) return false;
  try {
    sharedArrayBufferByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

export function isAnyArrayBuffer(value: unknown): boolean {
  if (utilTypes) return utilTypes.isArrayBuffer(value) || utilTypes.isSharedArrayBuffer(value);
  return bufferByteLength(value) >= 0;
}

export const isProxy: (value: unknown) => boolean = utilTypes ? utilTypes.isProxy : () => false;
export const isMap: (value: unknown) => boolean = utilTypes ? utilTypes.isMap : (value) => value instanceof Map;
export const isSet: (value: unknown) => boolean = utilTypes ? utilTypes.isSet : (value) => value instanceof Set;
export const isBoxedPrimitive: (value: unknown) => boolean = utilTypes ? utilTypes.isBoxedPrimitive : () => false;
export const isModuleNamespaceObject: (value: unknown) => boolean = utilTypes ? utilTypes.isModuleNamespaceObject : () => false;

/** True when `view` is a Node Buffer (Buffer.prototype on its chain, checked without `instanceof` hooks). */
export function isNodeBuffer(view: object): boolean {
  if (!BufferPrototype) return false;
  let proto: unknown = getPrototypeOf(view);
  for (let i = 0; i < 8 && proto !== null; i++) {
    if (proto === BufferPrototype) return true;
    proto = getPrototypeOf(proto as object);
  }
  return false;
}

/** The current `Buffer.poolSize` (8 KiB up to Node 26.2, 64 KiB from 26.3; users may change it). */
export function currentPoolSize(): number {
  const size = NodeBuffer ? Number((NodeBuffer as { poolSize?: unknown }).poolSize) : NaN;
  return Number.isFinite(size) && size > 0 ? size : -1;
}

/**
 * A Buffer that is probably a slice of Node's shared allocation pool: its ArrayBuffer is exactly one
 * pool slab long and the Buffer is smaller than the pooling threshold (`poolSize >>> 1`). Only a
 * Buffer can be pooled; a plain Uint8Array is never handed out from the pool.
 */
export function isPooledBuffer(view: object, bufferBytes: number, viewBytes: number): boolean {
  const pool = currentPoolSize();
  return pool > 0 && bufferBytes === pool && viewBytes < pool >>> 1 && isNodeBuffer(view);
}
