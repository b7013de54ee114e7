import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  BLOB_CONSTRUCTORS,
  BLOB_HELPER_NAMES,
  BODY_CONSTRUCTORS,
  BYTE_VIEW_NAMES,
  SUBTLE_METHODS,
  TYPED_ARRAY_CONSTRUCTORS,
  WASM_MEMORY_NAMES,
  WRITE_METHODS,
} from './apis';
import { assignedValues, calleeName, compactText, enclosingFunction, isEmptyValue, functionBoundTo, isOtherBranch, outerParent, isBufferConstructor, enclosingTests, findVariable, functionName, parameterOf, variableHolding, isFunction, memberKeyName, methodCall, methodNameOf, nameOf, propertyName, shortText, unwrap, isConstructedBy, returnSiteOf, singleInit, walk } from './ast';
import { isCloningCall } from './clones';
import type { FileFacts } from './file';
import { isViewClassName } from './kinds';
import { isViewKind } from './types';

/**
 * Uses of `x.buffer` (the backing store of a view) as if it were `x`'s bytes: without `byteOffset`
 * and `byteLength`, the reader gets the whole ArrayBuffer (the shared pool, the rest of a chunk).
 */
export type BackingSink =
  | 'constructor'
  | 'buffer-from'
  | 'array-buffer-slice'
  /** `x.buffer.transfer(n)`: the whole store moved to a new ArrayBuffer, read from its first byte. */
  | 'array-buffer-transfer'
  | 'crypto'
  | 'blob'
  | 'decode'
  | 'write'
  | 'body'
  | 'message'
  | 'transfer'
  /** Returned (or resolved) as if it were the bytes: every caller gets the whole ArrayBuffer. */
  | 'return'
  /** The store of a view just cut with `subarray`: never the sub-view's bytes, whatever reads it. */
  | 'sub-view'
  /** Kept in a variable that is then read from its first byte (`store[i]`, `new Uint8Array(store)`). */
  | 'held'
  /**
   * Handed as a value to code the rule does not know (`decode(x.buffer)`, `parts.push(x.buffer)`,
   * `new Block(x.buffer)`), directly or through a variable: whatever reads it there starts at the store's
   * first byte. Only for proven views, in a function that never reads the view's bounds.
   */
  | 'handed'
  /**
   * Handed to a function of the file that wraps that parameter whole as bytes (`function writeExtBuffer(buffer)
   * { … Buffer.from(buffer) … }`, msgpackr's packer): the same as wrapping it here.
   */
  | 'helper-wrap'
  /**
   * The view replaced by its store: `x = x.buffer`, `x = isView(x) ? x.buffer : x`, `this.data = isView(x) ?
   * x.buffer : x`. The code normalises "a view or an ArrayBuffer" to an ArrayBuffer and drops the view's
   * offset: everything that reads the result after it starts at the store's first byte.
   */
  | 'replaced'
  /**
   * Returned whole by a fast path whose test is about the view's own bounds (`x.byteOffset === 0 ? x.buffer :
   * x.buffer.slice(…)`) but never compares them with the store's (`x.buffer.byteLength`): a view that starts at
   * 0, or has its own length, can still be shorter than its store.
   */
  | 'fast-path';

export interface BackingStoreUse {
  /** `x.buffer` */
  member: TSESTree.MemberExpression;
  /** `x` */
  view: TSESTree.Expression;
  sink: BackingSink;
  /** The call or `new` that reads the backing store (none for returns and fresh sub-views). */
  reader?: TSESTree.CallExpression | TSESTree.NewExpression;
  /** For messages: "`new Uint8Array(...)` without an offset and length". */
  label: string;
  /** True when `x` is provably a view (a Buffer or typed array), not just something with a `buffer`. */
  provenView: boolean;
  /**
   * True when `x.buffer` is one side of a choice (`isView(x) ? x.buffer : x`, `x.buffer || x`): the reader
   * gets something else on the other side, so no rewrite of its arguments fits both.
   */
  oneOfChoice?: boolean;
  /**
   * True when the checker types `x` as a plain object that the code reads as a view's description
   * (`new Uint8Array(o.buffer, o.byteOffset)`): it may have no `byteLength` to pass, so no rewrite is offered.
   */
  descriptor?: boolean;
  /** The variable that holds the store when it is read through one (`const store = x.buffer || x`). */
  heldIn?: string;
  /** Where to report, when not at `x.buffer` itself: the read of the variable that holds it (`? buffer : …`). */
  at?: TSESTree.Node;
  /** For a fast path (`fast-path`): its test, which the suggestion completes with the store's length. */
  guard?: TSESTree.Expression;
  /** For constructor forms: which arguments are wrong, so the fix can replace only those. */
  bounds?: { offset: 'missing' | 'unsafe' | 'relative' | 'ok' | 'other'; length: 'missing' | 'unsafe' | 'ok' | 'elements'; elementSize: number; constructorName: string };
}

const ELEMENT_SIZES: Record<string, number> = {
  Int8Array: 1,
  Uint8Array: 1,
  Uint8ClampedArray: 1,
  Int16Array: 2,
  Uint16Array: 2,
  Float16Array: 2,
  Int32Array: 4,
  Uint32Array: 4,
  Float32Array: 4,
  Float64Array: 8,
  BigInt64Array: 8,
  BigUint64Array: 8,
  DataView: 1,
  Buffer: 1,
};

const TEXT_DECODER = new Set(['TextDecoder']);
/** Readers that take the bytes they are given (a digest, a Blob part, a decoder, a message, a body, a write). */
const BYTE_SINKS = new Set<BackingSink>(['crypto', 'blob', 'decode', 'message', 'body', 'write']);

/** `buf`, `bytes`, `u8`, `this.chunk`: a name code gives a byte view (see BYTE_VIEW_NAMES). */
function namedAsBytes(view: TSESTree.Node): boolean {
  const name = nameOf(unwrap(view));
  return !!name && BYTE_VIEW_NAMES.test(name);
}

/**
 * Uses reported for any `x` not proven to own its store: unicorn's conversions (a constructor, `Buffer.from`,
 * `.slice()` of the store) and the forms that are as plainly store-wide (a fresh sub-view's store, a transfer).
 */
const UNICORN_FORMS = new Set<BackingSink>(['constructor', 'buffer-from', 'array-buffer-slice', 'sub-view', 'array-buffer-transfer', 'fast-path', 'helper-wrap']);
/** ArrayBuffer methods that move the whole store into a new ArrayBuffer (ES2024). */
const TRANSFER_METHODS = new Set(['transfer', 'transferToFixedLength']);

export function findBackingStoreUse(member: TSESTree.MemberExpression, facts: FileFacts): BackingStoreUse | undefined {
  try {
    const use = find(member, facts);
    if (!use) return undefined;
    // Beyond the conversions unicorn's rule covers, `x.buffer` of an unknown `x` is as likely a field of
    // some object (`res.end(cache.buffer)`) as a view's store: report it only for proven views, or, for readers
    // that take bytes, an `x` named as a byte view (`bytes.buffer`, not `file.buffer`).
    if (!UNICORN_FORMS.has(use.sink) && !use.provenView && !(BYTE_SINKS.has(use.sink) && namedAsBytes(use.view))) return undefined;
    // A transfer moves the store; that is right for a typed array that owns it whole, which a parameter
    // typed `Float32Array` usually does. Only Buffers (often pool slices) and known views count.
    if (use.sink === 'transfer') {
      const buffers = facts.kinds;
      if (!buffers.isBuffer(use.view) && !buffers.largerBacking(use.view)) return undefined;
    }
    return use;
  } catch {
    return undefined;
  }
}

