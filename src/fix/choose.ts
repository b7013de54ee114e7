import type { TSESLint } from '@typescript-eslint/utils';

/**
 * The one place that decides between autofix, suggestion and nothing. An autofix only when the analysis
 * says nothing but memory changes; a suggestion when a human should look; nothing when no safe edit exists.
 */
export function fixOrSuggest<MessageId extends string>(
  fix: TSESLint.ReportFixFunction | null,
  autofix: boolean,
  suggestionId: MessageId,
  data?: Record<string, unknown>,
): Pick<TSESLint.ReportDescriptor<MessageId>, 'fix' | 'suggest'> {
  if (!fix) return {};
  if (autofix) return { fix };
  return { suggest: [{ messageId: suggestionId, data, fix }] };
}
