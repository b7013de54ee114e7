import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { TYPED_ARRAY_CONSTRUCTORS } from './apis';

/**
 * The only module that touches parserServices and the type checker. It answers "what kind of value is
 * this?" in three states: a kind, or 'unknown' (no program, `any`, a mixed union, or a checker error).
 */
export type ValueKind =
  | 'buffer'
  | 'typed-array'
  | 'data-view'
  /** An `ArrayBufferView` of unknown class: some typed array or a DataView. */
  | 'view'
  | 'array-buffer'
  | 'string'
  | 'array'
  | 'map'
  | 'set'
  | 'other'
  | 'unknown';

/** A Buffer, another typed array, a DataView, or a view of no one class: the kinds that are views. */
export function isViewKind(kind: string): boolean {
  return kind === 'buffer' || kind === 'typed-array' || kind === 'data-view' || kind === 'view';
}

export interface TypeFacts {
  /** True when the file has a TypeScript program (typed mode). */
  readonly typed: boolean;
  kindOf(node: TSESTree.Node): ValueKind;
  /** True when the checker sees a class named `name` among the value's type or its bases. */
  hasNominalBase(node: TSESTree.Node, names: ReadonlySet<string>): boolean;
  /** The kind of each part of the value's type (null and undefined left out); [] when unknown. */
  partKinds(node: TSESTree.Node): ValueKind[];
  /**
   * True when `receiver.method(...)` (the method's declared result) fits everywhere `call`'s value goes:
   * its type is assignable to the call's, or each place that uses it accepts it. False when unsure.
   */
  methodResultFits(call: TSESTree.Node, receiver: TSESTree.Node, method: string): boolean;
  /** True when the checker sees a number, bigint, boolean, enum or literal type (null and undefined left out). */
  isSmallScalar(node: TSESTree.Node): boolean;
  /**
   * Whether the program declares a global value of that name (`Buffer`: it has Node's types); undefined
   * without a program, or when the checker cannot say.
   */
  declaresGlobal(name: string): boolean | undefined;
}

const UNTYPED: TypeFacts = {
  typed: false,
  kindOf: () => 'unknown',
  hasNominalBase: () => false,
  partKinds: () => [],
  methodResultFits: () => false,
  isSmallScalar: () => false,
  declaresGlobal: () => undefined,
};

/**
 * Put into the parser's services (as `leakproofTypeProbe`) by a caller that lints a file of a typed
 * project without its program first (the CLI, for a few staged files). `asked` turns true when the
 * analysis asks any question types could answer, or whether types exist. When it stays false, every
 * decision of the run was made without types, so a run with the program makes the same ones and reports
 * the same: the caller can skip building the program. TypeFacts is the one switch between the modes,
 * which is what makes this sound.
 */
export interface TypeQuestionProbe {
  asked: boolean;
}

function probingUntyped(probe: TypeQuestionProbe): TypeFacts {
  const ask = <T>(answer: T): T => {
    probe.asked = true;
    return answer;
  };
  return {
    get typed() {
      return ask(false);
    },
    kindOf: () => ask('unknown'),
    hasNominalBase: () => ask(false),
    partKinds: () => ask([]),
    methodResultFits: () => ask(false),
    isSmallScalar: () => ask(false),
    declaresGlobal: () => ask(undefined),
  };
}


const NAMED_KINDS: Record<string, ValueKind> = {
  Buffer: 'buffer',
  DataView: 'data-view',
  // `ArrayBuffer.isView(x)` narrows to ArrayBufferView; @types/node's NodeJS.TypedArray and
  // NodeJS.ArrayBufferView are unions, classified part by part.
  ArrayBufferView: 'view',
  TypedArray: 'typed-array',
  ArrayBuffer: 'array-buffer',
  SharedArrayBuffer: 'array-buffer',
  ArrayBufferLike: 'array-buffer',
  Map: 'map',
  WeakMap: 'map',
  ReadonlyMap: 'map',
  Set: 'set',
  WeakSet: 'set',
  ReadonlySet: 'set',
};

// Kinds are facts about a program's types: cache per checker, shared by every file of that program.
const kindCache = new WeakMap<ts.TypeChecker, WeakMap<ts.Type, ValueKind>>();
const factsBySource = new WeakMap<object, TypeFacts>();
// Globals are facts about a program too: one answer per checker and name.
const globalsByChecker = new WeakMap<ts.TypeChecker, Map<string, boolean | undefined>>();