function find(member: TSESTree.MemberExpression, facts: FileFacts): BackingStoreUse | undefined {
  if (propertyName(member) !== 'buffer') return undefined;
  const view = member.object;
  if (view.type === AST_NODE_TYPES.Super) return undefined;
  const sourceCode = facts.sourceCode;
  const buffers = facts.kinds;
  // `this.buffer` is a field, except in a method of a Buffer or typed-array subclass or prototype
  // (`class Frame extends Uint8Array`, `Buffer.prototype.toArrayBuffer = function () {…}`): there `this` is a view.
  const thisView = unwrap(view).type === AST_NODE_TYPES.ThisExpression;
  if (thisView && !buffers.thisIsView(view)) return undefined;
  // `x instanceof WebAssembly.Memory ? new DataView(x.buffer) : …`: there `x.buffer` is that object's own.
  if (buffers.isNarrowedToOtherClass(view)) return undefined;
  // What `x` is: the checker first; without it, anything not known to be something else (as unicorn's
  // no-unsafe-buffer-conversion does), except views that own their whole ArrayBuffer.
  let provenView = false;
  let descriptor = false;
  // Typed as something else with a `buffer` (a read-only view interface, `Omit<Uint8Array, …>`): only the code's
  // own fast path, which reads `x.byteOffset` and returns `x.buffer`, says it is a view.
  let onlyFastPath = false;
  const parts = thisView ? [] : buffers.typeParts(view);
  if (thisView) {
    provenView = true;
  } else if (parts.length > 0 && !parts.includes('unknown')) {
    // A view, or (narrowed by `x instanceof ArrayBuffer || ArrayBuffer.isView(x)`) a view or a store: a store has
    // no `buffer`, so where it is read `x` is the view.
    if (!parts.every((part) => isViewKind(part) || part === 'array-buffer') || !parts.some(isViewKind)) {
      // A view's description (`{ buffer, byteOffset }`, typed as a plain object) that the code reads as a view,
      // `new Uint8Array(o.buffer, o.byteOffset)`: its store is read as untyped mode reads any `x.buffer` there.
      if (isReadWithOwnOffset(member, sourceCode)) descriptor = true;
      else onlyFastPath = true;
    } else {
      provenView = true;
    }
  } else {
    const kind = facts.kinds.kindOf(view);
    if (kind !== 'unknown' && kind !== 'buffer' && kind !== 'typed-array' && kind !== 'data-view' && kind !== 'view') return undefined;
    if (isWasmMemory(view, sourceCode)) return undefined;
    // `ArrayBuffer.isView(x)` tested around it proves a view too.
    provenView =
      !!buffers.bufferEvidence(view) ||
      buffers.isPlainTypedArray(view) ||
      // A view of no one class, proven by a narrowing (not one guessed from `x.buffer.buffer`).
      (kind === 'view' && facts.kinds.describe(view).level === 'proven') ||
      // `x instanceof ArrayBuffer || ArrayBuffer.isView(x)` around it: a store has no `buffer`, so here `x` is the view.
      buffers.isNarrowedToViewOrStore(view) ||
      // A declared typed array or DataView (`private _buffer?: Uint8Array`) is one, as is a proven Buffer
      // (`if (!Buffer.isBuffer(x)) x = Buffer.from(x)` before the use).
      ((kind === 'typed-array' || kind === 'buffer' || kind === 'data-view') && facts.kinds.describe(view).level === 'proven') ||
      // Proven to be a view of a larger store: a same-file helper's result, a library's reused buffer (`encode(v)`).
      facts.kinds.largerBacking(view)?.level === 'proven';
    // A class of this file has a `buffer` property of its own (`class Block { buffer: ArrayBufferLike }`):
    // `x.buffer` of an `x` whose kind is unknown, or guessed from its name (`block`), is as likely that
    // class's field as a view's store. Not when `x` is itself that field (`this.buffer.buffer`): the class keeps
    // its bytes there, and their `buffer` is the store.
    if (!provenView && (kind === 'unknown' || facts.kinds.describe(view).evidence === 'names') && !isBufferField(view) && declaresBufferProperty(sourceCode)) return undefined;
  }
  if (buffers.exactOwnership(view) || isObjectLiteral(view, sourceCode)) return undefined;
  // `x.subarray(a, b).buffer`: `subarray` exists only on typed arrays, and its result starts inside.
  const freshSubView = isFreshSubView(view) || isBufferSliceView(view, facts);
  if (freshSubView) provenView = true;
  const viewText = sourceCode.getText(unwrap(view));

  // Climb the wrappers: `(x.buffer as ArrayBuffer)`, `x.buffer!`, `x?.buffer`, and the choices that
  // give the store in one case (`ArrayBuffer.isView(x) ? x.buffer : x`, `x.buffer || x`).
  let child: TSESTree.Node = member;
  let parent = member.parent;
  let oneOfChoice = false;
  // The innermost choice (`x.buffer || x` inside `x === undefined ? undefined : x.buffer || x`): its other side is what stands for `x`.
  let choice: TSESTree.Node | undefined;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === child && parent.operator !== '&&'))
  ) {
    if (parent.type === AST_NODE_TYPES.ConditionalExpression || parent.type === AST_NODE_TYPES.LogicalExpression) {
      oneOfChoice = true;
      choice ??= parent;
    }
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (onlyFastPath) {
    const fastPath = fastPathReturn(member, child, parent, view, viewText, sourceCode);
    return fastPath && { member, view: view as TSESTree.Expression, provenView, ...(oneOfChoice && { oneOfChoice }), ...fastPath };
  }
  const base: Pick<BackingStoreUse, 'member' | 'view' | 'provenView' | 'oneOfChoice' | 'descriptor'> = {
    member,
    view: view as TSESTree.Expression,
    provenView,
    ...(oneOfChoice && { oneOfChoice }),
    ...(descriptor && { descriptor }),
  };

  // `x.buffer.transfer(n)`: the whole store moves to a new ArrayBuffer, in which the view's bytes start at its
  // `byteOffset`, not at 0 (img's QOI codecs then read the result from 0). Not where the function reads the view's
  // bounds (it moves the bytes to the front first, as the fix did).
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === child && TRANSFER_METHODS.has(propertyName(parent) ?? '')) {
    const call = parent.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || functionReadsBounds(member, viewText, sourceCode)) return undefined;
    return { ...base, sink: 'array-buffer-transfer', reader: call, label: "`.transfer()` of it moves the whole store, in which the view's bytes start at its `byteOffset`, not at 0" };
  }

  // `x.buffer.slice(...)` (unicorn's third form): a copy of the whole store unless bounded by the view's.
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === child && propertyName(parent) === 'slice') {
    const call = parent.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || call.arguments.length > 2) return undefined;
    const [start, end] = call.arguments;
    if (start && end) {
      const safeStart = isViewProperty(sourceCode, start, viewText, 'byteOffset');
      const safeEnd = isOffsetPlusLength(sourceCode, end, viewText);
      if (safeStart && safeEnd) return undefined;
      const unsafeStart = isKnownUnsafeOffset(sourceCode, start, viewText) || (provenView && isUnderivedOffset(sourceCode, start, viewText));
      const unsafeEnd =
        (safeStart && isViewProperty(sourceCode, end, viewText, 'byteLength')) ||
        isUndefined(end) ||
        isBufferByteLength(sourceCode, end, viewText);
      if (!unsafeStart && !unsafeEnd) return undefined;
    }
    return { ...base, sink: 'array-buffer-slice', reader: call, label: '`.slice()` of it copies bytes outside the view' };
  }

  if ((parent.type === AST_NODE_TYPES.NewExpression || parent.type === AST_NODE_TYPES.CallExpression) && !isPromiseWrap(parent, child)) {
    const reader = parent;
    const index = reader.arguments.indexOf(child as TSESTree.CallExpressionArgument);
    if (index < 0) return undefined;
    const constructorName = viewConstructorName(reader, sourceCode);
    if (constructorName && index === 0) {
      // An offset nothing derives from `byteOffset` counts from the store's first byte: asked of proven
      // views, and of views the code's own use shows (`x.byteLength` read, `x.buffer` wrapped).
      // A Buffer's or Uint8Array's `length` counts bytes, as its `byteLength` does.
      const byteElements = !!buffers.isBuffer(view) || buffers.isUint8Array(view);
      const bounds = constructorBounds(sourceCode, reader, viewText, constructorName, provenView || isLikelyView(view, facts), byteElements);
      if (!bounds) return undefined;
      // `new Uint8Array(stream.buffer.buffer, 0, n)`: a holder's `buffer` field, a view only by the code's use of
      // it, read from an explicit 0: the holder made it over a store of its own (pdf.js's streams).
      if (!provenView && isBufferMember(view) && isZeroLiteral(reader.arguments[1])) return undefined;
      // A growable buffer addressing its own spare capacity (`new Uint8Array(this._buf.buffer, this.length)`).
      if (bounds.offset !== 'missing' && buffers.ownStoreFromZero(view)) return undefined;
      // `write(new Uint8Array(x.buffer), x.byteOffset, x.byteLength)`: the bounds travel alongside; or the code
      // applies them where it reads (`const v = new DataView(x.buffer); v.getUint32(4 + x.byteOffset)`, img's fixed
      // QOI decoder) or works on the store in a branch about them (`if (x.byteOffset) { const all = new
      // Uint8Array(x.buffer); all.set(x); … }`).
      if (bounds.offset === 'missing' && (statementReadsBounds(sourceCode, reader, viewText) || boundsAppliedAround(reader, viewText, sourceCode))) return undefined;
      // From the view's own first byte to the store's end, and only written into (`const v = new
      // Uint8Array(this.buffer, this.byteOffset + at); v.set(utf8)`, amqp-client.js' fixed setters): what is
      // written bounds what is touched, and nothing reads the bytes after the view.
      const startsInView = !!reader.arguments[1] && addsViewOffset(sourceCode, reader.arguments[1], viewText);
      if (startsInView && bounds.length === 'missing' && onlyWrittenInto(reader, sourceCode)) return undefined;
      const shape = constructorName === 'Buffer' ? 'buffer-from' : 'constructor';
      const callee = readerLabel(reader, constructorName);
      const missing = startsInView && bounds.length !== 'elements' ? `\`${viewText}.byteLength\`` : `\`${viewText}.byteOffset\` and \`${viewText}.byteLength\``;
      return { ...base, sink: shape, reader, label: `${callee} without ${missing} covers bytes outside the view`, bounds };
    }
    if (readsBoundsAlongside(sourceCode, reader, viewText) || statementReadsBounds(sourceCode, reader, viewText)) return undefined;
    const sink = callSink(reader, index, facts);
    if (sink) return { ...base, ...sink, reader };
    const wrap = reader.type === AST_NODE_TYPES.CallExpression && !functionReadsBounds(reader, viewText, sourceCode) ? helperWrap(reader, index, facts) : undefined;
    if (wrap) return { ...base, sink: 'helper-wrap', reader, label: wrap };
    if (freshSubView) return subViewUse(base, sourceCode, member);
    if (!constructorName && provenView) {
      const handed = handedTo(reader, index, view, viewText, facts);
      if (handed) return { ...base, ...handed, reader };
    }
    return undefined;
  }

  // `return x.byteOffset === 0 ? x.buffer : x.buffer.slice(…)`: a fast path that misses the shorter view.
  const fastPath = fastPathReturn(member, child, parent, view, viewText, sourceCode);
  if (fastPath) return { ...base, ...fastPath };

  if (parent.type === AST_NODE_TYPES.ArrayExpression) {
    const holder = parent.parent;
    if (holder?.type === AST_NODE_TYPES.NewExpression && holder.arguments[0] === parent) {
      const callee = unwrap(holder.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && BLOB_CONSTRUCTORS.has(callee.name)) {
        return { ...base, sink: 'blob', reader: holder, label: `\`new ${callee.name}()\` stores all of it` };
      }
    }
    const transferCall = transferListOwner(parent);
    if (transferCall) {
      return {
        ...base,
        sink: 'transfer',
        reader: transferCall,
        label: 'the transfer list moves all of it to the other side and detaches it here, other views of it included',
      };
    }
    return undefined;
  }

  // `const store = x.buffer || x` … `store[i]`: the variable holds the store, read from its first byte. The
  // choice itself (`x.buffer || x`, `isView(x) ? x.buffer : x`) says that `x` may be a view.
  const held = heldStoreRead(child, parent, viewText, sourceCode);
  if (held && (provenView || (choice && isChoiceWith(choice, viewText, sourceCode)))) {
    return { ...base, provenView: true, sink: 'held', reader: held.reader, heldIn: held.name, label: held.label };
  }
  // `buffer = buffer.buffer` … `send(id, buffer)`: the store kept in a variable, then handed on whole.
  const heldHanded = provenView && !oneOfChoice ? heldStoreHanded(child, parent, view, viewText, facts) : undefined;
  if (heldHanded) return { ...base, ...heldHanded };

  // `x = x.buffer`, `this.data = isView(x) ? x.buffer : x`: the view replaced by its whole store.
  const replaced = replacedBy(child, parent, view, viewText, choice, provenView, facts);
  if (replaced) return { ...base, provenView: true, ...replaced };

  // `function toArrayBuffer(buf) { return buf.buffer }`: the function's name promises the view's bytes as an
  // ArrayBuffer, and a view named as bytes (or one the function has just told from an ArrayBuffer) may be a
  // slice of a larger store. Not when the function reads the view's bounds anywhere.
  if (
    !provenView &&
    isReturned(child) &&
    ((convertsToArrayBuffer(member) && (namedAsBytes(view) || buffers.isNarrowedToViewOrStore(view))) || convertsViewParameter(member, view)) &&
    !functionReadsBounds(member, viewText, sourceCode)
  ) {
    return { ...base, provenView: true, sink: 'return', label: `\`${functionName(enclosingFunction(member)!)}()\` returns it as the bytes, and every caller gets all of it` };
  }

  // `return x.buffer`, `cond ? x.buffer : …` returned, `(buf) => buf.buffer`: the caller takes it as the bytes.
  if (provenView && isReturned(child) && !isGuardedByBounds(member, viewText, sourceCode)) {
    // A function that hands back "the bytes" (`arrayBuffer()`, a declared `ArrayBuffer` result) promises an
    // ArrayBuffer of exactly those bytes; a typed array not known to own its store may be a slice of one.
    const larger =
      freshSubView ||
      !!buffers.isBuffer(view) ||
      !!buffers.largerBacking(view) ||
      facts.kinds.kindOf(view) === 'view' ||
      (facts.kinds.kindOf(view) === 'typed-array' && returnsTheBytes(member, sourceCode));
    if (larger) return { ...base, sink: 'return', label: 'it is returned as the bytes, and every caller gets all of it' };
  }

  if (parent.type === AST_NODE_TYPES.Property && parent.value === child) {
    const object = parent.parent;
    const call = object?.parent;
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    if (call?.type === AST_NODE_TYPES.CallExpression && isCloningCall(call, facts, { anyPostMessage: true }) && call.arguments[0] === object) {
      if (mentionsInTransfer(sourceCode, call, sourceCode.getText(member))) return undefined;
      return { ...base, sink: 'message', reader: call, label: `\`${shortText(sourceCode, call.callee)}()\` clones all of it` };
    }
    const key = parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
    if (key === 'body' && call?.type === AST_NODE_TYPES.CallExpression && unwrap(call.callee).type === AST_NODE_TYPES.Identifier && (unwrap(call.callee) as TSESTree.Identifier).name === 'fetch') {
      return { ...base, sink: 'body', reader: call, label: '`fetch()` sends all of it as the body' };
    }
    // `new MessageEvent('message', { data: buff.buffer })`: a property of an object handed to other code, which
    // reads it from its first byte (Hono's Node WebSocket adapter, with a pooled copy of each message).
    const reader = call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression ? call : undefined;
    const index = reader ? reader.arguments.indexOf(object) : -1;
    if (reader && provenView && index >= 0 && key !== undefined && !statementReadsBounds(sourceCode, object, viewText)) {
      const handed = handedTo(reader, index, view, viewText, facts);
      if (handed) return { ...base, sink: handed.sink, reader, label: `${handed.label} as \`${key}\`` };
    }
  }
  return freshSubView ? subViewUse(base, sourceCode, member) : undefined;
}

