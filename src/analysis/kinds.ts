import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ALLOCATING_BUFFER_FACTORIES,
  BUFFER_FACTORIES,
  BUFFER_RETURNING_FUNCTIONS,
  BYTE_EVENTS,
  BYTE_STREAM_FACTORIES,
  BYTE_STREAM_TYPES,
  CONNECTION_EVENTS,
  SOCKET_SERVER_FACTORIES,
  DATAGRAM_FACTORIES,
  SUBSCRIBE_METHODS,
  EXACT_BUFFER_FACTORIES,
  STREAM_CHUNK_METHODS,
  RECEIVER_RETURNING_METHODS,
  POOLED_BUFFER_FACTORIES,
  POOLED_FACTORY_NAMES,
  POOLED_LIBRARY_FACTORIES,
  UNPOOLED_LIBRARY_COUNTERPARTS,
  KEYED_CACHE_MODULES,
  MAX_POOLED_SIZE,
  BUFFER_ONLY_METHODS,
  STRING_ONLY_METHODS,
  STRING_SLICE_METHODS,
  TYPED_ARRAY_CONSTRUCTORS,
  VIEW_ONLY_MEMBERS,
  VIEW_RETURNING_LIBRARY_FUNCTIONS,
} from './apis';
import { CONTRACT_MODULES, findLibraryContract, mayRunContract, type LibraryContract } from './library-contracts';
import {
  assignedValues,
  calleeName,
  comparedWith,
  compactText,
  cutCall,
  findVariable,
  functionName,
  importedName,
  isBufferConstructor,
  enclosingFunction,
  enclosingTests,
  isConstructedBy,
  cutReceiver,
  isCutName,
  isEmptyValue,
  isFunction,
  isGlobalBinding,
  isInside,
  isPatternTarget,
  isWritten,
  memberKeyName,
  outerParent,
  variableHolding,
  methodCall,
  moduleOf,
  nameOf,
  parameterOf,
  parameterPropertyNamed,
  propertyName,
  returnedExpressions,
  shortText,
  singleInit,
  staticNumber,
  staticString,
  unwrap,
  sortInWalkOrder,
  walkedNodeAt,
  type FunctionNode,
} from './ast';
import type { CallGraph } from './calls';
import type { Handler, HandlerFinder } from './handlers';
import { isViewKind, type TypeFacts, type ValueKind } from './types';
import { annotationKind, assertedKind, declaredElementType, destructuredKind, constructorKind, jsdocKind, jsdocType, typeNodeKind, type DeclaredTypes } from './declared';
import { confirmView, findViewCandidate, isRewrapOf, type KindReader, type ViewCandidate, type ViewCreation } from './views';

/*
 * kinds.ts: the one place that answers "what is this value" (a Buffer, another typed array, a view that
 * may be smaller than its ArrayBuffer, an owner of its whole store, a pooled Buffer, a string, or not
 * binary at all), with its evidence and a level (proven, likely, unknown), and the one place the
 * question modules learn whether type information exists (`typed`, `typeParts`, `isInstanceOf`).
 * Types are asked first; without them, the code: constructors, factories, annotations and assertions,
 * Node APIs and their platform contracts, every value a variable or field is given (in a class or a
 * pre-class "class"), the methods called on it, and narrowing tests around a use.
 */

/**
 * What a Buffer or typed-array value really is, with the evidence that decided: provably a Buffer,
 * a view that may be smaller than its ArrayBuffer, or a value that owns its whole ArrayBuffer.
 * Untyped answers come only from the code (the API that made the value, an annotation); typed answers
 * add the checker's. Every answer is a short label for messages, or undefined when unsure.
 */
export interface LargerBacking {
  /** For messages: "a `subarray` view", "a pooled Buffer from `Buffer.from(...)`". */
  label: string;
  /** What the value is, as far as known. */
  kind: 'buffer' | 'typed-array' | 'data-view' | 'unknown';
  /** The confirmed view, when the value is a view-making expression (the fix copies it in place). */
  view?: ViewCreation;
  /** Proven (a type, an API, a socket's contract) or likely (an event name on an emitter of unknown origin). */
  level: KindLevel;
  /** The value's own `slice` is an exact copy of the same type (a typed array that cannot be a Buffer). */
  ownSliceCopies: boolean;
  /** The view's parent is declared or typed `Uint8Array` (a prototype-call copy keeps the static type). */
  uint8?: boolean;
}

/** A call whose result may be a small slice of a shared pool slab (see `ValueKinds.pooledFactory`). */
export interface PooledFactory {
  /** For messages: "`Buffer.from()`", "`b4a.allocUnsafe()`", "`c.encode()`". */
  label: string;
  /** The library's own unpooled factory of the same result, when it has one (b4a's `allocUnsafeSlow`). */
  unpooled?: string;
  /** Node's own factory: the result is a Buffer on every platform. */
  buffer: boolean;
  /** The function the pooled Buffer comes out of, when the call is not the factory itself: "`hash()` of `./crypto`". */
  via?: string;
}

const MAX_DEPTH = 4;
const UINT8_ARRAY = new Set(['Uint8Array']);
/** Named like a Buffer accessor but not one: `readInt32`, `writeUInt16`, `readDouble`, `readVarInt`. */
const LOOK_ALIKE_ACCESSOR = /^(?:read|write)(?:U?Int|Uint|Float|Double|BigU?Int|BigUint|Var)/;
/** Buffer-only accessors that say what a field holds (`equals` and `compare` are too common elsewhere). */
const FIELD_PROOF_METHODS = /^(?:read|write|swap)/;

/** How sure an answer is: proven by a type or the code, likely from names and shapes, or unknown. */
export type KindLevel = 'proven' | 'likely' | 'unknown';

export interface KindAnswer {
  kind: ValueKind;
  level: KindLevel;
  /** What decided: 'type' (the checker), 'code' (an API, constructor, annotation, contract), 'names'. */
  evidence: 'type' | 'code' | 'names' | 'none';
}

const UNKNOWN_ANSWER: KindAnswer = { kind: 'unknown', level: 'unknown', evidence: 'none' };

/** Nodes visited while reading a kind from the code; `guessed` once any step relied on names only. */
type Seen = Set<TSESTree.Node> & { guessed?: boolean };

/**
 * The function of another file of the package a call runs (a relative import), with that file's kinds to
 * ask about what it returns, and the specifier as written (`./crypto`) for messages. Given by `FileFacts`.
 */
export type FunctionElsewhere = (call: TSESTree.CallExpression) => { fn: FunctionNode; kinds: ValueKinds; module: string } | undefined;

/**
 * A view of one of its parameters that a function hands back: the parameter's index, where the view sits in
 * what it returns (`[]` for the result itself, `['key']` for `{ key: buf.subarray(4, 36) }`), and the cut as
 * written there, for messages.
 */
export interface ParameterView {
  index: number;
  fields: readonly string[];
  /** The cut as written in its file: "`buf.subarray(4, 36)`". */
  cut: string;
  /** `slice` makes a view only of a Buffer: the caller's argument must be one when the function's file cannot tell. */
  needsBuffer: boolean;
  /** A method of the parameter cut it (`subarray`, `slice`): a view of the same class, a Buffer of a Buffer. */
  sameClass: boolean;
}

/** The views of its arguments a call hands back, cut by a function of another file of the package. */
export interface ArgumentViews {
  views: readonly ParameterView[];
  /** The other file's specifier as written (`./parser`). */
  module: string;
  /** The function's name there, for messages (`parseHeader`). */
  name: string | undefined;
}

/** What a called function returns, with the kinds of the file that holds it (this one, or another of the package). */
interface HelperReturns {
  /** The function the call runs (of this file, or of the other file `kinds` answers for). */
  fn: FunctionNode;
  values: TSESTree.Node[];
  kinds: ValueKinds;
  /** ` (in ./crypto)` for a function of another file; '' for one of this file. */
  where: string;
  /** The other file's specifier as written (`./crypto`), for a function of another file. */
  module?: string;
}

