import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ARRAY_TO_SAME_ARRAY_METHODS,
  ARRAY_TO_SCALAR_METHODS,
  NUMBER_TO_STRING_METHODS,
  STRING_TO_SCALAR_METHODS,
  STRING_TO_STRING_METHODS,
} from './apis';
import type { ValueKind } from './types';
import { findVariable, isFunction, isGlobalBinding, memberKeyName, methodCall, parameterPropertyNamed, propertyName, staticNumber, staticString } from './ast';

/**
 * What a value's declared type certainly is, read from syntax alone: type annotations, literals, and
 * the lib functions and methods whose result TypeScript fixes (`Array.from`, a string's `trim`).
 *
 * Typed rules use it to skip checker queries whose answer is already known: a value declared `string`,
 * `number` or `Row[]` is never a Buffer, because narrowing only makes a declared type smaller and a
 * Buffer is neither a string, a number nor an array. A type query costs a slice of type-checking (the
 * receiver's inference, overloads, control flow), and `.slice` calls are everywhere. Any step that is
 * not certain (an unannotated parameter, an imported value, a type from another file) answers
 * 'unknown', and the checker decides as before.
 */
type Declared =
  | { kind: 'string' | 'scalar' | 'array-buffer' | 'unknown' }
  | { kind: 'array'; element: () => Declared }
  | { kind: 'map'; key: () => Declared; value: () => Declared }
  /** An object type declared in this file: an interface, a type literal, a class or a type parameter's constraint. */
  | { kind: 'object'; member: (name: string) => Declared };

const UNKNOWN: Declared = { kind: 'unknown' };
const STRING: Declared = { kind: 'string' };
const SCALAR: Declared = { kind: 'scalar' };
const ARRAY_BUFFER: Declared = { kind: 'array-buffer' };
const MAX_DEPTH = 8;

export class DeclaredTypes {
  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {}

  /** True when the declarations show that `expr` is a string, a number, a boolean, an array, a Map or an ArrayBuffer. */
  isCertainlyNotBuffer(expr: TSESTree.Node): boolean {
    try {
      const kind = this.ofExpression(expr, 0).kind;
      return kind !== 'unknown' && kind !== 'object';
    } catch {
      return false;
    }
  }

  /**
   * `'array'` or `'map'` when the declarations show that `expr` is one: an element of a field declared
   * `Array<Array<Record>>` (`this.caches[i]`), a variable declared `Map<string, Uint8Array[]>`.
   */
  collectionKind(expr: TSESTree.Node): 'array' | 'map' | undefined {
    try {
      const kind = this.ofExpression(expr, 0).kind;
      return kind === 'array' || kind === 'map' ? kind : undefined;
    } catch {
      return undefined;
    }
  }