function classify(checker: ts.TypeChecker, tsApi: typeof ts, type: ts.Type, depth = 0): ValueKind {
  if (depth > 5) return 'unknown';
  let perChecker = kindCache.get(checker);
  if (!perChecker) {
    perChecker = new WeakMap();
    kindCache.set(checker, perChecker);
  }
  const known = perChecker.get(type);
  if (known) return known;
  let kind: ValueKind;
  const flags = type.flags;
  if (flags & (tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown)) {
    kind = 'unknown';
  } else if (flags & tsApi.TypeFlags.TypeParameter) {
    // `<T extends string>(message: T)` (node-redis listeners): every T is its constraint's kind.
    const constraint = checker.getBaseConstraintOfType(type);
    kind = constraint && constraint !== type ? classify(checker, tsApi, constraint, depth + 1) : 'unknown';
    if (kind === 'other') kind = 'unknown';
  } else if (flags & tsApi.TypeFlags.StringLike) {
    kind = 'string';
  } else if (type.isUnion()) {
    // Null and undefined do not change what the value is when it exists.
    const parts = type.types
      .filter((part) => !(part.flags & (tsApi.TypeFlags.Null | tsApi.TypeFlags.Undefined | tsApi.TypeFlags.Void)))
      .map((part) => classify(checker, tsApi, part, depth + 1));
    const first = parts[0];
    kind = first !== undefined && parts.every((part) => part === first) ? first : mixedKind(parts);
  } else if (type.isIntersection()) {
    // `ArrayBuffer & ArrayBufferView` (an `ArrayBuffer` parameter narrowed by `ArrayBuffer.isView`): a store has
    // no `buffer` or offset of its own, so a value that is both is the view.
    const parts = type.types.map((part) => classify(checker, tsApi, part, depth + 1));
    kind = parts.find(isViewKind) ?? parts.find((part) => part !== 'other' && part !== 'unknown') ?? 'other';
  } else if (checker.isArrayType(type) || checker.isTupleType(type)) {
    kind = 'array';
  } else if (type.aliasSymbol?.getName() === 'Readonly' && type.aliasTypeArguments?.length === 1) {
    // `Readonly<Uint8Array>`: the same value, its properties marked read-only.
    kind = classify(checker, tsApi, type.aliasTypeArguments[0]!, depth + 1);
  } else {
    kind = kindFromSymbol(checker, tsApi, type, depth);
  }
  perChecker.set(type, kind);
  return kind;
}

/** A union of a Buffer and a plain typed array still makes views with `subarray`; anything else is unknown. */
function mixedKind(parts: ValueKind[]): ValueKind {
  if (parts.length > 0 && parts.every((part) => part === 'buffer' || part === 'typed-array')) return 'buffer';
  // NodeJS.ArrayBufferView (every typed array or a DataView): a view, of no one class.
  if (parts.length > 0 && parts.every((part) => part === 'buffer' || part === 'typed-array' || part === 'data-view' || part === 'view')) return 'view';
  return 'unknown';
}

function kindFromSymbol(checker: ts.TypeChecker, tsApi: typeof ts, type: ts.Type, depth: number): ValueKind {
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const name = symbol?.getName();
  if (name) {
    if (NAMED_KINDS[name]) return NAMED_KINDS[name];
    if (TYPED_ARRAY_CONSTRUCTORS.has(name)) return 'typed-array';
  }
  // Subclasses: `class Frame extends Buffer`, `interface Packet extends Uint8Array`.
  if (type.isClassOrInterface()) {
    for (const base of checker.getBaseTypes(type as ts.InterfaceType)) {
      const kind = classify(checker, tsApi, base, depth + 1);
      if (kind !== 'other' && kind !== 'unknown') return kind;
    }
  }
  return 'other';
}

function hasBase(checker: ts.TypeChecker, type: ts.Type, names: ReadonlySet<string>, depth = 0): boolean {
  if (depth > 8) return false;
  const name = type.getSymbol()?.getName();
  if (name && names.has(name)) return true;
  if (type.isUnionOrIntersection()) return type.types.some((part) => hasBase(checker, part, names, depth + 1));
  if (type.isClassOrInterface()) {
    return checker.getBaseTypes(type as ts.InterfaceType).some((base) => hasBase(checker, base, names, depth + 1));
  }
  return false;
}

export function getTypeFacts(sourceCode: Readonly<TSESLint.SourceCode>): TypeFacts {
  const cached = factsBySource.get(sourceCode);
  if (cached) return cached;
  const facts = buildTypeFacts(sourceCode);
  factsBySource.set(sourceCode, facts);
  return facts;
}

