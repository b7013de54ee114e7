import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../analysis/ast';
import type { LargerBacking } from '../analysis/kinds';
import { buildExactCopyFix } from './copy';
import { hasCommentInside, isTypeScriptFile, operandText } from './expressions';

export interface SendCopyFix {
  fix: TSESLint.ReportFixFunction;
  /** False when the edit may change a static type the rest of the file relies on. */
  keepsType: boolean;
}

/**
 * Sends an exact-size copy instead of the view: the view-making call becomes its exact copy (the shared
 * builder), a Buffer becomes `Uint8Array.prototype.slice.call(x)` (cast back to `typeof x` in
 * TypeScript: it is a Buffer at run time, typed Uint8Array), a plain typed array its own `.slice()`.
 * `target` is the expression sent; `property` the shorthand property that holds it (`{ frame }`), if any.
 */
export function buildSendCopyFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  target: TSESTree.Node,
  found: LargerBacking,
  property?: TSESTree.Property,
): SendCopyFix | null {
  if (hasCommentInside(sourceCode, target)) return null;
  const ts = isTypeScriptFile(filename);
  const node = unwrap(target);
  const write = (text: string): TSESLint.ReportFixFunction =>
    property?.shorthand
      ? (fixer) => fixer.replaceText(property, `${sourceCode.getText(property.key)}: ${text}`)
      : (fixer) => fixer.replaceText(target, text);
  if (found.view && node === found.view.node) {
    const copy = buildExactCopyFix(sourceCode, filename, found.view, 'slice-call', found);
    if (!copy) return null;
    return { fix: copy.fix, keepsType: !copy.mayChangeType };
  }
  // Only a typed array that cannot be a Buffer copies itself with `slice` (a Buffer's is a view).
  if (found.kind === 'typed-array' && found.ownSliceCopies) {
    return { fix: write(`${operandText(sourceCode, node)}.slice()`), keepsType: true };
  }
  if (found.kind === 'typed-array') {
    return { fix: write(`Uint8Array.prototype.slice.call(${sourceCode.getText(node)})`), keepsType: !ts };
  }
  if (found.kind !== 'buffer') return null;
  const call = `Uint8Array.prototype.slice.call(${sourceCode.getText(node)})`;
  if (!ts) return { fix: write(call), keepsType: true };
  // `typeof x` keeps the exact static type (`Buffer<ArrayBuffer>` stays that) where it can be written.
  if (isEntityName(node)) return { fix: write(`${call} as typeof ${sourceCode.getText(node)}`), keepsType: true };
  return { fix: write(`${call} as Buffer`), keepsType: false };
}

/** `x`, `msg.frame`: expressions a `typeof` type query can name. */
function isEntityName(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return true;
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    !node.optional &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    isEntityName(node.object)
  );
}
