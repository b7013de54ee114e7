import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getAnalysis } from '../src/analysis';
import { BLOB_CONSTRUCTORS, BODY_CONSTRUCTORS, SUBTLE_METHODS } from '../src/analysis/apis';
import { findVariable, isFunction, outerParent, propertyName, shortText, unwrap } from '../src/analysis/ast';
import { getBufferFacts } from '../src/analysis/buffers';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildSliceCallFix, buildSubarrayFix, sliceMember } from '../src/fix/subarray';

type Options = [{ checkUint8ArrayBoundary?: boolean }];
type MessageId = 'bufferSlice' | 'typedArraySliceOnBuffer' | 'useSubarray' | 'copyExactly';

const SLICE_CALL = 'CallExpression[callee.property.name=/^(?:slice|call|apply)$/]';
const SLICE_CALL_COMPUTED = 'CallExpression[callee.property.value="slice"]';

export default createRule<Options, MessageId>({
  name: 'no-buffer-slice',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `Buffer#slice`, a deprecated view of its parent, unlike `Array#slice` and `TypedArray#slice`',
      recommended: 'recommended',
      strictOptions: [{ checkUint8ArrayBoundary: true }],
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkUint8ArrayBoundary: {
            type: 'boolean',
            description:
              'Also report `x.slice()` on a parameter typed `Uint8Array` when a call site in the same file passes a Buffer: at run time it is `Buffer#slice`, a view, not the copy the type promises',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      bufferSlice:
        '`{{call}}` is `Buffer#slice` (`{{receiver}}` is a Buffer, {{evidence}}): a deprecated view, not a copy; it keeps the whole ArrayBuffer behind `{{receiver}}` in memory while it lives. `subarray` is the same view under its honest name.',
      typedArraySliceOnBuffer:
        '`{{receiver}}` is typed Uint8Array, but `{{caller}}` passes a Buffer into it: at run time `{{call}}` is `Buffer#slice`, a view that keeps the caller\'s whole ArrayBuffer, not the copy the type promises.',
      useSubarray: 'Use `subarray` (the same view, under its own name).',
      copyExactly: 'Make an exact copy with `Uint8Array.prototype.slice.call`.',
    },
  },
  defaultOptions: [{ checkUint8ArrayBoundary: false }],
  create(context, [options]) {
    const checkBoundary = options.checkUint8ArrayBoundary ?? false;
    const check = (call: TSESTree.CallExpression) => {
      const member = sliceMember(call);
      if (!member) return;
      const analysis = getAnalysis(context);
      const buffers = getBufferFacts(analysis);
      const viaCall = member !== unwrap(call.callee);
      // `Buffer.prototype.slice.call(x, ...)`: the receiver is the first argument.
      const receiver = viaCall ? bufferPrototypeCallReceiver(member, call) : member.object;
      if (!receiver) return;
      const evidence = buffers.isBuffer(receiver);
      const data = {
        call: shortText(context.sourceCode, call),
        receiver: shortText(context.sourceCode, receiver),
      };
      if (evidence) {
        const fix = buildSubarrayFix(call);
        // With types, the fix must keep the program type-correct: `slice` is typed `Buffer<ArrayBuffer>`,
        // `subarray` keeps the receiver's ArrayBuffer type; where that does not fit, a human decides.
        const parts = analysis.types.partKinds(receiver);
        const typesKnow = analysis.types.typed && parts.length > 0 && !parts.includes('unknown');
        const safe = typesKnow
          ? viaCall || analysis.types.methodResultFits(call, receiver, 'subarray')
          : !feedsBufferSource(call);
        context.report({
          node: call,
          messageId: 'bufferSlice',
          data: { ...data, evidence },
          ...fixOrSuggest(fix, safe, 'useSubarray'),
        });
        return;
      }
      if (!checkBoundary || viaCall) return;
      const caller = bufferPassingCaller(context.sourceCode, receiver, analysis, buffers);
      if (!caller) return;
      const suggest: { messageId: MessageId; fix: NonNullable<ReturnType<typeof buildSubarrayFix>> }[] = [];
      const copy = buildSliceCallFix(context.sourceCode, call);
      if (copy) suggest.push({ messageId: 'copyExactly', fix: copy });
      const rename = buildSubarrayFix(call);
      if (rename) suggest.push({ messageId: 'useSubarray', fix: rename });
      context.report({
        node: call,
        messageId: 'typedArraySliceOnBuffer',
        data: { ...data, caller: shortText(context.sourceCode, caller) },
        suggest,
      });
    };
    // Never throw on valid code: an unforeseen shape reports nothing.
    const quietly = (call: TSESTree.CallExpression) => {
      try {
        check(call);
      } catch {
        // nothing to report
      }
    };
    return {
      [SLICE_CALL]: quietly,
      [SLICE_CALL_COMPUTED]: quietly,
    };
  },
});

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
function bufferPrototypeCallReceiver(
  member: TSESTree.MemberExpression,
  call: TSESTree.CallExpression,
): TSESTree.Node | undefined {
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
function bufferPassingCaller(
  sourceCode: Parameters<typeof findVariable>[0],
  receiver: TSESTree.Node,
  analysis: ReturnType<typeof getAnalysis>,
  buffers: ReturnType<typeof getBufferFacts>,
): TSESTree.CallExpression | undefined {
  const id = unwrap(receiver);
  if (id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode, id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Parameter' || !isFunction(def.node as TSESTree.Node)) {
    return undefined;
  }
  if (variable.references.some((ref) => ref.isWrite())) return undefined;
  const fn = def.node as TSESTree.FunctionExpression;
  const index = fn.params.findIndex((param) => param === def.name || unwrap(param) === def.name);
  if (index < 0) return undefined;
  // Cheaper question first: untyped, the annotation; typed, the same-file callers (most functions have
  // none, and then the parameter's type is not worth a checker query).
  const typed = analysis.types.typed;
  if (!typed && !isTypedUint8Array(def.name as TSESTree.Identifier, id, analysis)) return undefined;
  const passing = analysis.calls.callSites(fn).filter((call) => {
    const arg = call.arguments[index];
    return arg && arg.type !== AST_NODE_TYPES.SpreadElement;
  });
  if (passing.length === 0 || (typed && !isTypedUint8Array(def.name as TSESTree.Identifier, id, analysis))) return undefined;
  return passing.find((call) => buffers.isBuffer(call.arguments[index]!));
}

function isTypedUint8Array(name: TSESTree.Identifier, use: TSESTree.Node, analysis: ReturnType<typeof getAnalysis>): boolean {
  const types = analysis.types;
  if (types.typed) {
    const parts = types.partKinds(use);
    if (parts.length > 0) {
      return parts.every((part) => part === 'typed-array') && types.hasNominalBase(use, new Set(['Uint8Array']));
    }
  }
  const annotation = name.typeAnnotation?.typeAnnotation;
  return (
    annotation?.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'Uint8Array'
  );
}
