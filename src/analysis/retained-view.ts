import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { TSESLint } from '@typescript-eslint/utils';
import { comparedWith, compactText, shortText, staticString, isOtherBranch, returnSiteOf, enclosingFunction, findVariable, isEmptyValue, functionName, variableHolding, isFunction, isGlobalBinding, isInside, isLoop, isModuleExport, isWritten, outerParent, memberKeyName, methodCall, moduleOf, nameOf, propertyName, returnedExpressions, singleInit, staticNumber, unwrap, walk, type FunctionNode } from './ast';
import { QUEUEING_WRITERS, QUEUEING_WRITES, LENT_BUFFER_MODULES, LENT_BUFFER_RESPONSE_METHODS, READ_ONLY_MODULES, TYPED_ARRAY_CONSTRUCTORS, VIEW_PARAMETER_EVENTS, WASM_FREE_NAMES, WASM_HEAP_NAMES } from './apis';
import type { Sink } from './escape';
import type { FileFacts } from './file';
import type { ArgumentViews, KindLevel, ParameterView, PooledFactory } from './kinds';
import type { LibraryContract } from './library-contracts';
import type { Origin } from './origins';
import { confirmView, findViewCandidate, isFeatureDetectBranch, isInnerOfViewChain, isRewrapOf, type ViewCandidate, type ViewCreation } from './views';

/** How sure the analysis is that an exact copy changes nothing but memory. */
export type FixSafety = 'safe' | 'review';

export interface RetainedView {
  view: ViewCreation;
  origin: Origin;
  sink: Sink;
  /** 'safe' only when the parent's kind is proven and nothing reads or writes the view's identity after. */
  safety: FixSafety;
  /** How sure the analysis is of what the parent is (a proven Buffer, a likely one from names). */
  level: KindLevel;
  /** The parent's own `slice` is an exact copy of the same type (a typed array that cannot be a Buffer). */
  ownSliceCopies: boolean;
  /** The parent is declared or typed `Uint8Array`, so a prototype-call copy keeps its static type. */
  uint8: boolean;
}

// Methods that write into a view or its parent (or, for `copy`, into its first argument).
const MUTATING_METHODS = /^(?:fill|set|copyWithin|reverse|sort|swap(?:16|32|64)|write.*)$/;

/**
 * A view of incoming data stored where it outlives the code that made it. Cheap questions first:
 * syntax, then origin and escape (scope analysis), and only then kinds, whose type queries dominate a
 * typed lint run (most slicing calls in a code base never reach long-lived storage).
 */
export function findRetainedView(node: TSESTree.CallExpression | TSESTree.NewExpression, facts: FileFacts): RetainedView | undefined {
  if (isInnerOfViewChain(node)) return undefined;
  const candidate = findViewCandidate(node);
  if (!candidate) return undefined;
  const first = facts.origins.originOf(candidate.parent);
  if (!first || (first.kind === 'read-buffer' && !madePerView(first, node))) return undefined;
  // Returned through a call of its function, the view's parent is what that call hands in.
  let stored = false;
  const kept = facts.escapes.keptWith(node, {}, (exit) => {
    stored = true;
    const origin = facts.origins.originThrough(candidate.parent, exit);
    return origin && (origin.kind !== 'read-buffer' || madePerView(origin, node)) ? origin : undefined;
  });
  const origin = kept?.parent ?? first;
  // Not stored at all: maybe handed out as what a reader's method reads.
  const sink = kept?.sink ?? (stored ? undefined : readResult(node, origin, facts));
  if (!sink || facts.escapes.isSelfTrim(sink, candidate.parent)) return undefined;
  if (origin.heldByThis && facts.escapes.isOnThis(sink)) return undefined;
  const view = confirmView(candidate, facts.kinds);
  if (!view) return undefined;
  // A constructor's view is of the class it names; a method's is of what its receiver is.
  const level = view.shape === 'method' ? facts.kinds.describe(candidate.parent).level : 'proven';
  // A view its function returns to a caller that keeps it (`this.chunks.push(toUint8Array(chunk))`): a copy made in
  // the function changes what every caller gets, so it is applied only when this is its one caller (and no other
  // module's, the function not being exported), else offered.
  const fn = enclosingFunction(node);
  const keptByCaller = !!fn && !isInside(sink.target, fn) && !!returnOf(node, fn) && (facts.calls.callSites(fn).length !== 1 || isModuleExport(fn, facts.sourceCode));
  const safety = level === 'proven' && !keptByCaller && !isFeatureDetectBranch(node, facts.sourceCode) ? copySafety(view, facts) : 'review';
  return retained(view, origin, sink, safety, level, facts);
}

/**
 * A read buffer made anew for each view: in the view's function, and inside any loop of it that the view
 * is in. One made before the loop is read into again and again (its views all share it and alias each
 * other): what they keep is that one buffer, which does not grow with the reads.
 */
function madePerView(origin: Origin, view: TSESTree.Node): boolean {
  const made = origin.made;
  const fn = enclosingFunction(view);
  if (!made || !fn || enclosingFunction(made) !== fn) return false;
  for (let current = view.parent; current && current !== fn; current = current.parent) {
    if (isLoop(current)) return isInside(made, current);
  }
  return true;
}

/**
 * A view of a read buffer that a function of the module's interface returns or yields (Deno's
 * `iterateReader` yielding `b.subarray(0, n)`): its users keep the chunks they are handed, each with the
 * whole buffer it was read into.
 */
function readResult(node: TSESTree.Node, origin: Origin, facts: FileFacts): Sink | undefined {
  if (origin.kind !== 'read-buffer') return undefined;
  const fn = enclosingFunction(node);
  if (!fn || !isModuleExport(fn, facts.sourceCode)) return undefined;
  const sink = facts.escapes.sinkOf(node, { resultOf: fn });
  return sink?.kind === 'returned' ? sink : undefined;
}

/** The answer for a confirmed view: with what the fix builder needs to know of its parent. */
function retained(view: ViewCreation, origin: Origin, sink: Sink, safety: FixSafety, level: KindLevel, facts: FileFacts): RetainedView {
  return { view, origin, sink, safety, level, ownSliceCopies: view.kind === 'typed-array' && facts.kinds.ownSliceCopies(view.parent), uint8: facts.kinds.isUint8Array(view.parent) };
}

/**
 * A view of a parser's input that the parser hands back in its result or keeps (`strict`): `parse(buffer)`
 * returning `{ id: buffer.slice(4, 16) }`. Callers keep results, and with them the whole input. The
 * input's size and life are the caller's, so this is never an autofix.
 */
export function findParsedView(node: TSESTree.CallExpression | TSESTree.NewExpression, facts: FileFacts): RetainedView | undefined {
  if (isInnerOfViewChain(node)) return undefined;
  const candidate = findViewCandidate(node);
  if (!candidate) return undefined;
  const origin = facts.origins.parserInputOf(candidate.parent);
  if (!origin?.parser) return undefined;
  const sink = facts.escapes.sinkOf(node, { resultOf: origin.parser });
  if (!sink || facts.escapes.isSelfTrim(sink, candidate.parent)) return undefined;
  const view = confirmView(candidate, facts.kinds);
  return view && retained(view, origin, sink, 'review', 'likely', facts);
}

export interface ReaderResultView {
  /** The reader's own call that hands over the view (`this.readBytes()`), where it is put in the result. */
  call: TSESTree.CallExpression;
  /** The view as its maker cuts it (`this.buf.slice(begin, end)`), and the method that returns it, for messages ("`slice()`"). */
  view: ViewCreation;
  madeIn: string;
  /** The reader's bytes (`this.buf`, the bytes a `FrameReader` is given to read). */
  origin: Origin;
  /** The result of the method building the record (`readMetadata()` returns it in its result). */
  sink: Sink;
}

/** How many of a reader's own methods a view is followed back through (`readBytes` → `read` → `slice`). */
const MAX_READER_METHOD_DEPTH = 4;

/**
 * A reader object's method that builds a record out of what its other methods read, and puts a view of
 * the reader's bytes in it (`strict`): `meta.pageState = this.readBytes()`, `return meta` in a
 * `FrameReader` whose `readBytes` returns `this.buf.slice(…)` through `read` and `slice`. The record goes to
 * the reader's user, who keeps it (a result's paging state, an error's query id), and with it the whole
 * frame the reader was given. A call that is itself the method's return only passes the view on (a
 * helper of the reader, as `read` is to `slice`): it is answered where a record takes it.
 */