function buildTypeFacts(sourceCode: Readonly<TSESLint.SourceCode>): TypeFacts {
  // A program exists only when the parser was given one (typed linting); untyped files have none.
  const found = sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  const services = found?.program && found.esTreeNodeToTSNodeMap ? (found as ParserServicesWithTypeInformation) : undefined;
  if (!services) {
    const probe = (found as { leakproofTypeProbe?: TypeQuestionProbe } | undefined)?.leakproofTypeProbe;
    return probe ? probingUntyped(probe) : UNTYPED;
  }
  const typedServices = services;
  const checker = typedServices.program.getTypeChecker();
  // typescript is loaded only when a program exists; parserServices came from it.
  const tsApi = require('typescript') as typeof ts;
  // Several rules ask about the same nodes; the checker does not cache every answer (flow narrowing).
  const types = new WeakMap<TSESTree.Node, ts.Type | undefined>();
  const typeOf = (node: TSESTree.Node): ts.Type | undefined => {
    if (types.has(node)) return types.get(node);
    let type: ts.Type | undefined;
    try {
      type = typedServices.getTypeAtLocation(node);
    } catch {
      type = undefined;
    }
    types.set(node, type);
    return type;
  };
  return {
    typed: true,
    kindOf(node) {
      const type = typeOf(node);
      if (!type) return 'unknown';
      try {
        return classify(checker, tsApi, type);
      } catch {
        return 'unknown';
      }
    },
    hasNominalBase(node, names) {
      const type = typeOf(node);
      if (!type) return false;
      try {
        return hasBase(checker, type, names);
      } catch {
        return false;
      }
    },
    partKinds(node) {
      const type = typeOf(node);
      const c = checker;
      const t = tsApi;
      if (!type || !c || !t) return [];
      try {
        const parts = type.isUnion() ? type.types : [type];
        return parts
          .filter((part) => !(part.flags & (t.TypeFlags.Null | t.TypeFlags.Undefined | t.TypeFlags.Void)))
          .map((part) => classify(c, t, part));
      } catch {
        return [];
      }
    },
    isSmallScalar(node) {
      const type = typeOf(node);
      if (!type) return false;
      try {
        const t = tsApi.TypeFlags;
        const parts = (type.isUnion() ? type.types : [type]).filter((part) => !(part.flags & (t.Null | t.Undefined | t.Void)));
        const small = t.NumberLike | t.BigIntLike | t.BooleanLike | t.EnumLike | t.StringLiteral;
        return parts.length > 0 && parts.every((part) => (part.flags & small) !== 0);
      } catch {
        return false;
      }
    },
    declaresGlobal(name) {
      let known = globalsByChecker.get(checker);
      if (!known) {
        known = new Map();
        globalsByChecker.set(checker, known);
      }
      if (!known.has(name)) {
        let answer: boolean | undefined;
        try {
          // `resolveName` is on every checker TypeScript makes, though not in its public typings.
          const resolve = (checker as unknown as { resolveName?: (name: string, location: undefined, meaning: number, excludeGlobals: boolean) => unknown }).resolveName;
          answer = resolve ? !!resolve.call(checker, name, undefined, tsApi.SymbolFlags.Value, false) : undefined;
        } catch {
          answer = undefined;
        }
        known.set(name, answer);
      }
      return known.get(name);
    },
    methodResultFits(call, receiver, method) {
      try {
        const receiverType = typeOf(receiver);
        if (!receiverType || !checker) return false;
        const apparent = checker.getApparentType(checker.getNonNullableType(receiverType));
        const property = checker.getPropertyOfType(apparent, method);
        const location = typedServices.esTreeNodeToTSNodeMap.get(receiver);
        if (!property || !location) return false;
        const signatures = checker.getTypeOfSymbolAtLocation(property, location).getCallSignatures();
        const result = signatures.length === 1 ? signatures[0]?.getReturnType() : undefined;
        return !!result && fitsWhereUsed(call, result, 0);
      } catch {
        return false;
      }
    },
  };

  /** Would a value of `type` in place of `node` keep the program type-correct? Conservative: false when unsure. */
  function fitsWhereUsed(node: TSESTree.Node, type: ts.Type, depth: number): boolean {
    const current = typeOf(node);
    if (!checker) return false;
    if (current && checker.isTypeAssignableTo(type, checker.getNonNullableType(current))) return true;
    if (depth > 2) return false;
    let child = node;
    let parent = node.parent;
    while (parent && (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression')) {
      child = parent;
      parent = parent.parent;
    }
    if (!parent) return false;
    switch (parent.type) {
      case 'ExpressionStatement':
      case 'TSAsExpression':
        return true;
      case 'MemberExpression':
        // Reading a method or property: only these depend on which ArrayBuffer type the view has.
        return parent.object === child && !['buffer', 'subarray', 'slice', 'valueOf'].includes(memberName(parent) ?? 'buffer');
      case 'VariableDeclarator': {
        if (parent.init !== child || parent.id.type !== 'Identifier' || parent.id.typeAnnotation) break;
        const variable = findDeclared(parent.id);
        if (!variable) return false;
        return variable.references.every((ref) =>
          ref.init ? true : !ref.isWrite() && fitsWhereUsed(ref.identifier as TSESTree.Node, type, depth + 1),
        );
      }
      default:
        break;
    }
    const tsNode = typedServices.esTreeNodeToTSNodeMap.get(child) as ts.Expression | undefined;
    const contextual = tsNode && checker ? checker.getContextualType(tsNode) : undefined;
    return !!contextual && !!checker && checker.isTypeAssignableTo(type, contextual);
  }

  function findDeclared(id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    try {
      return sourceCode.getDeclaredVariables(id.parent as TSESTree.Node).find((variable) => variable.name === id.name);
    } catch {
      return undefined;
    }
  }
}

function memberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}
