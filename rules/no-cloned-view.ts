import type { TSESTree } from '@typescript-eslint/utils';
import { getAnalysis, shortText } from '../src/analysis';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildSendCopyFix } from '../src/fix/send-copy';

type MessageId = 'clonedView' | 'sendCopy';

// postMessage, structuredClone, and IndexedDB's objectStore put/add (the analysis checks the receiver).
const CLONE_CALL =
  'CallExpression[callee.property.name=/^(?:postMessage|put|add)$/], CallExpression[callee.name=/^(?:postMessage|structuredClone)$/]';

export default createRule<[], MessageId>({
  name: 'no-cloned-view',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow posting or structured-cloning a view whose ArrayBuffer may be larger than the view',
      recommended: 'recommended-type-checked',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      clonedView:
        '`{{call}}` clones {{what}}: the whole ArrayBuffer behind it is serialized and arrives on the other side, not just the view\'s bytes (a 16-byte view of 1 MB ships 1 MB). Send an exact-size copy.',
      sendCopy: 'Send an exact-size copy of the view.',
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      [CLONE_CALL](call: TSESTree.CallExpression) {
        for (const cloned of getAnalysis(context).clonedViews(call)) {
          const { value, found, property } = cloned;
          const copy = buildSendCopyFix(context.sourceCode, context.filename, value, found, property);
          // An autofix only for a proven kind whose copy keeps the static type the file sees: `postMessage`
          // takes `any`, so only `structuredClone`'s result can change what the file type-checks.
          const autofix = found.level === 'proven' && (!!copy?.keepsType || (!cloned.returnsClone && found.kind !== 'unknown'));
          context.report({
            node: value,
            messageId: 'clonedView',
            data: { call: shortText(context.sourceCode, call.callee) + '()', what: found.label },
            ...fixOrSuggest(copy?.fix ?? null, autofix, 'sendCopy'),
          });
        }
      },
    };
  },
});