export function findReaderResultView(call: TSESTree.CallExpression, facts: FileFacts): ReaderResultView | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || unwrap(callee.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const method = enclosingFunction(call);
  // Only a reader's own methods build its records (a name check first: most `this.m()` calls are in other classes).
  if (!method || !facts.origins.readerAt(call)) return undefined;
  const source = readerViewReturnedBy(call, facts, 0, new Set());
  if (!source) return undefined;
  if (passedOnWhole(call, facts)) return undefined;
  const sink = facts.escapes.sinkOf(call, { resultOf: method });
  if (sink?.kind !== 'returned' || sink.target !== method) return undefined;
  return { call, ...source, sink };
}

/** `return this.slice(a, b)`, or `var bytes = this.slice(a, b); …; return bytes`: the call's value is the function's own result. */
function passedOnWhole(call: TSESTree.CallExpression, facts: FileFacts): boolean {
  if (facts.escapes.returnedBy(call)) return true;
  const held = variableHolding(call);
  const variable = held && findVariable(facts.sourceCode, held);
  return !!variable?.references.some((reference) => reference.isRead() && !!facts.escapes.returnedBy(reference.identifier));
}

/** The view of its reader's bytes that `this.m(…)` returns, through up to MAX_READER_METHOD_DEPTH of the reader's methods. */
function readerViewReturnedBy(call: TSESTree.CallExpression, facts: FileFacts, depth: number, seen: Set<FunctionNode>): Omit<ReaderResultView, 'call' | 'sink'> | undefined {
  const fn = facts.calls.resolveCallee(call);
  if (!fn || seen.has(fn) || depth >= MAX_READER_METHOD_DEPTH) return undefined;
  seen.add(fn);
  for (const returned of returnedExpressions(fn)) {
    let value = unwrap(returned);
    // `var bytes = this.slice(begin, end); …; return bytes`
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(facts.sourceCode, value);
      const init = variable && singleInit(variable);
      if (!init) continue;
      value = unwrap(init);
    }
    if (value.type !== AST_NODE_TYPES.CallExpression) continue;
    const candidate = findViewCandidate(value);
    const parent = candidate && unwrap(candidate.parent);
    if (candidate && parent?.type === AST_NODE_TYPES.MemberExpression) {
      const origin = facts.origins.readerInputOf(parent);
      // The reader's user is told, never fixed: a field the reader calls Buffer-only methods on is taken for a Buffer.
      const view = origin && confirmView(candidate, facts.kinds.withLikelyBuffers);
      if (origin && view) {
        const name = functionName(fn);
        return { view, madeIn: name ? `\`${name}()\`` : 'one of its methods', origin };
      }
      continue;
    }
    const inner = unwrap(value.callee);
    if (inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression) {
      const found = readerViewReturnedBy(value, facts, depth + 1, seen);
      if (found) return found;
    }
  }
  return undefined;
}

export interface KeptPooled {
  call: TSESTree.CallExpression;
  pooled: PooledFactory;
  sink: Sink;
  /** What is kept when it is not `call` itself: a view of the pooled Buffer (`buf.subarray(3)`), which pins the same slab. */
  through?: TSESTree.CallExpression | TSESTree.NewExpression;
  /** `through` is a typed array made over the Buffer's whole bytes (`new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)`), handed back or kept. */
  rewrap?: boolean;
}

/**
 * A small Buffer taken from the shared pool (`Buffer.from`, `Buffer.concat`, `Buffer.allocUnsafe`, the
 * library contracts in apis) and stored under a key in a long-lived table (`this.records.set(key, …)`).
 * Each such Buffer is a view of a pool slab; kept over time among other short-lived pooled allocations,
 * each one keeps a whole slab alive (the repository's scripts/measure-retention.js: 2,000 kept 16-byte
 * `Buffer.from` copies hold 16.4 MB with an 8 KiB pool, unpooled copies 0.00 MB). A table keyed by peer, record or request grows with the traffic that
 * makes those allocations. So does a field set while an instance is built: in its constructor, or in a
 * method named as setting it up (`_setupSecretStream`, `init`): each instance keeps its Buffer, and a
 * slab, for its life. Other field writes, queues and module-level caches are not reported: a field a method
 * sets holds one Buffer at a time, a queue is drained, and a cache filled at start-up takes its Buffers
 * from the pool one after another, so they share slabs (on real code those were working buffers).
 * A view of the pooled Buffer (`const buf = b4a.allocUnsafe(n)`, then `new Push(key, buf.subarray(3))` kept)
 * pins the same slab, and is asked the same questions.
 */
export function findKeptPooled(call: TSESTree.CallExpression, facts: FileFacts): KeptPooled | undefined {
  if (!facts.kinds.mayBePooled(call) || isDiscarded(call) || !enclosingFunction(call)) return undefined;
  const pooled = facts.kinds.pooledResult(call);
  if (!pooled) return undefined;
  // A memo is a computed result (`crypto.tree(roots)`, a helper's hash), not a bare allocation, which a
  // field set only while empty holds as a working buffer (secret-stream's `this._message`, filled by copies).
  const memo = !!pooled.via;
  const direct = keptAs(call, call, facts, memo);
  if (direct) return { call, pooled, sink: direct };
  for (const view of viewsOfHeld(call, facts)) {
    const sink = keptAs(call, view, facts, memo);
    if (sink) return { call, pooled, sink, through: view };
  }
  // `new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)` of a pooled `buf`, handed back: a conversion
  // to a plain Uint8Array that still views the pool slab (Prisma's bytes columns, actor-ts' `fromBase64`), which
  // the caller keeps as if it owned its bytes.
  const rewrap = rewrapOfHeld(call, facts);
  const fn = rewrap && enclosingFunction(rewrap);
  const sink = rewrap && fn && (facts.escapes.returnedBy(rewrap) ?? facts.escapes.sinkOf(rewrap, { resultOf: fn }));
  if (rewrap && (sink?.kind === 'returned' || sink?.kind === 'state')) return { call, pooled, sink, through: rewrap, rewrap: true };
  return undefined;
}

/**
 * A typed array made over the whole of a pooled Buffer's bytes, through the variable that holds it (`const buf =
 * Buffer.from(s, 'base64'); new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)`) or its destructured
 * store and bounds (`const { buffer, byteOffset, byteLength } = Buffer.from(…)`).
 */
function rewrapOfHeld(call: TSESTree.CallExpression, facts: FileFacts): TSESTree.NewExpression | undefined {
  const holder = call.parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== call) return undefined;
  const sourceCode = facts.sourceCode;
  const isRewrap = (node: TSESTree.Node | undefined, store: string, offset: string, length: string): node is TSESTree.NewExpression => {
    if (node?.type !== AST_NODE_TYPES.NewExpression) return false;
    const callee = unwrap(node.callee);
    return callee.type === AST_NODE_TYPES.Identifier && TYPED_ARRAY_CONSTRUCTORS.has(callee.name) && isRewrapOf(node, sourceCode, store, offset, length);
  };
  if (holder.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, holder.id);
    if (!variable || singleInit(variable) !== call) return undefined;
    const name = holder.id.name;
    for (const reference of variable.references) {
      const member = reference.identifier.parent;
      const made = member?.parent;
      if (member?.type === AST_NODE_TYPES.MemberExpression && made && isRewrap(made, `${name}.buffer`, `${name}.byteOffset`, `${name}.byteLength`) && made.arguments[0] === member) return made;
    }
    return undefined;
  }
  if (holder.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  // `{ buffer, byteOffset, byteLength }`, each under its own name.
  const names = new Map<string, TSESTree.Identifier>();
  for (const property of holder.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.value.type !== AST_NODE_TYPES.Identifier) continue;
    const key = memberKeyName(property);
    if (key === 'buffer' || key === 'byteOffset' || key === 'byteLength') names.set(key, property.value);
  }
  const store = names.get('buffer');
  if (!store || !names.has('byteOffset') || !names.has('byteLength')) return undefined;
  const variable = findVariable(sourceCode, store);
  for (const reference of variable?.references ?? []) {
    const made = reference.identifier.parent;
    if (made && isRewrap(made, store.name, names.get('byteOffset')!.name, names.get('byteLength')!.name) && made.arguments[0] === reference.identifier) return made;
  }
  return undefined;
}

export interface KeptLibraryView {
  call: TSESTree.CallExpression;
  /** The contract that makes the call's result a view (`c.fixed32.decode(state)`), with its evidence. */
  contract: LibraryContract;
  sink: Sink;
}

/**
 * A view a library hands back by its contract (library-contracts.ts: compact-encoding's decoders return
 * views of the message they read, measured 32 bytes over a 4,096-byte message) kept where a pooled Buffer
 * would be reported: under a key in a long-lived table, in a field set while an instance is built or set
 * once as a memo (`if (this.h === null) this.h = …`), or handed back as a key, an id or a signature by an
 * exported function. A decoded message the caller reads and drops is no finding, and neither is a key an
 * encoding's own `decode` hands back (`capability: c.fixed32.decode(state)`): most of those are read and
 * dropped, or copied where they are kept (on Holepunch's HEADs, 15 of 32 such reports were false and the
 * true ones were already copied downstream).
 */
