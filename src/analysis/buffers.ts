import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  BUFFER_FACTORIES,
  BUFFER_RETURNING_FUNCTIONS,
  EXACT_BUFFER_FACTORIES,
  POOLED_BUFFER_FACTORIES,
  TYPED_ARRAY_CONSTRUCTORS,
} from './apis';
import { enclosingClass, findVariable, isFunction, memberKeyName, methodCall, propertyName, shortText, unwrap } from './ast';
import { walk } from './contexts';
import { getDeclaredTypes } from './declared';
import type { Analysis } from './index';
import { annotationKind } from './origins';
import { confirmView, findViewCandidate } from './views';

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
  /** The view-making expression, when the value is one (the fix copies it in place). */
  creation?: TSESTree.CallExpression | TSESTree.NewExpression;
}

const MAX_DEPTH = 4;

export class BufferFacts {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly analysis: Analysis,
  ) {}

  /**
   * Evidence, from the code alone, that `expr` is a Node Buffer: a `Buffer.*` factory, a Node API that
   * returns one (imported from its module), a `Buffer` annotation, or a Buffer's own views.
   */
  bufferEvidence(expr: TSESTree.Node, depth = 0): string | undefined {
    const node = unwrap(expr);
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        const factory = this.bufferFactory(node);
        if (factory) return `made by \`Buffer.${factory}()\``;
        const api = this.nodeApi(node);
        if (api) return `returned by \`${api}()\``;
        const method = methodCall(node);
        // A Buffer's `subarray` and `slice` are Buffers too.
        if (method && (method.name === 'subarray' || method.name === 'slice') && !method.member.computed) {
          return this.bufferEvidence(method.receiver, depth + 1);
        }
        return undefined;
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.bufferEvidence(node.argument, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression: {
        const a = this.bufferEvidence(node.consequent, depth + 1);
        return a && this.bufferEvidence(node.alternate, depth + 1) ? a : undefined;
      }
      case AST_NODE_TYPES.Identifier:
        return this.identifierEvidence(node, (init) => this.bufferEvidence(init, depth + 1), true);
      default:
        return undefined;
    }
  }

  /** Typed mode: every part of the value's type is a Buffer (or a subclass); untyped: the evidence above. */
  isBuffer(expr: TSESTree.Node): string | undefined {
    const types = this.analysis.types;
    const evidence = this.bufferEvidence(expr);
    if (types.typed) {
      // Without evidence only an all-Buffer type answers yes, and a value declared a string, number,
      // boolean, array, Map or ArrayBuffer never has one: no need to ask the checker (most `.slice` calls
      // are on strings and arrays).
      if (!evidence && getDeclaredTypes(this.sourceCode).isCertainlyNotBuffer(unwrap(expr))) return undefined;
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
        // The Encoding standard makes `encode` return a Uint8Array over a new ArrayBuffer of its exact size.
        if (method?.name === 'encode' && this.isTextEncoder(method.receiver)) return '`TextEncoder#encode()`';
        return undefined;
      }
      case AST_NODE_TYPES.Identifier:
        return this.identifierEvidence(node, (init) => this.exactOwnership(init, depth + 1), false, true);
      case AST_NODE_TYPES.MemberExpression: {
        // `this.buffer`, `encoder.cbuf`: a property the code only ever sets to arrays that own their store.
        const values = this.memberValues(node);
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
    let values: TSESTree.Node[] | undefined;
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
   * Every value the code gives a property with a plain `=`, a field initializer or an object literal:
   * for `this.name`, within its class; for `x.name`, anywhere in the file. Undefined when something else
   * writes it (`+=`, `++`, destructuring).
   */
  private memberValues(member: TSESTree.MemberExpression): TSESTree.Node[] | undefined {
    if (member.object.type === AST_NODE_TYPES.ThisExpression) return this.fieldValues(member);
    const name = propertyName(member);
    if (!name || member.computed) return undefined;
    // Most properties are never set in the file (`x.name = …`, `{ name: … }`): a text search spares the
    // walk. Missing a write here only leaves the property unknown, which is the cautious answer.
    const escaped = name.replace(/[$]/g, '\\$');
    if (!new RegExp(`\\.${escaped}\\s*=(?!=)|[{,]\\s*${escaped}\\s*:`).test(this.sourceCode.text)) return undefined;
    return this.propertyWrites().get(name) ?? undefined;
  }

  private writesByName: Map<string, TSESTree.Node[] | null> | undefined;

  /** Values written to each property name in the file (null: written some other way). Built once. */
  private propertyWrites(): Map<string, TSESTree.Node[] | null> {
    if (this.writesByName) return this.writesByName;
    const writes = new Map<string, TSESTree.Node[] | null>();
    const add = (name: string | undefined, value: TSESTree.Node | null) => {
      if (!name) return;
      const list = writes.get(name);
      if (list === null) return;
      if (!value) writes.set(name, null);
      else if (list) list.push(value);
      else writes.set(name, [value]);
    };
    walk(this.sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
        add(propertyName(node.left), node.operator === '=' ? node.right : null);
      } else if (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type === AST_NODE_TYPES.MemberExpression) {
        add(propertyName(node.argument), null);
      } else if (node.type === AST_NODE_TYPES.MemberExpression && isPatternTarget(node)) {
        add(propertyName(node), null);
      } else if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.static && node.value) {
        add(memberKeyName(node), node.value);
      } else if (node.type === AST_NODE_TYPES.Property && node.parent?.type === AST_NODE_TYPES.ObjectExpression) {
        add(memberKeyName(node), node.kind === 'init' && !node.method ? node.value : null);
      }
    });
    this.writesByName = writes;
    return writes;
  }

  /** Every value a class assigns to `this.name` with a plain `=`; undefined if anything else writes it. */
  private fieldValues(member: TSESTree.MemberExpression): TSESTree.Node[] | undefined {
    const name = propertyName(member);
    const cls = enclosingClass(member);
    if (!name || !cls) return undefined;
    const values: TSESTree.Node[] = [];
    for (const item of cls.body.body) {
      if (item.type === AST_NODE_TYPES.PropertyDefinition && !item.static && memberKeyName(item) === name && item.value) values.push(item.value);
    }
    for (const ref of this.analysis.handlers.thisMemberRefs(cls).get(name) ?? []) {
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
  largerBacking(expr: TSESTree.Node, depth = 0): LargerBacking | undefined {
    const node = unwrap(expr);
    if (depth > MAX_DEPTH) return undefined;
    if (this.exactOwnership(node)) return undefined;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const candidate = findViewCandidate(node);
      const view = candidate && confirmView(candidate, this.analysis.origins);
      if (view) {
        const how = view.shape === 'method' ? `a \`${view.method}\` view` : `a view made by \`${shortText(this.sourceCode, node.callee)}\``;
        const kind = view.kind === 'buffer' || view.kind === 'typed-array' || view.kind === 'data-view' ? view.kind : 'unknown';
        return { label: `${how} of \`${shortText(this.sourceCode, view.parent)}\``, kind, creation: node };
      }
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const factory = this.bufferFactory(node);
        if (factory && POOLED_BUFFER_FACTORIES.has(factory)) {
          return { label: `a Buffer from \`Buffer.${factory}()\`, which may be a slice of the shared pool`, kind: 'buffer' };
        }
      }
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const chunk = this.chunkOf(node);
      if (chunk) return chunk;
      const variable = findVariable(this.sourceCode, node);
      const init = variable && singleInit(variable);
      if (init) {
        const found = this.largerBacking(init, depth + 1);
        if (found) return { label: found.label.replace(/^a /, `\`${node.name}\`, a `), kind: found.kind };
        if (this.exactOwnership(init)) return undefined;
      }
    }
    if (this.analysis.types.typed) {
      const parts = this.analysis.types.partKinds(node);
      if (parts.length > 0 && parts.every((part) => part === 'buffer')) {
        return { label: `\`${shortText(this.sourceCode, node)}\`, a Buffer that may be a slice of a larger ArrayBuffer or of the shared pool`, kind: 'buffer' };
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.Identifier && this.annotatedBuffer(node)) {
      return { label: `\`${node.name}\`, a Buffer that may be a slice of a larger ArrayBuffer or of the shared pool`, kind: 'buffer' };
    }
    return undefined;
  }

  /** A `'data'` chunk or a `for await` chunk: a Buffer that may be part of a larger read. */
  private chunkOf(id: TSESTree.Identifier): LargerBacking | undefined {
    const variable = findVariable(this.sourceCode, id);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || !def) return undefined;
    if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return undefined;
    const handlers = this.analysis.handlers;
    if (def.type === 'Parameter' && isFunction(def.node as TSESTree.Node)) {
      const fn = def.node as TSESTree.FunctionExpression;
      if (fn.params[0] !== def.name) return undefined;
      const handler = handlers.handlerOf(fn);
      if (handler?.event && handler.kind === 'subscription' && handlers.eventValueKind(handler) === 'buffer' && handler.event === 'data') {
        return { label: `\`${id.name}\`, a chunk received by ${handler.label}`, kind: 'buffer' };
      }
    }
    return undefined;
  }

  private annotatedBuffer(id: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode, id);
    return !!variable && variable.defs.length === 1 && annotationKind(variable.defs[0]!.name) === 'buffer';
  }

  /** Typed: a plain typed array (not a Buffer); untyped: made by a typed-array constructor. */
  isPlainTypedArray(expr: TSESTree.Node): boolean {
    const types = this.analysis.types;
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
      return !!def && variable.defs.length === 1 && annotationKind(def.name) === 'typed-array' && !isBufferAnnotated(def.name);
    }
    return false;
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
    if (!module || !name) return undefined;
    const spec = BUFFER_RETURNING_FUNCTIONS.get(module)?.get(name);
    if (!spec) return undefined;
    if (spec.maxArgs !== undefined && call.arguments.length > spec.maxArgs) return undefined;
    if (spec.encodingArg !== undefined && !hasNoEncoding(call.arguments[spec.encodingArg])) return undefined;
    return name;
  }

  /**
   * What `judge` says of the value a variable holds: of its single initializer, or with `everyWrite`, of
   * every value assigned to it when each one passes (`let header; if (…) header = new Uint8Array(1); …`).
   */
  private identifierEvidence(
    id: TSESTree.Identifier,
    judge: (init: TSESTree.Node) => string | undefined,
    annotations: boolean,
    everyWrite = false,
  ): string | undefined {
    const variable = findVariable(this.sourceCode, id);
    if (!variable || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (annotations && isBufferAnnotated(def.name)) return 'annotated `Buffer`';
    const init = singleInit(variable);
    if (init) return judge(init);
    if (!everyWrite) return undefined;
    const values = assignedValues(variable);
    if (!values || values.length === 0) return undefined;
    let verdict: string | undefined;
    for (const value of values) {
      verdict = judge(value);
      if (!verdict) return undefined;
    }
    return verdict;
  }
}

