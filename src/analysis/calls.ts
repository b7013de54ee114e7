import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, findVariable, isFunction, memberKeyName, propertyName, unwrap, type FunctionNode, walk } from './ast';
import { type HandlerFinder } from './handlers';

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
      const owner = this.handlers.ownerOf(call);
      if (!name || !owner) return undefined;
      // `this.parse(x)` in a pre-class "class": `C.prototype.parse = function …`.
      const prototypeMethod = this.handlers.prototypeMethod(owner, name);
      if (prototypeMethod) return prototypeMethod;
      const cls = enclosingClass(call);
      if (!cls) return undefined;
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

  private index: { definitions: Map<string, number>; calls: Map<string, TSESTree.CallExpression[]> } | undefined;

  /** Class member names with how often they are defined, and `x.name(...)` calls on receivers other than `this`. */
  private methodIndex(): { definitions: Map<string, number>; calls: Map<string, TSESTree.CallExpression[]> } {
    if (this.index) return this.index;
    const definitions = new Map<string, number>();
    const calls = new Map<string, TSESTree.CallExpression[]>();
    walk(this.sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.MethodDefinition || node.type === AST_NODE_TYPES.PropertyDefinition) {
        const name = memberKeyName(node);
        if (name) definitions.set(name, (definitions.get(name) ?? 0) + 1);
      } else if (node.type === AST_NODE_TYPES.Property && isFunction(node.value as TSESTree.Node)) {
        const name = memberKeyName(node);
        if (name) definitions.set(name, (definitions.get(name) ?? 0) + 1);
      } else if (node.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type !== AST_NODE_TYPES.ThisExpression) {
          const name = propertyName(callee);
          if (name) {
            const list = calls.get(name) ?? [];
            list.push(node);
            calls.set(name, list);
          }
        }
      }
    });
    this.index = { definitions, calls };
    return this.index;
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
    // `C.prototype.name = function …` (checked by shape first: most assigned functions are no method).
    const target = fn.parent?.type === AST_NODE_TYPES.AssignmentExpression && fn.parent.right === fn ? fn.parent.left : undefined;
    const assigned = target?.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.MemberExpression && propertyName(target.object) === 'prototype' ? target : undefined;
    if (declared) {
      const variable = findVariable(this.sourceCode, declared);
      for (const ref of variable?.references ?? []) addIfCallee(ref.identifier);
    } else if (assigned) {
      // `C.prototype.name = function …`: called as `this.name(…)` (or `self.name(…)`) in C's functions.
      const owner = this.handlers.ownerOf(fn.body);
      const name = propertyName(assigned);
      if (owner && name && this.handlers.prototypeMethod(owner, name) === fn) {
        for (const ref of this.handlers.thisMemberRefs(owner).get(name) ?? []) addIfCallee(ref);
      }
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
        // `parser.feed(chunk)` from outside the class: trusted when no other class member has that name.
        const index = this.methodIndex();
        if (name && index.definitions.get(name) === 1) {
          for (const call of index.calls.get(name) ?? []) if (!found.includes(call)) found.push(call);
        }
      }
    }
    this.sites.set(fn, found);
    return found;
  }
}

export function callSitesOf(graph: CallGraph, fn: FunctionNode): TSESTree.CallExpression[] {
  return graph.callSites(fn);
}
