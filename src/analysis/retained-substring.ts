import type { TSESTree } from '@typescript-eslint/utils';
import type { Sink } from './escape';
import type { FileFacts } from './file';
import type { Origin } from './origins';
import { confirmStringSlice, findSliceCandidate, isInnerOfSliceChain, type SliceOptions, type StringSlice } from './strings';

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
  if (!origin) return undefined;
  const sink = facts.escapes.sinkOf(node, { container: slice.container, text: true });
  if (!sink || facts.escapes.isSelfTrim(sink, slice.parent)) return undefined;
  // All the parts of a split together cover the parent: keeping them all wastes only the separators.
  // (A kept match array is different: its `input` property holds the whole parent.)
  if (slice.method === 'split' && sink.wholeContainer) return undefined;
  if (!confirmStringSlice(slice, facts.kinds)) return undefined;
  return { slice, origin, sink };
}