/** `new Uint8Array(x.buffer, x.byteOffset, …)`, `Buffer.from(x.buffer, x.byteOffset, …)`: `x.buffer` read with `x`'s own offset. */
function isReadWithOwnOffset(member: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const reader = member.parent;
  if ((reader?.type !== AST_NODE_TYPES.NewExpression && reader?.type !== AST_NODE_TYPES.CallExpression) || reader.arguments[0] !== member) return false;
  const offset = reader.arguments[1];
  return !!offset && !!viewConstructorName(reader, sourceCode) && isViewProperty(sourceCode, offset, sourceCode.getText(unwrap(member.object)), 'byteOffset');
}

/**
 * A store kept in a variable (`const store = …`, `buffer = …`) and then read from its first byte: indexed
 * (`store[i]`), wrapped whole (`new Uint8Array(store)`) or measured whole as the length to work on
 * (`length = store.byteLength`), by the first such read after it.
 */
function heldStoreRead(
  child: TSESTree.Node,
  parent: TSESTree.Node,
  viewText: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { name: string; label: string; reader?: TSESTree.CallExpression | TSESTree.NewExpression } | undefined {
  const id = variableHolding(child, parent);
  if (!id) return undefined;
  const name = id.name;
  const variable = findVariable(sourceCode, id);
  // In order of taking effect: an assignment's write after the reads on its right (`buf = buf.slice(offset)`).
  const at = (ref: TSESLint.Scope.Reference) => {
    const assignment = ref.identifier.parent;
    return ref.isWrite() && assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === ref.identifier ? assignment.range[1] : ref.identifier.range[0];
  };
  const after = (variable?.references ?? []).filter((ref) => ref.identifier.range[0] >= child.range[1]).sort((a, b) => at(a) - at(b));
  for (const ref of after) {
    const node = ref.identifier;
    // Given something else (`buf = buf.slice(x.byteOffset, …)`, chrome-dgram's fix): from there on it holds that.
    if (ref.isWrite() && !isOtherBranch(child, node)) break;
    if (!ref.isRead()) continue;
    const use = node.parent;
    if (
      use?.type === AST_NODE_TYPES.MemberExpression &&
      use.object === node &&
      use.computed &&
      !sourceCode.getText(use.property).includes('byteOffset') &&
      !(use.parent?.type === AST_NODE_TYPES.AssignmentExpression && use.parent.left === use)
    ) {
      return { name, label: `it is kept in \`${name}\`, and \`${name}[…]\` reads it from its first byte, not the view's` };
    }
    // `length = store.byteLength`: the whole store's length kept as the length of what is encoded or copied
    // (unless the statement compares the view's own).
    if (
      use?.type === AST_NODE_TYPES.MemberExpression &&
      use.object === node &&
      propertyName(use) === 'byteLength' &&
      ((use.parent?.type === AST_NODE_TYPES.AssignmentExpression && use.parent.right === use) ||
        (use.parent?.type === AST_NODE_TYPES.VariableDeclarator && use.parent.init === use)) &&
      !statementMentionsView(sourceCode, use, viewText)
    ) {
      return { name, label: `it is kept in \`${name}\`, and \`${name}.byteLength\` is the whole store's length, not the view's` };
    }
    if ((use?.type === AST_NODE_TYPES.NewExpression || use?.type === AST_NODE_TYPES.CallExpression) && use.arguments[0] === node) {
      const constructorName = viewConstructorName(use, sourceCode);
      if (constructorName && use.arguments.length === 1) {
        const callee = readerLabel(use, constructorName);
        return { name, reader: use, label: `it is kept in \`${name}\`, and ${callee} of it covers bytes outside the view` };
      }
      // `new Uint8Array(store, srcOffset * size, n)`: an offset that never adds the view's `byteOffset` counts from
      // the store's first byte, where a view's own bytes start at its `byteOffset` (webgl-lint's `bufferSubData`).
      const offset = use.arguments[1];
      if (constructorName && offset && offset.type !== AST_NODE_TYPES.SpreadElement && countsFromStoreStart(sourceCode, offset, viewText)) {
        const callee = readerLabel(use, constructorName);
        return { name, reader: use, label: `it is kept in \`${name}\`, and ${callee} of it from an offset that does not add \`${viewText}.byteOffset\` reads bytes outside the view` };
      }
    }
    // `store.slice(srcOffset * size, end)`, `store.slice()`: a copy taken from the store's first byte on.
    const call = use?.parent;
    if (
      use?.type === AST_NODE_TYPES.MemberExpression &&
      use.object === node &&
      propertyName(use) === 'slice' &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee === use &&
      (call.arguments.length === 0 || (call.arguments[0]!.type !== AST_NODE_TYPES.SpreadElement && countsFromStoreStart(sourceCode, call.arguments[0]!, viewText)))
    ) {
      return { name, reader: call, label: `it is kept in \`${name}\`, and \`${name}.slice()\` copies from the store's first byte, not the view's` };
    }
  }
  return undefined;
}

/** An offset into a store that never adds the view's `byteOffset`: a number, or names nothing in the file derives from one. */
function countsFromStoreStart(sourceCode: Readonly<TSESLint.SourceCode>, offset: TSESTree.Node, viewText: string): boolean {
  return isNumberLiteral(offset) || isUnderivedOffset(sourceCode, offset, viewText);
}

/**
 * Callees that take a value for its identity, test or print it, not read its bytes: `map.get(x.buffer)`,
 * `seen.has(…)`, `isDetached(…)`, `assert(…)`, `console.log(…)`, `expect(…)`.
 */
const IDENTITY_CALLEES = /^(?:is[A-Z_$]\w*|has|get|delete|add|includes|indexOf|lastIndexOf|equals?|deepEqual|strictEqual|same|assert\w*|expect|log|debug|info|warn|error|trace|dir|inspect|format|stringify|register|unregister|freeze|WeakRef|getTypeOf|typeOf)$/;
/** Objects whose methods never read a store's bytes as data: `console`, `Object`, `Reflect`, `Atomics`. */
const IDENTITY_OBJECTS = new Set(['console', 'Object', 'Reflect', 'Atomics', 'assert', 'JSON', 'util', 'ArrayBuffer', 'Promise']);

/**
 * `x.buffer` (or a variable holding it) handed to a call or constructor the rule has no table entry for:
 * a function that takes bytes as an ArrayBuffer reads them from its first byte. Reported for a proven
 * view that may be smaller than its store (a Buffer, which may be a pool slice; a known sub-view; a typed
 * array of unknown origin), unless the function around the use reads the view's bounds anywhere
 * (`if (x.byteLength === x.buffer.byteLength)`, an offset taken from `x.byteOffset`): that code has
 * decided when the store is the bytes. Calls that take the store for its identity (`map.get(x.buffer)`,
 * `seen.has(…)`), test or print it are not reads; a transfer list (`transfer.push(x.buffer)`) moves it.
 */
function handedTo(
  reader: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  view: TSESTree.Node,
  viewText: string,
  facts: FileFacts,
): { sink: BackingSink; label: string } | undefined {
  const sourceCode = facts.sourceCode;
  const callee = unwrap(reader.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  if (!name || IDENTITY_CALLEES.test(name)) return undefined;
  if (name === 'set' && index === 0) return undefined;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const owner = unwrap(callee.object);
    const ownerName = nameOf(owner);
    if (ownerName && IDENTITY_OBJECTS.has(ownerName)) return undefined;
    if (/transfer/i.test(sourceCode.getText(owner))) return undefined;
  }
  if (reader.arguments.length === 0 || reader.arguments[index]?.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (!mayBeSmallerThanStore(view, facts)) return undefined;
  if (functionReadsBounds(reader, viewText, sourceCode)) return undefined;
  const label =
    reader.type === AST_NODE_TYPES.NewExpression
      ? `\`new ${shortText(sourceCode, reader.callee)}()\` is handed all of it`
      : name === 'push' || name === 'unshift'
        ? `\`${shortText(sourceCode, reader.callee)}()\` keeps all of it`
        : `\`${shortText(sourceCode, reader.callee)}()\` is handed all of it`;
  return { sink: 'handed', label };
}

/**
 * `writeExtBuffer(x.buffer, …)` where the file's `function writeExtBuffer(buffer, …)` wraps that parameter whole as
 * bytes, `Buffer.from(buffer)` or `new Uint8Array(buffer)` (no offset): the label naming the wrap, or undefined.
 * Only a function called by its name, whose parameter is never reassigned.
 */
function helperWrap(reader: TSESTree.CallExpression, index: number, facts: FileFacts): string | undefined {
  const sourceCode = facts.sourceCode;
  const callee = unwrap(reader.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = functionBoundTo(sourceCode, callee);
  const param = fn?.params[index];
  if (!fn || param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode, param);
  if (!variable || variable.references.some((reference) => reference.isWrite())) return undefined;
  for (const reference of variable.references) {
    const { child, parent } = outerParent(reference.identifier as TSESTree.Node);
    if ((parent?.type !== AST_NODE_TYPES.NewExpression && parent?.type !== AST_NODE_TYPES.CallExpression) || parent.arguments.length !== 1 || parent.arguments[0] !== child) continue;
    const constructorName = viewConstructorName(parent, sourceCode);
    if (constructorName) return `\`${callee.name}()\` wraps all of it as the bytes (\`${shortText(sourceCode, parent)}\`)`;
  }
  return undefined;
}

/** The code's use makes `x` a view, by names and shapes only (`x.byteLength` read, a `'data'` chunk). */
function isLikelyView(view: TSESTree.Node, facts: FileFacts): boolean {
  const answer = facts.kinds.describe(view);
  return answer.level === 'likely' && isViewKind(answer.kind);
}


/** A Buffer (any may be a pool slice), a known sub-view, or a typed array not proven to own its store. */
function mayBeSmallerThanStore(view: TSESTree.Node, facts: FileFacts): boolean {
  const kinds = facts.kinds;
  if (unwrap(view).type === AST_NODE_TYPES.ThisExpression) return true;
  if (kinds.exactOwnership(view)) return false;
  if (kinds.isBuffer(view) || kinds.largerBacking(view)) return true;
  const answer = kinds.describe(view);
  return (answer.level === 'proven' && isViewKind(answer.kind)) || kinds.isNarrowedToViewOrStore(view);
}

/**
 * The function around `node` (or the module) reads where the view starts (`x.byteOffset`) or compares its
 * store's length (`x.byteLength === x.buffer.byteLength`) somewhere: it has decided when the store is the bytes.
 */
function functionReadsBounds(node: TSESTree.Node, viewText: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const scope = enclosingFunction(node) ?? sourceCode.ast;
  const text = compactText(sourceCode, scope);
  return mentionsViewProperty(sourceCode, scope, viewText, 'byteOffset') || text.includes(`${viewText.replace(/\s+/g, '')}.buffer.byteLength`);
}

/**
 * The view made over the whole store is read with the view's offset added (`const v = new DataView(x.buffer)`,
 * then `v.getUint32(4 + x.byteOffset)`), or made in a branch whose test reads `x.byteOffset`.
 */
function boundsAppliedAround(reader: TSESTree.Node, viewText: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const { test } of enclosingTests(reader)) if (mentionsViewProperty(sourceCode, test, viewText, 'byteOffset')) return true;
  const holder = variableHolding(reader);
  const variable = holder && findVariable(sourceCode, holder);
  return !!variable?.references.some((ref) => {
    const member = ref.identifier.parent;
    const call = member?.parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === ref.identifier &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee === member &&
      call.arguments.some((arg) => mentionsViewProperty(sourceCode, arg, viewText, 'byteOffset'))
    );
  });
}

/**
 * A store kept in a variable (`buffer = buffer.buffer`, `const b = this.msg.buffer`) whose first read after
 * it hands it to a call (`send(id, buffer)`, `output.push(b)`): reported as `handedTo` would the direct use.
 */
function heldStoreHanded(
  child: TSESTree.Node,
  parent: TSESTree.Node,
  view: TSESTree.Node,
  viewText: string,
  facts: FileFacts,
): Pick<BackingStoreUse, 'sink' | 'label' | 'reader' | 'heldIn'> | undefined {
  const sourceCode = facts.sourceCode;
  const id = variableHolding(child, parent);
  if (!id) return undefined;
  const variable = findVariable(sourceCode, id);
  const first = (variable?.references ?? [])
    .filter((ref) => ref.identifier.range[0] >= child.range[1])
    .sort((a, b) => a.identifier.range[0] - b.identifier.range[0])[0];
  if (!first || !first.isRead() || first.isWrite()) return undefined;
  const read = first.identifier as TSESTree.Identifier;
  const use = read.parent;
  if ((use?.type !== AST_NODE_TYPES.CallExpression && use?.type !== AST_NODE_TYPES.NewExpression) || use.callee === read) return undefined;
  const index = use.arguments.indexOf(read);
  if (index < 0 || viewConstructorName(use, sourceCode) || isPromiseWrap(use, read)) return undefined;
  if (readsBoundsAlongside(sourceCode, use, viewText) || statementReadsBounds(sourceCode, use, viewText)) return undefined;
  const sink = callSink(use, index, facts) ?? handedTo(use, index, view, viewText, facts);
  if (!sink) return undefined;
  // The store is read through a variable: the bounds belong where it is read, so no rewrite is offered.
  return { sink: sink.sink, label: `it is kept in \`${id.name}\`, and ${sink.label}`, reader: use, heldIn: id.name };
}

/**
 * The store returned whole by a fast path: `x.buffer` (or a variable given it, `buffer = x.buffer`) returned as
 * the branch of a choice or from an `if` whose test reads the view's bounds (`x.byteOffset`, `x.byteLength`, or a
 * variable made from them) but not the store's length (`x.buffer.byteLength`, `buffer.byteLength`). A view that
 * starts at 0 and keeps its own length is still shorter than its store when it was cut from the front of a larger
 * one (a Buffer at the start of the pool, a chunk's head): the caller gets the rest too. Reported where the store
 * is returned; for a variable given the store in several places, once, from the first of them.
 */
function fastPathReturn(
  member: TSESTree.MemberExpression,
  child: TSESTree.Node,
  parent: TSESTree.Node,
  view: TSESTree.Node,
  viewText: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Pick<BackingStoreUse, 'sink' | 'label' | 'at' | 'heldIn' | 'guard'> | undefined {
  const fn = enclosingFunction(member);
  if (!fn) return undefined;
  const label = `it is returned whole when the view's bounds pass the test, but the test never compares them with the store's \`${viewText}.buffer.byteLength\`: a view that starts at 0 can still be shorter than its store`;
  const held = variableHolding(child, parent);
  if (!held) {
    const test = fastPathTest(member, fn);
    return test && isFastPathTest(test, viewText, undefined, sourceCode) ? { sink: 'fast-path', label, guard: test } : undefined;
  }
  const variable = findVariable(sourceCode, held);
  if (!variable) return undefined;
  // Once per variable: from the first place it is given the store.
  const first = variable.references.find((ref) => ref.isWrite() && ref.writeExpr && compactText(sourceCode, unwrap(ref.writeExpr)) === `${compactText(sourceCode, view)}.buffer`);
  if (!first?.writeExpr || unwrap(first.writeExpr) !== member) return undefined;
  for (const ref of variable.references) {
    if (!ref.isRead() || ref.identifier.range[0] < member.range[1]) continue;
    const test = fastPathTest(ref.identifier, fn);
    if (test && isFastPathTest(test, viewText, held.name, sourceCode)) return { sink: 'fast-path', label: `it is kept in \`${held.name}\`, and ${label}`, at: ref.identifier, heldIn: held.name, guard: test };
  }
  return undefined;
}

/**
 * The test that decides whether `node` is returned: `node` is a branch of a returned choice (`return t ? node :
 * …`, an arrow's body), or returned from the consequent of an `if` (`if (t) return node`).
 */
function fastPathTest(node: TSESTree.Node, fn: TSESTree.Node): TSESTree.Expression | undefined {
  const { child, parent } = outerParent(node);
  if (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) {
    const outer = outerParent(parent).parent;
    const returned = outer?.type === AST_NODE_TYPES.ReturnStatement || (outer === fn && fn.type === AST_NODE_TYPES.ArrowFunctionExpression);
    return returned ? parent.test : undefined;
  }
  if (parent?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  let statement: TSESTree.Node = parent;
  if (statement.parent?.type === AST_NODE_TYPES.BlockStatement && statement.parent.body.length === 1) statement = statement.parent;
  const branch = statement.parent;
  return branch?.type === AST_NODE_TYPES.IfStatement && branch.consequent === statement ? branch.test : undefined;
}

/** A test about the view's bounds (`x.byteOffset`, `x.byteLength`, or a variable made from them) that never reads the store's length. */
function isFastPathTest(test: TSESTree.Expression, viewText: string, held: string | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // `x?.byteOffset` reads what `x.byteOffset` does.
  const plain = (node: TSESTree.Node) => compactText(sourceCode, node).replace(/\?\./g, '.');
  const text = plain(test);
  if (text.includes('.buffer.byteLength') || (held !== undefined && text.includes(`${held}.byteLength`))) return false;
  const bounds = (t: string) => t.includes(`${viewText}.byteOffset`) || t.includes(`${viewText}.byteLength`);
  if (bounds(text)) return true;
  let found = false;
  walk(test, (node) => {
    if (found || node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(sourceCode, node);
    const init = variable && singleInit(variable);
    if (init && bounds(plain(init))) found = true;
    return undefined;
  });
  return found;
}

/**
 * The view replaced by its store where it is kept: `x = x.buffer` (or a choice, `x = isView(x) ? x.buffer : x`)
 * puts the store in the variable that held the view; the choice `isView(x) ? x.buffer : x` (or `x.buffer || x`)
 * put in a field or a property stands for `x` there (the innermost choice, when choices nest). Either way the code has turned "a view
 * or an ArrayBuffer" into an ArrayBuffer and dropped where the view starts. Reported when `x` is a proven view
 * that may be smaller than its store, or, when nothing proves what `x` is, when the variable is read after it
 * as the first argument of a view constructor (`new DataView(x, byteOffset, byteLength)`), which shows an
 * ArrayBuffer is what it is meant to hold. Not when the function reads the view's bounds anywhere.
 */
function replacedBy(
  child: TSESTree.Node,
  parent: TSESTree.Node,
  view: TSESTree.Node,
  viewText: string,
  choice: TSESTree.Node | undefined,
  provenView: boolean,
  facts: FileFacts,
): Pick<BackingStoreUse, 'sink' | 'label' | 'reader'> | undefined {
  const sourceCode = facts.sourceCode;
  let target: TSESTree.Node | undefined;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === child) target = parent.left;
  else if (parent.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) target = parent.key;
  if (!target) return undefined;
  const targetText = sourceCode.getText(target);
  const same = targetText === viewText;
  // A field or property: only the choice says the value stands for the view itself. (A choice put in a local
  // variable is followed to its reads instead: `heldStoreRead`, `heldStoreHanded`.)
  if (!same && !(choice && target.type !== AST_NODE_TYPES.Identifier && isChoiceWith(choice, viewText, sourceCode))) return undefined;
  if (functionReadsBounds(child, viewText, sourceCode)) return undefined;
  let reader: TSESTree.NewExpression | TSESTree.CallExpression | undefined;
  if (!(provenView && mayBeSmallerThanStore(view, facts))) {
    if (!same || target.type !== AST_NODE_TYPES.Identifier) return undefined;
    reader = laterViewConstructorRead(target, child, sourceCode);
    if (!reader) return undefined;
  }
  const shown = parent.type === AST_NODE_TYPES.Property ? `the \`${targetText}\` property` : `\`${targetText}\``;
  const label = same
    ? `\`${viewText}\` is replaced by it, and whatever reads \`${viewText}\` after this starts at the store's first byte`
    : `${shown} holds it in place of \`${viewText}\`, and whatever reads it starts at the store's first byte`;
  return { sink: 'replaced', label, ...(reader && { reader }) };
}

/** A read of `id`'s variable after `after` as the first argument of a view constructor or `Buffer.from`. */
function laterViewConstructorRead(
  id: TSESTree.Identifier,
  after: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.NewExpression | TSESTree.CallExpression | undefined {
  const variable = findVariable(sourceCode, id);
  for (const ref of variable?.references ?? []) {
    const node = ref.identifier;
    if (!ref.isRead() || node.range[0] < after.range[1]) continue;
    const use = node.parent;
    if ((use?.type === AST_NODE_TYPES.NewExpression || use?.type === AST_NODE_TYPES.CallExpression) && use.arguments[0] === node && viewConstructorName(use, sourceCode)) return use;
  }
  return undefined;
}

/** `x.buffer || x`, `x.buffer ?? x`, `isView(x) ? x.buffer : x`: the other side of the choice is `x` itself. */
function isChoiceWith(choice: TSESTree.Node, viewText: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const text = (node: TSESTree.Node) => sourceCode.getText(unwrap(node));
  if (choice.type === AST_NODE_TYPES.LogicalExpression) return text(choice.right) === viewText;
  if (choice.type === AST_NODE_TYPES.ConditionalExpression) return text(choice.consequent) === viewText || text(choice.alternate) === viewText;
  return false;
}

/** `x.buffer` as the view (`x.buffer.buffer`): a holder's field that holds bytes. */
function isBufferMember(view: TSESTree.Node): boolean {
  const node = unwrap(view);
  return node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'buffer';
}

function isZeroLiteral(node: TSESTree.Node | undefined): boolean {
  const value = node && unwrap(node);
  return value?.type === AST_NODE_TYPES.Literal && value.value === 0;
}

/** `this.buffer`: the field a class keeps its bytes in. */
function isBufferField(view: TSESTree.Node): boolean {
  const node = unwrap(view);
  return node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'buffer' && unwrap(node.object).type === AST_NODE_TYPES.ThisExpression;
}

const bufferPropertyCache = new WeakMap<TSESTree.Program, boolean>();

/**
 * A class of the file, not a Buffer or typed-array subclass, with its own `buffer` property: a field
 * declaration, or `this.buffer = …` in its constructor (not an array literal: a list kept under that name).
 */
function declaresBufferProperty(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const program = sourceCode.ast;
  const cached = bufferPropertyCache.get(program);
  if (cached !== undefined) return cached;
  let found = false;
  if (/\bbuffer\b/.test(sourceCode.text) && sourceCode.text.includes('class')) {
    walk(program, (node) => {
      if (found || (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression)) return;
      if (node.superClass && isViewClassName(nameOf(unwrap(node.superClass)))) return;
      for (const member of node.body.body) {
        // A list kept under that name (`buffer = []`, bsock's queue of packets) is no store anyone wraps as bytes.
        if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && memberKeyName(member) === 'buffer' && member.value?.type !== AST_NODE_TYPES.ArrayExpression) found = true;
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
          walk(member.value, (inner) => {
            if (
              inner.type === AST_NODE_TYPES.AssignmentExpression &&
              inner.left.type === AST_NODE_TYPES.MemberExpression &&
              inner.left.object.type === AST_NODE_TYPES.ThisExpression &&
              propertyName(inner.left) === 'buffer' &&
              unwrap(inner.right).type !== AST_NODE_TYPES.ArrayExpression
            ) {
              found = true;
            }
          });
        }
      }
    });
  }
  bufferPropertyCache.set(program, found);
  return found;
}

function subViewUse(base: Pick<BackingStoreUse, 'member' | 'view' | 'provenView'>, sourceCode: Readonly<TSESLint.SourceCode>, member: TSESTree.MemberExpression): BackingStoreUse {
  return { ...base, sink: 'sub-view', label: `the view was just cut from a larger ArrayBuffer, and whatever reads \`${shortText(sourceCode, member)}\` gets all of it` };
}

/**
 * `if (x.byteLength === x.buffer.byteLength) return x.buffer`, `x.byteOffset === 0 && … ? x.buffer : …`:
 * a test around the use that reads the view's bounds has decided when the store is the view's bytes.
 */
function isGuardedByBounds(node: TSESTree.Node, viewText: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const bounds = [`${viewText}.byteOffset`, `${viewText}.buffer.byteLength`];
  for (let parent = node.parent; parent && !isFunction(parent); parent = parent.parent) {
    const test =
      parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression
        ? parent.test
        : parent.type === AST_NODE_TYPES.LogicalExpression
          ? parent.left
          : undefined;
    if (!test) continue;
    const text = compactText(sourceCode, test);
    if (bounds.some((bound) => text.includes(bound))) return true;
  }
  return false;
}

/** `x.subarray(…)` (not computed, not optional): a view that starts inside its ArrayBuffer. */
function isFreshSubView(view: TSESTree.Node): boolean {
  const node = unwrap(view);
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) return false;
  const method = methodCall(node);
  return method?.name === 'subarray' && !method.member.computed;
}

/** `buf.slice(a, b)` of a proven Buffer: `Buffer#slice` is a view, like `subarray`, not a copy. */
function isBufferSliceView(view: TSESTree.Node, facts: FileFacts): boolean {
  const node = unwrap(view);
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) return false;
  const method = methodCall(node);
  return method?.name === 'slice' && !method.member.computed && !!facts.kinds.isBuffer(method.receiver);
}

