import type { TSESLint } from '@typescript-eslint/utils';
import type { LeakproofDocs } from '../src/create-rule';
import noBackingBufferEscape from './no-backing-buffer-escape';
import noBufferSlice from './no-buffer-slice';
import noClonedView from './no-cloned-view';
import noMiddlemanForwarding from './no-middleman-forwarding';
import noRetainedSubstring from './no-retained-substring';
import noRetainedView from './no-retained-view';
import requireHibernation from './require-hibernation';

/** The registry: one entry a file in `rules/` (test/plugin.test.ts checks the two agree). */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[], LeakproofDocs>> = {
  'no-backing-buffer-escape': noBackingBufferEscape,
  'no-buffer-slice': noBufferSlice,
  'no-cloned-view': noClonedView,
  'no-middleman-forwarding': noMiddlemanForwarding,
  'no-retained-substring': noRetainedSubstring,
  'no-retained-view': noRetainedView,
  'require-hibernation': requireHibernation,
};
