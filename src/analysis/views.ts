import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { TYPED_ARRAY_CONSTRUCTORS } from './apis';
import { methodCall, propertyName, unwrap } from './ast';
import type { OriginFinder } from './origins';
import type { ValueKind } from './types';

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
    if (method.name === 'subarray' || method.name === 'slice') {
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
export function confirmView(candidate: ViewCandidate, origins: OriginFinder): ViewCreation | undefined {
  switch (candidate.shape) {
    case 'method': {
      const kind = origins.kindOf(candidate.parent);
      // `subarray` exists only on typed arrays; `slice` makes a view only on a Buffer (a copy elsewhere).
      const isView =
        candidate.method === 'subarray'
          ? kind === 'buffer' || kind === 'typed-array' || kind === 'unknown'
          : kind === 'buffer';
      return isView ? { ...candidate, kind } : undefined;
    }
    case 'buffer-from':
      return isArrayBuffer(candidate.parent, origins) ? { ...candidate, kind: 'buffer' } : undefined;
    default:
      // An offset argument only means something for an ArrayBuffer: `new Uint8Array(view, 4)` would be
      // a copy that ignores it, so the two-argument form is a view unless the first argument is known
      // not to be an ArrayBuffer.
      if (!isArrayBuffer(candidate.parent, origins) && origins.kindOf(unwrap(candidate.parent)) !== 'unknown') {
        return undefined;
      }
      return { ...candidate, kind: candidate.shape === 'constructor' ? 'typed-array' : 'data-view' };
  }
}

/** Both steps at once, for callers that have no cheaper question to ask in between. */
export function describeView(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  origins: OriginFinder,
): ViewCreation | undefined {
  const candidate = findViewCandidate(node);
  return candidate ? confirmView(candidate, origins) : undefined;
}

/** `x.buffer` (the backing store of a view) or a value known to be an ArrayBuffer. */
function isArrayBuffer(arg: TSESTree.Node, origins: OriginFinder): boolean {
  const node = unwrap(arg);
  if (node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'buffer') return true;
  return origins.kindOf(node) === 'array-buffer';
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
  const name = propertyName(parent);
  return (name === 'subarray' || name === 'slice') && parent.parent?.type === AST_NODE_TYPES.CallExpression;
}