/**
 * True when the value at `node` is what its function returns (ast.returnSiteOf), also through
 * `Promise.resolve(node)` and promise helpers.
 */
function isReturned(node: TSESTree.Node): boolean {
  return !!returnSiteOf(node, (parent, child) => (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && isPromiseWrap(parent, child));
}

/**
 * `Promise.resolve(value)` or a promise helper (`fakePromise(value)`, `toPromise(value)`) given the value
 * alone: what it settles with is the value.
 */
function isPromiseWrap(call: TSESTree.CallExpression | TSESTree.NewExpression, arg: TSESTree.Node): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 1 || call.arguments[0] !== arg) return false;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return /promise/i.test(callee.name);
  return callee.type === AST_NODE_TYPES.MemberExpression && nameOf(callee.object) === 'Promise' && propertyName(callee) === 'resolve';
}

/** The function holding `node` is an `arrayBuffer()` method or declares an `ArrayBuffer` (or promise of one) result. */
function returnsTheBytes(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const fn = enclosingFunction(node);
  if (!fn) return false;
  const returnType = fn.returnType?.typeAnnotation;
  if (returnType && /\bArrayBuffer\b/.test(sourceCode.getText(returnType))) return true;
  return methodNameOf(fn) === 'arrayBuffer';
}

/** The function around `node` is named as a conversion to an ArrayBuffer (`toArrayBuffer`, `asArrayBuffer`, `bufferToArrayBuffer`). */
function convertsToArrayBuffer(node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  const name = fn && functionName(fn);
  return !!name && /arraybuffer$/i.test(name) && name.toLowerCase() !== 'arraybuffer';
}