  private ofExpression(node: TSESTree.Node, depth: number): Declared {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const next = depth + 1;
    switch (node.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        return this.ofTypeNode(node.typeAnnotation, next);
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.ChainExpression:
        return this.ofExpression(node.expression, next);
      case AST_NODE_TYPES.Literal:
        if (typeof node.value === 'string') return STRING;
        return typeof node.value === 'number' || typeof node.value === 'boolean' || typeof node.value === 'bigint' ? SCALAR : UNKNOWN;
      case AST_NODE_TYPES.TemplateLiteral:
        return STRING;
      case AST_NODE_TYPES.ArrayExpression:
        return arrayOf(() => UNKNOWN);
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator !== '+') return SCALAR; // arithmetic, comparison, `in`, `instanceof`
        // `a + b` is a string when either side is one; number or bigint otherwise (or any: unknown).
        if (this.ofExpression(node.left, next).kind === 'string') return STRING;
        return this.ofExpression(node.right, next).kind === 'string' ? STRING : UNKNOWN;
      case AST_NODE_TYPES.LogicalExpression:
        return merge(this.ofExpression(node.left, next), this.ofExpression(node.right, next), node.right);
      case AST_NODE_TYPES.ConditionalExpression:
        return merge(this.ofExpression(node.consequent, next), this.ofExpression(node.alternate, next), node.alternate);
      case AST_NODE_TYPES.Identifier:
        return this.ofIdentifier(node, next);
      case AST_NODE_TYPES.MemberExpression:
        return this.ofMember(node, next);
      case AST_NODE_TYPES.CallExpression:
        return this.ofCall(node, next);
      case AST_NODE_TYPES.NewExpression:
        return this.ofNew(node, next);
      default:
        return UNKNOWN;
    }
  }

  private ofIdentifier(id: TSESTree.Identifier, depth: number): Declared {
    const variable = findVariable(this.sourceCode, id);
    if (!variable || variable.defs.length !== 1) return UNKNOWN;
    const def = variable.defs[0]!;
    const name = def.name as TSESTree.Identifier;
    const annotation = name.typeAnnotation?.typeAnnotation;
    if (def.type === 'Parameter') return annotation ? this.ofTypeNode(annotation, depth) : UNKNOWN;
    if (def.type !== 'Variable') return UNKNOWN;
    if (annotation) return this.ofTypeNode(annotation, depth);
    const declarator = def.node as TSESTree.VariableDeclarator;
    const loop = declarator.parent?.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
      if (loop.await) return UNKNOWN;
      const iterated = this.ofExpression(loop.right, depth);
      if (declarator.id === name) return iterated.kind === 'array' ? iterated.element() : UNKNOWN;
      // `for (const [key, list] of map)`: entries are [key, value].
      if (iterated.kind === 'map' && declarator.id.type === AST_NODE_TYPES.ArrayPattern) {
        const index = declarator.id.elements.indexOf(name);
        return index === 0 ? iterated.key() : index === 1 ? iterated.value() : UNKNOWN;
      }
      return UNKNOWN;
    }
    if (loop?.type === AST_NODE_TYPES.ForInStatement && loop.left === declarator.parent) return STRING;
    // Without an annotation the declared type is the initializer's (widened); later writes must fit it.
    return declarator.id === name && declarator.init ? this.ofExpression(declarator.init, depth) : UNKNOWN;
  }

  private ofMember(member: TSESTree.MemberExpression, depth: number): Declared {
    if (member.object.type === AST_NODE_TYPES.Super) return UNKNOWN;
    if (member.computed) {
      // `parts[0]`, `rows[i]`: an element (a string key, `rows['length']`, is not).
      if (staticNumber(member.property) === undefined && staticString(member.property) !== undefined) return UNKNOWN;
      const object = this.ofExpression(member.object, depth);
      return object.kind === 'array' ? object.element() : UNKNOWN;
    }
    const name = propertyName(member);
    if (!name) return UNKNOWN;
    if (member.object.type === AST_NODE_TYPES.ThisExpression) return this.ofThisMember(member, name, depth);
    const object = this.ofExpression(member.object, depth);
    if (object.kind === 'object') return object.member(name);
    if (name === 'length' && (object.kind === 'string' || object.kind === 'array')) return SCALAR;
    if (name === 'size' && object.kind === 'map') return SCALAR;
    return UNKNOWN;
  }

  /** `this.name` inside a class's own instance methods: the field's annotation or initializer. */
  private ofThisMember(member: TSESTree.MemberExpression, name: string, depth: number): Declared {
    // `this` is the instance only in methods and arrows within them: not in nested `function`s, field
    // initializers of an inner class, or a method that declares its own `this` parameter.
    let current: TSESTree.Node | undefined = member.parent;
    while (current && current.type !== AST_NODE_TYPES.ClassBody && !(isFunction(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression)) {
      current = current.parent;
    }
    const method = current?.parent;
    if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.static || method.kind === 'get' || method.kind === 'set') return UNKNOWN;
    const first = method.value.params[0];
    if (first?.type === AST_NODE_TYPES.Identifier && first.name === 'this') return UNKNOWN;
    return classMember(method.parent.parent, name, (node) => this.ofTypeNode(node, depth), (init) => this.ofExpression(init, depth));
  }

  private ofCall(call: TSESTree.CallExpression, depth: number): Declared {
    const callee = call.callee;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (callee.name === 'String' && this.isGlobal(callee)) return STRING;
      if ((callee.name === 'Number' || callee.name === 'Boolean' || callee.name === 'parseInt' || callee.name === 'parseFloat') && this.isGlobal(callee)) {
        return SCALAR;
      }
      return UNKNOWN;
    }
    const method = methodCall(call);
    if (!method || method.member.computed) return UNKNOWN;
    const { name, receiver } = method;
    if (receiver.type === AST_NODE_TYPES.Identifier && this.isGlobal(receiver)) {
      if (receiver.name === 'Array' && (name === 'from' || name === 'of')) return arrayOf(() => UNKNOWN);
      if (receiver.name === 'Object' && name === 'keys') return arrayOf(() => STRING);
      if (receiver.name === 'Object' && (name === 'values' || name === 'entries')) return arrayOf(() => UNKNOWN);
      if (receiver.name === 'JSON' && name === 'stringify') return UNKNOWN; // string | undefined in some libs
    }
    const object = this.ofExpression(receiver, depth);
    switch (object.kind) {
      case 'string':
        if (STRING_TO_STRING_METHODS.has(name)) return STRING;
        if (STRING_TO_SCALAR_METHODS.has(name)) return SCALAR;
        if (name === 'split') return arrayOf(() => STRING);
        return UNKNOWN;
      case 'scalar':
        return NUMBER_TO_STRING_METHODS.has(name) ? STRING : UNKNOWN;
      case 'array':
        if (ARRAY_TO_SAME_ARRAY_METHODS.has(name)) return name === 'concat' ? arrayOf(() => UNKNOWN) : object;
        if (name === 'map' || name === 'flatMap' || name === 'flat') return arrayOf(() => UNKNOWN);
        if (name === 'join') return STRING;
        if (ARRAY_TO_SCALAR_METHODS.has(name)) return SCALAR;
        return UNKNOWN;
      case 'map':
        if (name === 'get') return object.value();
        return name === 'has' || name === 'delete' ? SCALAR : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private ofNew(construct: TSESTree.NewExpression, depth: number): Declared {
    const callee = construct.callee;
    if (callee.type !== AST_NODE_TYPES.Identifier || !this.isGlobal(callee)) return UNKNOWN;
    const args = construct.typeArguments?.params;
    if (callee.name === 'Map' && args?.length === 2) {
      const [key, value] = args as [TSESTree.TypeNode, TSESTree.TypeNode];
      return { kind: 'map', key: () => this.ofTypeNode(key, depth + 1), value: () => this.ofTypeNode(value, depth + 1) };
    }
    if (callee.name === 'Array') return arrayOf(() => (args?.length === 1 ? this.ofTypeNode(args[0]!, depth + 1) : UNKNOWN));
    return UNKNOWN;
  }

  private ofTypeNode(type: TSESTree.TypeNode, depth: number): Declared {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const next = depth + 1;
    switch (type.type) {
      case AST_NODE_TYPES.TSStringKeyword:
      case AST_NODE_TYPES.TSTemplateLiteralType:
        return STRING;
      case AST_NODE_TYPES.TSNumberKeyword:
      case AST_NODE_TYPES.TSBooleanKeyword:
      case AST_NODE_TYPES.TSBigIntKeyword:
        return SCALAR;
      case AST_NODE_TYPES.TSLiteralType:
        if (type.literal.type === AST_NODE_TYPES.Literal) return typeof type.literal.value === 'string' ? STRING : SCALAR;
        return type.literal.type === AST_NODE_TYPES.TemplateLiteral ? STRING : SCALAR;
      case AST_NODE_TYPES.TSArrayType:
        return arrayOf(() => this.ofTypeNode(type.elementType, next));
      case AST_NODE_TYPES.TSTupleType:
        return arrayOf(() => UNKNOWN);
      case AST_NODE_TYPES.TSTypeOperator:
        return type.operator === 'readonly' && type.typeAnnotation ? this.ofTypeNode(type.typeAnnotation, next) : UNKNOWN;
      case AST_NODE_TYPES.TSUnionType: {
        const parts = type.types
          .filter((part) => part.type !== AST_NODE_TYPES.TSNullKeyword && part.type !== AST_NODE_TYPES.TSUndefinedKeyword)
          .map((part) => this.ofTypeNode(part, next).kind);
        if (parts.length > 0 && parts.every((kind) => kind === 'string')) return STRING;
        if (parts.length > 0 && parts.every((kind) => kind === 'string' || kind === 'scalar')) return SCALAR;
        // `string | ArrayBuffer` (a WebSocket message): no part is a Buffer, nor can narrowing make one.
        return parts.length > 0 && parts.every((kind) => kind === 'string' || kind === 'scalar' || kind === 'array-buffer')
          ? ARRAY_BUFFER
          : UNKNOWN;
      }
      case AST_NODE_TYPES.TSTypeLiteral:
        return objectOf(type.members, (node) => this.ofTypeNode(node, next));
      case AST_NODE_TYPES.TSTypeReference:
        return this.ofTypeReference(type, next);
      default:
        return UNKNOWN;
    }
  }

  private ofTypeReference(type: TSESTree.TSTypeReference, depth: number): Declared {
    if (type.typeName.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
    const args = type.typeArguments?.params ?? [];
    const variable = findVariable(this.sourceCode, type.typeName);
    const defs = variable?.defs ?? [];
    if (defs.length === 0) {
      // The lib's own types (nothing in this file declares the name).
      const name = type.typeName.name;
      if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1) return arrayOf(() => this.ofTypeNode(args[0]!, depth));
      if ((name === 'ArrayBuffer' || name === 'SharedArrayBuffer') && args.length === 0) return ARRAY_BUFFER;
      if ((name === 'Map' || name === 'ReadonlyMap') && args.length === 2) {
        return { kind: 'map', key: () => this.ofTypeNode(args[0]!, depth), value: () => this.ofTypeNode(args[1]!, depth) };
      }
      return UNKNOWN;
    }
    // One declaration in this file (no merging), not generic: its members are what it declares.
    if (defs.length !== 1 || args.length > 0) return UNKNOWN;
    const node = defs[0]!.node as TSESTree.Node;
    switch (node.type) {
      case AST_NODE_TYPES.TSInterfaceDeclaration:
        // Declared members win over inherited ones, so `extends` does not matter for them.
        return node.typeParameters ? UNKNOWN : objectOf(node.body.body, (member) => this.ofTypeNode(member, depth));
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
        return node.typeParameters ? UNKNOWN : this.ofTypeNode(node.typeAnnotation, depth);
      case AST_NODE_TYPES.TSTypeParameter: {
        // A value of type `R extends Row` has Row's members (but is no known kind itself).
        const constraint = node.constraint && this.ofTypeNode(node.constraint, depth);
        return constraint?.kind === 'object' ? constraint : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /** Not declared anywhere in the file: the global (lib) binding. */
  private isGlobal(id: TSESTree.Identifier): boolean {
    return isGlobalBinding(this.sourceCode, id);
  }
}

function arrayOf(element: () => Declared): Declared {
  return { kind: 'array', element };
}

/** `a ?? b`, `c ? a : b`: the same kind on both sides (an empty `[]` joins any array). */
function merge(a: Declared, b: Declared, right: TSESTree.Node): Declared {
  if (a.kind === 'array' && right.type === AST_NODE_TYPES.ArrayExpression && right.elements.length === 0) return a;
  if (a.kind === 'string' && b.kind === 'string') return STRING;
  if ((a.kind === 'string' || a.kind === 'scalar') && (b.kind === 'string' || b.kind === 'scalar')) return SCALAR;
  if (a.kind === 'array' && b.kind === 'array') return arrayOf(() => UNKNOWN);
  return UNKNOWN;
}

/** Property signatures of an interface or type literal, by name (methods and index signatures: unknown). */
function objectOf(members: TSESTree.TypeElement[], ofType: (node: TSESTree.TypeNode) => Declared): Declared {
  return {
    kind: 'object',
    member(name) {
      for (const member of members) {
        if (member.type !== AST_NODE_TYPES.TSPropertySignature || memberKeyName(member) !== name) continue;
        const annotation = member.typeAnnotation?.typeAnnotation;
        return annotation ? ofType(annotation) : UNKNOWN;
      }
      return UNKNOWN;
    },
  };
}

/** A class's own instance field: from its annotation, else its initializer; parameter properties too. */
function classMember(
  cls: TSESTree.Node | undefined,
  name: string,
  ofType: (node: TSESTree.TypeNode) => Declared,
  ofInit: (init: TSESTree.Expression) => Declared,
): Declared {
  if (cls?.type !== AST_NODE_TYPES.ClassDeclaration && cls?.type !== AST_NODE_TYPES.ClassExpression) return UNKNOWN;
  for (const member of cls.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && memberKeyName(member) === name) {
      const annotation = member.typeAnnotation?.typeAnnotation;
      if (annotation) return ofType(annotation);
      return member.value ? ofInit(member.value) : UNKNOWN;
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      const declared = parameterPropertyNamed(member, name);
      if (declared && !declared.hasDefault) {
        const annotation = declared.id.typeAnnotation?.typeAnnotation;
        return annotation ? ofType(annotation) : UNKNOWN;
      }
    }
  }
  return UNKNOWN;
}

const bySource = new WeakMap<object, DeclaredTypes>();

/** The file's DeclaredTypes (one per SourceCode). */
export function getDeclaredTypes(sourceCode: Readonly<TSESLint.SourceCode>): DeclaredTypes {
  let declared = bySource.get(sourceCode);
  if (!declared) {
    declared = new DeclaredTypes(sourceCode);
    bySource.set(sourceCode, declared);
  }
  return declared;
}

// Members only a view (or a hand-written view-like shape) has.
const VIEW_SHAPE_MEMBERS = new Set(['byteOffset', 'byteLength', 'subarray', 'BYTES_PER_ELEMENT']);

export function constructorKind(name: string): ValueKind {
  if (name === 'Buffer') return 'buffer';
  if (name === 'DataView') return 'data-view';
  if (name === 'ArrayBuffer' || name === 'SharedArrayBuffer') return 'array-buffer';
  if (name === 'Map' || name === 'WeakMap') return 'map';
  if (name === 'Set' || name === 'WeakSet') return 'set';
  if (name === 'Array') return 'array';
  if (name === 'String') return 'string';
  if (/^(?:Big)?(?:Uint|Int|Float)(?:8|16|32|64)(?:Clamped)?Array$/.test(name)) return 'typed-array';
  return 'other';
}

/** The kind a TypeScript annotation names, read from syntax (works without a program). */
export function annotationKind(node: TSESTree.Node): ValueKind {
  const annotation = (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  return annotation ? typeNodeKind(annotation) : 'unknown';
}

/**
 * The kind a JSDoc comment declares for a variable (JavaScript's annotations; the checker reads them in typed
 * mode): a parameter's `@param {Uint8Array} data` (also `[data]`, `[data=…]`) in the comment before its
 * function (a declaration, a method, an object's property, `const f = …`, `C.prototype.m = function …`), or a
 * variable's `@type {Buffer}` in the comment before its declaration (one variable declared there). A type the
 * comment spells as a union of one kind (`{Uint8Array|null}`) is that kind; any other, unknown.
 */
export function jsdocKind(sourceCode: Readonly<TSESLint.SourceCode>, def: TSESLint.Scope.Definition): ValueKind {
  const type = jsdocType(sourceCode, def);
  return type === undefined ? 'unknown' : typeTextKind(type);
}

/** The type text a JSDoc comment gives a parameter or a variable (`Uint8Array|null`), as `jsdocKind` finds it. */
export function jsdocType(sourceCode: Readonly<TSESLint.SourceCode>, def: TSESLint.Scope.Definition): string | undefined {
  // Asked for every unannotated variable the kinds look at: once per declared name.
  const known = jsdocTypes.get(def.name);
  if (known !== undefined) return known ?? undefined;
  const found = findJsdocType(sourceCode, def);
  jsdocTypes.set(def.name, found ?? null);
  return found;
}

const jsdocTypes = new WeakMap<TSESTree.Node, string | null>();

function findJsdocType(sourceCode: Readonly<TSESLint.SourceCode>, def: TSESLint.Scope.Definition): string | undefined {
  const name = def.name;
  if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (def.type === 'Parameter') {
    const fn = def.node as TSESTree.Node;
    if (!isFunction(fn) || !fn.params.some((param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name))) return undefined;
    const comment = jsdocBefore(sourceCode, documentedNode(fn));
    if (!comment) return undefined;
    // `@param {Buffer} options.data` documents a property of `options`, not `options`: the whole dotted name must match.
    for (const match of comment.matchAll(/@param\s*\{([^{}]+)\}\s*\[?\s*([\w$.]+)/g)) {
      if (match[2] === name.name) return match[1]!.trim();
    }
    return undefined;
  }
  if (def.type === 'Variable') {
    const declaration = def.parent as TSESTree.VariableDeclaration | undefined;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
    const host = declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.parent : declaration;
    return jsdocBefore(sourceCode, host)?.match(/@type\s*\{([^{}]+)\}/)?.[1]?.trim();
  }
  return undefined;
}

/** The node a function's JSDoc comment sits before: the function, or the declaration, method or statement that holds it. */
function documentedNode(fn: TSESTree.Node): TSESTree.Node {
  let node = fn;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) node = parent;
  else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.parent.declarations.length === 1) node = parent.parent;
  else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.parent.type === AST_NODE_TYPES.ExpressionStatement) node = parent.parent;
  if (node.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || node.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) node = node.parent;
  return node;
}

/** The text of the `/** … *\/` comment right before `node`, if that is what precedes it. */
function jsdocBefore(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | undefined {
  const comments = sourceCode.getCommentsBefore(node);
  const last = comments[comments.length - 1];
  // A `@typedef` or `@callback` block documents a type of its own, not what follows it.
  return last?.type === 'Block' && last.value.startsWith('*') && !/@(?:typedef|callback)\b/.test(last.value) ? last.value : undefined;
}

/** The kind a JSDoc type names: `Buffer`, `Uint8Array`, `string`, `Array<T>`, `T[]`, a union of one of them with `null` or `undefined`. */
function typeTextKind(text: string): ValueKind {
  const parts = text
    .replace(/^\s*\(|\)\s*$/g, '')
    .split('|')
    .map((part) => part.trim().replace(/^[?!]|[=]$/g, ''))
    .filter((part) => part !== 'null' && part !== 'undefined' && part !== 'void');
  const kinds = parts.map((part): ValueKind => {
    if (part === 'string' || part === 'String') return 'string';
    if (/\[\]$/.test(part) || /^(?:Readonly)?Array(?:\.?<.*>)?$/.test(part)) return 'array';
    if (!/^[\w$]+$/.test(part)) return 'unknown';
    const kind = constructorKind(part);
    return kind === 'other' ? 'unknown' : kind;
  });
  const first = kinds[0];
  return first !== undefined && kinds.every((kind) => kind === first) ? first : 'unknown';
}

/**
 * The kind of a property taken apart from a parameter, by the type the parameter is declared with:
 * `({ data }: Props)`, or a component's props (`const C: React.FC<Props> = ({ data }) => …`, also `FC`,
 * `FunctionComponent`, `VFC`), where `Props` is an object type spelled there or declared in this file
 * (`interface Props { data: Uint8Array | null }`). One level deep; anything else is unknown.
 */
export function destructuredKind(name: TSESTree.Node): ValueKind {
  const property = name.parent?.type === AST_NODE_TYPES.AssignmentPattern && name.parent.left === name ? name.parent.parent : name.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.computed || property.value !== (name.parent?.type === AST_NODE_TYPES.AssignmentPattern ? name.parent : name)) return 'unknown';
  const key = memberKeyName(property);
  const pattern = property.parent;
  if (!key || pattern?.type !== AST_NODE_TYPES.ObjectPattern) return 'unknown';
  const declared = pattern.typeAnnotation?.typeAnnotation ?? componentProps(pattern);
  const members = declared && objectMembers(declared);
  const member = members?.find((m) => m.type === AST_NODE_TYPES.TSPropertySignature && !m.computed && memberKeyName(m) === key) as TSESTree.TSPropertySignature | undefined;
  const type = member?.typeAnnotation?.typeAnnotation;
  return type ? typeNodeKind(type) : 'unknown';
}

/**
 * The element type an array is declared with (`Buffer[]`, `Array<Buffer>`, `ReadonlyArray<…>`): of a variable or
 * parameter annotated so, or of a field of the enclosing class (`#audioQueue: Buffer[] = []`, `this.#audioQueue`).
 */
export function declaredElementType(sourceCode: Readonly<TSESLint.SourceCode>, receiver: TSESTree.Node): TSESTree.TypeNode | undefined {
  let annotation: TSESTree.TypeNode | undefined;
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, receiver);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    annotation = (def?.name as { typeAnnotation?: TSESTree.TSTypeAnnotation } | undefined)?.typeAnnotation?.typeAnnotation;
  } else if (receiver.type === AST_NODE_TYPES.MemberExpression && !receiver.computed && receiver.object.type === AST_NODE_TYPES.ThisExpression) {
    let cls: TSESTree.Node | undefined = receiver.parent;
    while (cls && cls.type !== AST_NODE_TYPES.ClassBody) cls = cls.parent;
    const key = sourceCode.getText(receiver.property);
    const field = cls?.type === AST_NODE_TYPES.ClassBody ? cls.body.find((member) => member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed && sourceCode.getText(member.key) === key) : undefined;
    annotation = (field as TSESTree.PropertyDefinition | undefined)?.typeAnnotation?.typeAnnotation;
  }
  if (annotation?.type === AST_NODE_TYPES.TSArrayType) return annotation.elementType;
  if (annotation?.type === AST_NODE_TYPES.TSTypeOperator && annotation.operator === 'readonly' && annotation.typeAnnotation?.type === AST_NODE_TYPES.TSArrayType) return annotation.typeAnnotation.elementType;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && (annotation.typeName.name === 'Array' || annotation.typeName.name === 'ReadonlyArray')) {
    return annotation.typeArguments?.params.length === 1 ? annotation.typeArguments.params[0] : undefined;
  }
  return undefined;
}

