import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { compactText, enclosingFunction, findVariable, isInside, isWritten, iteratorNextMethod, parameterOf, shortText, singleInit, staticNumber, unwrap } from './ast';
import type { Sink } from './escape';
import type { FileFacts } from './file';
import type { Origin } from './origins';
import { confirmStringSlice, findSliceCandidate, isInnerOfSliceChain, isPartOfSplice, truncationLength, type SliceOptions, type StringSlice } from './strings';

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
  // Returned through a call of its function, the piece's parent is what that call hands in.
  const kept = origin && facts.escapes.keptWith(node, { container: slice.container, text: true, skip }, (exit) => facts.origins.originThrough(slice.parent, exit));
  let found: { origin: Origin; sink: Sink | undefined } | undefined = kept && { origin: kept.parent, sink: kept.sink };
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
  if (!found?.sink && options.checkParserOutput && origin?.kind === 'accumulator') {
    // A piece of text grown from many chunks, handed out by an iterator's `next()` (`return { done: false,
    // value: line }`): whoever iterates keeps the piece, and with it the accumulated text.
    const next = iteratorNextMethod(node);
    const sink = next && facts.escapes.sinkOf(node, { container: slice.container, text: true, resultOf: next, skip });
    if (sink) found = { origin, sink };
  }
  if (!found?.sink && options.checkTruncations) {
    // A prefix cut to a constant cap (200 or more), of any text, kept or handed back in a record: the cut says the
    // text may be longer, and then the piece keeps all of it (`userMessage: turn.userMessage.slice(0, 2000)`).
    const length = truncationLength(slice, (bound) => constantNumber(bound, facts));
    const sink = length === undefined ? undefined : truncationSink(node, facts);
    if (sink) {
      const label = `\`${shortText(facts.sourceCode, slice.parent)}\`, cut to ${length} characters because it may be longer`;
      found = { origin: { kind: 'truncated', label, node: slice.parent }, sink };
    }
  }
  if (!found?.sink) return undefined;
  const sink = found.sink;
  if (facts.escapes.isSelfTrim(sink, slice.parent)) return { sink };
  if (found.origin.heldByThis && facts.escapes.isOnThis(sink)) return { sink };
  // All the parts of a split together cover the parent: keeping them all wastes only the separators.
  // (A kept match array is different: its `input` property holds the whole parent.)
  if (slice.method === 'split' && sink.wholeContainer) return { sink };
  if (isPartOfSplice(slice, (text) => compactText(facts.sourceCode, text))) return undefined;
  if (!confirmStringSlice(slice, facts.kinds)) return undefined;
  return { sink, kept: { slice, origin: found.origin, sink } };
}

/** A number literal, or a `const` initialized with one (`const MAX_TITLE = 200`). */
function constantNumber(node: TSESTree.Node, facts: FileFacts): number | undefined {
  const value = unwrap(node);
  const direct = staticNumber(value);
  if (direct !== undefined || value.type !== AST_NODE_TYPES.Identifier) return direct;
  const variable = findVariable(facts.sourceCode, value);
  const init = variable && singleInit(variable);
  return init ? staticNumber(init) : undefined;
}

/**
 * Where a truncation goes that outlives the call: long-lived storage; the function's result, when the piece
 * is a property of a record it builds (`return { title: text.slice(0, 200) }`: records are what callers
 * keep; a bare string returned is usually printed); or a field of an object the caller passed (`meta.title =
 * …`), which the caller keeps.
 */
function truncationSink(node: TSESTree.CallExpression, facts: FileFacts): Sink | undefined {
  const fn = enclosingFunction(node);
  const sink = facts.escapes.sinkOf(node, { text: true, ...(fn && { resultOf: fn }) });
  if (sink && (sink.kind !== 'returned' || isRecordProperty(node))) return sink;
  const assignment = node.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== node) return undefined;
  const target = assignment.left;
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrap(target.object);
  const param = object.type === AST_NODE_TYPES.Identifier ? parameterOf(facts.sourceCode, object) : undefined;
  if (!param || isWritten(param.variable)) return undefined;
  return { kind: 'field', label: `\`${shortText(facts.sourceCode, target)}\`, a field of an object its caller passed`, target, value: node };
}

/** `{ title: text.slice(0, 200) }`: the value is a property of an object literal (through `a ?? b`, casts). */
function isRecordProperty(node: TSESTree.Node): boolean {
  let value: TSESTree.Node = node;
  while (
    value.parent &&
    (value.parent.type === AST_NODE_TYPES.LogicalExpression ||
      value.parent.type === AST_NODE_TYPES.ConditionalExpression ||
      value.parent.type === AST_NODE_TYPES.TSAsExpression ||
      value.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    value = value.parent;
  }
  const property = value.parent;
  return property?.type === AST_NODE_TYPES.Property && property.value === value && property.parent.type === AST_NODE_TYPES.ObjectExpression;
}