export class ValueKinds {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly types: TypeFacts,
    private readonly declared: DeclaredTypes,
    private readonly handlers: HandlerFinder,
    private readonly calls?: CallGraph,
    private readonly elsewhere?: FunctionElsewhere,
  ) {}

  /**
   * The returns of the function a call runs: a function of this file (`calls`), else one another file of
   * the package exports and this file imports by a relative path, whose returns are then asked of that
   * file's kinds (only the latter with `elsewhereOnly`). Undefined when the function is unknown or returns nothing.
   */
  private helperReturns(call: TSESTree.CallExpression, elsewhereOnly = false): HelperReturns | undefined {
    // Most calls name a local value or a method of one: no scope lookup for those. A function of this file
    // is called by its name (`helper(x)`) or on `this`; one of another file by the name or the module
    // object a relative import binds (`hash(x)`, `crypto.hash(x)`).
    const callee = unwrap(call.callee);
    const named = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
    const here =
      !elsewhereOnly &&
      (named.type === AST_NODE_TYPES.ThisExpression || (callee.type === AST_NODE_TYPES.Identifier && (!this.calls || this.calls.mayNameFunction(callee.name))));
    const helper = here ? this.calls?.resolveCallee(call) : undefined;
    if (helper) {
      const values = returnedExpressions(helper);
      return values.length > 0 ? { fn: helper, values, kinds: this, where: '' } : undefined;
    }
    if (named.type !== AST_NODE_TYPES.Identifier || !this.calls?.mayNameRelativeImport(named.name)) return undefined;
    const other = this.elsewhere?.(call);
    if (!other) return undefined;
    const values = returnedExpressions(other.fn);
    return values.length > 0 ? { fn: other.fn, values, kinds: other.kinds, where: ` (in \`${other.module}\`)`, module: other.module } : undefined;
  }

  private readonly answers = new WeakMap<TSESTree.Node, KindAnswer>();

  /**
   * What kind of value `expr` is, how sure, and why: the checker's type first (proven), then evidence
   * from the code. A constructor, a `Buffer.*` factory, an annotation or assertion, a Node API, a
   * Buffer-only method called on it, or a platform contract (a socket's `'data'`) prove a kind; an event
   * name or a member only views have (`'data'` on an emitter of unknown origin) make it likely.
   */
  describe(expr: TSESTree.Node): KindAnswer {
    const node = unwrap(expr);
    const known = this.answers.get(node);
    if (known) return known;
    let answer: KindAnswer = UNKNOWN_ANSWER;
    if (this.types.typed) {
      const typed = this.types.kindOf(node);
      if (typed !== 'unknown') answer = { kind: typed, level: 'proven', evidence: 'type' };
      // @types/node types a 'data' chunk Buffer even after `setEncoding`: the code knows better.
      if (typed === 'buffer' && this.isEncodedChunk(node)) answer = { kind: 'string', level: 'proven', evidence: 'code' };
    }
    if (answer === UNKNOWN_ANSWER && this.isNarrowedToView(node)) answer = { kind: 'view', level: 'proven', evidence: 'code' };
    if (answer === UNKNOWN_ANSWER && this.isBufferEncodedChunk(node)) answer = { kind: 'buffer', level: 'proven', evidence: 'code' };
    // `if (x instanceof ArrayBuffer) … Buffer.from(x)`, `types.isAnyArrayBuffer(x) && …`: a store there.
    if (answer === UNKNOWN_ANSWER && this.isNarrowedBy(node, testsOnlyStore)) answer = { kind: 'array-buffer', level: 'proven', evidence: 'code' };
    if (answer === UNKNOWN_ANSWER) {
      const seen: Seen = new Set();
      let kind: ValueKind = 'unknown';
      try {
        kind = this.syntacticKind(expr, 0, seen);
      } catch {
        kind = 'unknown';
      }
      if (kind !== 'unknown') answer = { kind, level: seen.guessed ? 'likely' : 'proven', evidence: seen.guessed ? 'names' : 'code' };
    }
    this.answers.set(node, answer);
    return answer;
  }

  /**
   * `if (ArrayBuffer.isView(x)) … x …`, `x instanceof Uint8Array ? … x … : …`, `Buffer.isBuffer(x) && … x`:
   * inside the branch the test proves, `x` is a view (of which class, the test may not say).
   */
  private isNarrowedToView(node: TSESTree.Node): boolean {
    return this.isNarrowedBy(node, testsView);
  }

  /**
   * `this` at `node` is a view: in a method of a view class (a class extending `Buffer`, `Uint8Array` or
   * another typed array, or a function assigned to `Buffer.prototype.name` / `Uint8Array.prototype.name`;
   * arrows see the outer `this`), or in a function whose declared `this` may be one
   * (`function (this: DataView | TypedArray | ArrayBuffer, …)`: vscode-js-debug's memory readers, called on
   * whatever binary value the debuggee holds).
   */
  thisIsView(node: TSESTree.Node): boolean {
    let fn: TSESTree.Node | undefined = node.parent;
    while (fn && (!isFunction(fn) || fn.type === AST_NODE_TYPES.ArrowFunctionExpression)) fn = fn.parent;
    if (!fn) return false;
    if (declaredThisMayBeView(fn as FunctionNode)) return true;
    const holder = fn.parent;
    if (holder?.type === AST_NODE_TYPES.MethodDefinition) {
      const cls = holder.parent.parent;
      if (cls.type !== AST_NODE_TYPES.ClassDeclaration && cls.type !== AST_NODE_TYPES.ClassExpression) return false;
      return (!!cls.superClass && isViewClassName(nameOf(unwrap(cls.superClass)))) || this.viewsOwnStore(cls);
    }
    if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === fn && holder.left.type === AST_NODE_TYPES.MemberExpression) {
      const prototype = unwrap(holder.left.object);
      return prototype.type === AST_NODE_TYPES.MemberExpression && propertyName(prototype) === 'prototype' && isViewClassName(nameOf(unwrap(prototype.object)));
    }
    return false;
  }

  private bufferTests: boolean | undefined;

  /** The file's text has a Buffer test (`Buffer.isBuffer(`, `instanceof Buffer`): most files have none, and need no walk up to the tests around a value. */
  private testsForBuffers(): boolean {
    this.bufferTests ??= /Buffer\s*\.\s*isBuffer\s*\(|instanceof\s+Buffer\b/.test(this.sourceCode.text);
    return this.bufferTests;
  }

  private readonly ownStoreViews = new WeakMap<TSESTree.Node, boolean>();

  /**
   * A class whose own code makes a view of `this.buffer` starting at `this.byteOffset` (`new Uint8Array(this.buffer,
   * this.byteOffset + this.offset, n)`, fast-png's decoder, an IOBuffer): its instances are views of that store, as
   * a typed array is of its own.
   */
  private viewsOwnStore(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
    let known = this.ownStoreViews.get(cls);
    if (known === undefined) {
      known = /\bthis\s*\.\s*buffer\s*,\s*this\s*\.\s*byteOffset\b/.test(this.sourceCode.text.slice(cls.range[0], cls.range[1]));
      this.ownStoreViews.set(cls, known);
    }
    return known;
  }

  /**
   * `x instanceof WebAssembly.Memory ? new DataView(x.buffer) : …`: inside the branch `x` is an instance of a
   * class that is neither a view nor a store, and its `buffer` is that object's own (a Memory's is all of it).
   */
  isNarrowedToOtherClass(node: TSESTree.Node): boolean {
    return this.isNarrowedBy(node, testsOtherClass);
  }

  /** Inside a branch whose test (`if`, `?:`, `&&`, up to the function) `proves` says something of the value. */
  private isNarrowedBy(raw: TSESTree.Node, proves: (test: TSESTree.Node, text: string, sourceCode: Readonly<TSESLint.SourceCode>) => boolean): boolean {
    const node = unwrap(raw);
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression && node.type !== AST_NODE_TYPES.ThisExpression) return false;
    const text = this.sourceCode.getText(node);
    for (const { test, taken } of enclosingTests(node)) if (taken && proves(test, text, this.sourceCode)) return true;
    return false;
  }

  /**
   * `if (x instanceof ArrayBuffer || ArrayBuffer.isView(x)) … x.buffer …`: inside the branch `x` is a view
   * or a store; where its `buffer` is read, a view.
   */
  isNarrowedToViewOrStore(node: TSESTree.Node): boolean {
    return this.isNarrowedBy(node, testsViewOrStore);
  }

  /**
   * `_write(chunk, encoding, callback)` inside `if (encoding === 'buffer')`: Node's Writable passes a Buffer with
   * the encoding `'buffer'` (a string written is converted first, unless `decodeStrings` is off, and then its
   * encoding is the string's). So does a Transform's `_transform`, and a `write`/`transform` option.
   */
  private isBufferEncodedChunk(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    // The test first (a walk up to the function): most values sit in no branch about `'buffer'`.
    const buffer = (side: TSESTree.Node) => side.type === AST_NODE_TYPES.Literal && side.value === 'buffer';
    const tested: TSESTree.Identifier[] = [];
    for (const { test, taken } of enclosingTests(node)) {
      const other = taken ? comparedWith(test, buffer) : undefined;
      if (other?.type === AST_NODE_TYPES.Identifier) tested.push(other);
    }
    if (tested.length === 0) return false;
    const param = parameterOf(this.sourceCode, node);
    const name = param && param.index === 0 ? functionName(param.fn) : undefined;
    const encoding = param?.fn.params[1];
    if (!param || !name || name === 'flush' || !STREAM_CHUNK_METHODS.has(name) || encoding?.type !== AST_NODE_TYPES.Identifier || isWritten(param.variable)) return false;
    return tested.some((id) => id.name === encoding.name && findVariable(this.sourceCode, id)?.defs[0]?.name === encoding);
  }

  /** A byte event's value (`'data'`) on an emitter given an encoding (`setEncoding('utf8')`): a string. */
  private isEncodedChunk(node: TSESTree.Node): boolean {
    const param = node.type === AST_NODE_TYPES.Identifier ? parameterOf(this.sourceCode, node) : undefined;
    if (!param || param.index !== 0 || isWritten(param.variable)) return false;
    const handler = this.handlers.handlerOf(param.fn);
    return !!handler?.event && BYTE_EVENTS.has(handler.event) && this.handlers.eventValueKind(handler) === 'string';
  }

  /** True when the file has a TypeScript program: the one switch between typed and untyped answers. */
  get typed(): boolean {
    return this.types.typed;
  }

  /** The checker's kind of each part of the value's type (null and undefined left out); [] without types. */
  typeParts(expr: TSESTree.Node): ValueKind[] {
    return this.types.partKinds(unwrap(expr));
  }

  /** With types: the value's type is, or derives from, a class named in `names`. Without: false. */
  isInstanceOf(expr: TSESTree.Node, names: ReadonlySet<string>): boolean {
    return this.types.hasNominalBase(unwrap(expr), names);
  }

  /** The kind alone (proven or likely); 'unknown' when nothing says. */
  kindOf(expr: TSESTree.Node): ValueKind {
    return this.describe(expr).kind;
  }

  /**
   * `kindOf`, except that a value the code calls Buffer-only methods on (`this.buf.readInt32BE()`, a likely
   * Buffer: a Buffer-like class has them too) counts as a Buffer. For answers that end in a suggestion only.
   */
  readonly withLikelyBuffers: KindReader = {
    kindOf: (expr) => {
      const kind = this.kindOf(expr);
      return kind === 'unknown' && this.bufferAnswer(expr) ? 'buffer' : kind;
    },
  };

  /**
   * True when `expr.slice()` is an exact copy of the same type: a typed array that cannot be a Buffer
   * at run time. A value typed or annotated `Uint8Array` may hold a Buffer (a subclass), whose `slice`
   * is a view; only a `Uint8Array` the code makes itself, or another element type, is certain.
   */
  ownSliceCopies(expr: TSESTree.Node): boolean {
    const node = unwrap(expr);
    if (this.types.typed) {
      const parts = this.types.partKinds(node);
      if (parts.length > 0 && parts.every((part) => part === 'typed-array') && !this.types.hasNominalBase(node, UINT8_ARRAY)) return true;
    }
    return this.madeAsTypedArray(node, 0);
  }

  /**
   * True when `expr` is declared or typed `Uint8Array` (a Buffer is one too): a copy made with
   * `Uint8Array.prototype.slice.call(expr, …)` has the static type the code already sees.
   */
  isUint8Array(expr: TSESTree.Node): boolean {
    const node = unwrap(expr);
    if (this.types.typed) {
      const parts = this.types.partKinds(node);
      if (parts.length > 0) {
        if (parts.every((part) => part === 'buffer')) return true;
        return parts.every((part) => part === 'typed-array' || part === 'buffer') && this.types.hasNominalBase(node, UINT8_ARRAY);
      }
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, node);
    if (!variable || variable.defs.length !== 1) return false;
    const def = variable.defs[0]!;
    return this.declaredTypeName(def) === 'Uint8Array';
  }

  /** `new Int16Array(n)`, or a variable every value of which is one (followed through `subarray`). */
  private madeAsTypedArray(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(value.callee);
      return callee.type === AST_NODE_TYPES.Identifier && TYPED_ARRAY_CONSTRUCTORS.has(callee.name) && !findVariable(this.sourceCode, callee)?.defs.length;
    }
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const method = methodCall(value);
      return method?.name === 'subarray' && !method.member.computed && this.madeAsTypedArray(method.receiver, depth + 1);
    }
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, value);
    const values = variable && assignedValues(variable);
    return !!values && values.length > 0 && values.every((each) => this.madeAsTypedArray(each, depth + 1));
  }

  private syntacticKind(raw: TSESTree.Node, depth: number, seen: Seen): ValueKind {
    const asserted = assertedKind(raw);
    if (asserted !== 'unknown') return asserted;
    const node = unwrap(raw);
    if (seen.has(node) || depth > 6) return 'unknown';
    seen.add(node);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return typeof node.value === 'string' ? 'string' : 'other';
      case AST_NODE_TYPES.TemplateLiteral:
        return 'string';
      case AST_NODE_TYPES.BinaryExpression:
        // `rest + chunk`: a `+` with text on either side makes text.
        if (node.operator !== '+') return 'other';
        return this.syntacticKind(node.left, depth + 1, seen) === 'string' || this.syntacticKind(node.right, depth + 1, seen) === 'string' ? 'string' : 'unknown';
      case AST_NODE_TYPES.ArrayExpression:
        return 'array';
      case AST_NODE_TYPES.AwaitExpression:
        return this.syntacticKind(node.argument, depth + 1, seen);
      case AST_NODE_TYPES.ConditionalExpression: {
        const a = this.syntacticKind(node.consequent, depth + 1, seen);
        const b = this.syntacticKind(node.alternate, depth + 1, seen);
        return a === b ? a : 'unknown';
      }
      case AST_NODE_TYPES.NewExpression: {
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier) return 'unknown';
        const kind = constructorKind(callee.name);
        if (kind !== 'other') return kind;
        // `new LRUCache(…)` from a cache library keeps what is `set` in it, as a Map does.
        const variable = findVariable(this.sourceCode, callee);
        const module = variable && moduleOf(variable);
        return module && KEYED_CACHE_MODULES.has(module) ? 'map' : 'other';
      }
      case AST_NODE_TYPES.CallExpression:
        return this.callKind(node, depth, seen);
      case AST_NODE_TYPES.Identifier:
        return this.identifierKind(node, depth, seen);
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(node);
        // `x.buffer` of a view is its store, unless the code reads a `buffer` of that in turn (`state.buffer.buffer`):
        // an ArrayBuffer has none, so there `x` holds a view in its `buffer` field (compact-encoding's state).
        if (name === 'buffer' && isBufferOfRead(node)) {
          const used = memberUsageKind(node, this.sourceCode);
          if (used !== 'unknown') return used;
          seen.guessed = true;
          return 'view';
        }
        if (name === 'buffer' && this.isView(node.object, depth, seen)) return 'array-buffer';
        if (node.object.type === AST_NODE_TYPES.ThisExpression && name) {
          const owner = this.handlers.ownerOf(node);
          if (owner) return this.fieldKind(owner, name);
        }
        // `decoder.arr` with `decoder` declared an instance of a class of this file (`decoder: Decoder`,
        // `@param {Decoder} decoder`): that class's field.
        const instanceOf = name && !node.computed && this.classFieldNames().has(name) ? this.declaredClass(unwrap(node.object)) : undefined;
        if (instanceOf) {
          const field = this.fieldKind(instanceOf, name!);
          if (field !== 'unknown') return field;
        }
        // `this.caches[i]` of a field declared `Array<Array<Record>>`: an array, as its declaration says.
        if (node.computed) {
          const collection = this.declared.collectionKind(node);
          if (collection) return collection;
        }
        const used = memberUsageKind(node, this.sourceCode, (value) => this.syntacticKind(value, depth + 1, seen));
        if (used !== 'unknown' || !name || node.computed || node.object.type === AST_NODE_TYPES.ThisExpression) return used;
        // `turn.userMessage.slice(0, 2000)`, where the file calls `trim()` on another object's `userMessage`:
        // text, likely (only text is taken from the name alone).
        if (this.propertyUseKind(name) !== 'string') return 'unknown';
        seen.guessed = true;
        return 'string';
      }
      default:
        return 'unknown';
    }
  }

  private isView(node: TSESTree.Node, depth: number, seen: Seen): boolean {
    const kind = this.syntacticKind(node, depth + 1, seen);
    return kind === 'buffer' || kind === 'typed-array' || kind === 'data-view';
  }

  private callKind(call: TSESTree.CallExpression, depth: number, seen: Seen): ValueKind {
    const method = methodCall(call);
    if (method) {
      const receiver = unwrap(method.receiver);
      if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'Buffer' && BUFFER_FACTORIES.has(method.name)) {
        return 'buffer';
      }
      if (method.name === 'toString' || method.name === 'decode' || method.name === 'join') return 'string';
      // `JSON.stringify(v)` is text (or undefined, which has no `slice`).
      if (method.name === 'stringify' && receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'JSON') return 'string';
      if (STRING_SLICE_METHODS.has(method.name) && method.name !== 'slice') return 'string';
      if (method.name === 'split') return 'array';
      if (isCutName(method.name)) {
        return this.syntacticKind(method.receiver, depth + 1, seen);
      }
      if (method.name === 'readFileSync' || method.name === 'readFile') return readKind(call);
      if (method.name === 'text') return 'string';
      if (method.name === 'arrayBuffer') return 'array-buffer';
      // `this.#audioQueue.shift()` of a field declared `Buffer[]`: an element, of the kind declared.
      if (TAKE_ELEMENT_METHODS.has(method.name)) {
        const element = declaredElementType(this.sourceCode, receiver);
        if (element) return typeNodeKind(element);
      }
      return 'unknown';
    }
    const name = calleeName(call);
    if (name === 'readFileSync' || name === 'readFile') return readKind(call);
    if (name === 'String') return 'string';
    return 'unknown';
  }

  private identifierKind(id: TSESTree.Identifier, depth: number, seen: Seen, asGiven = false): ValueKind {
    const variable = findVariable(this.sourceCode, id);
    if (!variable) return 'unknown';
    // `chunk = chunk.toString()` earlier in the same block: from there on, the variable holds that value.
    const reassigned = asGiven ? undefined : this.valueAtUse(id, variable);
    // A write in a branch before the use: still known when every value the variable is ever given agrees
    // (`if (pool.length < n) pool = new Buffer(n)` with `var pool = new Buffer(64 * 1024)`), or, for a parameter,
    // when each value it is given is of the kind it is given as (`if (old) data = Buffer.concat([old, data])`).
    if (reassigned === 'changed') {
      const later = this.laterValuesKind(variable, depth, seen);
      if (later !== 'unknown' || depth >= 3 || variable.defs.length !== 1 || variable.defs[0]!.type !== 'Parameter') return later;
      const given = this.identifierKind(id, depth + 1, seen, true);
      const values = variable.references.flatMap((ref) => {
        const assignment = ref.identifier.parent;
        return ref.isWrite() && assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator === '=' && assignment.left === ref.identifier ? [assignment.right] : [];
      });
      return given !== 'unknown' && values.length === variable.references.filter((ref) => ref.isWrite()).length && values.every((value) => isCutOf(value, variable) || this.syntacticKind(value, depth + 1, seen) === given) ? given : 'unknown';
    }
    if (reassigned) {
      // `p = p.slice(count.off)`: a cut of itself keeps the kind it was given (bcoin's parsers), at the same depth.
      if (reassigned.operator === '=' && isCutOf(reassigned.value, variable) && onlySelfCuts(variable)) return this.identifierKind(id, depth, seen, true);
      const kind = reassigned.operator === '=' ? this.syntacticKind(reassigned.value, depth + 1, seen) : reassigned.operator === '+=' && this.syntacticKind(reassigned.value, depth + 1, seen) === 'string' ? 'string' : 'unknown';
      return kind;
    }
    let lastResort: (() => ValueKind) | undefined;
    for (const def of variable.defs) {
      const annotated = this.declaredKind(def);
      if (annotated !== 'unknown') return annotated;
      if (def.type === 'Parameter' && isFunction(def.node as TSESTree.Node)) {
        const fn = def.node as FunctionNode;
        const handler = this.handlers.handlerOf(fn);
        if (handler && fn.params[0] && fn.params[0].range[0] <= def.name.range[0] && fn.params[0].range[1] >= def.name.range[1]) {
          const eventKind = this.handlers.eventValueKind(handler);
          if (eventKind) {
            // An event name alone makes a likely Buffer; a Buffer-only method called on it proves one.
            if (eventKind === 'buffer' && !this.isByteSource(handler)) {
              const used: Seen = new Set();
              const usage = usageKind(variable, used);
              // A string-only method called on it (`msg.substring(i)`, `chunk.split('\n')`) would throw on a
              // Buffer: here the event carries text (a browser socket, an encoding set where the code cannot see).
              if (usage === 'string' && !isWritten(variable)) return 'string';
              if (usage !== 'buffer' || used.guessed) seen.guessed = true;
            }
            return eventKind;
          }
          // A stream subclass's chunk: a Buffer unless the stream is in object mode.
          if (handler.kind === 'stream' && !this.handlers.isObjectModeStreamHandler(handler)) {
            if (usageKind(variable, new Set()) === 'string' && !isWritten(variable)) return 'string'; // As above.
            seen.guessed = true;
            return 'buffer';
          }
        }
        // A helper's parameter: text when every call of it in the file passes text (`record(line)` from a
        // 'line' listener). Other modules may call it too, so this is likely, never proven.
        // A Buffer too, when every call passes one (bcoin's `Parser.parseInvList(p)` from `parsePayload(cmd, p)`),
        // or when the code uses a cut of it, or the function of the file it is handed to uses it, as a Buffer: a
        // last resort, after what the code does with the parameter itself.
        if (!handler && depth < 2) {
          const fromCalls = this.parameterKindFromCalls(fn, def.name, depth, seen);
          if (fromCalls === 'string') {
            seen.guessed = true;
            return fromCalls;
          }
          // (Not a constructor's: what an instance is made with is followed into its fields with its origin.)
          if (fromCalls === 'buffer' && this.calls?.constructionsOf(fn).length === 0) lastResort = () => 'buffer';
        }
        if (!handler && !lastResort && depth < 3 && variable.defs.length === 1 && onlySelfCuts(variable)) {
          lastResort = () => this.cutOrHandedKind(variable, depth, seen);
        }
      } else if (def.type === 'Variable') {
        const declarator = def.node as TSESTree.VariableDeclarator;
        const loop = declarator.parent?.parent;
        if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
          // `for await (const chunk of socket)`: a socket's or file stream's chunks are Buffers.
          if (loop.await && declarator.id === def.name && this.isByteStream(loop.right) && !this.handlers.hasSetEncoding(loop.right)) return 'buffer';
          if (!loop.await) {
            const source = this.syntacticKind(loop.right, depth + 1, seen);
            if (source === 'array' && isSplitCall(loop.right)) return 'string';
          }
        } else if (declarator.id === def.name && (!declarator.init || isEmptyValue(declarator.init))) {
          // `let current = null` (or `let current;`), then `current = Buffer.from(data)`: the empty start says
          // nothing of what it holds; every later value does, when they agree.
          const kind = this.laterValuesKind(variable, depth, seen);
          if (kind !== 'unknown') return kind;
        } else if (declarator.init && declarator.id === def.name) {
          const kind = this.syntacticKind(declarator.init, depth + 1, seen);
          if (kind !== 'unknown') return kind;
        } else if (declarator.init && declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          // `const { payload } = msg` with `msg: { payload: Buffer }`: the member's declared type.
          const kind = this.destructuredKind(declarator.id, declarator.init, def.name);
          if (kind !== 'unknown') return kind;
        }
      }
    }
    const usage = usageKind(variable, seen);
    if (usage !== 'unknown' || !lastResort) return usage;
    const resort = lastResort();
    if (resort !== 'buffer') return 'unknown';
    seen.guessed = true;
    return resort;
  }

  /**
   * The kind every value but an empty one (`null`, `undefined`) gives the variable, when all agree; else unknown.
   * A cut of the variable itself (`pool = pool.slice(0, n)`) keeps the kind the others give it.
   */
  private laterValuesKind(variable: TSESLint.Scope.Variable, depth: number, seen: Seen): ValueKind {
    if (depth >= 3) return 'unknown';
    const values = (assignedValues(variable) ?? []).filter((value) => !isEmptyValue(value) && !isCutOf(value, variable));
    if (values.length === 0) return 'unknown';
    const kinds = values.map((value) => this.syntacticKind(value, depth + 1, seen));
    return kinds.every((kind) => kind === kinds[0]) ? kinds[0]! : 'unknown';
  }

  /**
   * The value a variable holds where `id` reads it: the latest plain assignment before the use in the blocks
   * around it (`eu = this.config[n]; … eu = txn.objectStore(n); eu.put(…)`), else its only value.
   */
  heldValue(id: TSESTree.Identifier): TSESTree.Node | undefined {
    const variable = findVariable(this.sourceCode, id);
    if (!variable) return undefined;
    const at = this.valueAtUse(id, variable);
    if (at === 'changed') return undefined;
    if (at) return at.operator === '=' ? at.value : undefined;
    return singleInit(variable);
  }

  /**
   * The assignment that decides what `id` holds at this use, when the variable is reassigned before it:
   * the last plain statement `x = …` (or `x += …`) earlier in a block that contains the use, in the same
   * function, with no other write in between. 'changed' when a write the use may or may not follow
   * (in a branch, a loop, a nested function) sits in between; undefined when nothing reassigns it before.
   */
  private valueAtUse(
    id: TSESTree.Identifier,
    variable: TSESLint.Scope.Variable,
  ): { operator: string; value: TSESTree.Node } | 'changed' | undefined {
    // Writes before the use, leaving out the assignment the use is part of (`x = x.slice(1)` reads the old x).
    // A write in the other branch of an `if` or `?:` that holds the use never reaches it.
    const writes = variable.references.filter(
      (ref) =>
        ref.isWrite() &&
        !ref.init &&
        ref.identifier.range[1] <= id.range[0] &&
        !(ref.identifier.parent && isInside(id, ref.identifier.parent)) &&
        !inOtherBranch(ref.identifier, id),
    );
    if (writes.length === 0) return undefined;
    const fn = enclosingFunction(id);
    let decided: { operator: string; value: TSESTree.Node; end: number } | undefined;
    for (const ref of writes) {
      const assignment = ref.identifier.parent;
      const statement = assignment?.parent;
      const straight =
        assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
        assignment.left === ref.identifier &&
        statement?.type === AST_NODE_TYPES.ExpressionStatement &&
        !!statement.parent &&
        isInside(id, statement.parent) &&
        enclosingFunction(assignment) === fn;
      if (straight && (!decided || assignment.range[1] > decided.end)) {
        decided = { operator: assignment.operator, value: assignment.right, end: assignment.range[1] };
      }
      // `if (!Buffer.isBuffer(x)) x = Buffer.from(x)`, then a use after the `if`: a Buffer on both paths.
      const guard = assignment?.type === AST_NODE_TYPES.AssignmentExpression && enclosingFunction(assignment) === fn ? normalizingGuard(assignment, ref.identifier.name, this.sourceCode) : undefined;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && guard && guard.range[1] <= id.range[0] && guard.parent && isInside(id, guard.parent)) {
        if (!decided || guard.range[1] > decided.end) decided = { operator: assignment.operator, value: assignment.right, end: guard.range[1] };
      }
    }
    if (!decided) return writes.some((ref) => enclosingFunction(ref.identifier) === fn) ? 'changed' : undefined;
    const end = decided.end;
    if (writes.some((ref) => ref.identifier.range[0] > end)) return 'changed';
    return decided;
  }

  private destructuredKind(pattern: TSESTree.ObjectPattern, source: TSESTree.Node, name: TSESTree.Node): ValueKind {
    const property = pattern.properties.find(
      (prop): prop is TSESTree.Property => prop.type === AST_NODE_TYPES.Property && !prop.computed && prop.value === name,
    );
    const key = property && memberKeyName(property);
    const from = unwrap(source);
    // `const { done, value } = await reader.read()` of a fetch response's body: a Uint8Array chunk.
    if (key === 'value' && this.isFetchBodyRead(from)) return 'typed-array';
    if (!key || from.type !== AST_NODE_TYPES.Identifier) return 'unknown';
    const variable = findVariable(this.sourceCode, from);
    if (!variable || variable.defs.length !== 1) return 'unknown';
    const annotation = (variable.defs[0]!.name as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
    if (annotation?.type !== AST_NODE_TYPES.TSTypeLiteral) return 'unknown';
    for (const member of annotation.members) {
      if (member.type === AST_NODE_TYPES.TSPropertySignature && memberKeyName(member) === key && member.typeAnnotation) {
        return typeNodeKind(member.typeAnnotation.typeAnnotation);
      }
    }
    return 'unknown';
  }

  /**
   * `await reader.read()` with `reader = response.body.getReader()` (or `body?.`) and `response = await fetch(…)`:
   * a fetch body is a stream of Uint8Array chunks (in Node, views of the socket's reads).
   */
  private isFetchBodyRead(node: TSESTree.Node): boolean {
    const valueOf = (id: TSESTree.Node) => {
      const variable = id.type === AST_NODE_TYPES.Identifier ? findVariable(this.sourceCode, id) : undefined;
      const init = variable && singleInit(variable);
      return init && unwrap(init);
    };
    const awaited = (value: TSESTree.Node | undefined) => (value?.type === AST_NODE_TYPES.AwaitExpression ? unwrap(value.argument) : undefined);
    const read = awaited(node);
    if (read?.type !== AST_NODE_TYPES.CallExpression || read.arguments.length > 0 || methodCall(read)?.name !== 'read') return false;
    const getReader = valueOf(unwrap(methodCall(read)!.receiver));
    if (getReader?.type !== AST_NODE_TYPES.CallExpression || methodCall(getReader)?.name !== 'getReader') return false;
    const body = unwrap(methodCall(getReader)!.receiver);
    if (body.type !== AST_NODE_TYPES.MemberExpression || propertyName(body) !== 'body') return false;
    const call = awaited(valueOf(unwrap(body.object)));
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'fetch' && isGlobalBinding(this.sourceCode, call.callee);
  }

  private readonly fieldKinds = new WeakMap<TSESTree.Node, Map<string, ValueKind>>();
  /** Fields whose values `bufferEvidence` is judging, by text: asked again inside, they are what the others make them. */
  private readonly fieldsJudged = new Set<string>();

  /** `this._buffer` while its values are judged, or a variable whose one value it is (`var oldBuffer = this._buffer`). */
  private isJudgedField(node: TSESTree.Node, depth = 0): boolean {
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = depth < 3 ? findVariable(this.sourceCode, node) : undefined;
      const init = variable && singleInit(variable);
      return !!init && this.isJudgedField(unwrap(init), depth + 1);
    }
    return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && this.fieldsJudged.has(compactText(this.sourceCode, node));
  }

  /** A field's kind from its declaration or what the class assigns to it. */
  fieldKind(cls: TSESTree.Node, name: string): ValueKind {
    let perClass = this.fieldKinds.get(cls);
    if (!perClass) {
      perClass = new Map();
      this.fieldKinds.set(cls, perClass);
    }
    const known = perClass.get(name);
    if (known !== undefined) return known;
    perClass.set(name, 'unknown');
    let kind: ValueKind = 'unknown';
    for (const member of classBody(cls)) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && memberKeyName(member) === name) {
        const annotated = annotationKind(member);
        if (annotated !== 'unknown') kind = annotated;
        else if (member.value && !isEmptyValue(member.value)) kind = this.syntacticKind(member.value, 1, new Set());
      }
      // `constructor(readonly blindedMsg: Uint8Array)`: a parameter property declares the field.
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        const declared = parameterPropertyNamed(member, name);
        const annotated = declared ? annotationKind(declared.id) : 'unknown';
        if (annotated !== 'unknown') kind = annotated;
      }
    }
    if (kind === 'unknown') {
      for (const ref of this.handlers.thisMemberRefs(cls).get(name) ?? []) {
        const parent = ref.parent;
        // `this.out = null` is the empty state before the first real value.
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref && parent.operator === '=' && !isEmptyValue(parent.right)) {
          const assigned = this.syntacticKind(parent.right, 1, new Set());
          if (assigned !== 'unknown') {
            kind = assigned;
            break;
          }
        }
      }
    }
    perClass.set(name, kind);
    return kind;
  }

  /**
   * Evidence, from the code alone, that `expr` is a Node Buffer: a `Buffer.*` factory, a Node API that
   * returns one (imported from its module), a `Buffer` annotation, or a Buffer's own views.
   */
  bufferEvidence(expr: TSESTree.Node, depth = 0, usage = true): string | undefined {
    const node = unwrap(expr);
    // A field asked about inside the judging of its own values (below), however deep: what the others make it.
    if (this.fieldsJudged.size > 0 && this.isJudgedField(node)) return ASSUMED_BUFFER;
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        const factory = this.bufferFactory(node);
        if (factory) return `made by \`Buffer.${factory}()\``;
        const api = this.nodeApi(node);
        if (api) return `returned by \`${api}()\``;
        if (isBufferConstructor(this.sourceCode, node.callee)) return 'made by the deprecated `Buffer()`';
        const method = methodCall(node);
        // A Buffer's `subarray` and `slice` are Buffers too.
        if (method && isCutName(method.name) && !method.member.computed) {
          return this.bufferEvidence(method.receiver, depth + 1, usage);
        }
        // An element taken from an array declared `Buffer[]` (`this.#audioQueue.shift()`).
        if (method && TAKE_ELEMENT_METHODS.has(method.name) && !method.member.computed) {
          const element = declaredElementType(this.sourceCode, unwrap(method.receiver));
          if (element && typeNodeKind(element) === 'buffer') return `an element of \`${shortText(this.sourceCode, method.receiver)}\`, declared \`Buffer[]\``;
        }
        // A function every return of which is a Buffer (`async buffer() { return Buffer.concat(parts) }`),
        // of this file or imported from another of the package.
        const helper = this.helperReturns(node);
        if (helper && helper.values.every((value) => helper.kinds.bufferEvidence(value, depth + 1, usage))) {
          return `returned by \`${shortText(this.sourceCode, node.callee)}()\`${helper.where}`;
        }
        return undefined;
      }
      case AST_NODE_TYPES.NewExpression:
        return isBufferConstructor(this.sourceCode, node.callee) ? 'made by the deprecated `new Buffer()`' : undefined;
      case AST_NODE_TYPES.LogicalExpression: {
        // `options.buffer || new Buffer(0)`: a Buffer when both sides are.
        const a = this.bufferEvidence(node.left, depth + 1, usage);
        return a && this.bufferEvidence(node.right, depth + 1, usage) ? a : undefined;
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.bufferEvidence(node.argument, depth + 1, usage);
      case AST_NODE_TYPES.ConditionalExpression: {
        const a = this.bufferEvidence(node.consequent, depth + 1, usage);
        return a && this.bufferEvidence(node.alternate, depth + 1, usage) ? a : undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const found = this.identifierEvidence(node, (init) => this.bufferEvidence(init, depth + 1, usage), true, true, true);
        if (found) return found;
        // `if (Buffer.isBuffer(x)) return x`: inside the branch the test proves, a Buffer.
        if (this.testsForBuffers() && this.isNarrowedBy(node, (test, text, sourceCode) => viewTestOf(test, text, sourceCode) === 'buffer')) return 'tested to be one (`Buffer.isBuffer`, `instanceof Buffer`)';
        // A byte source's 'data' chunk (a socket, a file stream, no encoding set): a Buffer by contract.
        const handler = this.dataHandlerOf(node);
        return handler && this.isByteSource(handler) && !this.isEncodedChunk(node) ? `received by ${handler.label}` : undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        // `this._bytes` (a class's or a prototype class's field), `reader.buf`: every value the code
        // gives the property is a Buffer.
        if (node.computed) return undefined;
        // Asked again while its own values are judged (`var old = this._buffer; this._buffer = c ? old.slice(0, n) :
        // new Buffer(n)`, mysql's parser): a cut of what the field holds is what the other values make it.
        const key = compactText(this.sourceCode, node);
        const values = this.memberValues(node);
        // `this._buffer = this._buffer.slice(n)` trims what it already held: a Buffer when the others are.
        const name = propertyName(node);
        const own = values?.filter((value) => !isSelfCut(value, name));
        let assigned: string | undefined;
        if (own && own.length > 0) {
          this.fieldsJudged.add(key);
          try {
            const verdicts = own.map((value) => (isEmptyValue(value) ? ASSUMED_BUFFER : this.bufferEvidence(value, depth + 1, usage)));
            // The last value's evidence, as `everyVerdict` answers.
            assigned = verdicts.every(Boolean) ? verdicts.filter((verdict) => verdict !== ASSUMED_BUFFER).pop() : undefined;
          } finally {
            this.fieldsJudged.delete(key);
          }
        }
        return assigned ?? (usage ? this.fieldUsageEvidence(node, values, depth) : undefined);
      }
      default:
        return undefined;
    }
  }

  /**
   * A field the class calls Buffer-only methods on (`this._buffer.readUInt32BE(…)`, `writeInt32LE`), when
   * no value the class gives it is known to be something else: the methods prove what it holds.
   */
  private fieldUsageEvidence(member: TSESTree.MemberExpression, values: readonly TSESTree.Node[] | undefined, depth: number): string | undefined {
    const name = propertyName(member);
    const owner = member.object.type === AST_NODE_TYPES.ThisExpression ? this.handlers.ownerOf(member) : undefined;
    if (!name || !owner) return undefined;
    // A value the code constructs some other way (`bl()`, `new BufferList()`) is an object whose class may
    // have the same accessors (mqtt-packet's parser reads a BufferList with `readUInt8`).
    if (values?.some((value) => this.provesNotBuffer(value) || this.isOpaqueConstruction(value, depth))) return undefined;
    for (const ref of this.handlers.thisMemberRefs(owner).get(name) ?? []) {
      const use = ref.parent;
      if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== ref || use.parent?.type !== AST_NODE_TYPES.CallExpression) continue;
      const method = propertyName(use);
      if (method && FIELD_PROOF_METHODS.test(method) && BUFFER_ONLY_METHODS.has(method)) {
        return `\`this.${name}.${method}()\` is called on it`;
      }
    }
    return undefined;
  }

  /** `new BufferList()`, `bl()`: an object some constructor or factory function makes (not a method's result). */
  private isOpaqueConstruction(value: TSESTree.Node, depth: number): boolean {
    const node = unwrap(value);
    if (node.type === AST_NODE_TYPES.NewExpression) return !this.bufferEvidence(node, depth + 1);
    return node.type === AST_NODE_TYPES.CallExpression && unwrap(node.callee).type === AST_NODE_TYPES.Identifier && !this.bufferEvidence(node, depth + 1);
  }

  private provesNotBuffer(value: TSESTree.Node): boolean {
    const answer = this.describe(value);
    return answer.level === 'proven' && answer.kind !== 'buffer';
  }

  /** Typed mode: every part of the value's type is a Buffer (or a subclass); untyped: the evidence above. */
  isBuffer(expr: TSESTree.Node): string | undefined {
    return this.bufferAnswer(expr)?.evidence;
  }

  /**
   * `isBuffer` with its level: proven by a type or by the code that made the value, likely when only the
   * methods called on a field say so (a Buffer-like class, such as a buffer list, has them too).
   */
  bufferAnswer(expr: TSESTree.Node): { evidence: string; level: KindLevel } | undefined {
    const found = this.typedBuffer(expr);
    if (!found) return undefined;
    const parts = this.types.partKinds(unwrap(expr));
    const typed = parts.length > 0 && parts.every((part) => part === 'buffer');
    // Proven unless the code's evidence needs the methods called on a field (`fieldUsageEvidence`).
    const likely = !typed && !this.bufferEvidence(expr, 0, false);
    return { evidence: found, level: likely ? 'likely' : 'proven' };
  }

  private typedBuffer(expr: TSESTree.Node): string | undefined {
    const types = this.types;
    const evidence = this.bufferEvidence(expr);
    if (types.typed) {
      // Without evidence only an all-Buffer type answers yes, and a value declared a string, number,
      // boolean, array, Map or ArrayBuffer never has one: no need to ask the checker (most `.slice` calls
      // are on strings and arrays).
      if (!evidence && this.declared.isCertainlyNotBuffer(unwrap(expr))) return undefined;
      if (this.isEncodedChunk(unwrap(expr))) return undefined;
      const parts = types.partKinds(unwrap(expr));
      if (parts.length > 0 && parts.every((part) => part === 'buffer')) return evidence ?? 'typed `Buffer`';
      // The checker knows better than names: a union with non-Buffers is not provably a Buffer.
      if (parts.length > 0 && !parts.includes('unknown')) return undefined;
    }
    return evidence;
  }

  /**
   * Evidence that `expr` owns its whole ArrayBuffer, so the view is exactly its backing store:
   * `Buffer.alloc`, `Buffer.allocUnsafeSlow`, a typed array made from a length or a whole buffer,
   * a typed array's own `slice` copy, `Uint8Array.prototype.slice.call(...)`.
   */
  exactOwnership(expr: TSESTree.Node, depth = 0): string | undefined {
    const node = unwrap(expr);
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.NewExpression: {
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
        if (!TYPED_ARRAY_CONSTRUCTORS.has(callee.name) && callee.name !== 'DataView') return undefined;
        // One argument: a length, an array, a copy of a view, or a view of a whole ArrayBuffer.
        if (node.arguments.length === 1 && node.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement) {
          return `\`new ${callee.name}(...)\``;
        }
        if (node.arguments.length === 0) return `\`new ${callee.name}()\``;
        return undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        const factory = this.bufferFactory(node);
        if (factory) return EXACT_BUFFER_FACTORIES.has(factory) ? `\`Buffer.${factory}()\`` : undefined;
        if (isSliceCallCopy(node)) return '`Uint8Array.prototype.slice.call(...)`';
        // crypto.randomBytes allocates its own store (never the pool).
        if (this.nodeApi(node) === 'randomBytes') return '`randomBytes()`';
        const method = methodCall(node);
        if (method?.name === 'slice' && this.isPlainTypedArray(method.receiver)) return 'a typed array\'s `slice` copy';
        // `new Uint32Array(256).fill(x)`: the array itself comes back.
        if (method && !method.member.computed && RECEIVER_RETURNING_METHODS.has(method.name)) return this.exactOwnership(method.receiver, depth + 1);
        // The Encoding standard makes `encode` return a Uint8Array over a new ArrayBuffer of its exact size.
        if (method?.name === 'encode' && this.isTextEncoder(method.receiver)) return '`TextEncoder#encode()`';
        // `Uint8Array.from(view)`, `Float32Array.of(...)`: a new typed array over a new ArrayBuffer of its length.
        if ((method?.name === 'from' || method?.name === 'of') && !method.member.computed) {
          const receiver = unwrap(method.receiver);
          if (receiver.type === AST_NODE_TYPES.Identifier && TYPED_ARRAY_CONSTRUCTORS.has(receiver.name) && isGlobalBinding(this.sourceCode, receiver)) return `\`${receiver.name}.${method.name}()\``;
        }
        // A helper every one of whose returns owns its store (`copyBytes(view)`), of this file or another.
        const helper = this.helperReturns(node);
        if (helper && helper.values.every((value) => helper.kinds.exactOwnership(value, depth + 1))) {
          return `\`${shortText(this.sourceCode, node.callee)}()\`${helper.where}, whose every return owns its store`;
        }
        return undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const found = this.identifierEvidence(node, (init) => this.exactOwnership(init, depth + 1), false, true);
        if (found) return found;
        // `var img = new Uint8Array(rgba); if (…) img = img.slice(0)` (UTIF): a typed array's `slice` of a plain typed
        // array the constructor made is a copy that owns its store too.
        const variable = findVariable(this.sourceCode, node);
        const values = variable && variable.defs.length === 1 ? assignedValues(variable) : undefined;
        const made = values?.filter((value) => {
          const call = unwrap(value);
          return !(call.type === AST_NODE_TYPES.CallExpression && isCutOf(call, variable!) && methodCall(call)?.name === 'slice');
        });
        const plain = (value: TSESTree.Node) => {
          const constructed = unwrap(value);
          return constructed.type === AST_NODE_TYPES.NewExpression && constructed.callee.type === AST_NODE_TYPES.Identifier && TYPED_ARRAY_CONSTRUCTORS.has(constructed.callee.name);
        };
        return made && made.length > 0 && made.length < values!.length && made.every(plain) ? everyVerdict(made, (value) => this.exactOwnership(value, depth + 1)) : undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        // `this.buffer`, `encoder.cbuf`: a property the code only ever sets to arrays that own their store (or to
        // nothing yet: `this._rQ = null` in noVNC's constructor, `new Uint8Array(size)` in its `init()`).
        const values = this.givenValues(node);
        if (!values || values.length === 0) return undefined;
        let verdict: string | undefined;
        for (const value of values) {
          verdict = this.exactOwnership(value, depth + 1);
          if (!verdict) return undefined;
        }
        return verdict;
      }
      default:
        return undefined;
    }
  }

  /**
   * A variable or `this` field that only ever holds views starting at byte 0 of a store the code made
   * itself: each value owns its ArrayBuffer or re-cuts the same one from 0 (`this._buf = new
   * Uint8Array(this._buf.buffer, 0, len)` in a growable buffer). No one else's bytes lie past its end.
   */
  ownStoreFromZero(expr: TSESTree.Node): boolean {
    const node = unwrap(expr);
    let values: readonly TSESTree.Node[] | undefined;
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, node);
      values = variable && assignedValues(variable);
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      values = this.memberValues(node);
    }
    if (!values || values.length === 0) return false;
    const self = this.sourceCode.getText(node);
    return values.every((value) => !!this.exactOwnership(value) || this.recutFromZero(value, self));
  }

  /**
   * A property every value of which is a buffer the code allocates (`this._sendBuffer = new Buffer(n)`,
   * `Buffer.alloc(n)`, `new Uint8Array(n)`), an empty value aside: a scratch buffer of its own, not bytes it was
   * given (`this.bytes = bytes`).
   */
  allocatedByCode(expr: TSESTree.Node): boolean {
    const node = unwrap(expr);
    const made = node.type === AST_NODE_TYPES.MemberExpression ? this.givenValues(node) : undefined;
    return !!made && made.length > 0 && made.every((value) => this.isAllocation(value));
  }

  /** The values the code gives a property (`memberValues`), empty ones (`null`, `undefined`) aside. */
  private givenValues(member: TSESTree.MemberExpression): readonly TSESTree.Node[] | undefined {
    return this.memberValues(member)?.filter((value) => !isEmptyValue(value));
  }

  private isAllocation(raw: TSESTree.Node): boolean {
    const value = unwrap(raw);
    if (value.type !== AST_NODE_TYPES.NewExpression && value.type !== AST_NODE_TYPES.CallExpression) return false;
    const [size] = value.arguments;
    // A size, not bytes to copy: a number, or a name or sum of names (`maxFrameBuffer`, `n + 4`).
    const sized = !!size && value.arguments.length <= 2 && (staticNumber(size) !== undefined || [AST_NODE_TYPES.Identifier, AST_NODE_TYPES.BinaryExpression, AST_NODE_TYPES.MemberExpression].includes(unwrap(size).type as AST_NODE_TYPES));
    if (!sized) return false;
    if (isBufferConstructor(this.sourceCode, value.callee)) return true;
    // `Buffer.alloc(n)` (the global's, or the buffer module's), `new Uint8Array(n)` (the global constructor).
    if (value.type === AST_NODE_TYPES.CallExpression) return ALLOCATING_BUFFER_FACTORIES.has(this.bufferFactory(value) ?? '');
    return this.madeAsTypedArray(value, 0);
  }

  /**
   * Every value the code gives a property with a plain `=`, a field initializer or an object literal:
   * for `this.name`, within its class; for `x.name`, anywhere in the file. Undefined when something else
   * writes it (`+=`, `++`, destructuring).
   */
  private memberValues(member: TSESTree.MemberExpression): readonly TSESTree.Node[] | undefined {
    if (member.object.type === AST_NODE_TYPES.ThisExpression) return this.fieldValues(member);
    const name = propertyName(member);
    if (!name || member.computed) return undefined;
    // Most properties are never set in the file (`x.name = …`, `{ name: … }`): one text search for every
    // name that may be written spares the lookup. Missing a write here only leaves the property unknown,
    // which is the cautious answer.
    if (!this.namesWritten().has(name)) return undefined;
    return this.propertyWrites(name) ?? undefined;
  }

  /** Where `name` stands in the file's text as a whole identifier (not inside a longer one). */
  private *identifierSpans(name: string): Generator<number> {
    const text = this.sourceCode.text;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (!isIdentifierPartBefore(text, at) && !isIdentifierPartAt(text, at + name.length)) yield at;
    }
  }

  private readonly useKindsByName = new Map<string, ValueKind>();

  /**
   * What the file does with the property `name` of any object: a string-only method called on it
   * (`turns[0].userMessage.trim()`), or handing it to a function of this file whose parameter is annotated
   * (`extractUrls(call.userMessage)` with `text: string`). The answer all such uses agree on; unknown when
   * none says or two disagree. A property name usually means one thing across a file, but not always, so
   * callers take this as likely, never proven.
   */
  private propertyUseKind(name: string): ValueKind {
    const known = this.useKindsByName.get(name);
    if (known) return known;
    // Most names are never used so: one text search of the file for every name that may be spares the walk.
    if (!this.namesUsedAsText().has(name)) return 'unknown';
    const found: ValueKind[] = [];
    for (const at of this.identifierSpans(name)) {
      const key = walkedNodeAt(this.sourceCode.ast, at, at + name.length);
      const read = key.parent;
      if (read?.type !== AST_NODE_TYPES.MemberExpression || read.property !== key || read.computed) continue;
      let outer: TSESTree.Node = read;
      while (outer.parent?.type === AST_NODE_TYPES.TSNonNullExpression || outer.parent?.type === AST_NODE_TYPES.TSAsExpression) outer = outer.parent;
      const use = outer.parent;
      if (use?.type === AST_NODE_TYPES.MemberExpression && use.object === outer) found.push(methodKind(use));
      else if (use?.type === AST_NODE_TYPES.CallExpression && use.callee !== outer) found.push(this.parameterAnnotationKind(use, use.arguments.indexOf(outer as TSESTree.CallExpressionArgument)));
    }
    const kind = agreedKind(found);
    this.useKindsByName.set(name, kind);
    return kind;
  }

  private usedAsText: Set<string> | undefined;

  /**
   * Names that appear as `.name` followed on its line by `.trim(` (any string-only method) in the file's text, and,
   * when the file annotates anything `string`, by `)` or `,` (an argument): a superset of what `propertyUseKind` counts.
   */
  private namesUsedAsText(): Set<string> {
    if (this.usedAsText) return this.usedAsText;
    const names = new Set<string>();
    const id = '[\\p{ID_Start}$_][\\p{ID_Continue}$\\u200c\\u200d]*';
    const methods = [...STRING_ONLY_METHODS].join('|');
    // Through `!`, `?.` and a cast (`(x.name as string).trim(`): anything but a new statement or argument between.
    for (const match of this.sourceCode.text.matchAll(new RegExp(`\\.\\s*(${id})[^;,{}\\n]{0,40}?\\.\\s*(?:${methods})\\s*\\(`, 'gu'))) names.add(match[1]!);
    if (/:\s*string\b/.test(this.sourceCode.text)) {
      for (const match of this.sourceCode.text.matchAll(new RegExp(`\\.\\s*(${id})[^;,{}()\\n]{0,40}?[,)]`, 'gu'))) names.add(match[1]!);
    }
    this.usedAsText = names;
    return names;
  }

  /** The annotated kind of the parameter a call of a function of this file passes its `index`th argument to. */
  private parameterAnnotationKind(call: TSESTree.CallExpression, index: number): ValueKind {
    const fn = index >= 0 ? this.calls?.resolveCallee(call) : undefined;
    const param = fn?.params[index];
    if (!param || call.arguments.slice(0, index + 1).some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (target.type !== AST_NODE_TYPES.Identifier) return 'unknown';
    const variable = findVariable(this.sourceCode, target);
    return variable && variable.defs.length === 1 ? this.declaredKind(variable.defs[0]!) : annotationKind(target);
  }

  /** The class of this file a variable is declared an instance of: `d: Decoder`, `@param {Decoder} d` (one class of that name). */
  private declaredClass(object: TSESTree.Node): TSESTree.ClassDeclaration | undefined {
    if (object.type !== AST_NODE_TYPES.Identifier || this.topLevelClasses().length === 0) return undefined;
    const variable = findVariable(this.sourceCode, object);
    if (!variable || variable.defs.length !== 1 || (isWritten(variable) && variable.defs[0]!.type === 'Parameter')) return undefined;
    const def = variable.defs[0]!;
    const name = this.declaredTypeName(def);
    if (!name || !/^[A-Z][\w$]*$/.test(name)) return undefined;
    const classes = this.topLevelClasses().filter((cls) => cls.id?.name === name);
    return classes.length === 1 ? classes[0] : undefined;
  }

  private classList: TSESTree.ClassDeclaration[] | undefined;
  private fieldNames: Set<string> | undefined;

  /** The names of the fields the file's top-level classes declare or assign (`arr: Uint8Array`, `this.arr = …`): only these are looked up on instances. */
  private classFieldNames(): Set<string> {
    if (!this.fieldNames) {
      this.fieldNames = new Set();
      for (const cls of this.topLevelClasses()) {
        for (const member of cls.body.body) {
          const name = member.type === AST_NODE_TYPES.PropertyDefinition ? memberKeyName(member) : undefined;
          if (name) this.fieldNames.add(name);
          // `constructor(readonly bytes: Uint8Array)`: a parameter property declares a field too.
          if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
            for (const param of member.value.params) {
              const id = param.type === AST_NODE_TYPES.TSParameterProperty ? (param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter) : undefined;
              if (id?.type === AST_NODE_TYPES.Identifier) this.fieldNames.add(id.name);
            }
          }
        }
        for (const name of this.handlers.thisMemberRefs(cls).keys()) this.fieldNames.add(name);
      }
    }
    return this.fieldNames;
  }

  /** The classes declared at the top of the file (also exported). */
  private topLevelClasses(): TSESTree.ClassDeclaration[] {
    if (!this.classList) {
      this.classList = [];
      for (const statement of this.sourceCode.ast.body) {
        const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
        if (declaration?.type === AST_NODE_TYPES.ClassDeclaration) this.classList.push(declaration);
      }
    }
    return this.classList;
  }

  /** The one type name a variable's declaration states (`u: Uint8Array`, `@param {Decoder} d`): its annotation, else its JSDoc. */
  private declaredTypeName(def: TSESLint.Scope.Definition): string | undefined {
    return annotatedTypeName(def.name) ?? jsdocType(this.sourceCode, def);
  }

  /** The kind a variable's declaration states: its TypeScript annotation, else its JSDoc (`@param {Buffer} chunk`). */
  private declaredKind(def: TSESLint.Scope.Definition): ValueKind {
    const annotated = annotationKind(def.name);
    if (annotated !== 'unknown') return annotated;
    // `({ data }: Props)`, `const C: FC<Props> = ({ data }) => …`: the property's declared type.
    const destructured = def.type === 'Parameter' ? destructuredKind(def.name) : 'unknown';
    return destructured !== 'unknown' ? destructured : jsdocKind(this.sourceCode, def);
  }

  private writtenNames: Set<string> | undefined;

  /** Names that appear as `.name =` or `{ name:` / `, name:` in the file's text (a superset of the writes). */
  private namesWritten(): Set<string> {
    if (this.writtenNames) return this.writtenNames;
    const names = new Set<string>();
    for (const match of this.sourceCode.text.matchAll(/\.\s*([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)\s*=(?!=)|[{,]\s*([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)\s*:/gu)) {
      names.add(match[1] ?? match[2]!);
    }
    this.writtenNames = names;
    return names;
  }

  private readonly writesByName = new Map<string, TSESTree.Node[] | null | undefined>();

  /**
   * Values written to the property `name` in the file, in `walk` order (null: written some other way,
   * undefined: never written). Each write spells the name where its key is (`x.name =`, `x['name'] =`,
   * `{ name: … }`, `name = …` in a class), or an escape that means it (`x['n\x61me']`): those places are
   * looked up by position instead of walking the file.
   */
  private propertyWrites(name: string): TSESTree.Node[] | null | undefined {
    if (this.writesByName.has(name)) return this.writesByName.get(name);
    const events = new Map<TSESTree.Node, TSESTree.Node | null>();
    for (const at of this.identifierSpans(name)) {
      const write = this.writeAt(at, at + name.length);
      if (write && write.name === name) events.set(write.event, write.value);
    }
    for (const write of this.escapedWrites()) if (write.name === name) events.set(write.event, write.value);
    let values: TSESTree.Node[] | null | undefined;
    for (const event of sortInWalkOrder([...events.keys()])) {
      const value = events.get(event)!;
      if (values === null) break;
      if (!value) values = null;
      else if (values) values.push(value);
      else values = [value];
    }
    this.writesByName.set(name, values);
    return values;
  }

  /**
   * The property write whose key spans `[start, end)`, if any: the node `walk` meets for it (the
   * assignment, update, pattern target, class field or object-literal property), the name written and
   * the value (null: written some other way than a plain value).
   */
  private writeAt(start: number, end: number): { event: TSESTree.Node; name: string | undefined; value: TSESTree.Node | null } | undefined {
    let key = walkedNodeAt(this.sourceCode.ast, start, end);
    if (key.type === AST_NODE_TYPES.TemplateElement && key.parent) key = key.parent;
    const holder = key.parent;
    if (holder?.type === AST_NODE_TYPES.MemberExpression && holder.property === key) {
      const use = holder.parent;
      if (use?.type === AST_NODE_TYPES.AssignmentExpression && use.left === holder) return { event: use, name: propertyName(holder), value: use.operator === '=' ? use.right : null };
      if (use?.type === AST_NODE_TYPES.UpdateExpression && use.argument === holder) return { event: use, name: propertyName(holder), value: null };
      if (isPatternTarget(holder)) return { event: holder, name: propertyName(holder), value: null };
    } else if (holder?.type === AST_NODE_TYPES.PropertyDefinition && holder.key === key) {
      if (!holder.static && holder.value) return { event: holder, name: memberKeyName(holder), value: holder.value };
    } else if (holder?.type === AST_NODE_TYPES.Property && (holder.key === key || (holder.shorthand && holder.value === key))) {
      if (holder.parent?.type === AST_NODE_TYPES.ObjectExpression) {
        return { event: holder, name: memberKeyName(holder), value: holder.kind === 'init' && !holder.method ? holder.value : null };
      }
    }
    return undefined;
  }

  private escaped: Array<{ event: TSESTree.Node; name: string | undefined; value: TSESTree.Node | null }> | undefined;

  /** Writes whose key is spelled with a backslash (an identifier, string or template): their name is not their text. */
  private escapedWrites(): Array<{ event: TSESTree.Node; name: string | undefined; value: TSESTree.Node | null }> {
    if (this.escaped) return this.escaped;
    this.escaped = [];
    for (const token of this.sourceCode.ast.tokens ?? []) {
      if (token.type === 'Punctuator' || token.type === 'RegularExpression' || !token.value.includes('\\')) continue;
      const write = this.writeAt(token.range[0], token.range[1]);
      if (write) this.escaped.push(write);
    }
    return this.escaped;
  }

  /** Every value a class assigns to `this.name` with a plain `=`; undefined if anything else writes it. */
  private fieldValues(member: TSESTree.MemberExpression): readonly TSESTree.Node[] | undefined {
    const name = propertyName(member);
    const cls = this.handlers.ownerOf(member);
    return name && cls ? this.fieldValuesOf(cls, name) : undefined;
  }

  /**
   * Every value the class (or pre-class "class") `cls` gives its field `name`: an initializer and each plain
   * `this.name = …`; undefined if anything else writes it (`+=`, `++`, a destructuring).
   */
  fieldValuesOf(cls: TSESTree.Node, name: string): readonly TSESTree.Node[] | undefined {
    let fields = this.fieldValueCache.get(cls);
    if (!fields) this.fieldValueCache.set(cls, (fields = new Map()));
    if (fields.has(name)) return fields.get(name) ?? undefined;
    const values = this.findFieldValues(cls, name);
    fields.set(name, values ?? null);
    return values;
  }

  private readonly fieldValueCache = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[] | null>>();

  private findFieldValues(cls: TSESTree.Node, name: string): TSESTree.Node[] | undefined {
    const values: TSESTree.Node[] = [];
    for (const item of classBody(cls)) {
      if (item.type === AST_NODE_TYPES.PropertyDefinition && !item.static && memberKeyName(item) === name && item.value) values.push(item.value);
    }
    for (const ref of this.handlers.thisMemberRefs(cls).get(name) ?? []) {
      const parent = ref.parent;
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref) {
        if (parent.operator !== '=') return undefined;
        values.push(parent.right);
      } else if (parent?.type === AST_NODE_TYPES.UpdateExpression || isPatternTarget(ref)) {
        return undefined;
      }
    }
    return values;
  }

  /** `new Uint8Array(<self>.buffer)` or `new Uint8Array(<self>.buffer, 0, n)`. */
  private recutFromZero(value: TSESTree.Node, self: string): boolean {
    const node = unwrap(value);
    if (node.type !== AST_NODE_TYPES.NewExpression) return false;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || (!TYPED_ARRAY_CONSTRUCTORS.has(callee.name) && callee.name !== 'DataView')) return false;
    const [store, offset] = node.arguments;
    const inner = store && unwrap(store);
    if (inner?.type !== AST_NODE_TYPES.MemberExpression || propertyName(inner) !== 'buffer' || this.sourceCode.getText(unwrap(inner.object)) !== self) return false;
    if (!offset) return true;
    const start = unwrap(offset);
    return start.type === AST_NODE_TYPES.Literal && start.value === 0;
  }

  /** `new TextEncoder()`, or a variable whose only value is one (`util.TextEncoder` too). */
  private isTextEncoder(expr: TSESTree.Node): boolean {
    return isConstructedBy(expr, this.sourceCode, (callee) => {
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
      return name === 'TextEncoder';
    });
  }

  /**
   * Is `expr` (or, through one object or array literal level, something it holds) a view whose
   * ArrayBuffer may be larger than the view? A `subarray`/`Buffer#slice`/offset view, a stream chunk,
   * a pooled Buffer, or (typed) any Buffer whose origin is not an exact allocation.
   */
  /** `encode(value)` imported from @msgpack/msgpack (or `msgpack.encode`): a library function that returns a view of a buffer it reuses. */
  private libraryView(call: TSESTree.CallExpression): string | undefined {
    const callee = unwrap(call.callee);
    const named = callee.type === AST_NODE_TYPES.Identifier ? callee : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? unwrap(callee.object) : undefined;
    if (named?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode, named);
    const module = variable && moduleOf(variable);
    const functions = module ? VIEW_RETURNING_LIBRARY_FUNCTIONS.get(module) : undefined;
    if (!variable || !functions) return undefined;
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : importedName(variable);
    return name && functions.has(name) ? `${module}'s ${name}` : undefined;
  }

  largerBacking(expr: TSESTree.Node, depth = 0): LargerBacking | undefined {
    // Asked twice of one `.buffer` read (the proven-view test and the smaller-than-store test): answered once.
    if (depth === 0) {
      if (this.backings.has(expr)) return this.backings.get(expr);
      const found = this.findLargerBacking(expr, 0);
      this.backings.set(expr, found);
      return found;
    }
    return this.findLargerBacking(expr, depth);
  }

  private readonly backings = new WeakMap<TSESTree.Node, LargerBacking | undefined>();

  private findLargerBacking(expr: TSESTree.Node, depth: number): LargerBacking | undefined {
    const node = unwrap(expr);
    if (depth > MAX_DEPTH) return undefined;
    if (this.exactOwnership(node)) return undefined;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const candidate = findViewCandidate(node);
      const view = candidate && confirmView(candidate, this);
      if (view) {
        const how = view.shape === 'method' ? `a \`${view.method}\` view` : `a view made by \`${shortText(this.sourceCode, node.callee)}\``;
        const kind = view.kind === 'buffer' || view.kind === 'typed-array' || view.kind === 'data-view' ? view.kind : 'unknown';
        const level = this.describe(view.parent).level === 'likely' ? 'likely' : 'proven';
        const ownSliceCopies = view.kind === 'typed-array' && this.ownSliceCopies(view.parent);
        return { label: `${how} of \`${shortText(this.sourceCode, view.parent)}\``, kind, view, level, ownSliceCopies, uint8: this.isUint8Array(view.parent) };
      }
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const pooled = this.pooledFactory(node);
        if (pooled) {
          // `b4a.allocUnsafe(32)`, called in hypercore-crypto's `hash()`: the allocation, and the call that made it here.
          const from = pooled.via ? `\`${pooled.label}\`, called in ${pooled.via},` : `\`${pooled.label}\`,`;
          return { label: `a Buffer from ${from} which may be a slice of the shared pool`, kind: pooled.buffer ? 'buffer' : 'unknown', level: 'proven', ownSliceCopies: false };
        }
        const library = this.libraryView(node);
        if (library) return { label: `a view of the buffer \`${library}()\` reuses`, kind: 'typed-array', level: 'proven', ownSliceCopies: true, uint8: true };
        const returned = this.returnedBacking(node, depth);
        if (returned) return returned;
      }
    }
    if (node.type === AST_NODE_TYPES.AwaitExpression) {
      const found = this.largerBacking(node.argument, depth + 1);
      return found && { ...found, view: undefined };
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const chunk = this.chunkOf(node);
      if (chunk) return chunk;
      // `this.buffer().then((buf) => buf.buffer)`: the callback receives what the call resolves with.
      const promised = thenReceiverOf(node, this.sourceCode);
      const resolved = promised && this.returnedBacking(promised, depth);
      if (resolved) return { ...resolved, label: `\`${node.name}\`, what ${resolved.label}` };
      const variable = findVariable(this.sourceCode, node);
      const init = variable && singleInit(variable);
      if (init) {
        const found = this.largerBacking(init, depth + 1);
        if (found) return { ...found, label: found.label.replace(/^a /, `\`${node.name}\`, a `), view: undefined };
        if (this.exactOwnership(init)) return undefined;
      } else if (variable) {
        // `let block; if (…) block = data.slice(a, b); else block = pad(…)`: when only some assignment is a
        // view, the value may be one (a suggestion, not a rewrite).
        for (const value of assignedValues(variable) ?? []) {
          const found = this.largerBacking(value, depth + 1);
          if (found) return { ...found, label: found.label.replace(/^a /, `\`${node.name}\`, when assigned, a `), view: undefined, level: 'likely' };
        }
      }
    }
    if (this.types.typed) {
      const parts = this.types.partKinds(node);
      if (parts.length > 0 && parts.every((part) => part === 'buffer')) {
        return { label: `\`${shortText(this.sourceCode, node)}\`, a Buffer that may be a slice of a larger ArrayBuffer or of the shared pool`, kind: 'buffer', level: 'proven', ownSliceCopies: false };
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.Identifier && this.annotatedBuffer(node)) {
      return { label: `\`${node.name}\`, a Buffer that may be a slice of a larger ArrayBuffer or of the shared pool`, kind: 'buffer', level: 'proven', ownSliceCopies: false };
    }
    return undefined;
  }

  /**
   * A call of a function of this file (`this.buffer()`) or another (`helperReturns`) some of whose returns (or, for an async function,
   * what it resolves with) may be smaller than their ArrayBuffer: proven when every return is, else likely.
   */
  private returnedBacking(call: TSESTree.CallExpression, depth: number): LargerBacking | undefined {
    if (depth >= MAX_DEPTH) return undefined;
    const helper = this.helperReturns(call);
    if (!helper) return undefined;
    let first: LargerBacking | undefined;
    let every = true;
    for (const value of helper.values) {
      const found = helper.kinds.largerBacking(value, depth + 1);
      if (found) first ??= found;
      else every = false;
    }
    if (!first) return undefined;
    const label = `\`${shortText(this.sourceCode, call)}\`${helper.where} returns, ${first.label}`;
    return { ...first, label, view: undefined, level: every && first.level === 'proven' ? 'proven' : 'likely' };
  }

  /** A `'data'` chunk or a `for await` chunk: a Buffer that may be part of a larger read. */
  private chunkOf(id: TSESTree.Identifier): LargerBacking | undefined {
    const handler = this.dataHandlerOf(id);
    if (!handler) return undefined;
    return { label: `\`${id.name}\`, a chunk received by ${handler.label}`, kind: 'buffer', level: this.isByteSource(handler) ? 'proven' : 'likely', ownSliceCopies: false };
  }

  /**
   * A parameter's kind from what the code does with it beyond its own methods: a cut of it used as a Buffer
   * (`agent = p.slice(off, end)` … `agent.toString('ascii')`), or the function of the file it is handed to
   * using that parameter so (bcoin's `parsePayload(cmd, p)` handing `p` to `Parser.parseVersion(p)`). Only
   * Buffer answers are taken, and as likely.
   */
  private cutOrHandedKind(variable: TSESLint.Scope.Variable, depth: number, seen: Seen): ValueKind {
    const found: ValueKind[] = [];
    for (const ref of variable.references) {
      const id = ref.identifier as TSESTree.Node;
      const { child, parent } = outerParent(id);
      const call = cutCall(child);
      if (call) {
        const holder = variableHolding(call);
        const held = holder && findVariable(this.sourceCode, holder);
        // The variable given only this cut (a `var agent;` declared empty beforehand counts for nothing).
        if (held && held.references.filter((r) => r.isWrite() && r.writeExpr && !isEmptyValue(r.writeExpr)).length === 1) found.push(usageKind(held, seen));
        else if (!holder && depth < 2) {
          // `Parser.parseTX(p.slice(off))`: the cut handed to a function of the file, which is given Buffers.
          const target = this.handedParameter(call);
          const name = target && target !== variable ? target.defs[0]?.name : undefined;
          if (name) found.push(this.freshKind(name, seen));
        }
      } else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== child && depth < 2) {
        const target = this.handedParameter(child);
        if (!target || target === variable || isWritten(target)) continue;
        const direct = usageKind(target, seen);
        found.push(direct !== 'unknown' ? direct : this.cutOrHandedKind(target, depth + 1, seen));
      }
    }
    return agreedKind(found);
  }

  private readonly freshlyAsked = new Set<TSESTree.Node>();

  /**
   * The kind of `node` asked afresh, its own calls followed from depth 0: a parser's helpers hand each other
   * cuts of their input (`Parser.parseInput(p.slice(off))`), and what one is given, the next is. A question
   * already open returns unknown.
   */
  private freshKind(name: TSESTree.Node, seen: Seen): ValueKind {
    if (this.freshlyAsked.has(name)) return 'unknown';
    this.freshlyAsked.add(name);
    try {
      const answer = this.describe(name);
      if (answer.level === 'likely') seen.guessed = true;
      return answer.kind;
    } finally {
      this.freshlyAsked.delete(name);
    }
  }

  /** The parameter of a function of the file that `arg`, an argument of a call, is handed to. */
  private handedParameter(arg: TSESTree.Node): TSESLint.Scope.Variable | undefined {
    const call = arg.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === arg) return undefined;
    const index = call.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
    const param = index >= 0 ? this.calls?.resolveCallee(call)?.params[index] : undefined;
    return param?.type === AST_NODE_TYPES.Identifier ? findVariable(this.sourceCode, param) : undefined;
  }

  /**
   * The kind every same-file call of `fn` passes for the parameter `name`, or 'unknown'. A cut of a value
   * whose kind is unknown (`Parser.parseTX(p.slice(off))` from a parser whose own input is asked about) says
   * nothing either way; at least one call must say what it passes.
   */
  private parameterKindFromCalls(fn: FunctionNode, name: TSESTree.Node, depth: number, seen: Seen): ValueKind {
    const index = fn.params.findIndex((param) => param === name);
    const sites = index >= 0 && this.calls ? [...this.calls.callSites(fn), ...this.calls.constructionsOf(fn)] : [];
    let agreed: ValueKind | undefined;
    for (const call of sites) {
      const arg = call.arguments[index];
      let kind = arg && arg.type !== AST_NODE_TYPES.SpreadElement ? this.syntacticKind(arg, depth + 1, seen) : 'unknown';
      const cut = kind === 'unknown' && arg ? cutReceiver(arg) : undefined;
      if (cut) {
        // A cut keeps its receiver's kind: a parameter of another function of the file is asked afresh.
        const of = unwrap(cut);
        kind = of.type === AST_NODE_TYPES.Identifier ? this.freshKind(of, seen) : 'unknown';
        if (kind === 'unknown') continue;
      }
      if (kind === 'unknown' || (agreed !== undefined && kind !== agreed)) return 'unknown';
      agreed = kind;
    }
    return agreed ?? 'unknown';
  }

  /** The `'data'` subscription whose chunk `id` is (its first parameter, never reassigned). */
  private dataHandlerOf(id: TSESTree.Identifier): Handler | undefined {
    const variable = findVariable(this.sourceCode, id);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || !def) return undefined;
    if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return undefined;
    const handlers = this.handlers;
    if (def.type !== 'Parameter' || !isFunction(def.node as TSESTree.Node)) return undefined;
    const fn = def.node as TSESTree.FunctionExpression;
    if (fn.params[0] !== def.name) return undefined;
    const handler = handlers.handlerOf(fn);
    return handler?.event === 'data' && handler.kind === 'subscription' && handlers.eventValueKind(handler) === 'buffer' ? handler : undefined;
  }

  private annotatedBuffer(id: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode, id);
    return !!variable && variable.defs.length === 1 && this.declaredKind(variable.defs[0]!) === 'buffer';
  }

  /** Typed: a plain typed array (not a Buffer); untyped: made by a typed-array constructor. */
  isPlainTypedArray(expr: TSESTree.Node): boolean {
    const types = this.types;
    if (types.typed) {
      const parts = types.partKinds(unwrap(expr));
      if (parts.length > 0) return parts.every((part) => part === 'typed-array');
    }
    const node = unwrap(expr);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(node.callee);
      return callee.type === AST_NODE_TYPES.Identifier && TYPED_ARRAY_CONSTRUCTORS.has(callee.name);
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, node);
      const init = variable && singleInit(variable);
      if (init) return this.isPlainTypedArray(init);
      const def = variable?.defs[0];
      return !!def && variable.defs.length === 1 && this.declaredKind(def) === 'typed-array' && !isBufferAnnotated(def.name);
    }
    return false;
  }

  private readonly contracts = new WeakMap<TSESTree.CallExpression, LibraryContract | null>();

  private importsContracts: boolean | undefined;

  /** A test by names only: the call has a name a contract knows, and the module imports a library that has contracts. */
  private contractMayApply(call: TSESTree.CallExpression): boolean {
    if (!mayRunContract(call)) return false;
    this.importsContracts ??= CONTRACT_MODULES.some((module) => !!this.calls?.importsModule(module));
    return this.importsContracts;
  }

  /**
   * The library contract a call runs under (library-contracts.ts): a view of the message a compact-encoding
   * decoder reads, or a pooled Buffer of hypercore-crypto. Asked once a call.
   */
  libraryContract(call: TSESTree.CallExpression): LibraryContract | undefined {
    if (!this.contractMayApply(call)) return undefined;
    const known = this.contracts.get(call);
    if (known !== undefined) return known ?? undefined;
    const found = findLibraryContract(call, this.sourceCode, (member) => this.memberValues(member));
    this.contracts.set(call, found ?? null);
    return found;
  }

  /**
   * A call whose result may be a small slice of a shared pool slab: Node's pooled `Buffer` factories
   * (`from` of anything but an ArrayBuffer, `concat`, `allocUnsafe`, `copyBytesFrom`) and the library
   * contracts in apis (b4a, compact-encoding's `encode`), unless a constant size says it is too large to
   * be pooled. `buffer` is true when the result is a Buffer on every platform (Node's own factories).
   */
  pooledFactory(call: TSESTree.CallExpression): PooledFactory | undefined {
    const contract = this.libraryContract(call);
    if (contract?.kind === 'pooled') return { label: contract.allocation ?? shortText(this.sourceCode, call.callee), buffer: false, via: contract.label };
    const method = methodCall(call);
    if (!method || method.member.computed || !POOLED_FACTORY_NAMES.has(method.name)) return undefined;
    const own = this.bufferFactory(call);
    let label: string;
    let unpooled: string | undefined;
    if (own) {
      if (!POOLED_BUFFER_FACTORIES.has(own)) return undefined;
      label = `Buffer.${own}()`;
    } else {
      const receiver = unwrap(method.receiver);
      if (receiver.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(this.sourceCode, receiver);
      const module = variable && moduleOf(variable);
      if (!module || !POOLED_LIBRARY_FACTORIES.get(module)?.has(method.name)) return undefined;
      label = `${receiver.name}.${method.name}()`;
      unpooled = UNPOOLED_LIBRARY_COUNTERPARTS.get(module)?.get(method.name);
    }
    const [first, second] = call.arguments;
    switch (method.name) {
      case 'from': {
        // `Buffer.from(arrayBuffer, offset, length)` is a view of that ArrayBuffer, not a pool slice.
        if (!first || first.type === AST_NODE_TYPES.SpreadElement || this.kindOf(first) === 'array-buffer') return undefined;
        if (call.arguments.length > 2 || staticNumber(second) !== undefined) return undefined;
        const text = staticString(first);
        if (text !== undefined && text.length >= MAX_POOLED_SIZE) return undefined;
        break;
      }
      case 'allocUnsafe': {
        const size = staticNumber(first);
        if (size !== undefined && size >= MAX_POOLED_SIZE) return undefined;
        break;
      }
      case 'concat': {
        const size = staticNumber(second);
        if (size !== undefined && size >= MAX_POOLED_SIZE) return undefined;
        break;
      }
      default:
        break;
    }
    return { label, buffer: own !== undefined, ...(unpooled && { unpooled }) };
  }

  /**
   * False when the program's types show that Node's Buffer does not exist (no `Buffer` global: a program
   * for browsers only); true otherwise, and always without types.
   */
  buffersExist(): boolean {
    return this.types.declaresGlobal('Buffer') !== false;
  }

  /**
   * A test by names only, asked of every call before `pooledResult`: the call is a pooled factory's method
   * (`allocUnsafe`, `from`, …), has a name a library contract knows (`tree`, `hash`), or names an import of
   * another file of the package (`hash(x)`, `crypto.hash(x)`).
   */
  mayBePooled(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(callee);
      if (name !== undefined && POOLED_FACTORY_NAMES.has(name)) return true;
    }
    return this.contractMayApply(call) || this.mayRunElsewhere(call);
  }

  /**
   * A call whose result is a pooled Buffer: a pooled factory (`pooledFactory`), or a function another file of
   * the package exports every return of which is one made in it (`const out = b4a.allocUnsafe(32);
   * sodium.crypto_generichash(out, data); return out`), which hands its caller the same slab slice.
   */
  pooledResult(call: TSESTree.CallExpression, depth = 0): PooledFactory | undefined {
    const own = this.pooledFactory(call);
    if (own) return own;
    if (depth >= MAX_DEPTH || !this.mayRunElsewhere(call)) return undefined;
    const helper = this.helperReturns(call, true);
    if (!helper) return undefined;
    const first = helper.kinds.pooledReturn(helper.fn, depth);
    if (!first) return undefined;
    const via = `\`${shortText(this.sourceCode, call.callee)}()\`${helper.module ? ` of \`${helper.module}\`` : ''}`;
    return { label: first.label, buffer: first.buffer, via: first.via ? `${first.via}, called by ${via}` : via };
  }

  /**
   * A cheap test before following a call into the function it runs (asked of every call of the file): the
   * call names something imported from another file of the package (`hash(x)`, `crypto.hash(x)`), whose
   * functions that file's facts answer for. Functions of this file are not followed: that costs a scope
   * lookup for every call (measured: `no-retained-view` took 1.4x its time), and their pooled Buffers and
   * views are asked about where they are made.
   */
  private mayRunElsewhere(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    const named = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
    return named.type === AST_NODE_TYPES.Identifier && !!this.calls?.mayNameRelativeImport(named.name);
  }

  private readonly pooledReturns = new WeakMap<FunctionNode, PooledFactory | null>();

  /** What every return of a function of this file is, when each is a pooled result (asked once per function). */
  private pooledReturn(fn: FunctionNode, depth: number): PooledFactory | undefined {
    const known = this.pooledReturns.get(fn);
    if (known !== undefined) return known ?? undefined;
    let first: PooledFactory | undefined;
    for (const value of returnedExpressions(fn)) {
      const made = this.pooledMade(value, depth + 1);
      if (!made) {
        first = undefined;
        break;
      }
      first ??= made;
    }
    // An answer cut short by the depth limit is not kept: asked from nearer, it may be complete.
    if (depth === 0 || first) this.pooledReturns.set(fn, first ?? null);
    return first;
  }

  /** A returned value that is a pooled result: the call itself, or a variable that only ever holds one. */
  private pooledMade(value: TSESTree.Node, depth: number): PooledFactory | undefined {
    const node = unwrap(value);
    if (node.type === AST_NODE_TYPES.CallExpression) return this.pooledResult(node, depth);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode, node);
    const init = variable && singleInit(variable);
    const call = init && unwrap(init);
    return call?.type === AST_NODE_TYPES.CallExpression ? this.pooledResult(call, depth) : undefined;
  }

  /**
   * The views of its arguments a call of a function another file of the package exports hands back (the
   * other half of a parser module and the actor that keeps what it parses): `parseHeader(data)` of
   * `./parser`, which returns `{ id, key: buf.subarray(4, 36) }`, hands back a view of `data` at `.key`.
   * Only relative imports (`mayRunElsewhere`); the function's own file answers (`parameterViews`).
   */
  argumentViews(call: TSESTree.CallExpression): ArgumentViews | undefined {
    if (!this.mayRunElsewhere(call)) return undefined;
    const helper = this.helperReturns(call, true);
    if (!helper?.module) return undefined;
    const views = helper.kinds.parameterViews(helper.fn);
    return views.length > 0 ? { views, module: helper.module, name: functionName(helper.fn) } : undefined;
  }

  private readonly parameterViewsOf = new WeakMap<FunctionNode, readonly ParameterView[]>();

  /**
   * The views of its parameters a function of this file returns (asked once per function): a cut of a
   * parameter the function never reassigns (`buf.subarray(…)`, `buf.slice(…)`, `new Uint8Array(buf.buffer, …)`),
   * returned itself, through a variable that only holds it, or as a property of a returned object literal.
   */
  parameterViews(fn: FunctionNode): readonly ParameterView[] {
    const known = this.parameterViewsOf.get(fn);
    if (known) return known;
    const found: ParameterView[] = [];
    for (const value of returnedExpressions(fn)) {
      const node = this.valueOf(value);
      if (node?.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of node.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed || property.kind !== 'init') continue;
          const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : staticString(property.key);
          const view = key === undefined ? undefined : this.parameterView(fn, property.value, [key]);
          if (view) found.push(view);
        }
      } else if (node) {
        const view = this.parameterView(fn, value, []);
        if (view) found.push(view);
      }
    }
    const unique = found.filter((view, i) => found.findIndex((other) => other.index === view.index && other.fields.join('.') === view.fields.join('.')) === i);
    this.parameterViewsOf.set(fn, unique);
    return unique;
  }

  /** `value` itself, or what the variable it names holds there (`const key = buf.subarray(…); return key`). */
  private valueOf(value: TSESTree.Node): TSESTree.Node | undefined {
    const node = unwrap(value);
    if (node.type !== AST_NODE_TYPES.Identifier) return node;
    const held = this.heldValue(node);
    return held && unwrap(held);
  }

  /**
   * A view of all of the parameter's bytes, which keeps no more than the parameter itself: `buf.subarray()`,
   * `buf.slice(0)`, `new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)` (msgpack's `ensureUint8Array`).
   */
  private isWholeOf(candidate: ViewCandidate, name: string): boolean {
    const node = candidate.node;
    if (node.type === AST_NODE_TYPES.NewExpression) return isRewrapOf(node, this.sourceCode, compactText(this.sourceCode, candidate.parent), `${name}.byteOffset`, `${name}.byteLength`);
    const [first, ...rest] = node.arguments;
    return !first || (rest.length === 0 && compactText(this.sourceCode, first) === '0');
  }

  /** A cut of a parameter of `fn` that `value` (or the variable it names) is, at `fields` of the result. */
  private parameterView(fn: FunctionNode, value: TSESTree.Node, fields: readonly string[]): ParameterView | undefined {
    const node = this.valueOf(value);
    if (node?.type !== AST_NODE_TYPES.CallExpression && node?.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const candidate = findViewCandidate(node);
    if (!candidate) return undefined;
    let root = unwrap(candidate.parent);
    // `new Uint8Array(buf.buffer, buf.byteOffset + 4, 32)`: a view of the parameter's store.
    if (candidate.shape !== 'method' && root.type === AST_NODE_TYPES.MemberExpression && propertyName(root) === 'buffer') root = unwrap(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    const param = parameterOf(this.sourceCode, root);
    if (!param || param.fn !== fn || param.index < 0 || isWritten(param.variable)) return undefined;
    if (candidate.shape === 'buffer-from' || this.isWholeOf(candidate, root.name)) return undefined;
    // A parameter this file knows to be a string, a plain value or an ArrayBuffer is cut into no view; one it
    // cannot tell is judged by the caller's argument (`needsBuffer` for a `slice`).
    const kind = this.kindOf(root);
    if (kind === 'string' || kind === 'other' || kind === 'array-buffer') return undefined;
    const needsBuffer = candidate.shape === 'method' && candidate.method !== 'subarray' && kind !== 'buffer';
    return { index: param.index, fields, cut: `\`${shortText(this.sourceCode, node)}\``, needsBuffer, sameClass: candidate.shape === 'method' };
  }

  /** `Buffer.from(...)` → 'from' (the global Buffer or one imported from 'buffer'). */
  bufferFactory(call: TSESTree.CallExpression): string | undefined {
    const method = methodCall(call);
    if (!method || method.member.computed) return undefined;
    const receiver = unwrap(method.receiver);
    if (receiver.type !== AST_NODE_TYPES.Identifier || receiver.name !== 'Buffer') return undefined;
    if (!BUFFER_FACTORIES.has(method.name)) return undefined;
    const variable = findVariable(this.sourceCode, receiver);
    if (variable && variable.defs.length > 0 && moduleOf(variable) !== 'buffer') return undefined;
    return method.name;
  }

  /** `readFileSync(p)`, `fs.readFileSync(p)`, `crypto.randomBytes(n)`, `zlib.gzipSync(x)`: the API's name, or undefined. */
  nodeApi(call: TSESTree.CallExpression): string | undefined {
    const api = this.resolveApi(call);
    if (!api) return undefined;
    const { module, name } = api;
    const spec = BUFFER_RETURNING_FUNCTIONS.get(module)?.get(name);
    if (!spec) return undefined;
    if (spec.maxArgs !== undefined && call.arguments.length > spec.maxArgs) return undefined;
    if (spec.encodingArg !== undefined && !hasNoEncoding(call.arguments[spec.encodingArg])) return undefined;
    return name;
  }

  /** The Node module and export a call runs: `fs.readFileSync(…)`, `readFileSync(…)` imported from 'fs', `fs.promises.readFile(…)`. */
  resolveApi(call: TSESTree.CallExpression | TSESTree.NewExpression): { module: string; name: string } | undefined {
    const callee = unwrap(call.callee);
    let module: string | undefined;
    let name: string | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, callee);
      if (!variable) return undefined;
      const imported = importedName(variable);
      module = moduleOf(variable);
      name = imported ?? callee.name;
    } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
      name = propertyName(callee);
      let object = unwrap(callee.object);
      let sub = '';
      // `fs.promises.readFile`
      if (object.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === 'promises') {
        sub = '/promises';
        object = unwrap(object.object);
      }
      if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(this.sourceCode, object);
      if (!variable || importedName(variable)) return undefined;
      const base = moduleOf(variable);
      module = base ? base + sub : undefined;
    }
    return module && name ? { module, name } : undefined;
  }

  /**
   * The platform contract behind a `'data'` chunk: the emitter is a `net`/`tls` socket, a file read
   * stream opened without an encoding, or `process.stdin` (types: a `Socket`, `TLSSocket` or
   * `ReadStream`). Without it, a `'data'` value is only likely a Buffer: object-mode streams and plain
   * EventEmitters emit anything.
   */
  private isByteSource(handler: Handler): boolean {
    if (!handler.emitter) return false;
    if (handler.event === 'message') return this.isWsClient(handler.emitter) || this.isMadeBy(handler.emitter, DATAGRAM_FACTORIES);
    return handler.event === 'data' && this.isByteStream(handler.emitter);
  }

  /** A variable whose only value is a call to one of `factories` (module → names), resolved through imports. */
  private isMadeBy(raw: TSESTree.Node, factories: ReadonlyMap<string, ReadonlySet<string>>): boolean {
    const node = unwrap(raw);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, node);
    const init = variable && singleInit(variable);
    const value = init && unwrap(init);
    if (value?.type !== AST_NODE_TYPES.CallExpression) return false;
    const api = this.resolveApi(value);
    return !!api && !!factories.get(api.module)?.has(api.name);
  }

  /** A stream whose chunks are Buffers by contract (see `isByteSource`), also for `for await` over it. */
  private isByteStream(raw: TSESTree.Node): boolean {
    const emitter = unwrap(raw);
    if (this.types.typed && this.types.hasNominalBase(emitter, BYTE_STREAM_TYPES)) return true;
    if (emitter.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrap(emitter.object);
      return propertyName(emitter) === 'stdin' && object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && !findVariable(this.sourceCode, object)?.defs.length;
    }
    if (emitter.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, emitter);
    if (!variable || variable.defs.length !== 1) return false;
    // `socket: net.Socket`, `stream: fs.ReadStream`: the declaration names the class.
    const annotated = annotatedTypeName(variable.defs[0]!.name);
    if (annotated && BYTE_STREAM_TYPES.has(annotated)) return true;
    const init = singleInit(variable);
    if (init) {
      const value = unwrap(init);
      if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return false;
      const api = this.resolveApi(value);
      if (!api) return false;
      if (value.type === AST_NODE_TYPES.NewExpression) return api.name === 'Socket' && (api.module === 'net' || api.module === 'tls');
      const spec = BYTE_STREAM_FACTORIES.get(api.module)?.get(api.name);
      return !!spec && (spec.encodingArg === undefined || hasNoEncoding(value.arguments[spec.encodingArg]));
    }
    // `net.createServer((socket) => …)`, `server.on('connection', (socket) => …)` on a net or tls server.
    const def = variable.defs[0]!;
    if (def.type !== 'Parameter' || !isFunction(def.node as TSESTree.Node)) return false;
    const fn = def.node as FunctionNode;
    if (fn.params[0] !== def.name) return false;
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.Expression)) return false;
    if (this.isSocketServerFactory(call)) return true;
    const method = methodCall(call);
    if (!method || !SUBSCRIBE_METHODS.has(method.name) || !CONNECTION_EVENTS.has(staticString(call.arguments[0]) ?? '')) return false;
    const server = unwrap(method.receiver);
    if (server.type !== AST_NODE_TYPES.Identifier) return false;
    const serverInit = findVariable(this.sourceCode, server);
    const made = serverInit && singleInit(serverInit);
    return !!made && unwrap(made).type === AST_NODE_TYPES.CallExpression && this.isSocketServerFactory(unwrap(made) as TSESTree.CallExpression);
  }

  /**
   * A ws client socket: the parameter of a `'connection'` listener on a `WebSocketServer` (declared,
   * or made with `new WebSocketServer(…)` / `new WebSocket.Server(…)`) in a file that imports 'ws'. Its
   * `'message'` data is a Buffer unless `binaryType` is changed (which `eventValueKind` already checks).
   */
  private isWsClient(raw: TSESTree.Node): boolean {
    const client = unwrap(raw);
    if (client.type !== AST_NODE_TYPES.Identifier || !/\bfrom\s+['"]ws['"]|require\(\s*['"]ws['"]\s*\)/.test(this.sourceCode.text)) return false;
    const param = parameterOf(this.sourceCode, client);
    const call = param?.fn.parent;
    if (param?.index !== 0 || call?.type !== AST_NODE_TYPES.CallExpression) return false;
    const method = methodCall(call);
    if (!method || !SUBSCRIBE_METHODS.has(method.name) || staticString(call.arguments[0]) !== 'connection') return false;
    const server = unwrap(method.receiver);
    if (server.type !== AST_NODE_TYPES.Identifier) return false;
    const serverVariable = findVariable(this.sourceCode, server);
    if (!serverVariable || serverVariable.defs.length !== 1) return false;
    if (annotatedTypeName(serverVariable.defs[0]!.name) === 'WebSocketServer') return true;
    const made = singleInit(serverVariable);
    const value = made && unwrap(made);
    if (value?.type !== AST_NODE_TYPES.NewExpression) return false;
    const callee = unwrap(value.callee);
    return (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'WebSocketServer') || (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'Server');
  }

  private isSocketServerFactory(call: TSESTree.CallExpression): boolean {
    const api = this.resolveApi(call);
    return !!api && !!SOCKET_SERVER_FACTORIES.get(api.module)?.has(api.name);
  }

  /**
   * What `judge` says of the value a variable holds: of its single initializer, or with `everyWrite`, of
   * every value assigned to it when each one passes (`let header; if (…) header = new Uint8Array(1); …`).
   * With `selfCuts`, a value cut from the variable itself (`pool = pool.slice(0, n)`) keeps what the others
   * make it, as a Buffer's `slice` and `subarray` are Buffers (redis-parser's reused `bufferPool`).
   */
  private identifierEvidence(
    id: TSESTree.Identifier,
    judge: (init: TSESTree.Node) => string | undefined,
    annotations: boolean,
    everyWrite = false,
    selfCuts = false,
  ): string | undefined {
    const variable = findVariable(this.sourceCode, id);
    if (!variable || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (annotations && isBufferAnnotated(def.name)) return 'annotated `Buffer`';
    if (annotations && !(def.name as { typeAnnotation?: unknown }).typeAnnotation && jsdocKind(this.sourceCode, def) === 'buffer') return 'documented `Buffer`';
    const init = singleInit(variable);
    if (init) return judge(init);
    // `this.buffer().then((buf) => …)`: the parameter holds what the call resolves with.
    const promised = def.type === 'Parameter' ? thenReceiverOf(id, this.sourceCode) : undefined;
    if (promised) return judge(promised);
    if (!everyWrite) return undefined;
    const values = assignedValues(variable);
    const kept = selfCuts && values ? values.filter((value) => !isCutOf(value, variable)) : values;
    return kept && kept.length > 0 ? everyVerdict(kept, judge) : undefined;
  }
}

/** Every value the variable is given after its declaration is a cut of itself (`p = p.slice(n)`), or none is. */
function onlySelfCuts(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((ref) => !ref.isWrite() || ref.init || (!!ref.writeExpr && isCutOf(ref.writeExpr, variable)));
}

/** `x.slice(…)` or `x.subarray(…)` of the variable `variable` itself. */
function isCutOf(value: TSESTree.Node, variable: TSESLint.Scope.Variable): boolean {
  const cut = cutReceiver(value);
  const receiver = cut && unwrap(cut);
  return receiver?.type === AST_NODE_TYPES.Identifier && receiver.name === variable.name && variable.references.some((ref) => ref.identifier === receiver);
}

function isBufferAnnotated(name: TSESTree.Node): boolean {
  const annotation = (name as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  if (!annotation) return false;
  const parts =
    annotation.type === AST_NODE_TYPES.TSUnionType
      ? annotation.types.filter(
          (part) => part.type !== AST_NODE_TYPES.TSNullKeyword && part.type !== AST_NODE_TYPES.TSUndefinedKeyword,
        )
      : [annotation];
  return (
    parts.length > 0 &&
    parts.every(
      (part) =>
        part.type === AST_NODE_TYPES.TSTypeReference &&
        part.typeName.type === AST_NODE_TYPES.Identifier &&
        part.typeName.name === 'Buffer',
    )
  );
}

/** `Uint8Array.prototype.slice.call(x, ...)`: an exact, unpooled copy. */
function isSliceCallCopy(call: TSESTree.CallExpression): boolean {
  const method = methodCall(call);
  if (method?.name !== 'call') return false;
  const slice = unwrap(method.receiver);
  if (slice.type !== AST_NODE_TYPES.MemberExpression || propertyName(slice) !== 'slice') return false;
  const proto = unwrap(slice.object);
  return (
    proto.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(proto) === 'prototype' &&
    proto.object.type === AST_NODE_TYPES.Identifier &&
    TYPED_ARRAY_CONSTRUCTORS.has(proto.object.name)
  );
}

/** No encoding argument: absent, `null`, `undefined`, or an options object without `encoding`. */
function hasNoEncoding(arg: TSESTree.Node | undefined): boolean {
  if (!arg || isEmptyValue(arg)) return true;
  if (arg.type === AST_NODE_TYPES.ObjectExpression) {
    if (arg.properties.some((prop) => prop.type !== AST_NODE_TYPES.Property || prop.computed)) return false;
    const encoding = arg.properties.find(
      (prop): prop is TSESTree.Property =>
        prop.type === AST_NODE_TYPES.Property &&
        ((prop.key.type === AST_NODE_TYPES.Identifier && prop.key.name === 'encoding') ||
          (prop.key.type === AST_NODE_TYPES.Literal && prop.key.value === 'encoding')),
    );
    return !encoding || isEmptyValue(encoding.value);
  }
  return false;
}

function isSplitCall(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.CallExpression && methodCall(value)?.name === 'split';
}

function readKind(call: TSESTree.CallExpression): ValueKind {
  // `readFileSync(path, 'utf8')` and `{ encoding: 'utf8' }` return text.
  const options = call.arguments[1];
  if (!options) return 'buffer';
  if (options.type === AST_NODE_TYPES.Literal) return typeof options.value === 'string' ? 'string' : 'buffer';
  if (options.type === AST_NODE_TYPES.ObjectExpression) {
    const hasEncoding = options.properties.some(
      (prop) =>
        prop.type === AST_NODE_TYPES.Property &&
        prop.key.type === AST_NODE_TYPES.Identifier &&
        prop.key.name === 'encoding' &&
        !(prop.value.type === AST_NODE_TYPES.Literal && prop.value.value === null),
    );
    return hasEncoding ? 'string' : 'buffer';
  }
  return 'unknown';
}

/** Evidence from what the code does with a variable: `x.readUInt32BE()` → Buffer, `x.split()` → text. */
function usageKind(variable: TSESLint.Scope.Variable, seen: Seen): ValueKind {
  const found: ValueKind[] = [];
  for (const ref of variable.references) {
    const parent = ref.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== ref.identifier) continue;
    let kind = methodKind(parent);
    if (kind === 'unknown' && VIEW_ONLY_MEMBERS.has(propertyName(parent) ?? '')) {
      // `byteOffset` or `byteLength` say a view, not which one.
      kind = 'buffer';
      seen.guessed = true;
    }
    found.push(kind);
  }
  return agreedKind(found);
}

/** What using `member` says of its object: a string-only method → text, a Buffer-only one → a Buffer. */
function methodKind(member: TSESTree.MemberExpression): ValueKind {
  const name = propertyName(member);
  if (!name) return 'unknown';
  if (STRING_ONLY_METHODS.has(name)) return 'string';
  if (BUFFER_ONLY_METHODS.has(name) || (name === 'toString' && isBufferToString(member)) || isBufferCopy(member)) return 'buffer';
  // `decoder.readInt32()`, `reader.readFloat()`: a look-alike reader class, whose Buffer-named methods
  // (`readInt8`) prove nothing.
  if (LOOK_ALIKE_ACCESSOR.test(name)) return 'other';
  return 'unknown';
}

/** The one kind the known answers agree on; unknown when none is known or two disagree. */
function agreedKind(kinds: readonly ValueKind[]): ValueKind {
  let agreed: ValueKind = 'unknown';
  for (const kind of kinds) {
    if (kind === 'unknown') continue;
    if (agreed !== 'unknown' && agreed !== kind) return 'unknown';
    agreed = kind;
  }
  return agreed;
}

/**
 * `src.copy(target, targetStart, …)`: a Buffer's copy into another. Other objects' `copy` (a vector's
 * `copy(v)`) take one argument.
 */
function isBufferCopy(member: TSESTree.MemberExpression): boolean {
  const call = member.parent;
  return propertyName(member) === 'copy' && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments.length >= 2;
}

/**
 * `req.data.copy(block, 0)`, `msg.payload.readUInt32BE(0)`: what the code calls on `object.name`, where
 * `object` is a variable never reassigned, says what that property holds.
 */
function memberUsageKind(member: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>, valueKind?: (value: TSESTree.Node) => ValueKind): ValueKind {
  const object = unwrap(member.object);
  const name = propertyName(member);
  if (object.type !== AST_NODE_TYPES.Identifier || !name || member.computed) return 'unknown';
  const variable = findVariable(sourceCode, object);
  if (!variable || variable.references.some((ref) => ref.isWrite() && !ref.init)) return 'unknown';
  const found: ValueKind[] = [];
  for (const ref of variable.references) {
    const read = ref.identifier.parent;
    if (read?.type !== AST_NODE_TYPES.MemberExpression || read.object !== ref.identifier || read.computed || propertyName(read) !== name) continue;
    // `req.data = …` elsewhere: the property is not one value, unless what is written is known and agrees
    // (`tap.buf = Buffer.alloc(n)` beside `tap.buf.writeUInt32BE(…)`).
    if (read.parent?.type === AST_NODE_TYPES.AssignmentExpression && read.parent.left === read) {
      const written = read.parent.operator === '=' && valueKind ? valueKind(read.parent.right) : 'unknown';
      if (written === 'unknown') return 'unknown';
      found.push(written);
      continue;
    }
    const use = read.parent;
    if (use?.type === AST_NODE_TYPES.MemberExpression && use.object === read) found.push(methodKind(use));
  }
  return agreedKind(found);
}

/** `chunk.toString('hex')`, `buf.toString('utf8', 0, 4)`: only Buffers take an encoding. */
function isBufferToString(member: TSESTree.MemberExpression): boolean {
  const call = member.parent;
  return (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.callee === member &&
    call.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof call.arguments[0].value === 'string'
  );
}

/** The class an annotation names (`net.Socket` → 'Socket'), when it is one plain type reference. */
function annotatedTypeName(name: TSESTree.Node): string | undefined {
  const annotation = (name as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const typeName = annotation.typeName;
  if (typeName.type === AST_NODE_TYPES.Identifier) return typeName.name;
  return typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : undefined;
}

/** The members of a class body; [] for a pre-class "class" (its fields are only `this.x` writes). */
function classBody(owner: TSESTree.Node): TSESTree.ClassElement[] {
  return owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression ? owner.body.body : [];
}

/** Array methods that hand back one element: `shift()`, `pop()`, `at(i)`. */
const TAKE_ELEMENT_METHODS = new Set(['shift', 'pop', 'at']);

/** What `bufferEvidence` answers for a field asked about inside the judging of its own values; never the final answer. */
const ASSUMED_BUFFER = 'assumed while its values are judged';

/** `this.f.slice(n)`, `self.f.subarray(a, b)`: a cut of the same property, on `this` or an alias of it. */
function isSelfCut(value: TSESTree.Node, name: string | undefined): boolean {
  const node = unwrap(value);
  if (!name || node.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = methodCall(node);
  if (!method || (method.name !== 'slice' && method.name !== 'subarray') || method.member.computed) return false;
  const receiver = unwrap(method.receiver);
  return (
    receiver.type === AST_NODE_TYPES.MemberExpression &&
    !receiver.computed &&
    propertyName(receiver) === name &&
    (receiver.object.type === AST_NODE_TYPES.ThisExpression || receiver.object.type === AST_NODE_TYPES.Identifier)
  );
}

/** `write` and `use` sit in the two branches of one `if` or `?:`: the write never reaches the use. */
function inOtherBranch(write: TSESTree.Node, use: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = write, parent = write.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.IfStatement && parent.type !== AST_NODE_TYPES.ConditionalExpression) continue;
    if (!isInside(use, parent)) return false;
    if (parent.consequent === child) return !!parent.alternate && isInside(use, parent.alternate);
    if (parent.alternate === child) return isInside(use, parent.consequent);
  }
  return false;
}

/**
 * What `judge` says of every value, when it says something of each (`null` and `undefined`, the empty
 * state before the first real value, are passed over); undefined when any value fails or none is real.
 */
function everyVerdict(values: TSESTree.Node[], judge: (value: TSESTree.Node) => string | undefined): string | undefined {
  let verdict: string | undefined;
  for (const value of values) {
    if (isEmptyValue(value)) continue;
    verdict = judge(value);
    if (!verdict) return undefined;
  }
  return verdict;
}

/** `util.types` tests that are true only of views (and the same names in libraries: `utils.isArrayBufferView`). */
const UTIL_VIEW_TESTS = /^is(?:TypedArray|ArrayBufferView|DataView|(?:Big)?(?:Uint|Int|Float)(?:8|16|32|64)(?:Clamped)?Array)$/;

const VIEW_CLASSES = /^(?:(?:Big)?(?:Uint|Int|Float)(?:8|16|32|64)(?:Clamped)?Array|DataView|Buffer)$/;

/** `ArrayBuffer.isView(x)`, `Buffer.isBuffer(x)`, `x instanceof Uint8Array` (or DataView, Buffer…), alone or in an `&&` chain. */
function testsView(test: TSESTree.Node, text: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') {
    return testsView(node.left, text, sourceCode) || testsView(node.right, text, sourceCode);
  }
  return viewTestOf(node, text, sourceCode) !== undefined;
}

/**
 * What a single test proves of the value spelled `text`: `Buffer.isBuffer(x)` and `x instanceof Buffer` a
 * Buffer; `ArrayBuffer.isView(x)` and `x instanceof Uint8Array` (DataView, …) a view.
 */
function viewTestOf(test: TSESTree.Node, text: string, sourceCode: Readonly<TSESLint.SourceCode>): 'buffer' | 'view' | undefined {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === 'instanceof') {
    const right = unwrap(node.right);
    if (sourceCode.getText(unwrap(node.left as TSESTree.Node)) !== text || right.type !== AST_NODE_TYPES.Identifier || !VIEW_CLASSES.test(right.name)) return undefined;
    return right.name === 'Buffer' ? 'buffer' : 'view';
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1) return undefined;
  const callee = unwrap(node.callee);
  // A helper of the code's own named for the test (`const isView = (obj) => ArrayBuffer.isView(obj)`).
  // Or one imported under a view test's name (`isTypedArray(x)`, `isUint8Array(x)`).
  if (callee.type === AST_NODE_TYPES.Identifier && (/^is(?:ArrayBuffer)?View$/.test(callee.name) || UTIL_VIEW_TESTS.test(callee.name)) && sourceCode.getText(unwrap(node.arguments[0]!)) === text) return 'view';
  if (callee.type !== AST_NODE_TYPES.MemberExpression || sourceCode.getText(unwrap(node.arguments[0]!)) !== text) return undefined;
  const receiver = sourceCode.getText(unwrap(callee.object));
  if (propertyName(callee) === 'isView' && receiver === 'ArrayBuffer') return 'view';
  if (propertyName(callee) === 'isBuffer' && receiver === 'Buffer') return 'buffer';
  // Node's `util.types.isTypedArray(x)`, `types.isUint8Array(x)`, `types.isArrayBufferView(x)`, and a library's
  // or the project's own test of the same name (axios' `utils.isArrayBufferView(x)`, lodash's `_.isTypedArray(x)`).
  if (UTIL_VIEW_TESTS.test(propertyName(callee) ?? '')) return 'view';
  return undefined;
}

