import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, methodCall, propertyName, unwrap, walk } from './ast';
import type { Sink } from './escape';
import type { FileFacts } from './file';
import type { KindLevel } from './kinds';
import type { Origin } from './origins';
import { confirmView, findViewCandidate, isFeatureDetectBranch, isInnerOfViewChain, type ViewCreation } from './views';

/** How sure the analysis is that an exact copy changes nothing but memory. */
export type FixSafety = 'safe' | 'review';

export interface RetainedView {
  view: ViewCreation;
  origin: Origin;
  sink: Sink;
  /** 'safe' only when the parent's kind is proven and nothing reads or writes the view's identity after. */
  safety: FixSafety;
  /** How sure the analysis is of what the parent is (a proven Buffer, a likely one from names). */
  level: KindLevel;
  /** The parent's own `slice` is an exact copy of the same type (a typed array that cannot be a Buffer). */
  ownSliceCopies: boolean;
  /** The parent is declared or typed `Uint8Array`, so a prototype-call copy keeps its static type. */
  uint8: boolean;
}

// Methods that write into a view or its parent (or, for `copy`, into its first argument).
const MUTATING_METHODS = /^(?:fill|set|copyWithin|reverse|sort|swap(?:16|32|64)|write.*)$/;

/**
 * A view of incoming data stored where it outlives the code that made it. Cheap questions first:
 * syntax, then origin and escape (scope analysis), and only then kinds, whose type queries dominate a
 * typed lint run (most slicing calls in a code base never reach long-lived storage).
 */
export function findRetainedView(node: TSESTree.CallExpression | TSESTree.NewExpression, facts: FileFacts): RetainedView | undefined {
  if (isInnerOfViewChain(node)) return undefined;
  const candidate = findViewCandidate(node);
  if (!candidate) return undefined;
  const origin = facts.origins.originOf(candidate.parent);
  if (!origin) return undefined;
  const sink = facts.escapes.sinkOf(node);
  if (!sink || facts.escapes.isSelfTrim(sink, candidate.parent)) return undefined;
  const view = confirmView(candidate, facts.kinds);
  if (!view) return undefined;
  // A constructor's view is of the class it names; a method's is of what its receiver is.
  const level = view.shape === 'method' ? facts.kinds.describe(candidate.parent).level : 'proven';
  const safety = level === 'proven' && !isFeatureDetectBranch(node, facts.sourceCode) ? copySafety(view, facts) : 'review';
  return { view, origin, sink, safety, level, ownSliceCopies: view.kind === 'typed-array' && facts.kinds.ownSliceCopies(view.parent), uint8: facts.kinds.isUint8Array(view.parent) };
}

/**
 * An exact copy is a safe autofix when nothing in the function writes to the view or its parent after
 * the view is made, and nothing reads the view's `buffer`/`byteOffset` (identity would change).
 */
function copySafety(view: ViewCreation, facts: FileFacts): FixSafety {
  const sourceCode = facts.sourceCode;
  // Module-level views are checked against the rest of the module.
  const scope = enclosingFunction(view.node)?.body ?? sourceCode.ast;
  const watched = new Set<string>();
  const parentRoot = unwrap(view.parent);
  const parentBase =
    parentRoot.type === AST_NODE_TYPES.MemberExpression && propertyName(parentRoot) === 'buffer'
      ? unwrap(parentRoot.object)
      : parentRoot;
  watched.add(sourceCode.getText(parentBase));
  const holder = view.node.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
    watched.add(holder.id.name);
  }
  let safe = true;
  const after = view.node.range[1];
  walk(scope, (node) => {
    if (!safe || node.range[1] <= after) return false;
    if (node.range[0] < after) return true; // contains the view: only what follows it counts
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      if (node.left.computed && watched.has(sourceCode.getText(unwrap(node.left.object)))) safe = false;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const method = methodCall(node);
      if (method && MUTATING_METHODS.test(method.name) && watched.has(sourceCode.getText(unwrap(method.receiver)))) {
        safe = false;
      }
      const target = node.arguments[0];
      if (method?.name === 'copy' && target && watched.has(sourceCode.getText(unwrap(target)))) safe = false;
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(node);
      if ((name === 'buffer' || name === 'byteOffset') && watched.has(sourceCode.getText(unwrap(node.object)))) {
        safe = false;
      }
    }
    return true;
  });
  return safe ? 'safe' : 'review';
}
