import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** True when the range holds a comment: a fix that rewrites it would drop or move the comment. */
export function hasCommentInside(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  return sourceCode.getCommentsInside(node).length > 0;
}

/** True for TypeScript files, where a cast may be needed to keep the static type. */
export function isTypeScriptFile(filename: string): boolean {
  return /\.[cm]?tsx?$/.test(filename);
}

/**
 * Whether an expression written in place of `node` needs parentheses: it sits where a loose expression
 * (a cast, a binary) would bind differently: member objects, callees, operands of unary or binary operators.
 */
export function needsParens(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return true;
    default:
      return false;
  }
}

/** Source text of an expression, parenthesised if it binds more loosely than a member access. */
export function operandText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ArrayExpression:
      return text;
    default:
      return `(${text})`;
  }
}
