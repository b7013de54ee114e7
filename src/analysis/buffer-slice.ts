import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { BLOB_CONSTRUCTORS, BODY_CONSTRUCTORS, SUBTLE_METHODS } from './apis';
import { enclosingFunction, functionName, isModuleExport, isWritten, outerParent, parameterOf, propertyName, unwrap, type FunctionNode } from './ast';
import type { Sink } from './escape';
import type { FileFacts } from './file';
import { isFeatureDetectBranch } from './views';

export interface BufferSliceOptions {
  /**
   * Also report `x.slice()` on a parameter typed `Uint8Array` that a same-file caller passes a Buffer, or
   * that the module's callers hand in (an exported function's input) when the slice is kept or returned.
   */
  checkUint8ArrayBoundary: boolean;
}

/** `Buffer#slice` on a value proven to be a Buffer. */
export interface BufferSlice {
  kind: 'buffer-slice';
  /** The `.slice` member that runs (`x.slice`, or `Buffer.prototype.slice` in `.call`/`.apply`). */
  member: TSESTree.MemberExpression;
  receiver: TSESTree.Node;
  /** Why the receiver is a Buffer: "made by `Buffer.from()`", "typed `Buffer`". */
  evidence: string;
  /** Renaming to `subarray` keeps the program as it was (types fit, no feature-detect branch). */
  renameIsSafe: boolean;
}

/** `x.slice()` on a parameter typed `Uint8Array` that a same-file call passes a Buffer. */
export interface Uint8ArrayBoundary {
  kind: 'boundary';
  member: TSESTree.MemberExpression;
  receiver: TSESTree.Node;
  caller: TSESTree.CallExpression;
}

/**
 * `x.slice()` on a `Uint8Array` the module's callers hand in (a parameter of an exported function or a
 * public method of an exported class, or a property of one, directly or through same-file helpers), when
 * the piece is kept or returned: Node callers pass Buffers for `Uint8Array`, and then it is `Buffer#slice`.
 */
export interface PublicUint8ArrayInput {
  kind: 'public-input';
  member: TSESTree.MemberExpression;
  receiver: TSESTree.Node;
  /** The exported function whose input the receiver is, and its name for messages. */
  entry: FunctionNode;
  entryName: string;
  /** Where the piece goes: kept, or returned to the caller. */
  sink: Sink;
}

/** The `.slice` member the call runs: `x.slice(...)`, or `Buffer.prototype.slice` in `.call`/`.apply` forms. */
export function sliceMember(call: TSESTree.CallExpression): TSESTree.MemberExpression | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(callee);
  if (name === 'slice') return callee;
  if (name === 'call' || name === 'apply') {
    const inner = unwrap(callee.object);
    if (inner.type === AST_NODE_TYPES.MemberExpression && propertyName(inner) === 'slice') return inner;
  }
  return undefined;
}

export function findBufferSlice(
  call: TSESTree.CallExpression,
  options: BufferSliceOptions,
  facts: FileFacts,
): BufferSlice | Uint8ArrayBoundary | PublicUint8ArrayInput | undefined {
  const member = sliceMember(call);
  if (!member) return undefined;
  const viaCall = member !== unwrap(call.callee);
  // `Buffer.prototype.slice.call(x, ...)`: the receiver is the first argument.
  const receiver = viaCall ? bufferPrototypeCallReceiver(member, call) : member.object;
  if (!receiver) return undefined;
  const answer = facts.kinds.bufferAnswer(receiver);
  if (answer) {
    const evidence = answer.evidence;
    // With types, the fix must keep the program type-correct: `slice` is typed `Buffer<ArrayBuffer>`,
    // `subarray` keeps the receiver's ArrayBuffer type; where that does not fit, a human decides.
    const parts = facts.kinds.typeParts(receiver);
    const typesKnow = parts.length > 0 && !parts.includes('unknown');
    const fits = typesKnow ? viaCall || facts.types.methodResultFits(call, receiver, 'subarray') : !feedsBufferSource(call);
    // A field known only by the methods called on it may be a Buffer-like class without `subarray`.
    const renameIsSafe = answer.level === 'proven' && fits && !isFeatureDetectBranch(call, facts.sourceCode);
    return { kind: 'buffer-slice', member, receiver, evidence, renameIsSafe };
  }
  if (!options.checkUint8ArrayBoundary || viaCall) return undefined;
  const caller = bufferPassingCaller(receiver, facts);
  if (caller) return { kind: 'boundary', member, receiver, caller };
  return publicInputSlice(call, member, receiver, facts);
}

/** How many same-file calls up a `Uint8Array` parameter is traced to the module's exported input. */
const MAX_INPUT_DEPTH = 3;