/**
 * A converter table's entry from a view to an ArrayBuffer, returning its parameter's `.buffer`:
 * `transform['uint8array'] = { arraybuffer: function (input) { return input.buffer; } }` (JSZip's utils), or
 * `{ nodebuffer: { arraybuffer(input) {…} } }`. The outer key names what the parameter is, the inner one what the
 * function makes of it.
 */
function convertsViewParameter(member: TSESTree.MemberExpression, view: TSESTree.Node): boolean {
  const fn = enclosingFunction(member);
  const param = fn?.params[0];
  const target = unwrap(view);
  if (!fn || param?.type !== AST_NODE_TYPES.Identifier || target.type !== AST_NODE_TYPES.Identifier || target.name !== param.name) return false;
  const entry = fn.parent;
  if (entry?.type !== AST_NODE_TYPES.Property || entry.value !== fn || !/^arraybuffer$/i.test(memberKeyName(entry) ?? '')) return false;
  const table = entry.parent;
  const holder = table?.parent;
  if (table?.type !== AST_NODE_TYPES.ObjectExpression || !holder) return false;
  const from =
    holder.type === AST_NODE_TYPES.Property && holder.value === table
      ? memberKeyName(holder)
      : holder.type === AST_NODE_TYPES.AssignmentExpression && holder.right === table && holder.left.type === AST_NODE_TYPES.MemberExpression
        ? propertyName(holder.left)
        : undefined;
  return !!from && VIEW_KIND_KEYS.test(from);
}

