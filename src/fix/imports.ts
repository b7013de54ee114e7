import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { RUNTIME_MODULE } from '../analysis/apis';

/**
 * Makes `name` from leakproof/runtime available in the file: nothing when it already is, a specifier
 * added to an existing import, or a new import (or `require` in CommonJS files). Null when the name is
 * taken by something else: a fix must never shadow or redeclare.
 */
export function buildRuntimeImport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  name: string,
): TSESLint.RuleFix | null | 'present' {
  const program = sourceCode.ast;
  let lastImport: TSESTree.ImportDeclaration | undefined;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    lastImport = statement;
    if (statement.source.value !== RUNTIME_MODULE || statement.importKind === 'type') continue;
    const named = statement.specifiers.filter(
      (spec): spec is TSESTree.ImportSpecifier => spec.type === AST_NODE_TYPES.ImportSpecifier,
    );
    if (named.some((spec) => spec.local.name === name)) return 'present';
    const last = named[named.length - 1];
    if (last) return fixer.insertTextAfter(last, `, ${name}`);
  }
  const moduleScope = sourceCode.scopeManager?.globalScope?.childScopes[0] ?? sourceCode.scopeManager?.globalScope;
  const taken = [moduleScope, sourceCode.scopeManager?.globalScope].some((scope) =>
    scope?.variables.some((variable) => variable.name === name && variable.defs.length > 0),
  );
  if (taken) {
    // `const { copy } = require('leakproof/runtime')` already there counts as present.
    const text = sourceCode.text;
    return new RegExp(`\\{[^}]*\\b${name}\\b[^}]*\\}\\s*=\\s*require\\(['"]${RUNTIME_MODULE}['"]\\)`).test(text)
      ? 'present'
      : null;
  }
  if (lastImport) return fixer.insertTextAfter(lastImport, `\nimport { ${name} } from '${RUNTIME_MODULE}';`);
  const isModule = program.sourceType === 'module' && !/\brequire\(/.test(sourceCode.text);
  const line = isModule
    ? `import { ${name} } from '${RUNTIME_MODULE}';\n`
    : `const { ${name} } = require('${RUNTIME_MODULE}');\n`;
  const first = program.body[0];
  if (!first) return fixer.insertTextAfterRange([0, 0], line);
  // After directives such as 'use strict'.
  const directives = program.body.filter(
    (statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined,
  );
  const lastDirective = directives[directives.length - 1];
  if (lastDirective) return fixer.insertTextAfter(lastDirective, `\n${line.trimEnd()}`);
  return fixer.insertTextBeforeRange([first.range[0], first.range[0]], line);
}