const COMPONENT_TYPES = new Set(['FC', 'FunctionComponent', 'VFC', 'VoidFunctionComponent']);

/** `Props` of `const C: React.FC<Props> = (pattern) => …`, for the component's first parameter. */
function componentProps(pattern: TSESTree.ObjectPattern): TSESTree.TypeNode | undefined {
  const fn = pattern.parent;
  if ((fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) || fn.params[0] !== pattern) return undefined;
  const declarator = fn.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== fn || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const annotation = declarator.id.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const typeName = annotation.typeName;
  const name = typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : '';
  return COMPONENT_TYPES.has(name) ? annotation.typeArguments?.params[0] : undefined;
}

/** The members of an object type spelled out, or of an interface (extending nothing) or alias of one in this file. */
function objectMembers(type: TSESTree.TypeNode, depth = 0): readonly TSESTree.TypeElement[] | undefined {
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) return type.members;
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier || type.typeArguments || depth > 3) return undefined;
  const local = localTypeDeclaration(type, type.typeName.name);
  if (local?.type === AST_NODE_TYPES.TSInterfaceDeclaration) return local.extends.length > 0 ? undefined : local.body.body;
  if (local?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && !local.typeParameters) return objectMembers(local.typeAnnotation, depth + 1);
  return undefined;
}