/**
 * Every value a `let` or `var` is given, when each is a plain `=` (at the declaration or later) and
 * nothing else writes it (no `+=`, destructuring or loop binding); undefined otherwise.
 */
function assignedValues(variable: TSESLint.Scope.Variable): TSESTree.Node[] | undefined {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const loop = declarator.parent?.parent;
  if (loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement)) return undefined;
  const values: TSESTree.Node[] = declarator.init ? [declarator.init] : [];
  for (const ref of variable.references) {
    if (!ref.isWrite() || ref.init) continue;
    const assignment = ref.identifier.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== ref.identifier) return undefined;
    values.push(assignment.right);
  }
  return values;
}

/** `[this.x] = …`, `({ a: this.x } = …)`, `for (this.x of …)`: a write that is not a plain `=`. */
function isPatternTarget(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ArrayPattern || parent.type === AST_NODE_TYPES.RestElement) return true;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent?.type === AST_NODE_TYPES.ObjectPattern) return true;
  if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node) return true;
  return (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) && parent.left === node;
}

/** `new C()` whose callee `isConstructor` accepts, or a variable whose only value is one. */
export function isConstructedBy(
  expr: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  isConstructor: (callee: TSESTree.Node) => boolean,
): boolean {
  const node = unwrap(expr);
  if (node.type === AST_NODE_TYPES.NewExpression) return isConstructor(unwrap(node.callee));
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, node);
  const init = variable && singleInit(variable);
  return !!init && unwrap(init).type === AST_NODE_TYPES.NewExpression && isConstructor(unwrap((unwrap(init) as TSESTree.NewExpression).callee));
}

