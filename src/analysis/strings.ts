import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { STRING_PART_METHODS, STRING_SLICE_METHODS } from './apis';
import { methodCall, propertyName, staticNumber } from './ast';
import type { KindReader } from './views';

/**
 * Question 2 for text: is this call's result a V8 sliced string (or a container of them), and of which
 * parent? V8 makes a sliced string for results of 13 characters or more (SlicedString::kMinLength);
 * shorter ones are copies.
 */
export const SLICED_STRING_MIN_LENGTH = 13;

export interface StringSlice {
  node: TSESTree.CallExpression;
  method: string;
  /** The text the slice keeps alive. */
  parent: TSESTree.Node;
  /** split/match/matchAll/exec: the result holds pieces rather than being one. */
  container: boolean;
}

export interface SliceOptions {
  checkSplitParts: boolean;
  checkRegExpGroups: boolean;
  /** Also pieces of a parser's input that it hands back in its result or keeps (`strict`). */
  checkParserOutput?: boolean;
  /** Also truncations (`s.slice(0, 2000)`) of any text that are kept or handed back in a record (`strict`). */
  checkTruncations?: boolean;
}

/**
 * The shape of a slicing call, from syntax alone (type queries come later, in `confirmStringSlice`,
 * and only for calls whose result derives from incoming text and is kept).
 */
export function findSliceCandidate(call: TSESTree.CallExpression, options: SliceOptions): StringSlice | undefined {
  const method = methodCall(call);
  if (!method) return undefined;
  const { name, receiver } = method;
  if (name === 'exec') {
    // `re.exec(text)`: the match holds slices of `text`.
    const text = call.arguments[0];
    if (!options.checkRegExpGroups || !text || text.type === AST_NODE_TYPES.SpreadElement) return undefined;
    return { node: call, method: name, parent: text, container: true };
  }
  const isSlice = STRING_SLICE_METHODS.has(name);
  const isParts = STRING_PART_METHODS.has(name);
  if (!isSlice && !isParts) return undefined;
  if (isParts && (name === 'split' ? !options.checkSplitParts : !options.checkRegExpGroups)) return undefined;
  if (isSlice && isKnownShort(call, name)) return undefined;
  return { node: call, method: name, parent: receiver, container: isParts };
}

/**
 * `slice` is also an Array/TypedArray/Buffer method: only known text counts. The other methods exist
 * only on strings, so anything not known to be something else counts. `exec` needs a RegExp receiver.
 */
export function confirmStringSlice(slice: StringSlice, kinds: KindReader): boolean {
  if (slice.method === 'exec') {
    const receiver = methodCall(slice.node)?.receiver;
    return !receiver || kinds.kindOf(receiver) !== 'string';
  }
  const kind = kinds.kindOf(slice.parent);
  return slice.method === 'slice' ? kind === 'string' : kind === 'string' || kind === 'unknown';
}

/** `s.slice(0, 4)`, `s.substr(i, 8)`, `s.slice(-3)`: the piece is shorter than a sliced string can be. */
function isKnownShort(call: TSESTree.CallExpression, method: string): boolean {
  const [first, second] = call.arguments;
  const a = staticNumber(first);
  const b = staticNumber(second);
  let length: number | undefined;
  if (method === 'substr') length = b;
  else if (method === 'slice' && a !== undefined && a < 0 && second === undefined) length = -a;
  else if (a !== undefined && b !== undefined && (a >= 0) === (b >= 0) && (a >= 0 || method === 'slice')) {
    length = Math.abs(b - a);
  }
  return length !== undefined && length < SLICED_STRING_MIN_LENGTH;
}

/**
 * The shortest cut counted as a storage cap. Shorter cuts are labels (a title of 30 characters, a URL cut to
 * 80 for a table), whose text is usually kept or shown in full elsewhere: on the incident repositories'
 * HEADs every cut to 30-120 characters was of that kind, and metrora's fixed caps were 100 to 2,000.
 */
const TRUNCATION_MIN_CAP = 200;

/**
 * `s.slice(0, 2000)`, `s.substring(0, MAX_TEXT)`: a prefix cut to a constant cap of 200 characters or more.
 * The code cuts because `s` may be longer, and exactly then V8's piece is a sliced string that keeps all of
 * `s`. `lengthOf` reads a constant's value (`const MAX_TEXT = 2000`).
 */
export function truncationLength(slice: StringSlice, lengthOf: (node: TSESTree.Node) => number | undefined): number | undefined {
  if (slice.container || (slice.method !== 'slice' && slice.method !== 'substring' && slice.method !== 'substr')) return undefined;
  const [first, second] = slice.node.arguments;
  if (staticNumber(first) !== 0 || !second || second.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const length = lengthOf(second);
  return length !== undefined && length >= TRUNCATION_MIN_CAP ? length : undefined;
}

/** True when `node` is the receiver of another string slice: only the outermost piece is reported. */
export function isInnerOfSliceChain(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return false;
  const name = propertyName(parent);
  return !!name && STRING_SLICE_METHODS.has(name) && parent.parent?.type === AST_NODE_TYPES.CallExpression;
}

/**
 * `text.slice(0, i) + inserted + text.slice(j)`: a prefix and a suffix of one text joined again (a splice).
 * The result keeps the whole text but is as long as the text, less the part replaced; like all the parts of
 * a split kept together, it wastes nothing worth a report.
 */
export function isPartOfSplice(slice: StringSlice, textOf: (node: TSESTree.Node) => string): boolean {
  let top: TSESTree.Node = slice.node;
  while (top.parent?.type === AST_NODE_TYPES.BinaryExpression && top.parent.operator === '+') top = top.parent;
  if (top === slice.node) return false;
  const parent = textOf(slice.parent);
  let prefix = false;
  let suffix = false;
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
      visit(node.left);
      visit(node.right);
      return;
    }
    const method = node.type === AST_NODE_TYPES.CallExpression ? methodCall(node) : undefined;
    if (!method || (method.name !== 'slice' && method.name !== 'substring') || textOf(method.receiver) !== parent) return;
    const [first, second] = node.type === AST_NODE_TYPES.CallExpression ? node.arguments : [];
    if (first && staticNumber(first) === 0 && second) prefix = true;
    // `text.slice(text.length - tail)` or `text.slice(-tail)` is a tail of known length: joined to a
    // prefix, that is a truncation of the middle (`truncateMiddle`), which keeps the whole text for a few
    // characters. A splice's suffix starts where something was found (`text.slice(endAt)`).
    if (first && !second && !isTailByLength(first, parent, textOf)) suffix = true;
  };
  visit(top);
  return prefix && suffix;
}

/** `text.length - n` or a negative start (`-n`): the start of a tail `n` characters long. */
function isTailByLength(start: TSESTree.Node, parent: string, textOf: (node: TSESTree.Node) => string): boolean {
  if (start.type === AST_NODE_TYPES.UnaryExpression && start.operator === '-') return true;
  if (start.type === AST_NODE_TYPES.Literal && typeof start.value === 'number' && start.value < 0) return true;
  if (start.type !== AST_NODE_TYPES.BinaryExpression || start.operator !== '-') return false;
  const left = start.left;
  return left.type === AST_NODE_TYPES.MemberExpression && propertyName(left) === 'length' && textOf(left.object) === parent;
}
