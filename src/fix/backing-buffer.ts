import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { BackingStoreUse } from '../analysis/backing-store';
import { unwrap } from '../analysis/ast';
import { hasCommentInside, operandText } from './expressions';

export type BackingFixKind = 'bounds' | 'copy' | 'view' | 'guard';

/**
 * Fixes for `x.buffer` used as `x`'s bytes:
 * - constructors and `Buffer.from`: pass the view's bounds (`x.buffer, x.byteOffset, x.byteLength`,
 *   with `/ C.BYTES_PER_ELEMENT` for wider elements), replacing only the arguments that are wrong;
 * - `x.buffer.slice()`: bound the copy by the view (`x.byteOffset, x.byteOffset + x.byteLength`);
 * - crypto, Blob, cloned messages and stores handed to other code: an exact copy's buffer, `x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength)`
 *   (same static type as `x.buffer`);
 * - decoders, writes and bodies: a view of the same bytes, `new Uint8Array(x.buffer, x.byteOffset, x.byteLength)`;
 * - a fast path that returns the store whole: its test also asks that the view cover the store
 *   (`&& x.byteLength === x.buffer.byteLength`; a view that long starts at 0).
 * Every one of these changes which bytes the code reads (that is the bug), so rules offer them as
 * suggestions, never as autofixes. Null for transfer lists (the message and the list would have to change together), optional chains,
 * comments in the rewritten range, and views the fix would have to evaluate twice (calls, assignments).
 */
export function buildBackingBufferFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  use: BackingStoreUse,
): { fix: TSESLint.ReportFixFunction; kind: BackingFixKind } | null {
  const view = unwrap(use.view);
  if (use.sink === 'fast-path') return guardFix(sourceCode, use, view);
  // A choice gives the reader something else on its other side, so no rewrite of the reader fits both; the view
  // replaced by its store is rewritten where it is taken, which fits whatever side it is on.
  if (!isRepeatable(view) || use.member.optional || isInChain(use.member) || (use.oneOfChoice && use.sink !== 'replaced') || use.heldIn !== undefined || use.descriptor) return null;
  const v = operandText(sourceCode, view);
  switch (use.sink) {
    case 'constructor':
    case 'buffer-from': {
      const bounds = use.bounds;
      if (!bounds || !use.reader || hasCommentInside(sourceCode, use.reader)) return null;
      const length =
        bounds.elementSize === 1 ? `${v}.byteLength` : `${v}.byteLength / ${bounds.constructorName}.BYTES_PER_ELEMENT`;
      const [first, offset, len] = use.reader.arguments;
      if (!first) return null;
      if (bounds.offset === 'other') return null;
      // `new Float32Array(x.buffer, x.byteOffset, …)` throws a RangeError when the view does not start at
      // a multiple of 4; nothing here proves the alignment, so no edit moves a wider view's offset.
      if (bounds.elementSize > 1 && (!offset || bounds.offset === 'unsafe' || bounds.offset === 'relative')) return null;
      // A constant offset moves by the view's start; without a length the end would need the same care.
      if (bounds.offset === 'relative' && (!len || !offset)) return null;
      if (!offset) {
        return { kind: 'bounds', fix: (fixer) => fixer.insertTextAfter(first, `, ${v}.byteOffset, ${length}`) };
      }
      return {
        kind: 'bounds',
        fix: (fixer) => {
          const edits: TSESLint.RuleFix[] = [];
          if (bounds.offset === 'unsafe') edits.push(fixer.replaceText(offset, `${v}.byteOffset`));
          if (bounds.offset === 'relative') edits.push(fixer.replaceText(offset, `${v}.byteOffset + ${sourceCode.getText(offset)}`));
          if (!len) edits.push(fixer.insertTextAfter(offset, `, ${length}`));
          else if (bounds.length === 'unsafe' || bounds.length === 'elements') edits.push(fixer.replaceText(len, length));
          return edits;
        },
      };
    }
    case 'array-buffer-slice': {
      const call = use.reader as TSESTree.CallExpression | undefined;
      if (!call || hasCommentInside(sourceCode, call) || call.optional) return null;
      const [start, end] = call.arguments;
      const full = `${v}.byteOffset, ${v}.byteOffset + ${v}.byteLength`;
      let args: string | undefined;
      if (!start) args = full;
      else if (!end && start.type !== AST_NODE_TYPES.SpreadElement && isRepeatable(unwrap(start))) {
        args = `${v}.byteOffset + ${operandText(sourceCode, start)}, ${v}.byteOffset + ${v}.byteLength`;
      } else if (end && isZeroOrUndefined(start) && isProperty(sourceCode, end, v, 'byteLength')) {
        args = full;
      } else if (end && isProperty(sourceCode, start, v, 'byteOffset')) {
        args = full;
      } else if (end && unwrap(start).type === AST_NODE_TYPES.Identifier && unwrap(end).type === AST_NODE_TYPES.Identifier) {
        // `x.buffer.slice(start, end)` with bounds counted in the view: count them from its first byte.
        args = `${v}.byteOffset + ${sourceCode.getText(start)}, ${v}.byteOffset + ${sourceCode.getText(end)}`;
      }
      if (!args) return null;
      const open = sourceCode.getTokenAfter(call.callee, (token) => token.value === '(');
      if (!open) return null;
      const text = args;
      return { kind: 'bounds', fix: (fixer) => fixer.replaceTextRange([open.range[0], call.range[1]], `(${text})`) };
    }
    case 'crypto':
    case 'blob':
    case 'message':
    case 'handed':
    case 'replaced':
      if (hasCommentInside(sourceCode, use.member)) return null;
      return {
        kind: 'copy',
        fix: (fixer) => fixer.replaceText(use.member, `${v}.buffer.slice(${v}.byteOffset, ${v}.byteOffset + ${v}.byteLength)`),
      };
    case 'decode':
    case 'write':
    case 'body':
      if (hasCommentInside(sourceCode, use.member)) return null;
      return {
        kind: 'view',
        fix: (fixer) => fixer.replaceText(use.member, `new Uint8Array(${v}.buffer, ${v}.byteOffset, ${v}.byteLength)`),
      };
    default:
      return null;
  }
}

