import type { TSESLint } from '@typescript-eslint/utils';

/** The registry: one entry a file in `rules/` (test/plugin.test.ts checks the two agree). */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {};
