import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, findVariable, functionBoundTo, isFunction, isInside, memberKeyName, patternNames, propertyName, requiredModule, unwrap, type FunctionNode, walk } from './ast';
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
    if (callee.type === AST_NODE_TYPES.Identifier) return functionBoundTo(this.sourceCode, callee);
    // `Parser.parseTX(p)`, with `Parser.parseTX = function (p) {…}` once in the file (a text test first: most
    // calls on a name run no function of the file, and the index costs a walk).
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier) {
      const name = propertyName(callee);
      const key = name ? `${(unwrap(callee.object) as TSESTree.Identifier).name}.${name}` : undefined;
      const found = key && this.assignedNames().has(key) ? this.methodIndex().statics.get(key) : undefined;
      if (found) return found;
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

  private bound: Set<string> | undefined;

  /**
   * False when no variable of the file by that name is bound to a function or an import (a function
   * declaration, a variable made a function, an `import`, a `require(…)` or a property of one), in any scope:
   * a call by such a name runs no function the analysis can read. A cheap test before scope lookups.
   */
  mayNameFunction(name: string): boolean {
    if (!this.bound) {
      const names = new Set<string>();
      for (const scope of this.sourceCode.scopeManager?.scopes ?? []) {
        for (const variable of scope.variables) {
          for (const def of variable.defs) {
            if (def.type === 'FunctionName' || def.type === 'ImportBinding') names.add(variable.name);
            else if (def.type === 'Variable') {
              const init = (def.node as TSESTree.VariableDeclarator).init;
              const value = init && unwrap(init);
              if (value && (isFunction(value) || requireOf(value) !== undefined)) names.add(variable.name);
            }
          }
        }
      }
      this.bound = names;
    }
    return this.bound.has(name);
  }

  /**
   * False when the module binds no top-level name so to what another file of the package exports (a relative
   * import: `import { hash } from './crypto'`, `const crypto = require('./crypto')`, `const { hash } =
   * require('./crypto').x`). Asked of every call: it reads only the module's top-level statements, once.
   */
  mayNameRelativeImport(name: string): boolean {
    return this.topLevelImports().relativeNames.has(name);
  }

  /** True when the module imports `module` at its top level (`import … from 'b4a'`, `const c = require('compact-encoding')`). */
  importsModule(module: string): boolean {
    return this.topLevelImports().modules.has(module);
  }

  private topLevel: { relativeNames: Set<string>; modules: Set<string> } | undefined;

  private topLevelImports(): { relativeNames: Set<string>; modules: Set<string> } {
    if (this.topLevel) return this.topLevel;
    const relativeNames = new Set<string>();
    const modules = new Set<string>();
    for (const statement of this.sourceCode.ast.body) {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
        modules.add(statement.source.value);
        if (statement.source.value.startsWith('.')) for (const specifier of statement.specifiers) relativeNames.add(specifier.local.name);
      } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
        // `import crypto = require('./crypto')`.
        const source = statement.moduleReference.expression;
        if (source.type !== AST_NODE_TYPES.Literal || typeof source.value !== 'string') continue;
        modules.add(source.value);
        if (source.value.startsWith('.')) relativeNames.add(statement.id.name);
      } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declarations) {
          const module = declarator.init ? requireOf(unwrap(declarator.init)) : undefined;
          if (module === undefined) continue;
          modules.add(module);
          if (!module.startsWith('.')) continue;
          const bound: TSESTree.Identifier[] = [];
          patternNames(declarator.id, bound);
          for (const id of bound) relativeNames.add(id.name);
        }
      }
    }
    this.topLevel = { relativeNames, modules };
    return this.topLevel;
  }

  private assigned: Set<string> | undefined;

  /** Every `Object.name =` the file's text holds (one scan), the names a function may be put under. */
  private assignedNames(): Set<string> {
    if (!this.assigned) {
      this.assigned = new Set();
      for (const match of this.sourceCode.text.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?![=>])/g)) this.assigned.add(`${match[1]}.${match[2]}`);
    }
    return this.assigned;
  }

  private index: MethodIndex | undefined;

  /**
   * Class member names with how often they are defined, `x.name(...)` calls on receivers other than `this`, and
   * functions put on a plain object of the file once (`Parser.parseTX = function …`), by `Object.name`.
   */
  private methodIndex(): MethodIndex {
    if (this.index) return this.index;
    const definitions = new Map<string, number>();
    const calls = new Map<string, TSESTree.CallExpression[]>();
    const statics = new Map<string, FunctionNode | null>();
    walk(this.sourceCode.ast, (node) => {
      const key = node.type === AST_NODE_TYPES.AssignmentExpression ? staticFunctionKey(node) : undefined;
      if (key) statics.set(key, statics.has(key) ? null : (unwrap((node as TSESTree.AssignmentExpression).right) as FunctionNode));
      if (node.type === AST_NODE_TYPES.MethodDefinition || node.type === AST_NODE_TYPES.PropertyDefinition) {
        const name = memberKeyName(node);
        if (name) definitions.set(name, (definitions.get(name) ?? 0) + 1);
      } else if (node.type === AST_NODE_TYPES.Property && isFunction(node.value as TSESTree.Node)) {
        const name = memberKeyName(node);
        if (name) definitions.set(name, (definitions.get(name) ?? 0) + 1);
      } else if (
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        isFunction(unwrap(node.right)) &&
        unwrap(node.left.object).type === AST_NODE_TYPES.MemberExpression &&
        propertyName(unwrap(node.left.object) as TSESTree.MemberExpression) === 'prototype'
      ) {
        // `C.prototype.name = function …` defines a method as a class member does.
        const name = propertyName(node.left);
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
    this.index = { definitions, calls, statics };
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
    // A pre-class method (`C.prototype.name = function …`, `C.prototype = { name() {} }`), checked by shape
    // first (most functions are no method): called as `this.name(…)` (or `self.name(…)`) in C's functions,
    // and as `parser.name(…)` from outside when no other method of the file has that name.
    const shaped = fn.parent?.type === AST_NODE_TYPES.AssignmentExpression || fn.parent?.type === AST_NODE_TYPES.Property;
    const prototypeMethod = !declared && shaped ? this.handlers.prototypeMethodName(fn) : undefined;
    // (A text test first: most functions put on an object, `ws.onmessage = function …`, are never called by that name.)
    const staticKey = !declared && fn.parent?.type === AST_NODE_TYPES.AssignmentExpression ? staticFunctionKey(fn.parent) : undefined;
    const calledStatic = !!staticKey && this.sourceCode.text.includes(`${staticKey}(`);
    if (declared) {
      const variable = findVariable(this.sourceCode, declared);
      for (const ref of variable?.references ?? []) addIfCallee(ref.identifier);
    } else if (staticKey && (!calledStatic || this.methodIndex().statics.get(staticKey) === fn)) {
      // `Parser.parseTX = function …`, called as `Parser.parseTX(…)`.
      const [object, name] = staticKey.split('.') as [string, string];
      for (const call of calledStatic ? (this.methodIndex().calls.get(name) ?? []) : []) {
        const receiver = unwrap((unwrap(call.callee) as TSESTree.MemberExpression).object);
        if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === object) found.push(call);
      }
    } else if (prototypeMethod) {
      const owner = this.handlers.ownerOf(fn.body);
      for (const ref of (owner && this.handlers.thisMemberRefs(owner).get(prototypeMethod)) || []) addIfCallee(ref);
      this.addOutsideCalls(prototypeMethod, found);
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
        if (name) this.addOutsideCalls(name, found, cls);
      }
    }
    this.sites.set(fn, found);
    return found;
  }

  private readonly constructionCache = new WeakMap<TSESTree.Node, Construction | null>();

  /**
   * How instances of `owner` (a class, or a pre-class "class" by its key, as `HandlerFinder.ownerOf`
   * gives it) are made in this file: its constructor function and every `new Owner(…)` of it.
   */
  construction(owner: TSESTree.Node): Construction | undefined {
    const cached = this.constructionCache.get(owner);
    if (cached !== undefined) return cached ?? undefined;
    let found: Construction | undefined;
    let id: TSESTree.Identifier | undefined;
    let ctor: FunctionNode | undefined;
    if (owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression) {
      id = owner.id ?? (owner.parent?.type === AST_NODE_TYPES.VariableDeclarator && owner.parent.id.type === AST_NODE_TYPES.Identifier ? owner.parent.id : undefined);
      for (const member of owner.body.body) {
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor' && member.value.type === AST_NODE_TYPES.FunctionExpression) ctor = member.value;
      }
    } else if (owner.type === AST_NODE_TYPES.FunctionDeclaration && owner.id) {
      id = owner.id;
      ctor = owner;
    } else if (owner.type === AST_NODE_TYPES.FunctionExpression && owner.parent?.type === AST_NODE_TYPES.VariableDeclarator && owner.parent.id.type === AST_NODE_TYPES.Identifier) {
      id = owner.parent.id;
      ctor = owner;
    }
    if (id && ctor) {
      const sites: TSESTree.NewExpression[] = [];
      // A class declaration's name is bound twice, inside the class and around it; the outer binding has the `new`s.
      const variable =
        owner.type === AST_NODE_TYPES.ClassDeclaration
          ? this.sourceCode.getScope(owner).upper?.set.get(id.name)
          : findVariable(this.sourceCode, id);
      for (const ref of variable?.references ?? []) {
        const parent = ref.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === ref.identifier) sites.push(parent);
      }
      found = { ctor, sites };
    }
    this.constructionCache.set(owner, found ?? null);
    return found;
  }

  /** The constructor `new Session(…)` runs, when `Session` is a class declared in this file. */
  resolveConstructor(node: TSESTree.NewExpression): FunctionNode | undefined {
    const callee = unwrap(node.callee);
    const def = callee.type === AST_NODE_TYPES.Identifier ? findVariable(this.sourceCode, callee)?.defs[0] : undefined;
    return def?.type === 'ClassName' ? this.construction(def.node as TSESTree.ClassDeclaration)?.ctor : undefined;
  }

  /**
   * The function `new Frame(…)` runs when `Frame` is not a class declaration of this file: a function
   * declared or assigned to a variable (`function Frame(body) { this.body = body }`), or a class expression
   * assigned to one (its constructor).
   */
  resolveFunctionConstructor(node: TSESTree.NewExpression): FunctionNode | undefined {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = findVariable(this.sourceCode, callee)?.defs[0];
    if (def?.type === 'FunctionName') return def.node as FunctionNode;
    if (def?.type !== 'Variable') return undefined;
    const init = (def.node as TSESTree.VariableDeclarator).init;
    if (init?.type === AST_NODE_TYPES.FunctionExpression) return init;
    return init?.type === AST_NODE_TYPES.ClassExpression ? this.construction(init)?.ctor : undefined;
  }

  /** The `new` expressions that run `fn`: a class's constructor, or a function called with `new`. */
  constructionsOf(fn: FunctionNode): TSESTree.NewExpression[] {
    const method = fn.parent;
    const owner =
      method?.type === AST_NODE_TYPES.MethodDefinition && method.kind === 'constructor' ? method.parent.parent : fn;
    const construction = this.construction(owner);
    return construction?.ctor === fn ? construction.sites : [];
  }

  /** `parser.feed(chunk)` from outside the class: trusted when no other method of the file has that name. */
  private addOutsideCalls(name: string, found: TSESTree.CallExpression[], cls?: TSESTree.Node): void {
    const index = this.methodIndex();
    if (index.definitions.get(name) !== 1) return;
    for (const call of index.calls.get(name) ?? []) {
      // Inside the class, `this.source.next()` asks the object a field holds, of another class: the
      // iterator's `next()` pulling from the one it wraps is not a call of itself.
      if (cls && isInside(call, cls) && isFieldReceiver(call)) continue;
      if (!found.includes(call)) found.push(call);
    }
  }
}

