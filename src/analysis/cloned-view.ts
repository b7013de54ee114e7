import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { compactText, unwrap } from './ast';
import { isCloningCall } from './clones';
import type { FileFacts } from './file';
import type { LargerBacking } from './kinds';

/** One value a cloning call serializes whole although it may be a small view of a larger ArrayBuffer. */
export interface ClonedView {
  /** The expression cloned (the message, or an element or property of it). */
  value: TSESTree.Node;
  /** The shorthand or plain property that holds it, when it sits in an object literal. */
  property?: TSESTree.Property;
  found: LargerBacking;
  /** `structuredClone(...)` returns the copy's static type to the file (`postMessage` takes `any`). */
  returnsClone: boolean;
}

const MAX_DEPTH = 3;

/** The views a `postMessage`/`structuredClone` call clones with their whole ArrayBuffer. */
export function findClonedViews(call: TSESTree.CallExpression, facts: FileFacts): ClonedView[] {
  if (!isCloningCall(call, facts)) return [];
  const message = call.arguments[0];
  if (!message || message.type === AST_NODE_TYPES.SpreadElement) return [];
  const sourceCode = facts.sourceCode;
  const transferText = call.arguments
    .slice(1)
    .map((arg) => compactText(sourceCode, arg))
    .join(' ');
  const returnsClone = isStructuredClone(call);
  const found: ClonedView[] = [];
  const visit = (value: TSESTree.Node, depth: number, property?: TSESTree.Property) => {
    const node = unwrap(value);
    if (node.type === AST_NODE_TYPES.ObjectExpression && depth < MAX_DEPTH) {
      for (const prop of node.properties) {
        if (prop.type === AST_NODE_TYPES.Property && prop.kind === 'init' && !prop.method) visit(prop.value, depth + 1, prop);
      }
      return;
    }
    if (node.type === AST_NODE_TYPES.ArrayExpression && depth < MAX_DEPTH) {
      for (const element of node.elements) {
        if (element && element.type !== AST_NODE_TYPES.SpreadElement) visit(element, depth + 1);
      }
      return;
    }
    let larger: LargerBacking | undefined;
    try {
      larger = facts.kinds.largerBacking(node);
    } catch {
      larger = undefined;
    }
    if (!larger) return;
    // Transferred, not cloned: `postMessage(view, [view.buffer])` (no-backing-buffer-escape judges that).
    const text = compactText(sourceCode, node);
    if (transferText.includes(`${text}.buffer`)) return;
    found.push({ value, property, found: larger, returnsClone });
  };
  visit(message, 0);
  return found;
}

function isStructuredClone(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'structuredClone';
}
