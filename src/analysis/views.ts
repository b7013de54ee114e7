import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { TYPED_ARRAY_CONSTRUCTORS } from './apis';
import { methodCall, propertyName, unwrap } from './ast';
import type { OriginFinder } from './origins';
import type { ValueKind } from './types';

/**
 * Question 2 for bytes: is this expression a zero-copy view of a larger ArrayBuffer, and which
 * expression is its parent? (`buf.subarray()`, `Buffer#slice`, `new Uint8Array(ab, off, len)`,
 * `Buffer.from(ab, off, len)`, `new DataView(ab, off, len)`.)
 */
export type ViewShape = 'method' | 'constructor' | 'buffer-from' | 'data-view';

export interface ViewCreation {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  shape: ViewShape;
  /** `subarray` or `slice` for method views. */
  method?: string;
  /** The expression whose backing store the view keeps: the receiver, or the ArrayBuffer argument. */
  parent: TSESTree.Node;
  /** What the view is: a Buffer, a plain typed array, a DataView, or unknown. */
  kind: ValueKind;
  /** For constructor views: `Uint8Array`, `DataView`. */
  constructorName?: string;
}

export function describeView(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  origins: OriginFinder,
): ViewCreation | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const method = methodCall(node);
    if (!method) return undefined;
    if (method.name === 'subarray' || method.name === 'slice') {
      const kind = origins.kindOf(method.receiver);
      // `subarray` exists only on typed arrays; `slice` makes a view only on a Buffer (a copy elsewhere).
      const isView = method.name === 'subarray' ? kind === 'buffer' || kind === 'typed-array' || kind === 'unknown' : kind === 'buffer';
      if (!isView) return undefined;
      return { node, shape: 'method', method: method.name, parent: method.receiver, kind };
    }
    const receiver = unwrap(method.receiver);
    if (
      method.name === 'from' &&
      receiver.type === AST_NODE_TYPES.Identifier &&
      receiver.name === 'Buffer' &&
      node.arguments.length >= 2 &&
      isArrayBuffer(node.arguments[0], origins)
    ) {
      return { node, shape: 'buffer-from', parent: node.arguments[0] as TSESTree.Node, kind: 'buffer' };
    }
    return undefined;
  }
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || node.arguments.length < 2) return undefined;
  const isTypedArray = TYPED_ARRAY_CONSTRUCTORS.has(callee.name);
  if (!isTypedArray && callee.name !== 'DataView') return undefined;
  // An offset argument only means something for an ArrayBuffer: `new Uint8Array(view, 4)` would be a
  // copy that ignores it, so the two-argument form is taken as a view unless the first is known not
  // to be an ArrayBuffer.
  if (!mayBeArrayBuffer(node.arguments[0], origins)) return undefined;
  return {
    node,
    shape: isTypedArray ? 'constructor' : 'data-view',
    parent: node.arguments[0] as TSESTree.Node,
    kind: isTypedArray ? 'typed-array' : 'data-view',
    constructorName: callee.name,
  };
}

/** `x.buffer` (the backing store of a view) or a value known to be an ArrayBuffer. */
function isArrayBuffer(arg: TSESTree.Node | undefined, origins: OriginFinder): boolean {
  if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return false;
  const node = unwrap(arg);
  if (node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'buffer') return true;
  return origins.kindOf(node) === 'array-buffer';
}

function mayBeArrayBuffer(arg: TSESTree.Node | undefined, origins: OriginFinder): boolean {
  if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return false;
  if (isArrayBuffer(arg, origins)) return true;
  return origins.kindOf(unwrap(arg)) === 'unknown';
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