/** `x instanceof ArrayBuffer`, `types.isAnyArrayBuffer(x)`, `isArrayBuffer(x)`: a test that `x` is a store. */
function testsStore(test: TSESTree.Node, text: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === 'instanceof') {
    const right = unwrap(node.right);
    return sourceCode.getText(unwrap(node.left as TSESTree.Node)) === text && right.type === AST_NODE_TYPES.Identifier && /^(?:Shared)?ArrayBuffer$/.test(right.name);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length !== 1 || sourceCode.getText(unwrap(node.arguments[0]!)) !== text) return false;
  const callee = unwrap(node.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  return !!name && /^is(?:Any|Shared)?ArrayBuffer$/.test(name);
}

/** `x instanceof WebAssembly.Memory` (alone or in an `&&` chain): a class that is neither a view nor a store. */
function testsOtherClass(test: TSESTree.Node, text: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') {
    return testsOtherClass(node.left, text, sourceCode) || testsOtherClass(node.right, text, sourceCode);
  }
  if (node.type !== AST_NODE_TYPES.BinaryExpression || node.operator !== 'instanceof') return false;
  if (sourceCode.getText(unwrap(node.left as TSESTree.Node)) !== text) return false;
  const name = nameOf(unwrap(node.right));
  return !!name && !VIEW_CLASSES.test(name) && !/^(?:Shared)?ArrayBuffer$/.test(name) && !/Array$/.test(name);
}