export function findKeptLibraryView(call: TSESTree.CallExpression, facts: FileFacts): KeptLibraryView | undefined {
  const contract = facts.kinds.libraryContract(call);
  if (contract?.kind !== 'view' || isDiscarded(call) || !enclosingFunction(call)) return undefined;
  const sink = keptAs(call, call, facts, true);
  return sink ? { call, contract, sink } : undefined;
}

export interface KeptArgumentView {
  call: TSESTree.CallExpression;
  /** What is kept: the call itself, or the read of the view out of its result (`h.key`). */
  value: TSESTree.Node;
  /** The function of another file that cuts the view, and where the view sits in its result. */
  from: ArgumentViews;
  view: ParameterView;
  /** The argument whose bytes the view is of (`data`), and where they come from. */
  argument: TSESTree.Node;
  origin: Origin;
  sink: Sink;
  /** The view is a Buffer (a Buffer argument's own `subarray` or `slice`), so a copy of the kept value is one too. */
  buffer: boolean;
}

/**
 * A view of incoming data that a function of another file of the package cuts and hands back, kept by
 * its caller: `const h = parseHeader(data); this.keys.set(h.id, h.key)` with `./parser`'s `parseHeader`
 * returning `{ id, key: buf.subarray(4, 36) }`. The parser module and the actor that keeps what it
 * parses are checked together: the cut is there, the message and the keeping here. (A function of this
 * file is answered where it cuts the view, by `findRetainedView`, which follows its returns to the caller.)
 */
export function findKeptArgumentView(call: TSESTree.CallExpression, facts: FileFacts): KeptArgumentView | undefined {
  // Asked of every call the other questions leave: the cheap name test (`argumentViews`) first.
  const from = facts.kinds.argumentViews(call);
  if (!from || isDiscarded(call) || !enclosingFunction(call)) return undefined;
  for (const view of from.views) {
    const argument = call.arguments[view.index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const kind = facts.kinds.kindOf(argument);
    if (view.needsBuffer ? kind !== 'buffer' : kind === 'string' || kind === 'other' || kind === 'array-buffer') continue;
    const origin = facts.origins.originOf(argument);
    if (!origin || (origin.kind === 'read-buffer' && !madePerView(origin, call))) continue;
    const sink = facts.escapes.sinkOf(call, { fields: view.fields });
    if (!sink || facts.escapes.isSelfTrim(sink, argument)) continue;
    if (origin.heldByThis && facts.escapes.isOnThis(sink)) continue;
    const kept = sink.value && isReadOf(sink.value, call) ? sink.value : call;
    return { call, value: kept, from, view, argument, origin, sink, buffer: view.sameClass && kind === 'buffer' };
  }
  return undefined;
}

/** `h.key`, `key` or the call itself: a plain read the view is kept as, in the call's function (where a report and a copy go). */
function isReadOf(value: TSESTree.Node, call: TSESTree.CallExpression): boolean {
  if (value === call) return true;
  const node = unwrap(value);
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
  return enclosingFunction(node) === enclosingFunction(call);
}

export interface KeptEventView {
  /** Where the parameter is read and kept (`head` in `self.firstDataChunk = head`). */
  reference: TSESTree.Identifier;
  /** The event whose handler was handed the view ('upgrade'). */
  event: string;
  sink: Sink;
}

/**
 * A view Node hands an event's handler (apis' `VIEW_PARAMETER_EVENTS`: the `head` of an HTTP `'upgrade'`,
 * a view of the socket chunk that carried the handshake) kept whole where it outlives the handler:
 * WebSocket-Node's client kept `self.firstDataChunk = head`. A view cut from it (`head.slice(…)`) is the
 * view check's; a parameter the handler assigns anew holds something else.
 */
export function findKeptEventViews(fn: FunctionNode, facts: FileFacts): KeptEventView[] {
  // Cheap first: every such event hands the view as the third parameter.
  if (fn.params.length < 3) return [];
  const handler = facts.handlers.handlerOf(fn);
  const event = handler?.event;
  const index = event === undefined ? undefined : VIEW_PARAMETER_EVENTS.get(event);
  const param = index === undefined ? undefined : fn.params[index];
  if (!event || param?.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = findVariable(facts.sourceCode, param);
  if (!variable || isWritten(variable)) return [];
  const found: KeptEventView[] = [];
  for (const { identifier } of variable.references) {
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) continue;
    const sink = facts.escapes.sinkOf(identifier);
    if (sink && !facts.escapes.isSelfTrim(sink, identifier)) found.push({ reference: identifier as TSESTree.Identifier, event, sink });
  }
  return found;
}

/** A call whose value is dropped (`log(x);`, `await send(frame);`): nothing of it is kept. Asked of every call first. */
function isDiscarded(call: TSESTree.Node): boolean {
  let { child, parent } = outerParent(call);
  while (parent?.type === AST_NODE_TYPES.AwaitExpression) ({ child, parent } = outerParent(parent));
  return parent?.type === AST_NODE_TYPES.ExpressionStatement && parent.expression === child;
}

/**
 * Where `held` (the pooled `call`, or a view of it; or a library's view) is kept so that its slab or
 * message lives on, when it is. `memo`: also a field set only while it is empty (`isSetOnce`).
 */
function keptAs(call: TSESTree.CallExpression, held: TSESTree.CallExpression, facts: FileFacts, memo: boolean): Sink | undefined {
  const sink = facts.escapes.sinkOf(held);
  if (sink?.kind === 'collection' && isKeyedInsert(sink.target)) return sink;
  if (sink?.kind === 'field' && isSetUpStore(held, sink, facts, memo)) return sink;
  return sink ? undefined : returnedKey(call, held, facts);
}

/** The views `buf.subarray(…)` and `buf.slice(…)` of a variable that holds `call` and nothing else (`const buf = Buffer.allocUnsafe(n)`). */
function viewsOfHeld(call: TSESTree.CallExpression, facts: FileFacts): TSESTree.CallExpression[] {
  const holder = call.parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== call || holder.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = findVariable(facts.sourceCode, holder.id);
  if (!variable || singleInit(variable) !== call) return [];
  const views: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    const viewCall = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || viewCall?.type !== AST_NODE_TYPES.CallExpression || viewCall.callee !== member) continue;
    // The view-making shapes are views.ts's: here a method view (`subarray`, `slice`) whose receiver is the variable.
    const candidate = findViewCandidate(viewCall);
    if (candidate?.shape === 'method' && candidate.parent === reference.identifier) views.push(viewCall);
  }
  return views;
}

/**
 * Words that name an identity or a proof of one: what callers keep as long as the thing it names
 * (`publicKey`, `discoveryKey`, `id`; a `capability`, a peer's proof of a shared key kept for its session;
 * a `signature`, which hypercore keeps in its trees and manifests, and whose pooled allocation
 * hypercore-crypto's maintainers moved out of the pool for that reason).
 */
const KEY_WORDS = new Set(['key', 'keys', 'namespace', 'id', 'ids', 'topic', 'signature', 'signatures', 'capability']);

/** The words of a camelCase, snake_case or UPPER_CASE name, lower-cased. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/**
 * A pooled Buffer a module's exported function hands back as a key, an id or a signature (`exports.discoveryKey = function
 * (publicKey) { const digest = b4a.allocUnsafe(32); …; return digest }`, `keyPair()` returning `{ publicKey,
 * secretKey }`): whoever calls it keeps an identity for as long as the thing it names, and with it a whole
 * pool slab. Named so by the function, the variable it is put in, the default parameter it is, or the
 * property it is returned under (`exports.sign` returning `signature`); other results (a frame to write, a
 * hash to compare) are usually dropped.
 */
function returnedKey(call: TSESTree.CallExpression, held: TSESTree.CallExpression, facts: FileFacts): Sink | undefined {
  const fn = enclosingFunction(call);
  if (!fn || enclosingFunction(held) !== fn) return undefined;
  // Names first: they are cheap, and most pooled Buffers a function makes are not keys.
  const names = [functionName(fn), ...namesHolding(call), ...(held === call ? [] : namesHolding(held))];
  if (!names.some((name) => name && wordsOf(name).some((word) => KEY_WORDS.has(word)))) return undefined;
  if (!isModuleExport(fn, facts.sourceCode)) return undefined;
  const sink = facts.escapes.sinkOf(held, { resultOf: fn });
  return sink?.kind === 'returned' ? sink : undefined;
}

