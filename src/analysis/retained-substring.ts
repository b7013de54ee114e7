import type { TSESTree } from '@typescript-eslint/utils';
import { isInside } from './ast';
import type { Sink } from './escape';
import type { FileFacts } from './file';
import type { Origin } from './origins';
import { confirmStringSlice, findSliceCandidate, isInnerOfSliceChain, isPartOfSplice, type SliceOptions, type StringSlice } from './strings';

export interface RetainedSubstring {
  slice: StringSlice;
  origin: Origin;
  /** Where it is kept; `sink.value` is the piece stored (for split and match results). */
  sink: Sink;
}

/** A sliced string of incoming text stored where it outlives the code that made it. */
export function findRetainedSubstring(node: TSESTree.CallExpression, options: SliceOptions, facts: FileFacts): RetainedSubstring | undefined {
  if (isInnerOfSliceChain(node)) return undefined;
  const slice = findSliceCandidate(node, options);
  if (!slice) return undefined;
  const origin = facts.origins.originOf(slice.parent);
  let found = origin && { origin, sink: facts.escapes.sinkOf(node, { container: slice.container, text: true }) };
  if (!found?.sink && !slice.container && node.arguments.length >= 2) {
    // A truncation of text the function made whole (a file it read, a value it serialized) that it hands
    // back: its callers cannot see that the short string pins the whole text. Only a piece with both
    // bounds: `text.slice(n)` drops a prefix and keeps most of the text anyway.
    const whole = facts.origins.wholeTextOf(slice.parent);
    const sink = whole && facts.escapes.returnedBy(node, { text: true });
    if (whole && sink && isInside(whole.node, sink.target)) found = { origin: whole, sink };
  }
  if (!found?.sink && options.checkParserOutput) {
    // A piece of a parser's input handed back in its result (`GitBranchParser.parse(data)` returning
    // records of `match[2]`): callers keep results, and with them the whole input.
    const input = facts.origins.parserInputOf(slice.parent);
    const sink = input?.parser && facts.escapes.sinkOf(node, { container: slice.container, text: true, resultOf: input.parser });
    if (input && sink) found = { origin: input, sink };
  }
  if (!found?.sink) return undefined;
  const sink = found.sink;
  if (facts.escapes.isSelfTrim(sink, slice.parent)) return undefined;
  if (found.origin.heldByThis && facts.escapes.isOnThis(sink)) return undefined;
  // All the parts of a split together cover the parent: keeping them all wastes only the separators.
  // (A kept match array is different: its `input` property holds the whole parent.)
  if (slice.method === 'split' && sink.wholeContainer) return undefined;
  if (isPartOfSplice(slice, (node) => facts.sourceCode.getText(node).replace(/\s+/g, ''))) return undefined;
  if (!confirmStringSlice(slice, facts.kinds)) return undefined;
  return { slice, origin: found.origin, sink };
}
