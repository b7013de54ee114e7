import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../analysis/ast';
import { hasCommentInside } from './expressions';

/**
 * `port.postMessage(payload)` → `port.postMessage(payload, [payload])`: the ArrayBuffer moves to the
 * destination instead of being cloned. Only for a payload that is a name or a member chain (repeating
 * it has no side effect), and not when a comment sits inside the call (the edit could move it).
 */
export function buildTransferFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  payload: TSESTree.Node,
): TSESLint.ReportFixFunction | null {
  const inner = unwrap(payload);
  if (inner.type !== 'Identifier' && !(inner.type === 'MemberExpression' && isPlainChain(inner))) return null;
  if (hasCommentInside(sourceCode, call)) return null;
  const text = sourceCode.getText(inner);
  return (fixer) => fixer.insertTextAfter(payload, `, [${text}]`);
}

function isPlainChain(node: TSESTree.Node): boolean {
  let current = node;
  while (current.type === 'MemberExpression') {
    if (current.computed || current.optional) return false;
    current = current.object;
  }
  return current.type === 'Identifier' || current.type === 'ThisExpression';
}
