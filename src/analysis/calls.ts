import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, findVariable, isFunction, memberKeyName, propertyName, unwrap, type FunctionNode } from './ast';
import type { HandlerFinder } from './contexts';

/**
 * Calls between functions of the same file, for the one call level the analysis follows: which function
 * a call runs, and where a function is called.
 */
export class CallGraph {
  private readonly sites = new WeakMap<FunctionNode, TSESTree.CallExpression[]>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly handlers: HandlerFinder,
  ) {}

  /** The same-file function a call runs: `helper(x)`, `this.parse(x)`, `const f = () => ...; f(x)`. */
  resolveCallee(call: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, callee);
      for (const def of variable?.defs ?? []) {
        if (def.type === 'FunctionName' && isFunction(def.node as TSESTree.Node)) return def.node as FunctionNode;
        if (def.type === 'Variable') {
          const init = (def.node as TSESTree.VariableDeclarator).init;
          if (init && isFunction(init)) return init;
        }
      }
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(callee);
      const cls = enclosingClass(call);
      if (!name || !cls) return undefined;
      for (const member of cls.body.body) {
        if (
          (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
          memberKeyName(member) === name &&
          member.value &&
          isFunction(member.value)
        ) {
          return member.value;
        }
      }
    }
    return undefined;
  }

  /** The calls of `fn` in the same file. */
  callSites(fn: FunctionNode): TSESTree.CallExpression[] {
    const cached = this.sites.get(fn);
    if (cached) return cached;
    const found: TSESTree.CallExpression[] = [];
    const addIfCallee = (node: TSESTree.Node) => {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && unwrap(parent.callee) === node) found.push(parent);
      else if (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
        const call = parent.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) found.push(call);
      }
    };
    const declared =
      fn.type === AST_NODE_TYPES.FunctionDeclaration
        ? fn.id
        : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier
          ? fn.parent.id
          : undefined;
    if (declared) {
      const variable = findVariable(this.sourceCode, declared);
      for (const ref of variable?.references ?? []) addIfCallee(ref.identifier);
    } else {
      const owner = fn.parent;
      const cls = owner ? enclosingClass(owner) : undefined;
      if (
        cls &&
        (owner?.type === AST_NODE_TYPES.MethodDefinition || owner?.type === AST_NODE_TYPES.PropertyDefinition) &&
        owner.parent?.parent === cls
      ) {
        const name = memberKeyName(owner);
        for (const ref of (name && this.handlers.thisMemberRefs(cls).get(name)) || []) addIfCallee(ref);
      }
    }
    this.sites.set(fn, found);
    return found;
  }
}

export function callSitesOf(graph: CallGraph, fn: FunctionNode): TSESTree.CallExpression[] {
  return graph.callSites(fn);
}
