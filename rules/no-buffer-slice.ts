import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getAnalysis, shortText } from '../src/analysis';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildSliceCallFix, buildSubarrayFix } from '../src/fix/subarray';

type Options = [{ checkUint8ArrayBoundary?: boolean }];
type MessageId = 'bufferSlice' | 'typedArraySliceOnBuffer' | 'publicInputSlice' | 'useSubarray' | 'copyExactly';

const SLICE_CALL = 'CallExpression[callee.property.name=/^(?:slice|call|apply)$/]';
const SLICE_CALL_COMPUTED = 'CallExpression[callee.property.value="slice"]';

export default createRule<Options, MessageId>({
  name: 'no-buffer-slice',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `Buffer#slice`, a deprecated view of its parent, unlike `Array#slice` and `TypedArray#slice`',
      recommended: 'recommended',
      strictOptions: [{ checkUint8ArrayBoundary: true }],
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkUint8ArrayBoundary: {
            type: 'boolean',
            description:
              'Also report `x.slice()` on a parameter typed `Uint8Array` when a call site in the same file passes a Buffer, or when it is the input of an exported function and the piece is kept or returned: at run time a Buffer\'s `slice` is `Buffer#slice`, a view, not the copy the type promises',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      bufferSlice:
        '`{{call}}` is `Buffer#slice` (`{{receiver}}` is a Buffer, {{evidence}}): a deprecated view, not a copy; it keeps the whole ArrayBuffer behind `{{receiver}}` in memory while it lives. `subarray` is the same view under its honest name.',
      typedArraySliceOnBuffer:
        '`{{receiver}}` is typed Uint8Array, but `{{caller}}` passes a Buffer into it: at run time `{{call}}` is `Buffer#slice`, a view that keeps the caller\'s whole ArrayBuffer, not the copy the type promises.',
      publicInputSlice:
        '`{{receiver}}` is typed Uint8Array and comes from the callers of `{{entry}}()`, which the module exports; Node callers pass Buffers for Uint8Array, and for a Buffer `{{call}}` is `Buffer#slice`, a view that keeps the caller\'s whole ArrayBuffer, not the copy the type promises ({{sink}}).',
      useSubarray: 'Use `subarray` (the same view, under its own name).',
      copyExactly: 'Make an exact copy with `Uint8Array.prototype.slice.call`.',
    },
  },
  defaultOptions: [{ checkUint8ArrayBoundary: false }],
  create(context, [options]) {
    const checkUint8ArrayBoundary = options.checkUint8ArrayBoundary ?? false;
    const check = (call: TSESTree.CallExpression) => {
      const found = getAnalysis(context).bufferSlice(call, { checkUint8ArrayBoundary });
      if (!found) return;
      const data = {
        call: shortText(context.sourceCode, call),
        receiver: shortText(context.sourceCode, found.receiver),
      };
      if (found.kind === 'buffer-slice') {
        context.report({
          node: call,
          messageId: 'bufferSlice',
          data: { ...data, evidence: found.evidence },
          ...fixOrSuggest(buildSubarrayFix(found.member), found.renameIsSafe, 'useSubarray'),
        });
        return;
      }
      const suggest: { messageId: MessageId; fix: TSESLint.ReportFixFunction }[] = [];
      const copy = buildSliceCallFix(context.sourceCode, call);
      if (copy) suggest.push({ messageId: 'copyExactly', fix: copy });
      if (found.kind === 'public-input') {
        // The piece is kept: a copy was meant, so the view is not offered.
        const sink = found.sink.kind === 'returned' ? found.sink.label : `kept in ${found.sink.label}`;
        context.report({ node: call, messageId: 'publicInputSlice', data: { ...data, entry: found.entryName, sink }, suggest });
        return;
      }
      const rename = buildSubarrayFix(found.member);
      if (rename) suggest.push({ messageId: 'useSubarray', fix: rename });
      context.report({
        node: call,
        messageId: 'typedArraySliceOnBuffer',
        data: { ...data, caller: shortText(context.sourceCode, found.caller) },
        suggest,
      });
    };
    return {
      [SLICE_CALL]: check,
      [SLICE_CALL_COMPUTED]: check,
    };
  },
});