/** The names `call`'s value is known by where it is made: `const publicKey = …`, `out = …` as a default, `{ secretKey: … }`. */
function namesHolding(call: TSESTree.CallExpression): string[] {
  const variable = variableHolding(call);
  if (variable) return [variable.name];
  const holder = call.parent;
  if (holder?.type === AST_NODE_TYPES.Property && holder.value === call) {
    const key = memberKeyName(holder);
    return key ? [key] : [];
  }
  return [];
}

/** The last word of a class's name that makes its instances short-lived records (`AuthSwitchResponse`, `Body`). */
const TRANSIENT_RECORD_WORDS = new Set(['request', 'response', 'body', 'packet', 'message', 'frame', 'command', 'query', 'event', 'error']);

/** Methods that write an instance out as bytes: a class that has one is a message or packet of the wire (mysql2's `ChangeUser#toPacket`). */
const WIRE_RECORD_METHODS = ['toPacket', 'serializeToBuffer', 'toBuffer', 'serialize'];

/**
 * Words of a method's name that say it builds the instance, or starts the life it then keeps until closed: it runs
 * once for each, as a constructor does (a server's `listen`, which throws when called twice in hyperdht; a
 * resource's `_open`; a service's `start`).
 */
const SET_UP_WORDS = new Set(['setup', 'init', 'initialize', 'initialise', 'listen', 'open', 'start']);

/**
 * `this.iv = Buffer.allocUnsafe(16)` in a constructor: every instance keeps its own pooled Buffer, and with
 * it a slab, for its whole life (a connection's cipher, a peer's announcer, a stream's keys). Also through a
 * variable or a record (`const iv = …; this.cipher = new Cipher(iv)`), in a method named as setting the
 * instance up (`_setupSecretStream`, `_listen`), and a constructor's default parameter stored so
 * (`constructor(key, state = b4a.allocUnsafe(n)) { this.state = state }`).
 */
function isSetUpStore(held: TSESTree.CallExpression, sink: Sink, facts: FileFacts, memo: boolean): boolean {
  const holder = held.parent;
  if (holder?.type === AST_NODE_TYPES.AssignmentPattern && holder.right === held && holder.left.type === AST_NODE_TYPES.Identifier) {
    // The parameter itself, stored whole: `this.state = state`.
    if (!sink.value || unwrap(sink.value).type !== AST_NODE_TYPES.Identifier || (unwrap(sink.value) as TSESTree.Identifier).name !== holder.left.name) return false;
  }
  const left = sink.target;
  const assignment = left.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== left) return false;
  if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression) return false;
  const fn = enclosingFunction(assignment);
  const owner = facts.handlers.ownerOf(assignment);
  if (!fn || !owner || fn !== enclosingFunction(held)) return false;
  // Set once and kept, as a memo: `if (this.hashCached === null) this.hashCached = …`, `this.h ??= …`.
  if (memo && isSetOnce(assignment, left, facts.sourceCode)) return true;
  // A record of one request, response, packet or message comes and goes with it, as its slab's other allocations do.
  const last = wordsOf(facts.handlers.ownerName(owner) ?? '').pop();
  if (last && TRANSIENT_RECORD_WORDS.has(last)) return false;
  // So is one the code writes out as bytes: it is built to be sent.
  if (WIRE_RECORD_METHODS.some((name) => facts.handlers.hasMethod(owner, name))) return false;
  if (facts.calls.construction(owner)?.ctor === fn) return true;
  const name = functionName(fn);
  return !!name && wordsOf(name).some((word) => SET_UP_WORDS.has(word));
}

/**
 * A field written only while it is empty: `this.f ??= v`, `this.f ||= v`, or `this.f = v` under `if
 * (this.f === null)`, `== null`, `=== undefined` or `!this.f` (hypercore's `MerkleTreeBatch#hash` memo). It
 * holds its first value for the instance's life, as a field set in the constructor does.
 */
function isSetOnce(assignment: TSESTree.AssignmentExpression, left: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  const field = sourceCode.getText(left);
  const isField = (node: TSESTree.Node) => sourceCode.getText(unwrap(node)) === field;
  let { child, parent } = outerParent(assignment);
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) ({ child, parent } = outerParent(parent));
  if (parent?.type === AST_NODE_TYPES.BlockStatement && parent.body.length === 1) ({ child, parent } = outerParent(parent));
  if (parent?.type !== AST_NODE_TYPES.IfStatement || parent.consequent !== child) return false;
  const test = unwrap(parent.test);
  if (test.type === AST_NODE_TYPES.UnaryExpression) return test.operator === '!' && isField(test.argument);
  const other = comparedWith(test, isField);
  return !!other && isEmptyValue(other);
}

/** `table.set(key, value)`: `receiver` is the object of a two-argument `set` call. */
function isKeyedInsert(receiver: TSESTree.Node): boolean {
  const member = receiver.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver || propertyName(member) !== 'set') return false;
  const call = member.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments.length === 2;
}

/**
 * An exact copy is a safe autofix when nothing in the function writes to the view or its parent after
 * the view is made, and nothing reads the view's `buffer`/`byteOffset` (identity would change).
 */
function copySafety(view: ViewCreation, facts: FileFacts): FixSafety {
  const sourceCode = facts.sourceCode;
  // Module-level views are checked against the rest of the module.
  const scope = enclosingFunction(view.node)?.body ?? sourceCode.ast;
  const watched = new Set<string>();
  const parentRoot = unwrap(view.parent);
  const parentBase =
    parentRoot.type === AST_NODE_TYPES.MemberExpression && propertyName(parentRoot) === 'buffer'
      ? unwrap(parentRoot.object)
      : parentRoot;
  const parentText = sourceCode.getText(parentBase);
  watched.add(parentText);
  const holder = view.node.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
    watched.add(holder.id.name);
  }
  let safe = true;
  const after = view.node.range[1];
  walk(scope, (node) => {
    if (!safe || node.range[1] <= after) return false;
    if (node.range[0] < after) return true; // contains the view: only what follows it counts
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      if (node.left.computed && watched.has(sourceCode.getText(unwrap(node.left.object)))) safe = false;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const method = methodCall(node);
      if (method && MUTATING_METHODS.test(method.name) && watched.has(sourceCode.getText(unwrap(method.receiver)))) {
        safe = false;
      }
      const target = node.arguments[0];
      if (method?.name === 'copy' && target && watched.has(sourceCode.getText(unwrap(target)))) safe = false;
      if (!method && !isOtherBranch(view.node, node) && mayWriteArgument(node, watched, parentText, sourceCode)) safe = false;
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(node);
      if ((name === 'buffer' || name === 'byteOffset') && watched.has(sourceCode.getText(unwrap(node.object)))) {
        safe = false;
      }
    }
    return true;
  });
  return safe ? 'safe' : 'review';
}

/**
 * `scrub(chunk)` after the view: a function of this file that writes the parameter it receives may
 * change the parent (or the view) in place, and the kept view would see it where a copy would not. A
 * function whose body is not here (imported, as `unmask(data, mask)` is, or held in a variable) is
 * assumed to write the parent it is handed; handed only the view, it gets the copy, which is what is
 * kept. Globals (`String(chunk)`) and callbacks received as parameters (`cb(null, chunk)`) do not write.
 */
function mayWriteArgument(call: TSESTree.CallExpression, watched: ReadonlySet<string>, parentText: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const texts = call.arguments.map((arg) => sourceCode.getText(unwrap(arg)));
  const indexes = texts.flatMap((text, index) => (watched.has(text) ? [index] : []));
  if (indexes.length === 0) return false;
  const handsParent = texts.includes(parentText);
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return isFunction(callee) ? indexes.some((i) => writesParameter(callee, i, sourceCode)) : handsParent;
  if (isGlobalBinding(sourceCode, callee)) return false;
  const variable = findVariable(sourceCode, callee)!;
  const module = moduleOf(variable);
  if (module) return handsParent && !READ_ONLY_MODULES.has(module);
  const def = variable.defs[0]!;
  // A callback received as a parameter (a stream's `cb(null, chunk)`) hands the chunk on, as `push` does.
  if (def.type === 'Parameter') return false;
  const fn: TSESTree.Node | undefined = def.type === 'FunctionName' ? def.node : singleInit(variable);
  if (!fn || !isFunction(fn)) return handsParent;
  return indexes.some((i) => writesParameter(fn, i, sourceCode));
}

