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

/** At most this many pieces of one split or match are reported. */
const MAX_PIECES = 16;

/**
 * The sliced strings of incoming text that `node` makes and that are stored where they outlive the code
 * that made them: one for a slice, every kept piece for a split or a match (`frag.title = m[2]` and
 * `frag.url = m[3]` each need their own detach).
 */
export function findRetainedSubstrings(node: TSESTree.CallExpression, options: SliceOptions, facts: FileFacts): RetainedSubstring[] {
  if (isInnerOfSliceChain(node)) return [];
  const slice = findSliceCandidate(node, options);
  if (!slice) return [];
  const found: RetainedSubstring[] = [];
  const skip = new Set<TSESTree.Node>();
  for (let round = 0; round < MAX_PIECES; round++) {
    const step = keptPiece(node, slice, options, facts, skip);
    if (!step) break;
    if (step.kept) found.push(step.kept);
    const piece = step.sink.value;
    if (!slice.container || !piece || step.sink.wholeContainer || skip.has(piece)) break;
    skip.add(piece);
  }
  return found;
}

/** The next place a piece of `slice` is kept (passing over `skip`), and whether it is a finding. */
function keptPiece(
  node: TSESTree.CallExpression,
  slice: StringSlice,
  options: SliceOptions,
  facts: FileFacts,
  skip: ReadonlySet<TSESTree.Node>,
): { sink: Sink; kept?: RetainedSubstring } | undefined {
  const origin = facts.origins.originOf(slice.parent);
  let found = origin && { origin, sink: facts.escapes.sinkOf(node, { container: slice.container, text: true, skip }) };
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
    const sink = input?.parser && facts.escapes.sinkOf(node, { container: slice.container, text: true, resultOf: input.parser, skip });
    if (input && sink) found = { origin: input, sink };
  }
  if (!found?.sink) return undefined;
  const sink = found.sink;
  if (facts.escapes.isSelfTrim(sink, slice.parent)) return { sink };
  if (found.origin.heldByThis && facts.escapes.isOnThis(sink)) return { sink };
  // All the parts of a split together cover the parent: keeping them all wastes only the separators.
  // (A kept match array is different: its `input` property holds the whole parent.)
  if (slice.method === 'split' && sink.wholeContainer) return { sink };
  if (isPartOfSplice(slice, (text) => facts.sourceCode.getText(text).replace(/\s+/g, ''))) return undefined;
  if (!confirmStringSlice(slice, facts.kinds)) return undefined;
  return { sink, kept: { slice, origin: found.origin, sink } };
}