function publicInputSlice(
  call: TSESTree.CallExpression,
  member: TSESTree.MemberExpression,
  receiver: TSESTree.Node,
  facts: FileFacts,
): PublicUint8ArrayInput | undefined {
  if (!facts.kinds.isUint8Array(receiver) || isFeatureDetectBranch(call, facts.sourceCode)) return undefined;
  // A program without Node's types (a browser library, rx-player's BIF parser): no caller hands it a Buffer.
  if (!facts.kinds.buffersExist()) return undefined;
  // `Buffer | Uint8Array`: the author expects Buffers, and `subarray` would change the other half (never reported).
  if (facts.kinds.typeParts(receiver).includes('buffer')) return undefined;
  const entry = publicEntry(receiver, facts, 0);
  const fn = entry && enclosingFunction(call);
  const sink = fn && facts.escapes.sinkOf(call, { resultOf: fn });
  return entry && sink ? { kind: 'public-input', member, receiver, entry, entryName: functionName(entry) ?? 'the exported function', sink } : undefined;
}

/** `x` or `x.bytes` where `x` is a parameter that is never reassigned: its function and position. */
function inputParameter(node: TSESTree.Node, facts: FileFacts): { fn: FunctionNode; index: number } | undefined {
  const value = unwrap(node);
  const base = value.type === AST_NODE_TYPES.MemberExpression && !value.computed ? unwrap(value.object) : value;
  const param = base.type === AST_NODE_TYPES.Identifier ? parameterOf(facts.sourceCode, base) : undefined;
  if (!param || param.index < 0 || isWritten(param.variable)) return undefined;
  return { fn: param.fn, index: param.index };
}

/** The exported function (or public method of an exported class) whose input `node` is, directly or through same-file calls. */
function publicEntry(node: TSESTree.Node, facts: FileFacts, depth: number): FunctionNode | undefined {
  const input = inputParameter(node, facts);
  if (!input) return undefined;
  if (isModuleExport(input.fn, facts.sourceCode)) return input.fn;
  if (depth >= MAX_INPUT_DEPTH) return undefined;
  for (const site of facts.calls.callSites(input.fn)) {
    const arg = site.arguments[input.index];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) continue;
    const entry = publicEntry(arg, facts, depth + 1);
    if (entry) return entry;
  }
  return undefined;
}

/**
 * Without types: `new Blob([buf.slice()])`, `new Response(buf.slice())`, `subtle.digest(alg, buf.slice())`
 * take an ArrayBuffer-backed view in TypeScript's DOM types, which `subarray` of a `Buffer` may not be.
 */
function feedsBufferSource(call: TSESTree.CallExpression): boolean {
  let { child, parent } = outerParent(call);
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === child) {
    const callee = unwrap(parent.callee);
    return callee.type === AST_NODE_TYPES.Identifier && (BLOB_CONSTRUCTORS.has(callee.name) || BODY_CONSTRUCTORS.has(callee.name));
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.Expression)) {
    const callee = unwrap(parent.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && SUBTLE_METHODS.has(propertyName(callee) ?? '');
  }
  return false;
}

/** `Buffer.prototype.slice.call(x, ...)` / `.apply(x, ...)`: `x`. */
function bufferPrototypeCallReceiver(member: TSESTree.MemberExpression, call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const proto = unwrap(member.object);
  if (
    proto.type !== AST_NODE_TYPES.MemberExpression ||
    proto.computed ||
    proto.property.type !== AST_NODE_TYPES.Identifier ||
    proto.property.name !== 'prototype' ||
    proto.object.type !== AST_NODE_TYPES.Identifier ||
    proto.object.name !== 'Buffer'
  ) {
    return undefined;
  }
  const first = call.arguments[0];
  return first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
}

/**
 * For `x.slice()` where `x` is a parameter typed `Uint8Array` (by the checker or an annotation) that
 * is never reassigned: a call in the same file that passes a Buffer for it.
 */
function bufferPassingCaller(receiver: TSESTree.Node, facts: FileFacts): TSESTree.CallExpression | undefined {
  const id = unwrap(receiver);
  const param = id.type === AST_NODE_TYPES.Identifier ? parameterOf(facts.sourceCode, id) : undefined;
  if (!param || param.index < 0 || isWritten(param.variable)) return undefined;
  const { fn, index } = param;
  // Cheaper question first: untyped, the annotation; typed, the same-file callers (most functions have
  // none, and then the parameter's type is not worth a checker query).
  const typed = facts.kinds.typed;
  if (!typed && !facts.kinds.isUint8Array(id)) return undefined;
  const passing = facts.calls.callSites(fn).filter((call) => {
    const arg = call.arguments[index];
    return arg && arg.type !== AST_NODE_TYPES.SpreadElement;
  });
  if (passing.length === 0 || (typed && !facts.kinds.isUint8Array(id))) return undefined;
  return passing.find((call) => facts.kinds.isBuffer(call.arguments[index]!));
}