/** The function writes into its `index`th parameter: a mutating method, an indexed store, a `copy` target. */
function writesParameter(fn: FunctionNode, index: number, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const param = fn.params[index];
  if (!param) return false;
  if (param.type !== AST_NODE_TYPES.Identifier) return true;
  const name = param.name;
  let writes = false;
  walk(fn.body, (node) => {
    if (writes) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      if (node.left.computed && sourceCode.getText(unwrap(node.left.object)) === name) writes = true;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const method = methodCall(node);
      if (method && MUTATING_METHODS.test(method.name) && sourceCode.getText(unwrap(method.receiver)) === name) writes = true;
      const target = node.arguments[0];
      if (method?.name === 'copy' && target && sourceCode.getText(unwrap(target)) === name) writes = true;
      // Handed on again: follow no further, assume it may be written.
      if (!method && node.arguments.some((arg) => sourceCode.getText(unwrap(arg)) === name)) writes = true;
    }
    return true;
  });
  return writes;
}

/**
 * A view of a buffer the code keeps and writes into again, handed out: a scratch buffer of the module or of
 * an object (`packr.buffer`, `this._tap.buf`) that the function writes (`buf[0] = type`, `buf.writeUInt32BE`,
 * `src.copy(buf)`, or hands with its holder to a writer: `this._writeObj(tap, obj)`) and then cuts, the cut
 * returned, pushed onto a stream, passed to a callback, or kept. The next call writes over the bytes whoever
 * holds the view still reads (Colyseus' shared encode buffer, avsc's stream encoders).
 */
export interface ReusedBufferView {
  view: ViewCreation;
  /** The kept buffer the view is of (`packr.buffer`). */
  buffer: TSESTree.Node;
  /** The write into it: before the cut in the same function, or (`writtenIn`) in another method of the class. */
  written: TSESTree.Node;
  /** For a view a method returns of its object's buffer: the method that writes into it again ("`_recvMessage()`"). */
  writtenIn?: string;
  sink: Sink;
  ownSliceCopies: boolean;
  uint8: boolean;
}

// Where a cut must sit to be returned, passed, stored or put in a record (`findReusedBufferView` asks the escape walk only then).
const HANDED_OUT_BY = new Set<string>([
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.Property,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.YieldExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
]);

// Calls that write into a buffer given as an argument, by name: `encode.utf8Write(buf, …)`, `this._writeObj(tap, obj)`.
const WRITER_NAME = /write|encode|pack|serial/i;

export function findReusedBufferView(node: TSESTree.CallExpression | TSESTree.NewExpression, facts: FileFacts): ReusedBufferView | undefined {
  if (isInnerOfViewChain(node)) return undefined;
  const candidate = findViewCandidate(node);
  if (!candidate) return undefined;
  return sameFunctionReuse(node, candidate, facts) ?? classReuse(node, candidate, facts);
}

function sameFunctionReuse(node: TSESTree.CallExpression | TSESTree.NewExpression, candidate: ViewCandidate, facts: FileFacts): ReusedBufferView | undefined {
  if (candidate.shape !== 'method' || node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  // Cheap tests first (shape, text, then one cached walk per function); scope lookups and the escape walk last.
  const buffer = unwrap(candidate.parent);
  if (buffer.type !== AST_NODE_TYPES.MemberExpression && buffer.type !== AST_NODE_TYPES.Identifier) return undefined;
  // Only a cut that goes somewhere can be handed out: not one compared, concatenated or read on the spot.
  const goesTo = outerParent(node).parent?.type;
  if (!goesTo || !HANDED_OUT_BY.has(goesTo)) return undefined;
  const fn = enclosingFunction(node);
  if (!fn || !mayWriteInto(fn, buffer, facts.sourceCode)) return undefined;
  // A listener or a stream's queue given the view still holds it when the same call writes into the buffer
  // again after it (Haraka's `this.emit('attachment_data', this.buf.slice(0, this.buf_fill))`, then
  // `buf.copy(this.buf)`): not a write on another branch, and not after a view the function returns.
  const before = writesBefore(buffer, fn, node, facts.sourceCode)[0];
  const after = before || !mayBeWrittenAfter(node) ? undefined : writesAfter(buffer, fn, node, facts.sourceCode).find((write) => !isOtherBranch(node, write));
  if (!before && !after) return undefined;
  if (!isKeptBuffer(buffer, fn, facts)) return undefined;
  const sink = handedOut(node, fn, facts);
  if (!sink || facts.escapes.isSelfTrim(sink, candidate.parent)) return undefined;
  const written = before ?? (sink.kind === 'collection' ? after : undefined);
  if (!written) return undefined;
  const view = confirmView(candidate, facts.kinds);
  if (!view) return undefined;
  return { view, buffer, written, sink, ownSliceCopies: view.kind === 'typed-array' && facts.kinds.ownSliceCopies(buffer), uint8: facts.kinds.isUint8Array(buffer) };
}

/**
 * A method that returns a view of its object's buffer (`return new Uint8Array(this._rQ.buffer, this._rQi - len, len)`,
 * `return this.buf.subarray(a, b)`), which another method of the class writes into again from its front
 * (`this._rQ.copyWithin(0, …)`: noVNC's receive queue, compacted as messages arrive). The caller's view then reads
 * bytes the next write puts there, and keeps the whole queue.
 */
function classReuse(node: TSESTree.CallExpression | TSESTree.NewExpression, candidate: ViewCandidate, facts: FileFacts): ReusedBufferView | undefined {
  // The buffer: `this.f` cut, or `this.f.buffer` wrapped from an offset.
  const parent = unwrap(candidate.parent);
  const buffer = candidate.shape === 'method' ? parent : candidate.shape === 'constructor' && parent.type === AST_NODE_TYPES.MemberExpression && propertyName(parent) === 'buffer' ? unwrap(parent.object) : undefined;
  if (buffer?.type !== AST_NODE_TYPES.MemberExpression || buffer.computed || unwrap(buffer.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = propertyName(buffer);
  const fn = enclosingFunction(node);
  const owner = fn && facts.handlers.ownerOf(fn);
  if (!name || !fn || !owner || returnOf(node, fn) === undefined) return undefined;
  let written: { write: TSESTree.Node; method: FunctionNode } | undefined;
  for (const ref of facts.handlers.thisMemberRefs(owner).get(name) ?? []) {
    const where = enclosingFunction(ref);
    if (!where || where === fn || isConstructorFunction(where, owner)) continue;
    const write = frontWrite(ref, (at) => isResetToZero(at, owner, facts));
    if (write) {
      written = { write, method: where };
      break;
    }
  }
  if (!written) return undefined;
  const sink = facts.escapes.returnedBy(node);
  if (!sink) return undefined;
  // A private method (`_encodeMessage()`) is called from this file only: it counts only when a caller keeps the view.
  const own = functionName(fn);
  if (own && /^[_#]/.test(own) && !facts.escapes.sinkOf(node)) return undefined;
  // A method named for what it hands out (`view()`, `encodeSharedRef()`, `toUint8ArrayReference()`) says so: its
  // callers are told they get the buffer's bytes as they are, not a copy (msgpack's encoder, on the HEADs).
  if (own && wordsOf(own).some((word) => LENT_VIEW_WORDS.has(word))) return undefined;
  const view = confirmView(candidate, facts.kinds);
  if (!view) return undefined;
  const method = functionName(written.method);
  return {
    view,
    buffer,
    written: written.write,
    writtenIn: method ? `\`${method}()\`` : 'a callback of the class',
    sink,
    ownSliceCopies: view.kind === 'typed-array' && facts.kinds.ownSliceCopies(buffer),
    uint8: facts.kinds.isUint8Array(buffer),
  };
}

/**
 * A write that puts new bytes at the front of `ref` (`this.f`), where the views handed out start: a compaction,
 * `this.f.copyWithin(0, …)`, or `this.f.set(bytes)` / `this.f.set(bytes, 0)`; or a write at a position the class
 * sets back to 0 (`isReset`): `this.f.set(bytes, this.pos)` or `this.f[this.pos++] = b` after `this.pos = 0`
 * (pglite's input buffer, written from its start again at each call). An append past the end of a position that
 * only grows (`this.f[this.pos++] = b`, `this.f.set(bytes, this.len)`) leaves the bytes of a view already handed
 * out alone, as a growing writer's do (pdf.js' chunked stream).
 */
function frontWrite(ref: TSESTree.Node, isReset: (at: TSESTree.Node) => boolean): TSESTree.Node | undefined {
  const member = ref.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref) return undefined;
  if (member.computed) {
    // `this.f[this.pos++] = b`, `this.f[this.pos] = b`
    const assignment = member.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member) return undefined;
    const index = unwrap(member.property);
    return isReset(index.type === AST_NODE_TYPES.UpdateExpression ? unwrap(index.argument) : index) ? assignment : undefined;
  }
  const call = member.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
  const name = propertyName(member);
  const at = name === 'copyWithin' ? call.arguments[0] : name === 'set' ? call.arguments[1] : undefined;
  if (name === 'set' && call.arguments.length === 1) return call;
  if (!at) return undefined;
  const position = unwrap(at);
  return staticNumber(position) === 0 || isReset(position) ? call : undefined;
}

/** `this.pos`, a field of the class `owner` that one of its methods sets back to 0 (`this.pos = 0`), not only its constructor. */
function isResetToZero(node: TSESTree.Node, owner: TSESTree.Node, facts: FileFacts): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || unwrap(node.object).type !== AST_NODE_TYPES.ThisExpression) return false;
  const name = propertyName(node);
  return !!name && (facts.handlers.thisMemberRefs(owner).get(name) ?? []).some((ref) => {
    const assignment = ref.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== ref || assignment.operator !== '=' || staticNumber(unwrap(assignment.right)) !== 0) return false;
    const where = enclosingFunction(ref);
    return !!where && !isConstructorFunction(where, owner);
  });
}