/** Tests that bind looser than `&&`: completed inside parentheses. */
const LOOSE_TESTS = new Set<string>([
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.SequenceExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.YieldExpression,
]);

/** `t ? x.buffer : …` → `t && x.byteLength === x.buffer.byteLength ? x.buffer : …` (`if (t) return x.buffer` alike). */
function guardFix(sourceCode: Readonly<TSESLint.SourceCode>, use: BackingStoreUse, view: TSESTree.Node): { fix: TSESLint.ReportFixFunction; kind: BackingFixKind } | null {
  const guard = use.guard;
  if (!guard || !isRepeatable(view) || hasCommentInside(sourceCode, guard)) return null;
  const v = operandText(sourceCode, view);
  const text = sourceCode.getText(guard);
  // `a || b`, `a ?? b` (which may not even be mixed with `&&` unparenthesized), `a ? b : c`: in parentheses.
  const loose = guard.type === AST_NODE_TYPES.LogicalExpression ? guard.operator !== '&&' : LOOSE_TESTS.has(guard.type);
  return { kind: 'guard', fix: (fixer) => fixer.replaceText(guard, `${loose ? `(${text})` : text} && ${v}.byteLength === ${v}.buffer.byteLength`) };
}

/** Expressions a fix may write more than once: names, `this`, and non-computed member chains of them. */
function isRepeatable(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return !node.optional && (!node.computed || node.property.type === AST_NODE_TYPES.Literal) && isRepeatable(unwrap(node.object));
    default:
      return false;
  }
}

function isInChain(node: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = node;
  while (current) {
    if (current.type === AST_NODE_TYPES.ChainExpression) return true;
    if (current.type !== AST_NODE_TYPES.MemberExpression && current !== node) return false;
    current = current.parent;
  }
  return false;
}

function isZeroOrUndefined(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const value = unwrap(node);
  return (value.type === AST_NODE_TYPES.Literal && value.value === 0) || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
}

function isProperty(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, viewText: string, name: string): boolean {
  const value = unwrap(node);
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    !value.computed &&
    value.property.type === AST_NODE_TYPES.Identifier &&
    value.property.name === name &&
    operandText(sourceCode, unwrap(value.object)) === viewText
  );
}
