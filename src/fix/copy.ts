import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../analysis/ast';
import type { ViewCreation } from '../analysis/views';
import { hasCommentInside, isTypeScriptFile, needsParens, operandText } from './expressions';
import { buildRuntimeImport } from './imports';

/** How the exact copy is written: `Uint8Array.prototype.slice.call(view, …)` or leakproof/runtime's `copy(view, …)`. */
export type CopyStyle = 'slice-call' | 'runtime';

export interface CopyFix {
  fix: TSESLint.ReportFixFunction;
  /** True when the fix may change the static type (a TypeScript file whose view kind is unknown). */
  mayChangeType: boolean;
}

/**
 * The exact-size, unpooled copy of a view, of the same kind (a Buffer stays a Buffer). Never a small
 * `Buffer.from(view)`: it comes from the shared pool and can pin a whole slab
 * (the repository's test/runtime/copy.test.ts shows it).
 * Null when the edit cannot be built safely (comments inside, optional chains, repeated side effects).
 */
export function buildExactCopyFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  view: ViewCreation,
  style: CopyStyle,
  parent: { ownSliceCopies: boolean; uint8?: boolean },
): CopyFix | null {
  const node = view.node;
  if (hasCommentInside(sourceCode, node)) return null;
  if (node.parent?.type === AST_NODE_TYPES.ChainExpression) return null;
  const ts = isTypeScriptFile(filename);
  const runtime = (inner: string): CopyFix => runtimeCopy(sourceCode, node, inner);
  switch (view.shape) {
    case 'method': {
      if (node.type !== AST_NODE_TYPES.CallExpression) return null;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional) return null;
      const receiver = sourceCode.getText(callee.object);
      const args = argumentsText(sourceCode, node);
      if (style === 'runtime') {
        return runtime(args ? `${receiver}, ${args}` : receiver);
      }
      // A plain typed array's own `slice` is an exact copy of the same kind; a value only typed
      // `Uint8Array` may be a Buffer at run time, whose `slice` is a view (the prototype call copies both).
      if (view.kind === 'typed-array' && view.method === 'subarray' && parent.ownSliceCopies) {
        return { fix: (fixer) => fixer.replaceText(callee.property, 'slice'), mayChangeType: false };
      }
      const call = `Uint8Array.prototype.slice.call(${receiver}${args ? `, ${args}` : ''})`;
      return castFix(node, call, ts, view.kind, !!parent.uint8);
    }
    case 'constructor':
      if (style === 'runtime') return runtime(sourceCode.getText(node));
      return { fix: (fixer) => fixer.insertTextAfter(node, '.slice()'), mayChangeType: false };
    case 'buffer-from':
      if (style === 'runtime') return runtime(sourceCode.getText(node));
      return castFix(node, `Uint8Array.prototype.slice.call(${sourceCode.getText(node)})`, ts, 'buffer');
    case 'data-view': {
      if (style === 'runtime') return runtime(sourceCode.getText(node));
      const [buffer, offset, length] = (node as TSESTree.NewExpression).arguments;
      if (!buffer || !offset || hasSideEffects(offset) || (length && hasSideEffects(length))) return null;
      const end = length ? `, ${operandText(sourceCode, offset)} + ${operandText(sourceCode, length)}` : '';
      const sliced = `${operandText(sourceCode, buffer)}.slice(${sourceCode.getText(offset)}${end})`;
      return { fix: (fixer) => fixer.replaceText(node, `new DataView(${sliced})`), mayChangeType: false };
    }
    default:
      return null;
  }
}

/**
 * The unpooled form of a pooled factory's result: `Buffer.allocUnsafe(n)` becomes
 * `Buffer.allocUnsafeSlow(n)` (the same uninitialized Buffer, its own store); anything else is copied out
 * of the pool with `Uint8Array.prototype.slice.call(…)` (or leakproof/runtime's `copy`), the same bytes
 * and, for Node's own factories, a Buffer; so is the result of a function that returns what a factory made
 * (`hash(key)`). Null when the edit cannot be built safely.
 */
export function buildUnpooledCopyFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  call: TSESTree.CallExpression,
  pooled: { buffer: boolean; unpooled?: string; via?: string },
  style: CopyStyle,
): CopyFix | null {
  if (hasCommentInside(sourceCode, call)) return null;
  if (call.parent?.type === AST_NODE_TYPES.ChainExpression) return null;
  const callee = unwrap(call.callee);
  const text = sourceCode.getText(call);
  // The factory itself (not a function that returns what it made, `pooled.via`): its unpooled counterpart.
  const factory = !pooled.via && callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && !callee.optional ? callee : undefined;
  if (!factory && !pooled.via) return null;
  if (factory && pooled.buffer && factory.property.type === AST_NODE_TYPES.Identifier && factory.property.name === 'allocUnsafe') {
    return { fix: (fixer) => fixer.replaceText(factory.property, 'allocUnsafeSlow'), mayChangeType: false };
  }
  // b4a's own `allocUnsafeSlow`: the same kind of value, out of the pool (the rule offers it as a suggestion only).
  const unpooled = pooled.unpooled;
  if (factory && unpooled && factory.property.type === AST_NODE_TYPES.Identifier) {
    return { fix: (fixer) => fixer.replaceText(factory.property, unpooled), mayChangeType: false };
  }
  if (style === 'runtime') return runtimeCopy(sourceCode, call, text);
  return castFix(call, `Uint8Array.prototype.slice.call(${text})`, isTypeScriptFile(filename), pooled.buffer ? 'buffer' : 'unknown');
}