/** The kind an `x as T` (or `<T>x`) names, outermost first: `args[0] as { buffer: ArrayBuffer }`. */
export function assertedKind(node: TSESTree.Node): ValueKind {
  let current = node;
  while (current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSTypeAssertion) {
    const kind = typeNodeKind(current.typeAnnotation);
    if (kind !== 'unknown') return kind;
    current = current.expression;
  }
  return 'unknown';
}

export function typeNodeKind(type: TSESTree.TypeNode, depth = 0): ValueKind {
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeLiteral:
      // An object shape such as `{ buffer: ArrayBuffer }` is not a view unless it spells one out.
      return shapeKind(type.members);
    case AST_NODE_TYPES.TSStringKeyword:
      return 'string';
    case AST_NODE_TYPES.TSArrayType:
    case AST_NODE_TYPES.TSTupleType:
      return 'array';
    case AST_NODE_TYPES.TSTypeReference: {
      const name =
        type.typeName.type === AST_NODE_TYPES.Identifier
          ? type.typeName.name
          : type.typeName.type === AST_NODE_TYPES.TSQualifiedName
            ? type.typeName.right.name
            : '';
      if (name === 'Buffer') return 'buffer';
      if (name === 'Array' || name === 'ReadonlyArray') return 'array';
      const kind = constructorKind(name);
      if (kind !== 'other') return kind;
      // `p: Packet` with `interface Packet { buffer: ArrayBuffer }` (or a type alias) in this file.
      const local = type.typeName.type === AST_NODE_TYPES.Identifier && !type.typeArguments && depth < 4 ? localTypeDeclaration(type, name) : undefined;
      if (local?.type === AST_NODE_TYPES.TSInterfaceDeclaration) return local.extends.length > 0 ? 'unknown' : shapeKind(local.body.body);
      if (local?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && !local.typeParameters) return typeNodeKind(local.typeAnnotation, depth + 1);
      return 'unknown';
    }
    case AST_NODE_TYPES.TSUnionType: {
      const kinds = type.types
        .filter((part) => part.type !== AST_NODE_TYPES.TSNullKeyword && part.type !== AST_NODE_TYPES.TSUndefinedKeyword)
        .map((part) => typeNodeKind(part, depth + 1));
      const first = kinds[0];
      return first !== undefined && kinds.every((kind) => kind === first) ? first : 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** Members of an object type: not a view unless one of them is a member only views have. */
function shapeKind(members: readonly TSESTree.TypeElement[]): ValueKind {
  return members.some((member) => {
    const name = member.type === AST_NODE_TYPES.TSPropertySignature || member.type === AST_NODE_TYPES.TSMethodSignature ? memberKeyName(member) : undefined;
    return name !== undefined && VIEW_SHAPE_MEMBERS.has(name);
  })
    ? 'unknown'
    : 'other';
}

/** The one interface or type alias named `name` at the top of this file (also exported), if any. */
function localTypeDeclaration(from: TSESTree.Node, name: string): TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration | undefined {
  let root: TSESTree.Node = from;
  while (root.parent) root = root.parent;
  if (root.type !== AST_NODE_TYPES.Program) return undefined;
  const found: Array<TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration> = [];
  for (const statement of root.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if ((declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration || declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration) && declaration.id.name === name) found.push(declaration);
  }
  // Declaration merging (two interfaces of one name) or a clash: say nothing.
  return found.length === 1 ? found[0] : undefined;
}
