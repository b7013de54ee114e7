import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { TYPED_ARRAY_CONSTRUCTORS } from './apis';
import { compactText, isCutName, methodCall, propertyName, unwrap } from './ast';
import type { ValueKind } from './types';

/** What views need to know of a value: its kind (answered by `kinds.ts`, which builds on this module). */
export interface KindReader {
  kindOf(node: TSESTree.Node): ValueKind;
}

/**
 * Question 2 for bytes: is this expression a zero-copy view of a larger ArrayBuffer, and which
 * expression is its parent? (`buf.subarray()`, `Buffer#slice`, `new Uint8Array(ab, off, len)`,
 * `Buffer.from(ab, off, len)`, `new DataView(ab, off, len)`.)
 *
 * In two steps, because type queries are the expensive part of a lint run: `findViewCandidate` reads
 * syntax only; `confirmView` asks what the values are, and runs only for candidates that derive from
 * incoming data and are kept.
 */
export type ViewShape = 'method' | 'constructor' | 'buffer-from' | 'data-view';

export interface ViewCandidate {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  shape: ViewShape;
  /** `subarray` or `slice` for method views. */
  method?: string;
  /** The expression whose backing store the view keeps: the receiver, or the ArrayBuffer argument. */
  parent: TSESTree.Node;
  /** For constructor views: `Uint8Array`, `DataView`. */
  constructorName?: string;
}

export interface ViewCreation extends ViewCandidate {
  /** What the view is: a Buffer, a plain typed array, a DataView, or unknown. */
  kind: ValueKind;
}

/** The shape of a view-making expression, from syntax alone. */
export function findViewCandidate(node: TSESTree.CallExpression | TSESTree.NewExpression): ViewCandidate | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const method = methodCall(node);
    if (!method) return undefined;
    if (isCutName(method.name)) {
      return { node, shape: 'method', method: method.name, parent: method.receiver };
    }
    const receiver = unwrap(method.receiver);
    const first = node.arguments[0];
    if (
      method.name === 'from' &&
      receiver.type === AST_NODE_TYPES.Identifier &&
      receiver.name === 'Buffer' &&
      node.arguments.length >= 2 &&
      first &&
      first.type !== AST_NODE_TYPES.SpreadElement
    ) {
      return { node, shape: 'buffer-from', parent: first };
    }
    return undefined;
  }
  const callee = unwrap(node.callee);
  const first = node.arguments[0];
  if (callee.type !== AST_NODE_TYPES.Identifier || node.arguments.length < 2 || !first) return undefined;
  if (first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const isTypedArray = TYPED_ARRAY_CONSTRUCTORS.has(callee.name);
  if (!isTypedArray && callee.name !== 'DataView') return undefined;
  return { node, shape: isTypedArray ? 'constructor' : 'data-view', parent: first, constructorName: callee.name };
}

/** The candidate is a view when its receiver or argument has the right kind (types, then evidence). */
export function confirmView(candidate: ViewCandidate, kinds: KindReader): ViewCreation | undefined {
  switch (candidate.shape) {
    case 'method': {
      const kind = kinds.kindOf(candidate.parent);
      // `subarray` exists only on typed arrays; `slice` makes a view only on a Buffer (a copy elsewhere).
      const isView =
        candidate.method === 'subarray'
          ? kind === 'buffer' || kind === 'typed-array' || kind === 'unknown'
          : kind === 'buffer';
      return isView ? { ...candidate, kind } : undefined;
    }
    case 'buffer-from':
      return isArrayBuffer(candidate.parent, kinds) ? { ...candidate, kind: 'buffer' } : undefined;
    default:
      // An offset argument only means something for an ArrayBuffer: `new Uint8Array(view, 4)` would be
      // a copy that ignores it, so the two-argument form is a view unless the first argument is known
      // not to be an ArrayBuffer.
      if (!isArrayBuffer(candidate.parent, kinds) && kinds.kindOf(unwrap(candidate.parent)) !== 'unknown') {
        return undefined;
      }
      return { ...candidate, kind: candidate.shape === 'constructor' ? 'typed-array' : 'data-view' };
  }
}

/** `x.buffer` (the backing store of a view) or a value known to be an ArrayBuffer. */
function isArrayBuffer(arg: TSESTree.Node, kinds: KindReader): boolean {
  const node = unwrap(arg);
  if (node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'buffer') return true;
  return kinds.kindOf(node) === 'array-buffer';
}

/**
 * `new C(store, offset, length)` with exactly these three arguments, as written: a view over the same bytes as
 * the one whose store, offset and length they are (`new Uint8Array(b.buffer, b.byteOffset, b.byteLength)`).
 */
export function isRewrapOf(node: TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>, store: string, offset: string, length: string): boolean {
  if (node.arguments.length !== 3) return false;
  const [a, b, c] = node.arguments.map((arg) => compactText(sourceCode, arg));
  return a === store && b === offset && c === length;
}

/** True when `node` is the receiver of another view-making call: only the outermost view is reported. */
export function isInnerOfViewChain(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
  return isCutName(propertyName(parent)) && parent.parent?.type === AST_NODE_TYPES.CallExpression;
}

/**
 * A feature-detect branch: `typeof b.subarray === 'function' ? b.subarray(0, n) : b.slice(0, n)`, or a
 * conditional whose two branches make the same cut with the two methods. The code already chose each
 * method on purpose for some run-time; rewriting one branch into the other makes them equal.
 */
export function isFeatureDetectBranch(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const text = (part: TSESTree.Node) => compactText(sourceCode, unwrap(part));
  const method = node.type === AST_NODE_TYPES.CallExpression ? methodCall(node) : undefined;
  if (!method) return false;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    let other: TSESTree.Node | undefined;
    let test: TSESTree.Node | undefined;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) {
      other = parent.consequent === child ? parent.alternate : parent.consequent;
      test = parent.test;
    } else if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== child) {
      other = (parent.consequent === child ? parent.alternate : parent.consequent) ?? undefined;
      test = parent.test;
    } else if (parent.type.startsWith('Function') || parent.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      return false;
    }
    if (!test) continue;
    const receiver = text(method.receiver);
    const tested = text(test);
    if (tested.includes(`${receiver}.subarray`) || tested.includes(`${receiver}.slice`)) return true;
    const sibling = method.name === 'slice' ? 'subarray' : 'slice';
    if (other && text(other).includes(`${receiver}.${sibling}(`)) return true;
  }
  return false;
}
