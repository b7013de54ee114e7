import type { TSESTree } from '@typescript-eslint/utils';
import { getAnalysis, shortText, type Sink } from '../src/analysis';
import { createRule } from '../src/create-rule';
import { fixOrSuggest } from '../src/fix/choose';
import { buildDetachFix, type DetachStyle } from '../src/fix/detach';

type Options = [{ detachStyle?: DetachStyle; checkSplitParts?: boolean; checkRegExpGroups?: boolean; checkParserOutput?: boolean; checkTruncations?: boolean }];
type MessageId = 'retainedSubstring' | 'returnedSubstring' | 'detach';

const STRING_CALL =
  'CallExpression[callee.property.name=/^(?:slice|substring|substr|trim|trimStart|trimEnd|trimLeft|trimRight|split|match|matchAll|exec)$/]';

export default createRule<Options, MessageId>({
  name: 'no-retained-substring',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow keeping slices of incoming strings that pin the whole parent string in memory',
      recommended: 'recommended',
      strictOptions: [{ checkParserOutput: true, checkTruncations: true }],
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          detachStyle: {
            type: 'string',
            enum: ['concat-slice', 'structured-clone', 'runtime'],
            description:
              "How the suggestion detaches the piece: 'concat-slice' (`(' ' + s).slice(1)`), 'structured-clone' (`structuredClone(s)`) or 'runtime' (`detach(s)` from leakproof/runtime)",
          },
          checkSplitParts: {
            type: 'boolean',
            description: 'Report parts of `split` results that are kept',
          },
          checkRegExpGroups: {
            type: 'boolean',
            description: 'Report regular-expression matches and groups (`match`, `matchAll`, `exec`) that are kept',
          },
          checkParserOutput: {
            type: 'boolean',
            description:
              'Also report pieces of a parsing function\'s input (`parse(text)`, `GitBranchParser.parse(data)`) that it returns or keeps: callers keep results, and with them the whole input (`strict`)',
          },
          checkTruncations: {
            type: 'boolean',
            description:
              'Also report a prefix cut to a constant cap of 200 characters or more (`text.slice(0, 2000)`) of any text, when it is kept or handed back in a record: the cut says the text may be longer, and then the piece keeps all of it (`strict`)',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      retainedSubstring:
        '{{piece}} is a slice of {{parent}}; it is kept in {{sink}}, so V8 keeps the whole parent string in memory as long as the slice lives.',
      returnedSubstring:
        '{{piece}} is a slice of {{parent}}; {{sink}}, so whoever keeps the result keeps the whole parent string in memory.',
      detach: 'Keep a detached copy of the string instead of the slice.',
    },
  },
  defaultOptions: [{ detachStyle: 'concat-slice', checkSplitParts: true, checkRegExpGroups: true, checkParserOutput: false, checkTruncations: false }],
  create(context, [options]) {
    const sliceOptions = {
      checkSplitParts: options.checkSplitParts ?? true,
      checkRegExpGroups: options.checkRegExpGroups ?? true,
      checkParserOutput: options.checkParserOutput ?? false,
      checkTruncations: options.checkTruncations ?? false,
    };
    const style = options.detachStyle ?? 'concat-slice';
    return {
      [STRING_CALL](node: TSESTree.CallExpression) {
        for (const found of getAnalysis(context).retainedSubstrings(node, sliceOptions)) {
          // Detach what is stored: the slice itself, or the piece taken out of a split/match result.
          const stored = found.slice.container ? pieceToDetach(found.sink) : node;
          const fix = stored ? buildDetachFix(context.sourceCode, stored, style) : null;
          // At the piece that is kept (`match[1]`, `parts[2]`): the line to change, where the fix goes. A
          // record's spread of a match's groups (`{ ...m.groups }`) is kept there too, with no detach of its own.
          const at = stored ?? found.sink.value ?? node;
          context.report({
            node: at,
            messageId: found.sink.kind === 'returned' ? 'returnedSubstring' : 'retainedSubstring',
            data: {
              piece: `\`${shortText(context.sourceCode, at)}\``,
              parent: found.origin.label,
              sink: found.sink.label,
            },
            ...fixOrSuggest(fix, false, 'detach'),
          });
        }
      },
    };
  },
});

/** A single piece (`parts[1]`, `match.groups.id`, a destructured name); not a whole array of pieces. */
function pieceToDetach(sink: Sink): TSESTree.Node | undefined {
  return sink.wholeContainer ? undefined : sink.value;
}