/** A class's constructor function and the `new` expressions that call it. */
export interface Construction {
  ctor: FunctionNode;
  sites: TSESTree.NewExpression[];
}

export function callSitesOf(graph: CallGraph, fn: FunctionNode): TSESTree.CallExpression[] {
  return graph.callSites(fn);
}

interface MethodIndex {
  definitions: Map<string, number>;
  calls: Map<string, TSESTree.CallExpression[]>;
  /** `Object.name` → the function assigned there, once; null when assigned more than once. */
  statics: Map<string, FunctionNode | null>;
}

/** `Parser.parseTX = function (p) {…}`: 'Parser.parseTX' (an identifier's property given a function; not a prototype's). */
function staticFunctionKey(assignment: TSESTree.AssignmentExpression): string | undefined {
  if (assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.MemberExpression || !isFunction(unwrap(assignment.right))) return undefined;
  const object = unwrap(assignment.left.object);
  const name = propertyName(assignment.left);
  if (object.type !== AST_NODE_TYPES.Identifier || !name || name === 'prototype' || object.name === 'module' || object.name === 'exports') return undefined;
  return `${object.name}.${name}`;
}

/** `this.source.next()`: a call on an object a field of `this` holds. */
function isFieldReceiver(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
  return receiver?.type === AST_NODE_TYPES.MemberExpression && unwrap(receiver.object).type === AST_NODE_TYPES.ThisExpression;
}

/** The module `require('…')` or a property of it (`require('./x').y`) loads, or undefined. */
function requireOf(value: TSESTree.Node): string | undefined {
  const base = value.type === AST_NODE_TYPES.MemberExpression ? unwrap(value.object) : value;
  return base.type === AST_NODE_TYPES.CallExpression ? requiredModule(base) : undefined;
}
