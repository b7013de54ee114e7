import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { hasCommentInside, operandText } from './expressions';
import { buildRuntimeImport } from './imports';

/**
 * How a string is detached from its parent: `(' ' + s).slice(1)` and `structuredClone(s)` make a flat
 * copy; a template literal or `s + ''` does not (the repository's scripts/measure-retention.js measures each).
 */
export type DetachStyle = 'concat-slice' | 'structured-clone' | 'runtime';

export function buildDetachFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  style: DetachStyle,
): TSESLint.ReportFixFunction | null {
  if (hasCommentInside(sourceCode, node)) return null;
  const text = sourceCode.getText(node);
  switch (style) {
    case 'concat-slice':
      return (fixer) => fixer.replaceText(node, `(' ' + ${operandText(sourceCode, node)}).slice(1)`);
    case 'structured-clone':
      return (fixer) => fixer.replaceText(node, `structuredClone(${text})`);
    case 'runtime':
      return (fixer) => {
        const imported = buildRuntimeImport(sourceCode, fixer, 'detach');
        if (imported === null) return [];
        const edit = fixer.replaceText(node, `detach(${text})`);
        return imported === 'present' ? [edit] : [imported, edit];
      };
    default:
      return null;
  }
}