/** Words of a method name that say it hands out its object's bytes, not a copy of them. */
const LENT_VIEW_WORDS = new Set(['view', 'ref', 'reference', 'shared', 'unsafe', 'borrow', 'borrowed', 'peek']);

/** The constructor of the class `owner`: an ES class's, or the function a pre-class "class" is keyed by. */
function isConstructorFunction(fn: FunctionNode, owner: TSESTree.Node): boolean {
  if (fn === owner) return true;
  return fn.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor';
}

/**
 * A buffer that outlives the call: a member of `this`, of a module variable, or of a local that only holds a
 * member of `this` (`var tap = this._tap; tap.buf`), a local that only holds such a member itself when the
 * member only ever holds buffers the code made (`var b = this._sendBuffer`), or a module variable itself.
 */
function isKeptBuffer(buffer: TSESTree.Node, fn: FunctionNode, facts: FileFacts): boolean {
  let base = buffer;
  while (base.type === AST_NODE_TYPES.MemberExpression) {
    if (base.computed) return false;
    base = unwrap(base.object);
  }
  if (base.type === AST_NODE_TYPES.ThisExpression) return buffer !== base;
  if (base.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(facts.sourceCode, base);
  if (!variable || variable.defs.length !== 1) return false;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable') return false;
  if (variable.scope.type === 'module' || variable.scope.type === 'global') return true;
  // `var tap = this._tap`: a local alias of a field, never reassigned; then `tap.buf` is the field's.
  const init = singleInit(variable);
  if (!init || unwrap(init).type !== AST_NODE_TYPES.MemberExpression || !isInside(def.node, fn) || !thisRooted(unwrap(init))) return false;
  // `var b = this._sendBuffer`: the field itself, under a local name (node-amqp's frame writers), when it only
  // ever holds buffers the code allocates (a scratch buffer, not the input a parser patches: pdf.js' `this.bytes`).
  return buffer !== base || facts.kinds.allocatedByCode(init);
}

function thisRooted(node: TSESTree.Node): boolean {
  let base = node;
  while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
  return base.type === AST_NODE_TYPES.ThisExpression;
}

/**
 * A cheap text test before the walk: somewhere in the function, the buffer's text (or its holder's) is written
 * into (`buf[`, `buf.set(`, `buf.write…(`, `buf.fill(`) or handed first to a copy or a writer (`copy(buf`,
 * `utf8Write(buf`, `_writeObj(tap`). Not a superset of what `writesOf` finds: a writer handed the buffer as a
 * later argument (`encode(value, buf)`), and a function whose text names no write at all, pass the walk but
 * not this test; a write counts only when both find it.
 */
function mayWriteInto(fn: FunctionNode, buffer: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let writing = writingFunctions.get(fn);
  if (writing === undefined) {
    // Most functions write into nothing: one test of their text spares the search for each buffer they cut.
    writing = /\]\s*=(?!=)|\.\s*(?:set|fill|copyWithin|swap\d\d)\s*\(|copy|write|encode|pack|serial/i.test(sourceCode.text.slice(fn.range[0], fn.range[1]));
    writingFunctions.set(fn, writing);
  }
  if (!writing) return false;
  const key = sourceCode.getText(buffer);
  let perFunction = mayWriteCache.get(fn);
  if (!perFunction) mayWriteCache.set(fn, (perFunction = new Map()));
  let known = perFunction.get(key);
  if (known === undefined) perFunction.set(key, (known = mayWriteText(fn, buffer, sourceCode)));
  return known;
}

const mayWriteCache = new WeakMap<FunctionNode, Map<string, boolean>>();
const writingFunctions = new WeakMap<FunctionNode, boolean>();

function mayWriteText(fn: FunctionNode, buffer: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const text = sourceCode.text;
  const [start, end] = fn.range;
  const targets = [sourceCode.getText(buffer)];
  if (buffer.type === AST_NODE_TYPES.MemberExpression) targets.push(sourceCode.getText(unwrap(buffer.object)));
  return targets.some((target, index) => {
    for (let at = text.indexOf(target, start); at >= 0 && at < end; at = text.indexOf(target, at + 1)) {
      // Written into: `buf[…]` (a read too: a superset), `buf.set(…)`, `buf.writeUInt8(…)`.
      if (index === 0) {
        let next = skipSpace(text, at + target.length, 1);
        if (text[next] === '[') return true;
        if (text[next] === '?') next++;
        if (text[next] === '.') {
          const name = wordAt(text, skipSpace(text, next + 1, 1), 1);
          if (MUTATING_METHODS.test(name)) return true;
        }
      }
      // Handed first to a copy (`src.copy(buf`), or in any place to a writer: `encode.utf8Write(buf`,
      // `this._writeObj(tap`, `write32bit(index, _buffer, length)` (mongodb-core's commands).
      const first = skipSpace(text, at - 1, -1);
      const open = text[first] === '(' ? first : text[first] === ',' ? openingParen(text, first, start) : -1;
      if (open >= 0) {
        const name = wordAt(text, skipSpace(text, open - 1, -1), -1);
        if ((name === 'copy' && open === first) || WRITER_NAME.test(name)) return true;
      }
    }
    return false;
  });
}

/**
 * The `(` of the call whose arguments hold the `,` at `at` (after `start`), when it is near and nothing but
 * other arguments come between: -1 across a statement or a block, or inside brackets.
 */
function openingParen(text: string, at: number, start: number): number {
  let depth = 0;
  for (let i = at - 1; i >= start && at - i < 200; i--) {
    const c = text[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') {
      if (depth === 0) return c === '(' ? i : -1;
      depth--;
    } else if (c === ';' || c === '{' || c === '}') return -1;
  }
  return -1;
}

/** The index of the first character from `at` (going `step`) that is not white space. */
function skipSpace(text: string, at: number, step: 1 | -1): number {
  let i = at;
  while (i >= 0 && i < text.length && /\s/.test(text[i]!)) i += step;
  return i;
}

/** The identifier that starts (step 1) or ends (step -1) at `at`. */
function wordAt(text: string, at: number, step: 1 | -1): string {
  let i = at;
  while (i >= 0 && i < text.length && /[\w$]/.test(text[i]!)) i += step;
  return step === 1 ? text.slice(at, i) : text.slice(i + 1, at + 1);
}

// Per function: every write in it, by the text of what it writes into (one walk, however many cuts it has).
const writesIn = new WeakMap<FunctionNode, Map<string, TSESTree.Node[]>>();

/** A cut handed straight to a call (`this.emit('data', buf.slice(0, n))`, `socket.write(…)`), or put in a variable first. */
function mayBeWrittenAfter(node: TSESTree.Node): boolean {
  const type = outerParent(node).parent?.type;
  return type === AST_NODE_TYPES.CallExpression || type === AST_NODE_TYPES.VariableDeclarator;
}

/** The writes into `buffer` (or its holder) in `fn` after `after`, first first. */
function writesAfter(buffer: TSESTree.Node, fn: FunctionNode, after: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  return writesAround(buffer, fn, sourceCode).filter((write) => write.range[0] > after.range[1]);
}

/** The writes into `buffer` (or, by a writer's name, into its holder) in `fn` before `before`, first first. */
function writesBefore(buffer: TSESTree.Node, fn: FunctionNode, before: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  return writesAround(buffer, fn, sourceCode).filter((write) => write.range[0] < before.range[0]);
}

/** Every write into `buffer` (or, by a writer's name, into its holder) in `fn`, first first. */
function writesAround(buffer: TSESTree.Node, fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  let all = writesIn.get(fn);
  if (!all) writesIn.set(fn, (all = writesOf(fn, sourceCode)));
  const text = (node: TSESTree.Node) => compactText(sourceCode, node);
  const writes = [...(all.get(text(buffer)) ?? [])];
  // A writer handed the buffer's holder (`this._writeObj(tap, obj)` for `tap.buf`).
  if (buffer.type === AST_NODE_TYPES.MemberExpression) {
    for (const write of all.get(`holder:${text(unwrap(buffer.object))}`) ?? []) writes.push(write);
  }
  return writes.sort((a, b) => a.range[0] - b.range[0]);
}

/** `buf[i] = x`, `buf.set(…)` (or another mutating method), `src.copy(buf, …)`, `encode.utf8Write(buf, …)`, by what they write into. */
function writesOf(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): Map<string, TSESTree.Node[]> {
  const text = (node: TSESTree.Node) => compactText(sourceCode, node);
  const found = new Map<string, TSESTree.Node[]>();
  const add = (key: string, node: TSESTree.Node) => {
    const list = found.get(key);
    if (list) list.push(node);
    else found.set(key, [node]);
  };
  walk(fn.body, (node) => {
    if (isFunction(node) && node !== fn) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      const left = node.left;
      if (left.type === AST_NODE_TYPES.MemberExpression && left.computed) add(text(unwrap(left.object)), node);
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const method = methodCall(node);
      if (method && MUTATING_METHODS.test(method.name)) add(text(unwrap(method.receiver)), node);
      else if (method?.name === 'copy' && node.arguments[0]) add(text(unwrap(node.arguments[0])), node);
      else {
        const callee = unwrap(node.callee);
        const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
        if (name && WRITER_NAME.test(name)) {
          for (const arg of node.arguments) {
            if (arg.type === AST_NODE_TYPES.SpreadElement) continue;
            const key = text(unwrap(arg));
            add(key, node);
            add(`holder:${key}`, node);
          }
        }
      }
    }
    return undefined;
  });
  return found;
}