/** Keys a converter table files a view kind under: `uint8array`, `nodebuffer`, `Float32Array`. */
const VIEW_KIND_KEYS = /^(?:nodebuffer|buffer|uint8array|(?:u?int(?:8|16|32)|float(?:32|64)|big(?:u?int)64|uint8clamped)array|typedarray|arraybufferview)$/i;

/** `wasm.memory`, `memory`, a variable made by `new WebAssembly.Memory(...)`, or one the code grows (`la.grow(n)`). */
function isWasmMemory(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const target = unwrap(node);
  const name = nameOf(target);
  if (name && WASM_MEMORY_NAMES.test(name)) return true;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  // `(function instantiate(env, Mp) { … new Uint8Array(Mp.buffer) … })(asmLibraryArg, wasmMemory)` (wasm2js glue,
  // minified): a parameter of a function run at once is what the call hands in.
  const param = depth < 2 ? parameterOf(sourceCode, target) : undefined;
  const run = param?.fn.parent;
  if (param && param.index >= 0 && run?.type === AST_NODE_TYPES.CallExpression && unwrap(run.callee) === param.fn) {
    const arg = run.arguments[param.index];
    if (arg && arg.type !== AST_NODE_TYPES.SpreadElement && isWasmMemory(arg, sourceCode, depth + 1)) return true;
  }
  const variable = findVariable(sourceCode, target);
  const init = variable && singleInit(variable);
  if (init && init.type === AST_NODE_TYPES.NewExpression && sourceCode.getText(init.callee) === 'WebAssembly.Memory') return true;
  // `la.grow(pages)` … `la.buffer` (Emscripten's glue, minified): only a memory grows; a view has no `grow`.
  return !!variable?.references.some((reference) => {
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && propertyName(member) === 'grow' && member.parent?.type === AST_NODE_TYPES.CallExpression;
  });
}