/**
 * An exact copy of a value read where it is kept: `head` of an HTTP `'upgrade'` (a Buffer by a platform
 * contract), `h.key` or `keyOf(data)` (a view another file's function cut of a Buffer):
 * `Uint8Array.prototype.slice.call(head)`, the same bytes with a store of their own, a Buffer for a
 * Buffer. In a shorthand property (`{ head }`) the property is written out. `buffer`: the value is a
 * Buffer (TypeScript files then cast the copy back to one). Null when the edit cannot be built safely.
 */
export function buildValueCopyFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  node: TSESTree.Identifier | TSESTree.MemberExpression | TSESTree.CallExpression,
  style: CopyStyle,
  buffer = true,
): CopyFix | null {
  const property = node.parent;
  const ts = isTypeScriptFile(filename);
  if (node.type === AST_NODE_TYPES.Identifier && property?.type === AST_NODE_TYPES.Property && property.shorthand && property.value === node) {
    if (style === 'runtime') return runtimeCopy(sourceCode, property, node.name, `${node.name}: `);
    const copy = `Uint8Array.prototype.slice.call(${node.name})${ts && buffer ? ' as Buffer' : ''}`;
    return { fix: (fixer) => fixer.replaceText(property, `${node.name}: ${copy}`), mayChangeType: !buffer && ts };
  }
  // `a?.b` is not copied (the copy would throw where the read gave undefined), nor a read with comments in it.
  if (node.type !== AST_NODE_TYPES.Identifier && (hasCommentInside(sourceCode, node) || property?.type === AST_NODE_TYPES.ChainExpression)) return null;
  const text = sourceCode.getText(node);
  if (style === 'runtime') return runtimeCopy(sourceCode, node, text);
  return castFix(node, `Uint8Array.prototype.slice.call(${text})`, ts, buffer ? 'buffer' : 'unknown');
}

/** `node` replaced by leakproof/runtime's `copy(inner)` (after `prefix`: a shorthand property's key), imported when missing. */
function runtimeCopy(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, inner: string, prefix = ''): CopyFix {
  return {
    fix: (fixer) => {
      // When `copy` is taken by something else the fix does nothing rather than shadow it.
      const imported = buildRuntimeImport(sourceCode, fixer, 'copy');
      if (imported === null) return [];
      const edit = fixer.replaceText(node, `${prefix}copy(${inner})`);
      return imported === 'present' ? [edit] : [imported, edit];
    },
    mayChangeType: false,
  };
}

/** `Uint8Array.prototype.slice.call(buf)` returns a Buffer at run time but is typed Uint8Array: cast in TS. */
function castFix(node: TSESTree.Node, call: string, ts: boolean, kind: string, uint8 = false): CopyFix {
  if (!ts) return { fix: (fixer) => fixer.replaceText(node, call), mayChangeType: false };
  if (kind === 'buffer') {
    const cast = `${call} as Buffer`;
    const text = needsParens(node) || isLooseOperand(node) ? `(${cast})` : cast;
    return { fix: (fixer) => fixer.replaceText(node, text), mayChangeType: false };
  }
  // Typed `Uint8Array.prototype.slice.call(...)` is a `Uint8Array`: another element type would not fit.
  return { fix: (fixer) => fixer.replaceText(node, call), mayChangeType: !(kind === 'typed-array' && uint8) };
}

/** Places where `x as T` would capture more than `x`: operands of `+`, `??`, `||`, `&&`, and `in`. */
function isLooseOperand(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.LogicalExpression && parent.left === node;
}

function argumentsText(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string {
  const first = call.arguments[0];
  const last = call.arguments[call.arguments.length - 1];
  if (!first || !last) return '';
  return sourceCode.text.slice(first.range[0], last.range[1]);
}

/** Calls, assignments and updates would run twice if the fix repeats the expression. */
function hasSideEffects(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
      return false;
    case AST_NODE_TYPES.MemberExpression:
      return hasSideEffects(node.object) || (node.computed && hasSideEffects(node.property));
    case AST_NODE_TYPES.BinaryExpression:
      return (node.left.type === AST_NODE_TYPES.PrivateIdentifier ? false : hasSideEffects(node.left)) || hasSideEffects(node.right);
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === 'delete' || hasSideEffects(node.argument);
    default:
      return true;
  }
}
