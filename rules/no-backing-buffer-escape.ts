import type { TSESTree } from '@typescript-eslint/utils';
import { getAnalysis, shortText, unwrap } from '../src/analysis';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildBackingBufferFix, type BackingFixKind } from '../src/fix/backing-buffer';

type MessageId = 'backingStoreEscape' | 'passViewBounds' | 'copyExactly' | 'viewExactly' | 'compareStoreLength';

const SUGGESTION: Record<BackingFixKind, MessageId> = {
  bounds: 'passViewBounds',
  copy: 'copyExactly',
  view: 'viewExactly',
  guard: 'compareStoreLength',
};

export default createRule<[], MessageId>({
  name: 'no-backing-buffer-escape',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow using a view\'s `.buffer` as if it were the view\'s bytes, exposing the rest of its ArrayBuffer',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      backingStoreEscape:
        '`{{buffer}}` is the whole ArrayBuffer behind `{{view}}`, not its bytes: {{sink}} (other data in the shared Buffer pool, or the rest of the chunk `{{view}}` was cut from). Pass `{{view}}.byteOffset` and `{{view}}.byteLength` along.',
      passViewBounds: 'Pass the view\'s `byteOffset` and `byteLength`.',
      copyExactly: 'Use an exact copy of the view\'s bytes (`.buffer.slice(byteOffset, byteOffset + byteLength)`).',
      viewExactly: 'Use a `Uint8Array` over the view\'s bytes only.',
      compareStoreLength: 'Take the fast path only when the view covers its whole store (its `byteLength` equals the store\'s).',
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      'MemberExpression[property.name="buffer"]'(member: TSESTree.MemberExpression) {
        if (member.computed) return;
        const use = getAnalysis(context).backingStoreUse(member);
        if (!use) return;
        const fix = buildBackingBufferFix(context.sourceCode, use);
        context.report({
          node: use.at ?? member,
          messageId: 'backingStoreEscape',
          data: {
            buffer: shortText(context.sourceCode, member),
            view: shortText(context.sourceCode, unwrap(use.view)),
            sink: use.label,
          },
          // The repair changes which bytes are read (the code's intent, but not only memory): a suggestion.
          ...fixOrSuggest(fix?.fix ?? null, false, fix ? SUGGESTION[fix.kind] : 'passViewBounds'),
        });
      },
    };
  },
});