/** `new Uint8Array(...)`, `new DataView(...)` → the constructor; `Buffer.from(...)` → 'Buffer'. */
function viewConstructorName(reader: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  // The deprecated `new Buffer(store)` or `Buffer(store)`: given an ArrayBuffer, a Buffer over it, as `Buffer.from(store)` is.
  if (isBufferConstructor(sourceCode, reader.callee)) return 'Buffer';
  if (reader.type === AST_NODE_TYPES.NewExpression) {
    const callee = unwrap(reader.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(sourceCode, callee);
    // `const FastBuffer = Buffer[Symbol.species]`: Node's Buffer class itself, which takes a Uint8Array's arguments.
    if (variable && isBufferSpecies(singleInit(variable))) return callee.name;
    if (!TYPED_ARRAY_CONSTRUCTORS.has(callee.name) && callee.name !== 'DataView') return undefined;
    return variable && variable.defs.length > 0 ? undefined : callee.name;
  }
  const method = methodCall(reader);
  const receiver = method && unwrap(method.receiver);
  if (method?.name === 'from' && receiver?.type === AST_NODE_TYPES.Identifier && receiver.name === 'Buffer') return 'Buffer';
  return undefined;
}

/** How a view constructor read is named: `new Uint8Array()`, `Buffer.from()`, the deprecated `new Buffer()` or `Buffer()`. */
function readerLabel(reader: TSESTree.CallExpression | TSESTree.NewExpression, constructorName: string): string {
  if (constructorName !== 'Buffer') return `\`new ${constructorName}()\``;
  if (unwrap(reader.callee).type === AST_NODE_TYPES.MemberExpression) return '`Buffer.from()`';
  return reader.type === AST_NODE_TYPES.NewExpression ? '`new Buffer()`' : '`Buffer()`';
}

/** `Buffer[Symbol.species]` (the global Buffer). */
function isBufferSpecies(init: TSESTree.Node | undefined): boolean {
  const node = init && unwrap(init);
  if (node?.type !== AST_NODE_TYPES.MemberExpression || !node.computed) return false;
  const object = unwrap(node.object);
  const key = unwrap(node.property);
  return (
    object.type === AST_NODE_TYPES.Identifier &&
    object.name === 'Buffer' &&
    key.type === AST_NODE_TYPES.MemberExpression &&
    nameOf(unwrap(key.object)) === 'Symbol' &&
    propertyName(key) === 'species'
  );
}

/**
 * A view made here and only written into: `new Uint8Array(…).set(bytes)`, or a variable holding it whose every
 * use is `v.set(bytes)`, `v[i] = n` or `encoder.encodeInto(text, v)`.
 */
function onlyWrittenInto(made: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const isSetCall = (child: TSESTree.Node, parent: TSESTree.Node | undefined) =>
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === child &&
    propertyName(parent) === 'set' &&
    parent.parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent;
  const { child, parent } = outerParent(made);
  if (isSetCall(child, parent)) return true;
  const id = variableHolding(child, parent);
  const variable = id && findVariable(sourceCode, id);
  if (!variable || variable.defs.length !== 1) return false;
  const reads = variable.references.filter((reference) => !reference.init);
  return (
    reads.length > 0 &&
    reads.every(({ identifier }) => {
      const { child: use, parent: user } = outerParent(identifier as TSESTree.Node);
      if (isSetCall(use, user)) return true;
      if (user?.type === AST_NODE_TYPES.MemberExpression && user.object === use && user.computed) {
        const target = user.parent;
        return target?.type === AST_NODE_TYPES.AssignmentExpression && target.left === user;
      }
      if (user?.type === AST_NODE_TYPES.CallExpression && user.arguments[1] === use) {
        return methodCall(user)?.name === 'encodeInto';
      }
      return false;
    })
  );
}

/** Which bounds a constructor form gets wrong; undefined when it passes the view's own. */
function constructorBounds(
  sourceCode: Readonly<TSESLint.SourceCode>,
  reader: TSESTree.CallExpression | TSESTree.NewExpression,
  viewText: string,
  constructorName: string,
  provenView: boolean,
  byteElements = false,
): BackingStoreUse['bounds'] {
  const elementSize = ELEMENT_SIZES[constructorName] ?? 1;
  const [, offset, length] = reader.arguments;
  if (reader.arguments.length > 3 || reader.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  if (!offset) return { offset: 'missing', length: 'missing', elementSize, constructorName };
  // A constant offset (`new Int16Array(chunk.buffer, 2, n)`) counts from the store's first byte, not the
  // view's: unless the view starts the store, it addresses other bytes.
  const offsetState = isViewProperty(sourceCode, offset, viewText, 'byteOffset')
    ? 'ok'
    : isKnownUnsafeOffset(sourceCode, offset, viewText)
      ? 'unsafe'
      : isPositiveConstant(offset) || (provenView && isUnderivedOffset(sourceCode, offset, viewText))
        ? 'relative'
        : undefined;
  if (!length) {
    // A DataView from the view's own start (`new DataView(x.buffer, x.byteOffset)`) reads at offsets the code
    // names, counted from the right byte (ethereumjs' fixed BLAKE2F precompile); a typed array to the end of
    // the store holds the bytes after the view as elements.
    if (offsetState === 'ok' && constructorName === 'DataView') return undefined;
    // An offset without a length reaches to the end of the ArrayBuffer.
    return { offset: offsetState ?? 'other', length: 'missing', elementSize, constructorName };
  }
  let lengthState: 'ok' | 'unsafe' | 'elements' | undefined;
  if (isViewProperty(sourceCode, length, viewText, 'byteLength') || (byteElements && isViewProperty(sourceCode, length, viewText, 'length'))) {
    lengthState = elementSize === 1 ? 'ok' : 'elements';
  } else if (isUndefined(length) || isBufferByteLength(sourceCode, length, viewText)) lengthState = 'unsafe';
  else if (isByteLengthOver(sourceCode, length, viewText, elementSize)) lengthState = 'ok';
  if (offsetState === 'ok' && lengthState === 'ok') return undefined;
  if (offsetState !== 'unsafe' && offsetState !== 'relative' && (lengthState === undefined || lengthState === 'ok')) return undefined;
  if (offsetState === undefined && lengthState === undefined) return undefined;
  return { offset: offsetState ?? 'other', length: lengthState ?? 'ok', elementSize, constructorName };
}

function callSink(
  reader: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  facts: FileFacts,
): { sink: BackingSink; label: string } | undefined {
  const sourceCode = facts.sourceCode;
  if (reader.type === AST_NODE_TYPES.NewExpression) {
    const callee = unwrap(reader.callee);
    if (index === 0 && callee.type === AST_NODE_TYPES.Identifier && BODY_CONSTRUCTORS.has(callee.name)) {
      return { sink: 'body', label: `\`new ${callee.name}()\` sends all of it as the body` };
    }
    return undefined;
  }
  // `PDFJS.createBlob(data.buffer, 'application/pdf')`: a helper named for the Blob it makes of its first argument.
  if (index === 0 && BLOB_HELPER_NAMES.test(calleeName(reader) ?? '')) {
    return { sink: 'blob', label: `\`${shortText(sourceCode, reader.callee)}()\` stores all of it` };
  }
  const method = methodCall(reader);
  if (method && SUBTLE_METHODS.has(method.name) && isSubtle(method.receiver)) {
    return { sink: 'crypto', label: `\`crypto.subtle.${method.name}()\` reads all of it` };
  }
  if (method?.name === 'decode' && index === 0 && isTextDecoder(method.receiver, facts)) {
    return { sink: 'decode', label: '`TextDecoder#decode()` decodes all of it' };
  }
  if (isCloningCall(reader, facts, { anyPostMessage: true }) && index === 0) {
    const text = sourceCode.getText(reader.arguments[0] as TSESTree.Node);
    if (mentionsInTransfer(sourceCode, reader, text)) return undefined;
    return { sink: 'message', label: `\`${shortText(sourceCode, reader.callee)}()\` clones all of it` };
  }
  if (method && WRITE_METHODS.get(method.name) === index) {
    return { sink: 'write', label: `\`${shortText(sourceCode, reader.callee)}()\` writes all of it` };
  }
  return undefined;
}

/** `crypto.subtle`, `globalThis.crypto.subtle`, `webcrypto.subtle`, a `subtle` variable. */
function isSubtle(receiver: TSESTree.Node): boolean {
  const node = unwrap(receiver);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'subtle';
  return node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'subtle';
}

function isTextDecoder(receiver: TSESTree.Node, facts: FileFacts): boolean {
  const node = unwrap(receiver);
  // `new TextDecoder()` or a variable holding one; a field named `…decoder`; with types, the class.
  if (isConstructedBy(node, facts.sourceCode, (callee) => callee.type === AST_NODE_TYPES.Identifier && callee.name === 'TextDecoder')) return true;
  if (facts.kinds.isInstanceOf(node, TEXT_DECODER)) return true;
  if (node.type === AST_NODE_TYPES.MemberExpression && unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) {
    return /decoder$/i.test(propertyName(node) ?? '');
  }
  return false;
}

/** `port.postMessage(...)`, `postMessage(...)`, `structuredClone(...)`. */

/** The `postMessage`/`structuredClone` call whose transfer list is `list`. */
function transferListOwner(list: TSESTree.ArrayExpression): TSESTree.CallExpression | undefined {
  const parent = list.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === list) {
    const callee = unwrap(parent.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    if (name === 'postMessage') return parent;
  }
  // `{ transfer: [...] }` options of `postMessage` and `structuredClone`.
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === list && parent.key.type === AST_NODE_TYPES.Identifier && parent.key.name === 'transfer') {
    const call = parent.parent?.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[1] === parent.parent) {
      const callee = unwrap(call.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
      if (name === 'postMessage' || name === 'structuredClone') return call;
    }
  }
  return undefined;
}

/** True when the call's transfer list (second argument or `{ transfer }`) names `text`. */
function mentionsInTransfer(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, text: string): boolean {
  const second = call.arguments[1];
  if (!second) return false;
  const compact = (value: string) => value.replace(/\s+/g, '');
  return compact(sourceCode.getText(second)).includes(compact(text));
}

/**
 * `writeSync(fd, x.buffer, x.byteOffset, x.byteLength)`: the call reads where the view starts alongside.
 * A length alone is not enough: `memcpy(dst, at, x.buffer, 0, x.byteLength)` copies the store's first bytes.
 */
function readsBoundsAlongside(
  sourceCode: Readonly<TSESLint.SourceCode>,
  reader: TSESTree.CallExpression | TSESTree.NewExpression,
  viewText: string,
): boolean {
  return reader.arguments.some((arg) => mentionsViewProperty(sourceCode, arg, viewText, 'byteOffset'));
}

function mentionsViewProperty(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string, name: string): boolean {
  // Spaces around a dot dropped (`x . byteOffset`), others kept: they end a name.
  const tight = (code: string) => code.replace(/\s*(\?\.|\.)\s*/g, '$1');
  const view = tight(viewText).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The view itself, not a longer name that ends with it (`otherBufData.byteOffset` is not `bufData`'s).
  return new RegExp(`(?<![\\w$.])${view}\\??\\.${name}(?![\\w$])`).test(tight(sourceCode.getText(node)));
}

function isViewProperty(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string, name: string): boolean {
  const value = unwrap(node);
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(value) === name &&
    sourceCode.getText(unwrap(value.object)) === viewText
  );
}

/** `x.byteOffset`, or a sum with it as a term (`x.byteOffset + at + 1`): an offset counted from the view's first byte. */
function addsViewOffset(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    return addsViewOffset(sourceCode, value.left, viewText) || addsViewOffset(sourceCode, value.right, viewText);
  }
  return isViewProperty(sourceCode, value, viewText, 'byteOffset');
}

/** `x.byteOffset + x.byteLength` */
function isOffsetPlusLength(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string): boolean {
  const value = unwrap(node);
  return (
    value.type === AST_NODE_TYPES.BinaryExpression &&
    value.operator === '+' &&
    isViewProperty(sourceCode, value.left, viewText, 'byteOffset') &&
    isViewProperty(sourceCode, value.right, viewText, 'byteLength')
  );
}

/** `x.byteLength / Uint32Array.BYTES_PER_ELEMENT` (or `/ 4`) with the constructor's element size. */
function isByteLengthOver(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string, elementSize: number): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.BinaryExpression || value.operator !== '/') return false;
  if (!isViewProperty(sourceCode, value.left, viewText, 'byteLength')) return false;
  const right = unwrap(value.right);
  if (right.type === AST_NODE_TYPES.Literal) return right.value === elementSize;
  if (right.type === AST_NODE_TYPES.MemberExpression && propertyName(right) === 'BYTES_PER_ELEMENT') {
    const owner = unwrap(right.object);
    return owner.type === AST_NODE_TYPES.Identifier && ELEMENT_SIZES[owner.name] === elementSize;
  }
  return false;
}

/** `0`, `undefined`, `x.length`, `x.byteLength` as an offset: not where the view starts. */
function isKnownUnsafeOffset(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal && value.value === 0) return true;
  if (isUndefined(value)) return true;
  return isViewProperty(sourceCode, value, viewText, 'byteLength') || isViewProperty(sourceCode, value, viewText, 'length');
}

/** `x.buffer.byteLength`: the whole store's length. */
function isBufferByteLength(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.MemberExpression || propertyName(value) !== 'byteLength') return false;
  const inner = unwrap(value.object);
  return inner.type === AST_NODE_TYPES.MemberExpression && propertyName(inner) === 'buffer' && sourceCode.getText(unwrap(inner.object)) === viewText;
}

/**
 * An offset named by a variable that nothing in this file derives from a `byteOffset`
 * (`buffer.buffer.slice(offset, length)` with `offset` a parameter): it counts from the store's first
 * byte, where the view's own bytes start at its `byteOffset`. Only asked of proven views.
 */