/**
 * Where the view goes out of the function: returned, pushed onto a stream (`this.push(view)`), passed to the
 * function's callback (`cb(null, view)`), or kept (`sinkOf`).
 */
function handedOut(node: TSESTree.CallExpression, fn: FunctionNode, facts: FileFacts): Sink | undefined {
  const { child, parent } = outerParent(node);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== child && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression && propertyName(callee) === 'push') {
      return { kind: 'collection', label: '`this.push()` queues it for the stream\'s reader', target: parent, value: child };
    }
    if (callee.type === AST_NODE_TYPES.Identifier && fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === callee.name)) {
      return { kind: 'returned', label: `the callback \`${callee.name}()\` receives it`, target: parent, value: child };
    }
    // `this.emit('attachment_data', view)`: the event's listeners receive it, and may keep it.
    const event = callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'emit' && parent.arguments.indexOf(child as TSESTree.CallExpressionArgument) > 0 ? staticString(parent.arguments[0]) : undefined;
    if (event !== undefined) {
      return { kind: 'collection', label: `the listeners of \`'${event}'\` receive it`, target: parent, value: child };
    }
  }
  return facts.escapes.returnedBy(node) ?? facts.escapes.sinkOf(node) ?? queuedBy(child, parent, facts);
}

/**
 * The cut handed to a stream's write (`this.write(c)`, `socket.write(b.slice(0, n))`), directly or through the
 * variable it is put in (node-amqp's `var c = b.slice(0, b.used); this.write(c)` of its `_sendBuffer`).
 */
function queuedBy(child: TSESTree.Node, parent: TSESTree.Node | undefined, facts: FileFacts): Sink | undefined {
  const queue = (value: TSESTree.Node, call: TSESTree.Node | undefined): Sink | undefined => {
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== value) return undefined;
    const method = methodCall(call);
    if (!method || !QUEUEING_WRITES.has(method.name)) return undefined;
    const receiver = unwrap(method.receiver);
    if (receiver.type !== AST_NODE_TYPES.ThisExpression && !QUEUEING_WRITERS.test(nameOf(receiver) ?? '')) return undefined;
    return { kind: 'collection', label: `\`${shortText(facts.sourceCode, call.callee)}()\` holds it, not a copy, until it is sent`, target: call, value };
  };
  const direct = queue(child, parent);
  if (direct) return direct;
  const id = variableHolding(child, parent);
  const variable = id && findVariable(facts.sourceCode, id);
  if (!variable || variable.defs.length !== 1) return undefined;
  for (const reference of variable.references) {
    if (reference.init || reference.isWrite()) continue;
    const { child: use, parent: user } = outerParent(reference.identifier as TSESTree.Node);
    const found = queue(use, user);
    if (found) return found;
  }
  return undefined;
}

/**
 * A view of WebAssembly memory at a pointer (`new Float32Array(Module.HEAPU8.buffer, out, n)`,
 * `Module.HEAPU8.subarray(out, out + n)`) that the function hands out after it has freed that pointer
 * (`_free(out)`): returned, or kept. Whoever reads it reads memory the module's allocator hands to its next
 * allocation, or, once the memory grows, a detached view of length 0 (lcms-wasm's transform, fixed by
 * copying the output before `_free`). The free must come after the view, in a block around both it and the
 * return: a free on an early exit leaves the view alone. Or the function runs the module again after making the
 * view, on the way to the return that hands it back (`Module.kmcmp_compile(…)`, keyman's compiler): that may grow the
 * memory, detaching the view, or reuse its bytes.
 */
export interface FreedHeapView {
  view: TSESTree.NewExpression | TSESTree.CallExpression;
  /** The pointer's name as the view and the free spell it (or, for a module run again, the view's offset). */
  pointer: string;
  /** The free, or the call that runs the module again. */
  free: TSESTree.CallExpression;
  /** Where the view goes after it, when it is returned or kept (not when it is only read after a free). */
  sink?: Sink;
  /** For messages: what happens to the view after: "`render()` returns it", "it is kept in `this.out`", "`this.convert()` is handed it". */
  after: string;
  /** `free`: the pointer is freed; `rerun`: the module runs again (`Module.compile(…)`), which may grow or reuse its memory. */
  event: 'free' | 'rerun';
}

export function findFreedHeapView(node: TSESTree.NewExpression | TSESTree.CallExpression, facts: FileFacts): FreedHeapView | undefined {
  const offset = heapViewOffset(node);
  if (!offset) return undefined;
  const names = new Set<string>();
  walk(offset, (part) => {
    if (part.type === AST_NODE_TYPES.Identifier) names.add(part.name);
    return undefined;
  });
  if (names.size === 0) return undefined;
  const fn = enclosingFunction(node);
  if (!fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  // Cheap first: the function's text frees something, or calls the module the heap is of (`Module.…(`).
  const owner = heapOwner(node);
  const body = facts.sourceCode.text.slice(fn.body.range[0], fn.body.range[1]);
  if (!/free|dealloc/.test(body) && !(owner && body.includes(`${owner}.`))) return undefined;
  // Returned directly, through the variable it is put in or in a record (`{ data: view }`), or kept; else read
  // from the variable it is put in, after the free (pdfium's `render()` hands it to an awaited conversion).
  const sink = facts.escapes.returnedBy(node) ?? facts.escapes.sinkOf(node, { resultOf: fn });
  const holder = sink ? undefined : variableHolding(node);
  const held = holder && findVariable(facts.sourceCode, holder);
  if (!sink && (!held || held.references.filter((ref) => ref.isWrite()).length !== 1)) return undefined;
  // A returned view leaves at a `return` after it; a kept one is read later, after any free that follows it.
  const returns = sink?.kind === 'returned' ? returnsAfter(node, fn) : undefined;
  let free: TSESTree.CallExpression | undefined;
  walk(fn.body, (part) => {
    if (free || isFunction(part)) return false;
    if (part.type !== AST_NODE_TYPES.CallExpression || part.range[0] < node.range[1]) return undefined;
    const callee = unwrap(part.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    const first = part.arguments[0] && unwrap(part.arguments[0]);
    if (!name || !WASM_FREE_NAMES.test(name) || first?.type !== AST_NODE_TYPES.Identifier || !names.has(first.name)) return undefined;
    // The free's block holds the view (and the `return` after the free): it runs on the way from one to the other.
    const block = part.parent?.type === AST_NODE_TYPES.ExpressionStatement ? part.parent.parent : undefined;
    if (block?.type !== AST_NODE_TYPES.BlockStatement || !isInside(node, block)) return undefined;
    if (!returns || returns.some((at) => at.range[0] >= part.range[1] && isInside(at, block))) free = part;
    return undefined;
  });
  if (free) {
    const freed = { view: node, pointer: (unwrap(free.arguments[0]!) as TSESTree.Identifier).name, free, event: 'free' as const };
    if (sink) return { ...freed, sink, after: sinkPhrase(sink) };
    const end = free.range[1];
    const read = held?.references.find((ref) => ref.isRead() && ref.identifier.range[0] > end);
    if (!read) return undefined;
    const call = callHanding(read.identifier);
    return { ...freed, after: call ? `\`${shortText(facts.sourceCode, call.callee)}()\` is handed it` : 'it is read' };
  }
  // `Module.kmcmp_compile(…)` after the view, on the way to a `return` (keyman's compiler): the module runs again.
  const rerun = sink && owner ? moduleCallAfter(node, owner, fn, returns) : undefined;
  return rerun && sink && { view: node, pointer: facts.sourceCode.getText(offset), free: rerun, sink, after: sinkPhrase(sink), event: 'rerun' };
}

/** "`f()` returns it", or "it is kept in `this.out`". */
function sinkPhrase(sink: Sink): string {
  return sink.kind === 'returned' ? sink.label : `it is kept in ${sink.label}`;
}

/** The call `node` is an argument of, directly or as a property of an object literal argument (`convert({ data })`). */
function callHanding(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  let value: TSESTree.Node = node;
  for (let steps = 0; steps < 3; steps++) {
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== value) return parent;
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === value && parent.parent.type === AST_NODE_TYPES.ObjectExpression) value = parent.parent;
    else return undefined;
  }
  return undefined;
}