/** `x instanceof ArrayBuffer`, `types.isAnyArrayBuffer(x)`, alone or in an `&&` chain: `x` is a store. */
function testsOnlyStore(test: TSESTree.Node, text: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') {
    return testsOnlyStore(node.left, text, sourceCode) || testsOnlyStore(node.right, text, sourceCode);
  }
  return testsStore(node, text, sourceCode);
}

/**
 * `x instanceof ArrayBuffer || ArrayBuffer.isView(x)` (alone or in an `&&` chain): `x` is a store or a view.
 * Where its `buffer` is read, it is the view (a store has none).
 */
function testsViewOrStore(test: TSESTree.Node, text: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const node = unwrap(test);
  if (node.type !== AST_NODE_TYPES.LogicalExpression) return false;
  if (node.operator === '&&') return testsViewOrStore(node.left, text, sourceCode) || testsViewOrStore(node.right, text, sourceCode);
  if (node.operator !== '||') return false;
  const parts: TSESTree.Node[] = [];
  const collect = (part: TSESTree.Node) => {
    const inner = unwrap(part);
    if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '||') {
      collect(inner.left);
      collect(inner.right);
    } else parts.push(inner);
  };
  collect(node);
  const views = parts.filter((part) => viewTestOf(part, text, sourceCode) !== undefined);
  return views.length > 0 && parts.every((part) => views.includes(part) || testsStore(part, text, sourceCode));
}

