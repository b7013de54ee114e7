import { ESLintUtils } from '@typescript-eslint/utils';

/** Which preset first turns the rule on; later presets include earlier ones. */
export type PresetLevel = 'recommended' | 'recommended-type-checked' | 'strict';

export interface LeakproofDocs {
  description: string;
  /** The first preset that enables the rule; absent: only in `all`. */
  recommended?: PresetLevel;
  /** True when the rule reports nothing without type information. */
  requiresTypeChecking?: boolean;
  /** Options the `strict` preset passes (merged over the defaults). */
  strictOptions?: readonly unknown[];
  /** Options the `recommended-type-checked` preset passes (and `strict`/`all`, unless `strictOptions` says otherwise). */
  typeCheckedOptions?: readonly unknown[];
}

import { DOCS_BASE_URL } from './docs-url';

export { DOCS_BASE_URL };

export const createRule = ESLintUtils.RuleCreator<LeakproofDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