function isUnderivedOffset(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string, depth = 0): boolean {
  const value = unwrap(node);
  // `this._paletteOffset + index * 3`: arithmetic over names none of which derives from a `byteOffset`
  // (number literals count for nothing either way; at least one name is needed).
  // A read of some view's `byteOffset` (`x.byteOffset + 4`) derives from it; a plain parameter only named so
  // (dicomParser's `sharedCopy(byteArray, byteOffset, length)`, an offset into the view) is judged as any other.
  const text = sourceCode.getText(value);
  if (/\.\s*byteOffset\b/.test(text) || (text.includes('byteOffset') && value.type !== AST_NODE_TYPES.Identifier && value.type !== AST_NODE_TYPES.BinaryExpression)) return false;
  if (value.type === AST_NODE_TYPES.BinaryExpression && OFFSET_ARITHMETIC.has(value.operator) && depth < 6) {
    const sides = [value.left, value.right].filter((side) => !isNumberLiteral(side));
    return sides.length > 0 && sides.every((side) => side.type !== AST_NODE_TYPES.PrivateIdentifier && isUnderivedOffset(sourceCode, side, viewText, depth + 1));
  }
  // `this._paletteOffset` beside `this._view`, `state.start` beside `state.buffer`: a cursor the view's own holder
  // keeps, which no assignment in the file derives from a `byteOffset`, counts within the view. (A field of
  // another object, `entry.offset`, or of the view itself, `buf.offset`, Node's alias of `byteOffset`, is not judged.)
  if (value.type === AST_NODE_TYPES.MemberExpression && !value.computed) {
    const name = propertyName(value);
    const holder = /^(.+)\.[\w$#]+$/.exec(viewText)?.[1];
    if (!!name && holder !== undefined && sourceCode.getText(unwrap(value.object)) === holder && !fieldDerivesFromByteOffset(sourceCode, name)) return true;
    // `this.offset`, which the file elsewhere adds to the view's own start (`this.byteOffset + this.offset`,
    // fast-png's decoder): a position within the view, by the code's own reckoning.
    return addedToByteOffsetElsewhere(sourceCode, viewText, text);
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, value);
  if (!variable || variable.defs.length === 0) return false;
  const writes: TSESTree.Node[] = [];
  for (const def of variable.defs) {
    if (def.type === 'Variable') {
      const declarator = def.node as TSESTree.VariableDeclarator;
      // `const [target, src, , srcOffset = 0] = args`: an element of a list (and its default) is judged by the list's text.
      if (declarator.id.type === AST_NODE_TYPES.ArrayPattern && isArrayElement(def.name, declarator.id)) {
        if (declarator.init) writes.push(declarator.init);
        if (def.name.parent?.type === AST_NODE_TYPES.AssignmentPattern) writes.push(def.name.parent.right);
        continue;
      }
      // `const { byteOffset } = view`: a property of something, not judged.
      if (declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
      if (declarator.init) writes.push(declarator.init);
    } else if (def.type !== 'Parameter' || (value.name.includes('byteOffset') && def.name.parent !== def.node)) {
      // A parameter destructured or defaulted (`({ byteOffset }) => …`) may be a view's own `byteOffset`.
      return false;
    }
  }
  for (const ref of variable.references) {
    const parent = ref.identifier.parent;
    if (ref.isWrite() && parent?.type === AST_NODE_TYPES.AssignmentExpression) writes.push(parent.right);
  }
  return !writes.some((write) => derivesFromByteOffset(sourceCode, write, depth));
}

/**
 * `x.byteOffset + n`, or names given such a value, through up to four variables (`const viewOffset = src.byteOffset
 * || 0; const offset = viewOffset + srcOffset * size`, webgl-lint's fixed checks; opentype.js' `svgDocOffset`).
 */
function derivesFromByteOffset(sourceCode: Readonly<TSESLint.SourceCode>, value: TSESTree.Node, depth: number): boolean {
  if (sourceCode.getText(value).includes('byteOffset')) return true;
  if (depth >= 4) return false;
  let found = false;
  walk(value, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type !== AST_NODE_TYPES.Identifier || (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node && !node.parent.computed)) return undefined;
    const variable = findVariable(sourceCode, node);
    for (const ref of variable?.references ?? []) {
      const write = ref.writeExpr;
      if (ref.isWrite() && write && derivesFromByteOffset(sourceCode, write, depth + 1)) found = true;
    }
    return undefined;
  });
  return found;
}

const OFFSET_ARITHMETIC = new Set(['+', '-', '*', '<<', '|']);

/** `name` is an element of `pattern` itself, or one with a default (`[a, b = 0]`), not nested deeper. */
function isArrayElement(name: TSESTree.Node, pattern: TSESTree.ArrayPattern): boolean {
  const element = name.parent?.type === AST_NODE_TYPES.AssignmentPattern && name.parent.left === name ? name.parent : name;
  return pattern.elements.includes(element as TSESTree.DestructuringPattern);
}

/** The file adds `offset` to the view's `byteOffset` somewhere (`x.byteOffset + offset`, `offset + x.byteOffset`). */
function addedToByteOffsetElsewhere(sourceCode: Readonly<TSESLint.SourceCode>, viewText: string, offset: string): boolean {
  const spaced = (text: string) => text.split('.').map((part) => part.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*\\.\\s*');
  const start = `${spaced(viewText)}\\s*\\.\\s*byteOffset`;
  const at = spaced(offset);
  return new RegExp(`(?:${start}\\s*\\+\\s*${at}|${at}\\s*\\+\\s*${start})(?![\\w$.])`).test(sourceCode.text);
}

function isNumberLiteral(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number';
}

const derivedFieldCache = new WeakMap<TSESTree.Program, Map<string, boolean>>();

/** Some assignment in the file to a field named `name` (`this.name = …`, `x.name = …`) mentions a `byteOffset`. */
function fieldDerivesFromByteOffset(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  let byName = derivedFieldCache.get(sourceCode.ast);
  if (!byName) {
    byName = new Map();
    derivedFieldCache.set(sourceCode.ast, byName);
  }
  const known = byName.get(name);
  if (known !== undefined) return known;
  let derived = false;
  if (sourceCode.text.includes('byteOffset')) {
    walk(sourceCode.ast, (node) => {
      if (derived) return;
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && propertyName(node.left) === name) {
        derived = sourceCode.getText(node.right).includes('byteOffset');
      } else if (node.type === AST_NODE_TYPES.PropertyDefinition && memberKeyName(node) === name && node.value) {
        derived = sourceCode.getText(node.value).includes('byteOffset');
      }
    });
  }
  byName.set(name, derived);
  return derived;
}

/** A positive number literal: an offset that does not start from the view's own `byteOffset`. */
function isPositiveConstant(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' && value.value > 0;
}

function isUndefined(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined';
}


/**
 * `const audio = { buffer: ... }`: a plain object's `buffer` property, not a view's backing store. Also a
 * list node walked along its links (`var head = { next: null, buffer: null }` … `head = head.next`, `last = head`,
 * WebSocket-Node's FastBufferList): every value it is given is such an object, a link read off one, or empty.
 */
function isObjectLiteral(view: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, asked = new Set<TSESLint.Scope.Variable>()): boolean {
  const node = unwrap(view);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return true;
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, node);
  if (!variable) return false;
  const init = singleInit(variable);
  if (init) return unwrap(init).type === AST_NODE_TYPES.ObjectExpression;
  // A variable of the list already being asked about: the answer is the others' (a walk's `last = head`, `head = last`).
  if (asked.has(variable)) return true;
  const values = assignedValues(variable);
  if (!values || asked.size >= 4 || !values.some((value) => hasBufferKey(unwrap(value)))) return false;
  asked.add(variable);
  const isNode = (raw: TSESTree.Node): boolean => {
    const value = unwrap(raw);
    if (value.type === AST_NODE_TYPES.ObjectExpression || isEmptyValue(value)) return true;
    // `head.next ? head.next : { buffer: null, next: null }`.
    if (value.type === AST_NODE_TYPES.ConditionalExpression) return isNode(value.consequent) && isNode(value.alternate);
    if (value.type === AST_NODE_TYPES.LogicalExpression) return isNode(value.left) && isNode(value.right);
    // `head.next`: a link of a node of the same list.
    if (value.type === AST_NODE_TYPES.MemberExpression) return !value.computed && isObjectLiteral(value.object, sourceCode, asked);
    return value.type === AST_NODE_TYPES.Identifier && isObjectLiteral(value, sourceCode, asked);
  };
  return values.every(isNode);
}

/** `{ …, buffer: … }`. */
function hasBufferKey(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ObjectExpression && node.properties.some((property) => property.type === AST_NODE_TYPES.Property && memberKeyName(property) === 'buffer');
}

/** The statement holding `node` reads the view's own `x.byteLength` or `x.byteOffset` (a comparison with the store's). */
function statementMentionsView(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string): boolean {
  const statement = statementOf(node, false);
  return mentionsViewProperty(sourceCode, statement, viewText, 'byteLength') || mentionsViewProperty(sourceCode, statement, viewText, 'byteOffset');
}

/** The statement holding `node` reads `x.byteOffset` (the bounds are handled next to the use). */
function statementReadsBounds(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string): boolean {
  return mentionsViewProperty(sourceCode, statementOf(node, true), viewText, 'byteOffset');
}

/** The statement (a child of a block or the program) holding `node`; with `arrowBody`, also an arrow's expression body. */
function statementOf(node: TSESTree.Node, arrowBody: boolean): TSESTree.Node {
  let statement: TSESTree.Node = node;
  while (
    statement.parent &&
    statement.parent.type !== AST_NODE_TYPES.BlockStatement &&
    statement.parent.type !== AST_NODE_TYPES.Program &&
    !(arrowBody && statement.parent.type === AST_NODE_TYPES.ArrowFunctionExpression)
  ) {
    statement = statement.parent;
  }
  return statement;
}