/** `Module` of `Module.HEAPU8.buffer` or `Module.HEAPU8.subarray(…)`: the object the heap views belong to. */
function heapOwner(node: TSESTree.NewExpression | TSESTree.CallExpression): string | undefined {
  let heap: TSESTree.Node | undefined;
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const store = node.arguments[0] && unwrap(node.arguments[0]);
    heap = store?.type === AST_NODE_TYPES.MemberExpression ? unwrap(store.object) : undefined;
  } else {
    const method = methodCall(node);
    heap = method && unwrap(method.receiver);
  }
  if (heap?.type !== AST_NODE_TYPES.MemberExpression || heap.computed || !(propertyName(heap) ?? '').startsWith('HEAP')) return undefined;
  const owner = unwrap(heap.object);
  return owner.type === AST_NODE_TYPES.Identifier ? owner.name : undefined;
}

/** Emscripten's helpers that read or write the heap without running the module's code or allocating. */
const HEAP_ONLY_HELPERS = /^(?:getValue|setValue|UTF8ToString|UTF16ToString|UTF32ToString|AsciiToString|lengthBytesUTF8|lengthBytesUTF16|stringToUTF8|stringToUTF16|writeArrayToMemory)$/;

/** A call on `owner` (`Module.kmcmp_compile(…)`, `Module._malloc(n)`) after `node` and before a `return` that hands it back (or anywhere after, for a kept view). */
function moduleCallAfter(node: TSESTree.Node, owner: string, fn: FunctionNode, returns: TSESTree.Node[] | undefined): TSESTree.CallExpression | undefined {
  let found: TSESTree.CallExpression | undefined;
  walk(fn.body, (part) => {
    if (found || isFunction(part)) return false;
    if (part.type !== AST_NODE_TYPES.CallExpression || part.range[0] < node.range[1]) return undefined;
    const callee = unwrap(part.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
    const object = unwrap(callee.object);
    const name = propertyName(callee);
    // Freeing other memory reuses none of the view's bytes and grows nothing.
    if (object.type !== AST_NODE_TYPES.Identifier || object.name !== owner || !name || HEAP_ONLY_HELPERS.test(name) || WASM_FREE_NAMES.test(name)) return undefined;
    if (!returns || returns.some((at) => at.range[0] >= part.range[1])) found = part;
    return undefined;
  });
  return found;
}

/** The pointer a view of module memory starts at: `new TA(HEAP.buffer, ptr, …)`, `memory.buffer` alike, `HEAPU8.subarray(ptr, …)`. */
function heapViewOffset(node: TSESTree.NewExpression | TSESTree.CallExpression): TSESTree.Node | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression) {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || (!TYPED_ARRAY_CONSTRUCTORS.has(callee.name) && callee.name !== 'DataView')) return undefined;
    const [store, offset] = node.arguments;
    const member = store && unwrap(store);
    return member?.type === AST_NODE_TYPES.MemberExpression && propertyName(member) === 'buffer' && WASM_HEAP_NAMES.test(heapName(member.object)) && offset?.type !== AST_NODE_TYPES.SpreadElement ? offset : undefined;
  }
  // A view's `subarray`: Emscripten's `HEAP*` views (a `memory` is a WebAssembly.Memory, which has none).
  const method = methodCall(node);
  const offset = node.arguments[0];
  const heap = method ? heapName(method.receiver) : '';
  return method?.name === 'subarray' && heap.startsWith('HEAP') && WASM_HEAP_NAMES.test(heap) && offset?.type !== AST_NODE_TYPES.SpreadElement ? offset : undefined;
}

/** `HEAPU8` of `HEAPU8` or `Module.HEAPU8`; '' for anything else. */
function heapName(node: TSESTree.Node): string {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? (propertyName(value) ?? '') : '';
}

/** `node` is what `fn` returns: directly (`return view`, an arrow's body), or through the one variable it is put in. */
function returnOf(node: TSESTree.Node, fn: FunctionNode): boolean {
  if (returnSiteOf(node)?.fn === fn) return true;
  const { child, parent } = outerParent(node);
  const holder = parent && variableHolding(child, parent);
  return !!holder && returnsAfter(node, fn).some((value) => {
    const returned = unwrap(value);
    return returned.type === AST_NODE_TYPES.Identifier && returned.name === holder.name;
  });
}

/** What `fn` returns after `node` (its `return` expressions, ast.returnedExpressions, from `node` on). */
function returnsAfter(node: TSESTree.Node, fn: FunctionNode): TSESTree.Node[] {
  return returnedExpressions(fn).filter((value) => value.range[0] >= node.range[1]);
}

/**
 * The ArrayBuffer uWebSockets.js lends to `res.onData((chunk, isLast) => …)`, or a view of it that copies
 * nothing (`Buffer.from(chunk)`, `new Uint8Array(chunk)`), kept past the callback: read after uWebSockets.js
 * has freed or reused the memory (engine.io's uWS polling transport crashed on a detached store).
 */
export interface LentBufferView {
  /** The kept value: the parameter, or the view made of it. */
  value: TSESTree.Node;
  /** The parameter's reference in it (`chunk`), which a copy (`chunk.slice(0)`) replaces. */
  reference: TSESTree.Identifier;
  /** The view takes an offset or a length (`Buffer.from(chunk, 4, 8)`): a whole copy would do, but no exact one. */
  partial: boolean;
  /** `res.onData()`. */
  lender: string;
  sink: Sink;
}

export function findLentBufferViews(fn: FunctionNode, facts: FileFacts): LentBufferView[] {
  // Cheap first: a callback given to `x.onData(…)`.
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return [];
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'onData') return [];
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier || !isUwsResponse(unwrap(callee.object), facts)) return [];
  const variable = findVariable(facts.sourceCode, param);
  if (!variable || isWritten(variable)) return [];
  const lender = `\`${facts.sourceCode.getText(callee)}()\``;
  const found: LentBufferView[] = [];
  for (const { identifier } of variable.references) {
    const value = viewOfWhole(identifier) ?? identifier;
    const parent = value.parent;
    if (value === identifier && parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) continue;
    const sink = facts.escapes.sinkOf(value);
    if (sink) found.push({ value, reference: identifier as TSESTree.Identifier, partial: value !== identifier && (value as TSESTree.CallExpression).arguments.length > 1, lender, sink });
  }
  return found;
}

/** `Buffer.from(ab)`, `Buffer.from(ab, off, len)`, `new Uint8Array(ab)`: a view over the ArrayBuffer `id`, no copy. */
function viewOfWhole(id: TSESTree.Node): TSESTree.Node | undefined {
  const parent = id.parent;
  if ((parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) || parent.arguments[0] !== id) return undefined;
  const callee = unwrap(parent.callee);
  if (parent.type === AST_NODE_TYPES.NewExpression) return callee.type === AST_NODE_TYPES.Identifier && (TYPED_ARRAY_CONSTRUCTORS.has(callee.name) || callee.name === 'DataView') ? parent : undefined;
  const method = methodCall(parent);
  const receiver = method && unwrap(method.receiver);
  return method?.name === 'from' && receiver?.type === AST_NODE_TYPES.Identifier && receiver.name === 'Buffer' ? parent : undefined;
}

/** `res` is a uWebSockets.js response: the file imports the module, or calls a method only its responses have on `res`. */
function isUwsResponse(res: TSESTree.Node, facts: FileFacts): boolean {
  if (LENT_BUFFER_MODULES.some((module) => facts.calls.importsModule(module))) return true;
  if (res.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(facts.sourceCode, res);
  return !!variable?.references.some(({ identifier }) => {
    const member = identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier && LENT_BUFFER_RESPONSE_METHODS.has(propertyName(member) ?? '') && member.parent?.type === AST_NODE_TYPES.CallExpression;
  });
}