/** For the first parameter of `p.then((value) => …)`: the call `p` is, when it is one. */
function thenReceiverOf(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression | undefined {
  const variable = findVariable(sourceCode, id);
  const def = variable?.defs[0];
  if (!def || variable.defs.length !== 1 || def.type !== 'Parameter') return undefined;
  const fn = def.node;
  if (!isFunction(fn) || fn.params[0] !== def.name) return undefined;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
  const method = methodCall(call);
  if (!method || method.name !== 'then') return undefined;
  const receiver = unwrap(method.receiver);
  return receiver.type === AST_NODE_TYPES.CallExpression ? receiver : undefined;
}

/**
 * The `if` around `x = Buffer.from(x)` when it reads `if (!Buffer.isBuffer(x))` or `!(x instanceof Buffer)`
 * with no `else`: on the path that skips the assignment, the test proved `x` a Buffer, so after the `if`
 * both paths agree. (b4a's `isBuffer` is no such test: it is true of any Uint8Array.)
 */
function normalizingGuard(assignment: TSESTree.Node, name: string, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.IfStatement | undefined {
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') return undefined;
  let statement: TSESTree.Node | undefined = assignment.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  let holder: TSESTree.Node | undefined = statement.parent;
  if (holder?.type === AST_NODE_TYPES.BlockStatement && holder.body.length === 1) {
    statement = holder;
    holder = holder.parent;
  }
  if (holder?.type !== AST_NODE_TYPES.IfStatement || holder.consequent !== statement || holder.alternate) return undefined;
  const test = unwrap(holder.test);
  if (test.type !== AST_NODE_TYPES.UnaryExpression || test.operator !== '!') return undefined;
  return viewTestOf(test.argument, name, sourceCode) === 'buffer' ? holder : undefined;
}

const IDENTIFIER_PART = /[\p{ID_Continue}$\u200c\u200d]/u;

function isIdentifierPart(code: number | undefined): boolean {
  if (code === undefined) return false;
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
  return IDENTIFIER_PART.test(String.fromCodePoint(code));
}

/** The character (code point) at `index` continues an identifier. */
function isIdentifierPartAt(text: string, index: number): boolean {
  return isIdentifierPart(text.codePointAt(index));
}

/** The character (code point) that ends just before `index` continues an identifier. */
function isIdentifierPartBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return isIdentifierPart(text.codePointAt(index - 2));
  }
  return isIdentifierPart(low);
}

/** `node.buffer` is read: `node` is taken for a view. */
function isBufferOfRead(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && !parent.computed && propertyName(parent) === 'buffer';
}

/** `function (this: DataView | TypedArray | ArrayBuffer, …)`: a declared `this` that may be a view. */
function declaredThisMayBeView(fn: FunctionNode): boolean {
  const first = fn.params[0];
  const annotation = first?.type === AST_NODE_TYPES.Identifier && first.name === 'this' ? first.typeAnnotation?.typeAnnotation : undefined;
  if (!annotation) return false;
  const parts = annotation.type === AST_NODE_TYPES.TSUnionType ? annotation.types : [annotation];
  return parts.some((part) => isViewKind(typeNodeKind(part)));
}

/** `Buffer`, a typed-array class or `DataView` (amqp-client's `AMQPView extends DataView`): its instances are views. */
export function isViewClassName(name: string | undefined): boolean {
  return !!name && (name === 'Buffer' || name === 'DataView' || TYPED_ARRAY_CONSTRUCTORS.has(name));
}