/** The initializer of a variable assigned exactly once, at its declaration. */
export function singleInit(variable: TSESLint.Scope.Variable): TSESTree.Expression | undefined {
  const init = (variable.defs[0]?.node as TSESTree.VariableDeclarator | undefined)?.init;
  const values = assignedValues(variable);
  return init && values?.length === 1 && values[0] === init ? init : undefined;
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
  if (!arg) return true;
  if (arg.type === AST_NODE_TYPES.Literal) return arg.value === null;
  if (arg.type === AST_NODE_TYPES.Identifier) return arg.name === 'undefined';
  if (arg.type === AST_NODE_TYPES.ObjectExpression) {
    if (arg.properties.some((prop) => prop.type !== AST_NODE_TYPES.Property || prop.computed)) return false;
    const encoding = arg.properties.find(
      (prop): prop is TSESTree.Property =>
        prop.type === AST_NODE_TYPES.Property &&
        ((prop.key.type === AST_NODE_TYPES.Identifier && prop.key.name === 'encoding') ||
          (prop.key.type === AST_NODE_TYPES.Literal && prop.key.value === 'encoding')),
    );
    return !encoding || (encoding.value.type === AST_NODE_TYPES.Literal && encoding.value.value === null);
  }
  return false;
}

/** The module a variable comes from: `import fs from 'node:fs'`, `const { readFileSync } = require('fs')` → 'fs'. */
export function moduleOf(variable: TSESLint.Scope.Variable): string | undefined {
  const def = variable.defs[0];
  if (!def || variable.defs.length !== 1) return undefined;
  let source: unknown;
  if (def.type === 'ImportBinding') {
    source = (def.parent as TSESTree.ImportDeclaration).source.value;
  } else if (def.type === 'Variable') {
    const init = (def.node as TSESTree.VariableDeclarator).init;
    const call = init && unwrap(init);
    if (
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee.type === AST_NODE_TYPES.Identifier &&
      call.callee.name === 'require' &&
      call.arguments[0]?.type === AST_NODE_TYPES.Literal
    ) {
      source = call.arguments[0].value;
    }
  }
  return typeof source === 'string' ? source.replace(/^node:/, '') : undefined;
}

/** For `import { readFileSync as read } from 'fs'` or `const { readFileSync: read } = require('fs')`: 'readFileSync'. */
function importedName(variable: TSESLint.Scope.Variable): string | undefined {
  const def = variable.defs[0];
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    const spec = def.node;
    if (spec.type === AST_NODE_TYPES.ImportSpecifier) {
      return spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value);
    }
    return undefined;
  }
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    for (const prop of declarator.id.properties) {
      if (prop.type === AST_NODE_TYPES.Property && prop.value === def.name && prop.key.type === AST_NODE_TYPES.Identifier) {
        return prop.key.name;
      }
    }
  }
  return undefined;
}

const factsBySource = new WeakMap<object, BufferFacts>();

/** The file's BufferFacts (one per SourceCode). */
export function getBufferFacts(analysis: Analysis): BufferFacts {
  const key = analysis.context.sourceCode;
  let facts = factsBySource.get(key);
  if (!facts) {
    facts = new BufferFacts(key, analysis);
    factsBySource.set(key, facts);
  }
  return facts;
}
