import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../analysis/ast';
import { hasCommentInside } from './expressions';

/**
 * `buf.slice(a, b)` → `buf.subarray(a, b)`: on a Buffer both return the same view, so only the name
 * changes. Handles `buf?.slice()`, `buf['slice']()` and `Buffer.prototype.slice.call(buf, ...)`; only
 * the property name is rewritten, so comments and arguments stay as written.
 */
export function buildSubarrayFix(member: TSESTree.MemberExpression): TSESLint.ReportFixFunction | null {
  const property = member.property;
  if (!member.computed && property.type === AST_NODE_TYPES.Identifier) {
    return (fixer) => fixer.replaceText(property, 'subarray');
  }
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') {
    const quote = property.raw.startsWith('"') ? '"' : "'";
    return (fixer) => fixer.replaceText(property, `${quote}subarray${quote}`);
  }
  return null;
}


/** `x.slice(a, b)` → `Uint8Array.prototype.slice.call(x, a, b)`: an exact copy whatever `x` is at run time. */
export function buildSliceCallFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): TSESLint.ReportFixFunction | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional || call.optional) return null;
  if (hasCommentInside(sourceCode, call) || call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) {
    return null;
  }
  if (call.parent?.type === AST_NODE_TYPES.ChainExpression) return null;
  const receiver = sourceCode.getText(callee.object);
  const args = call.arguments.map((arg) => sourceCode.getText(arg));
  return (fixer) => fixer.replaceText(call, `Uint8Array.prototype.slice.call(${[receiver, ...args].join(', ')})`);
}

