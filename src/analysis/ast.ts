import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.FunctionExpression ||
      node.type === AST_NODE_TYPES.ArrowFunctionExpression)
  );
}

const WRAPPERS = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
]);

const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** A loop statement: `for`, `for…of`, `for…in`, `while`, `do…while`. */
export function isLoop(node: TSESTree.Node): boolean {
  return LOOPS.has(node.type);
}

/** Removes what changes only the static type or optionality: `x as T`, `x!`, `x satisfies T`, `<T>x`, `a?.b`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (WRAPPERS.has(current.type)) {
    current = (current as TSESTree.TSAsExpression).expression;
  }
  return current;
}

/** The node's parent, skipping the wrappers that `unwrap` removes; returns the wrapped child too. */
export function outerParent(node: TSESTree.Node): { child: TSESTree.Node; parent: TSESTree.Node | undefined } {
  let child = node;
  let parent = node.parent;
  while (parent && WRAPPERS.has(parent.type)) {
    child = parent;
    parent = parent.parent;
  }
  return { child, parent };
}

/** How `value` reaches a function's result: the function, and the statement or arrow body that hands it back. */
export interface ReturnSite {
  fn: FunctionNode | undefined;
  /** The `return` statement or the arrow whose expression body it is. */
  at: TSESTree.ReturnStatement | TSESTree.ArrowFunctionExpression;
}

/**
 * The one climb from a value to the function that hands it back: `return value`, an arrow's expression
 * body, through parentheses and type assertions, either branch of `?:`, `??`/`||`/`&&`, `await`, and the
 * last expression of a sequence. `through(parent, child)` lets a caller climb further parents it knows
 * to carry the value (a concatenation carries text, `Promise.resolve(value)` settles with it); `stop`
 * is told where the climb ended when it ended elsewhere (at a call, say).
 */
export function returnSiteOf(
  value: TSESTree.Node,
  through: (parent: TSESTree.Node, child: TSESTree.Node) => boolean = () => false,
  stop?: (parent: TSESTree.Node, child: TSESTree.Node) => void,
): ReturnSite | undefined {
  let child = value;
  for (let steps = 0; steps < 40; steps++) {
    const up = outerParent(child);
    const parent = up.parent;
    const at = up.child;
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.ReturnStatement:
        return { fn: enclosingFunction(parent), at: parent };
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === at ? { fn: parent, at: parent } : undefined;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === at) return undefined;
        child = parent;
        continue;
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.AwaitExpression:
        child = parent;
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] !== at) return undefined;
        child = parent;
        continue;
      default:
        if (through(parent, at)) {
          child = parent;
          continue;
        }
        stop?.(parent, at);
        return undefined;
    }
  }
  return undefined;
}

/** `x.name`, `x['name']`, `x?.name`: the static property name, if any. */
export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  // `this.#frames`: private names keep their `#`, as class bodies spell them.
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  if (member.computed && member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') {
    return member.property.value;
  }
  if (
    member.computed &&
    member.property.type === AST_NODE_TYPES.TemplateLiteral &&
    member.property.expressions.length === 0
  ) {
    return member.property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The name an expression goes by: `port` for `port`, `port` for `this.port`; undefined otherwise. */
export function nameOf(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return propertyName(node);
  return undefined;
}

/** The method name of `recv.name(...)` and its receiver, or undefined for other calls. */
export function methodCall(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): { name: string; receiver: TSESTree.Expression; member: TSESTree.MemberExpression } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(callee);
  if (name === undefined) return undefined;
  return { name, receiver: callee.object, member: callee };
}

/** The name a callee is called by: `f(...)` → f, `a.b.f(...)` → f. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return undefined;
}

/** A static string value: `'data'`, `` `data` ``. */
export function staticString(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** A static number: `4`, `-3`, `0x10`. */
export function staticNumber(node: TSESTree.Node | undefined): number | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') return node.value;
  if (
    node.type === AST_NODE_TYPES.UnaryExpression &&
    node.operator === '-' &&
    node.argument.type === AST_NODE_TYPES.Literal &&
    typeof node.argument.value === 'number'
  ) {
    return -node.argument.value;
  }
  return undefined;
}

/**
 * The parameter `id` names, when that is its one definition: its variable, its function and its position
 * (a parameter with a default at its place; -1 inside a destructuring pattern).
 */
export function parameterOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  id: TSESTree.Identifier,
): { variable: TSESLint.Scope.Variable; fn: FunctionNode; index: number } | undefined {
  const variable = findVariable(sourceCode, id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Parameter' || !isFunction(def.node as TSESTree.Node)) return undefined;
  const fn = def.node as FunctionNode;
  const index = fn.params.findIndex(
    (param) => param === def.name || unwrap(param) === def.name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === def.name),
  );
  return { variable, fn, index };
}

/** The nearest enclosing function, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return undefined;
}

export function enclosingClass(
  node: TSESTree.Node,
): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  let current = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current;
    }
    current = current.parent;
  }
  return undefined;
}

/** True when `inner` is `outer` or lies inside it. */
export function isInside(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

export function findVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | undefined {
  try {
    const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
    return variable ?? undefined;
  } catch {
    return undefined;
  }
}

/** The function (or undefined for module level) whose scope declares the variable. */
export function declaringFunction(variable: TSESLint.Scope.Variable): FunctionNode | undefined {
  let scope: TSESLint.Scope.Scope | null = variable.scope;
  while (scope) {
    if (scope.type === 'function' && isFunction(scope.block as TSESTree.Node)) return scope.block as FunctionNode;
    if (scope.type === 'module' || scope.type === 'global') return undefined;
    scope = scope.upper;
  }
  return undefined;
}

/** A node's source text without white space: the form the analysis compares expressions by (`this . buf` is `this.buf`). */
export function compactText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return sourceCode.getText(node).replace(/\s+/g, '');
}

/** Short source text for messages: one line, at most 40 characters. */
export function shortText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The name of a class, from its id or the variable it is assigned to. */
export function className(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string {
  if (cls.id) return cls.id.name;
  const parent = cls.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.name;
  }
  return '(anonymous class)';
}

/** The name of a class's base: `DurableObject`, `Party.Server`, `DurableObject<Env>`. */
export function superClassName(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string | undefined {
  const base = cls.superClass;
  if (!base) return undefined;
  if (base.type === AST_NODE_TYPES.Identifier) return base.name;
  if (base.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(base);
    if (base.object.type === AST_NODE_TYPES.Identifier && name) return `${base.object.name}.${name}`;
    return name;
  }
  return undefined;
}

/** The `implements` clauses of a class, as names: `Party.Server`. */
export function implementedNames(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): string[] {
  const names: string[] = [];
  for (const clause of cls.implements ?? []) {
    const expr = clause.expression;
    if (expr.type === AST_NODE_TYPES.Identifier) names.push(expr.name);
    else if (expr.type === AST_NODE_TYPES.MemberExpression && expr.object.type === AST_NODE_TYPES.Identifier) {
      const name = propertyName(expr);
      if (name) names.push(`${expr.object.name}.${name}`, name);
    }
  }
  return names;
}

/**
 * The `next()` method of an iterator class that `node` is in: a class with a `[Symbol.iterator]()` or
 * `[Symbol.asyncIterator]()` member, or one that `implements` an `…Iterator`. Its `{ value }` results go to
 * whoever iterates it, as a generator's yields do.
 */
export function iteratorNextMethod(node: TSESTree.Node): FunctionNode | undefined {
  const fn = enclosingFunction(node);
  const method = fn?.parent;
  if (!fn || method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn || memberKeyName(method) !== 'next' || method.static) return undefined;
  const cls = method.parent.parent;
  if (cls.type !== AST_NODE_TYPES.ClassDeclaration && cls.type !== AST_NODE_TYPES.ClassExpression) return undefined;
  const symbolKeyed = cls.body.body.some((member) => {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || !member.computed || member.key.type !== AST_NODE_TYPES.MemberExpression) return false;
    const key = member.key;
    return key.object.type === AST_NODE_TYPES.Identifier && key.object.name === 'Symbol' && /^(asyncIterator|iterator)$/.test(propertyName(key) ?? '');
  });
  return symbolKeyed || implementedNames(cls).some((name) => /Iterator$/.test(name)) ? fn : undefined;
}

/** The name of a method-like function: class methods, class-field arrows, object methods. */
export function methodNameOf(fn: FunctionNode): string | undefined {
  const parent = fn.parent;
  if (!parent) return undefined;
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.PropertyDefinition ||
      parent.type === AST_NODE_TYPES.Property) &&
    parent.value === fn
  ) {
    return memberKeyName(parent);
  }
  return undefined;
}

/**
 * What a function is called by: its declaration's name, its method name, or the variable or property
 * it is assigned to (`const f = () => …`, `C.prototype.m = function () {…}`).
 */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const method = methodNameOf(fn);
  if (method) return method;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
    const target = parent.left;
    if (target.type === AST_NODE_TYPES.Identifier) return target.name;
    if (target.type === AST_NODE_TYPES.MemberExpression) return propertyName(target);
  }
  return undefined;
}

/** Not declared anywhere in the file: the global (lib) binding of `JSON`, `String`, `structuredClone`, … */
export function isGlobalBinding(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode, id);
  return !variable || variable.defs.length === 0;
}

/** The name a class member declares: `frames`, `#frames`, `'frames'`; undefined for computed keys. */
export function memberKeyName(member: { key: TSESTree.Node; computed: boolean }): string | undefined {
  if (member.computed) return undefined;
  if (member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  if (member.key.type === AST_NODE_TYPES.Literal && typeof member.key.value === 'string') return member.key.value;
  return undefined;
}

const SKIP_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

/**
 * The child keys of each node type, from the parsers' visitor keys (the union of every parser seen, so a
 * TypeScript node's `typeAnnotation` is walked whichever parser registered its type first). A type no
 * parser named is walked by its own keys.
 */
const CHILD_KEYS = new Map<string, readonly string[]>();
/**
 * The same keys less those that hold only TypeScript types (annotations, type parameters and arguments,
 * `implements`), and none for interfaces and type aliases: what `walk` follows. No question the analysis
 * asks by walking is answered inside a type, and in typed code the types are a large part of the tree.
 */
const VALUE_KEYS = new Map<string, readonly string[]>();
const TYPE_ONLY_KEYS = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeArguments', 'superTypeParameters', 'implements']);
const TYPE_ONLY_NODES = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration']);
const REGISTERED = new WeakSet<object>();

/** Learns a parser's visitor keys (`sourceCode.visitorKeys`); cheap after the first call with the same object. */
export function useVisitorKeys(keys: Readonly<Record<string, readonly string[] | undefined>> | undefined): void {
  if (!keys || REGISTERED.has(keys)) return;
  REGISTERED.add(keys);
  for (const [type, list] of Object.entries(keys)) {
    if (!list) continue;
    const known = CHILD_KEYS.get(type);
    const keys = known ? [...new Set([...known, ...list])] : [...list];
    CHILD_KEYS.set(type, keys);
    VALUE_KEYS.set(type, TYPE_ONLY_NODES.has(type) ? [] : keys.filter((key) => !TYPE_ONLY_KEYS.has(key)));
  }
}

/**
 * Visits `root` and its descendants, depth first, skipping the subtrees of nodes for which `visit` returns
 * false: a node before its children, the children of one key in order, the keys last to first (see
 * `compareWalkOrder`). TypeScript types are not walked (see VALUE_KEYS); `root` itself is always visited.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (visit(node) === false) continue;
    for (const key of walkedKeys(node)) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item = value[i] as TSESTree.Node | null;
          if (item && typeof item.type === 'string') stack.push(item);
        }
      } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

/** The keys `walk` follows from `node`. */
function walkedKeys(node: TSESTree.Node): readonly string[] {
  return VALUE_KEYS.get(node.type) ?? childKeysOf(node);
}

function isNodeValue(value: unknown): value is TSESTree.Node {
  return !!value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string';
}

/**
 * The deepest node `walk(root)` would visit whose range holds `[start, end)`: found by descending from
 * `root` through the children that hold it, so it costs the depth of the tree, not its size.
 */
export function walkedNodeAt(root: TSESTree.Node, start: number, end: number): TSESTree.Node {
  let node = root;
  descend: for (;;) {
    for (const key of walkedKeys(node)) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) {
          if (isNodeValue(item) && item.range[0] <= start && end <= item.range[1]) {
            node = item;
            continue descend;
          }
        }
      } else if (isNodeValue(value) && value.range[0] <= start && end <= value.range[1]) {
        node = value;
        continue descend;
      }
    }
    return node;
  }
}

/** Where `node` sits among the nodes `walk` visits: one (key, index) step per level from the root, in walk order. */
function walkPath(node: TSESTree.Node): number[] {
  const steps: number[][] = [];
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    const keys = walkedKeys(parent);
    let step: number[] | undefined;
    for (let k = 0; k < keys.length && !step; k++) {
      const value = (parent as unknown as Record<string, unknown>)[keys[k]!];
      // `walk` takes the keys last to first and each key's items first to last.
      if (value === child) step = [keys.length - 1 - k, 0];
      else if (Array.isArray(value)) {
        const index = value.indexOf(child);
        if (index >= 0) step = [keys.length - 1 - k, index];
      }
    }
    // A node `walk` does not reach (inside a type) sorts after those it does.
    steps.push(step ?? [Number.MAX_SAFE_INTEGER, 0]);
  }
  return steps.reverse().flat();
}

/** Orders nodes of one tree as `walk` from its root visits them (a node before its descendants). */
export function sortInWalkOrder<T extends TSESTree.Node>(nodes: T[]): T[] {
  if (nodes.length < 2) return nodes;
  const paths = new Map(nodes.map((node) => [node, walkPath(node)]));
  return nodes.sort((a, b) => {
    const pa = paths.get(a)!;
    const pb = paths.get(b)!;
    for (let i = 0; i < pa.length && i < pb.length; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    return pa.length - pb.length;
  });
}

/** The keys of `node` that hold child nodes: its type's visitor keys, or its own keys less position and parent. */
function childKeysOf(node: TSESTree.Node): readonly string[] {
  return CHILD_KEYS.get(node.type) ?? Object.keys(node).filter((key) => !SKIP_KEYS.has(key));
}

/** A node's children in key order, each array's items in order (no parent links followed). */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const key of childKeysOf(node)) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') out.push(item as TSESTree.Node);
    } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
      out.push(value as TSESTree.Node);
    }
  }
  return out;
}

/**
 * Every value a `let` or `var` is given, when each is a plain `=` (at the declaration or later) and
 * nothing else writes it (no `+=`, destructuring or loop binding); undefined otherwise.
 */
export function assignedValues(variable: TSESLint.Scope.Variable): TSESTree.Node[] | undefined {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const loop = declarator.parent?.parent;
  if (loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement)) return undefined;
  const values: TSESTree.Node[] = declarator.init ? [declarator.init] : [];
  for (const ref of variable.references) {
    if (!ref.isWrite() || ref.init) continue;
    const assignment = ref.identifier.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== ref.identifier) return undefined;
    values.push(assignment.right);
  }
  return values;
}

/** `[this.x] = …`, `({ a: this.x } = …)`, `for (this.x of …)`: a write that is not a plain `=`. */
export function isPatternTarget(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ArrayPattern || parent.type === AST_NODE_TYPES.RestElement) return true;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent?.type === AST_NODE_TYPES.ObjectPattern) return true;
  if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node) return true;
  return (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) && parent.left === node;
}

/** `new C()` whose callee `isConstructor` accepts, or a variable whose only value is one. */
export function isConstructedBy(
  expr: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  isConstructor: (callee: TSESTree.Node) => boolean,
): boolean {
  const node = unwrap(expr);
  if (node.type === AST_NODE_TYPES.NewExpression) return isConstructor(unwrap(node.callee));
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, node);
  const init = variable && singleInit(variable);
  return !!init && unwrap(init).type === AST_NODE_TYPES.NewExpression && isConstructor(unwrap((unwrap(init) as TSESTree.NewExpression).callee));
}

/**
 * The tests of the branches `node` sits in, innermost first, up to its function: an `if`'s or `?:`'s test, and
 * the left side of a logical expression whose right side holds it. `taken`: the branch runs when the test is
 * truthy (an `if`'s or `?:`'s consequent, the right side of `&&`).
 */
export function* enclosingTests(node: TSESTree.Node): Generator<{ test: TSESTree.Node; taken: boolean }> {
  let child = node;
  for (let parent = node.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== child) {
      yield { test: parent.test, taken: parent.consequent === child };
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child) {
      yield { test: parent.left, taken: parent.operator === '&&' };
    }
  }
}

/**
 * `a === b` or `a == b` with one side that `one` accepts: the other side, unwrapped (`x == null` gives `null` for
 * `one` matching `x`). Undefined for any other test.
 */
export function comparedWith(test: TSESTree.Node, one: (side: TSESTree.Node) => boolean): TSESTree.Node | undefined {
  const node = unwrap(test);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '===' && node.operator !== '==')) return undefined;
  const [left, right] = [unwrap(node.left as TSESTree.Node), unwrap(node.right)];
  return one(left) ? right : one(right) ? left : undefined;
}

/** `null` or `undefined`: the empty state of a field or variable before its first real value. */
export function isEmptyValue(value: TSESTree.Node): boolean {
  const node = unwrap(value);
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/**
 * The variable a value is put in whole: `const x = value`, `x = value`, a default `(x = value) => …`. `parent`
 * is the node that holds `child` (past the wrappers a caller stepped over; its parent by default).
 */
export function variableHolding(child: TSESTree.Node, parent: TSESTree.Node | undefined = child.parent): TSESTree.Identifier | undefined {
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier) return parent.left;
  if (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier) return parent.left;
  return undefined;
}

/** A reference writes the variable: a parameter reassigned, or a variable given a value (its initializer counts). */
export function isWritten(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => reference.isWrite());
}

/** The initializer of a variable assigned exactly once, at its declaration. */
export function singleInit(variable: TSESLint.Scope.Variable): TSESTree.Expression | undefined {
  const init = (variable.defs[0]?.node as TSESTree.VariableDeclarator | undefined)?.init;
  const values = assignedValues(variable);
  return init && values?.length === 1 && values[0] === init ? init : undefined;
}

/** The module a variable comes from: `import fs from 'node:fs'`, `const { readFileSync } = require('fs')` → 'fs'. */
export function moduleOf(variable: TSESLint.Scope.Variable): string | undefined {
  const def = variable.defs[0];
  if (!def || variable.defs.length !== 1) return undefined;
  let source: unknown;
  if (def.type === 'ImportBinding') {
    source = (def.parent as TSESTree.ImportDeclaration).source.value;
  } else if (def.type === 'Variable') {
    const init = (def.node as TSESTree.VariableDeclarator).init;
    const call = init && unwrap(init);
    if (call?.type === AST_NODE_TYPES.CallExpression) source = requiredModule(call);
  }
  return typeof source === 'string' ? source.replace(/^node:/, '') : undefined;
}

/**
 * Which export of which module a variable is bound to: `import { hash } from './crypto'` → ('./crypto',
 * 'hash'); `import crypto from './crypto'` → 'default'; `const { hash } = require('./crypto')` and
 * `const hash = require('./crypto').hash` → 'hash'; `const crypto = require('./crypto')` and `import * as
 * crypto from './crypto'` → the module object itself (`name` undefined).
 */
export function moduleBinding(variable: TSESLint.Scope.Variable): { module: string; name: string | undefined } | undefined {
  const def = variable.defs[0];
  if (!def || variable.defs.length !== 1) return undefined;
  if (def.type === 'Variable') {
    // `require('./crypto').hash`
    const init = (def.node as TSESTree.VariableDeclarator).init;
    const member = init && unwrap(init);
    if (member?.type === AST_NODE_TYPES.MemberExpression && (def.node as TSESTree.VariableDeclarator).id.type === AST_NODE_TYPES.Identifier) {
      const call = unwrap(member.object);
      const name = propertyName(member);
      const source = call.type === AST_NODE_TYPES.CallExpression ? requiredModule(call) : undefined;
      return source && name ? { module: source, name } : undefined;
    }
  }
  const module = moduleOf(variable);
  if (!module) return undefined;
  if (def.type === 'ImportBinding') {
    if (def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { module, name: 'default' };
    if (def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { module, name: undefined };
    const name = importedName(variable);
    return name ? { module, name } : undefined;
  }
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return { module, name: undefined };
  const name = importedName(variable);
  return name ? { module, name } : undefined;
}

/** `Buffer` (the global, or imported from 'buffer') as a constructor or a plain call: `new Buffer(…)`, `Buffer(…)`. */
export function isBufferConstructor(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): boolean {
  const node = unwrap(callee);
  if (node.type !== AST_NODE_TYPES.Identifier || node.name !== 'Buffer') return false;
  const variable = findVariable(sourceCode, node);
  return !variable || variable.defs.length === 0 || moduleOf(variable) === 'buffer';
}

/**
 * The module an identifier is bound to whole: `const c = require('x')`, `import * as c from 'x'`, `import c
 * from 'x'` (a CommonJS module's default is the module object).
 */
export function moduleObjectOf(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): string | undefined {
  const variable = findVariable(sourceCode, id);
  const binding = variable && moduleBinding(variable);
  return binding && (binding.name === undefined || binding.name === 'default') ? binding.module : undefined;
}

/**
 * Which export of which module a call runs, by how the file binds its callee (`moduleBinding`): `hash(x)`
 * after `import { hash } from './crypto'` → ('./crypto', 'hash'); `crypto.hash(x)` after `const crypto =
 * require('./crypto')` or `import * as crypto` → ('./crypto', 'hash'); `hash(x)` after `const hash =
 * require('./hash')` → ('./hash', undefined: the module itself).
 */
export function calledExport(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): { module: string; name: string | undefined } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, callee);
    return variable && moduleBinding(variable);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
  const object = unwrap(callee.object);
  const module = object.type === AST_NODE_TYPES.Identifier ? moduleObjectOf(sourceCode, object) : undefined;
  const name = propertyName(callee);
  return module && name ? { module, name } : undefined;
}

/** `require('x')` with a literal: 'x'. */
export function requiredModule(call: TSESTree.CallExpression): string | undefined {
  const [first] = call.arguments;
  return call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'require' && first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
    ? first.value
    : undefined;
}

/** For `import { readFileSync as read } from 'fs'` or `const { readFileSync: read } = require('fs')`: 'readFileSync'. */
export function importedName(variable: TSESLint.Scope.Variable): string | undefined {
  const def = variable.defs[0];
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    const spec = def.node;
    if (spec.type === AST_NODE_TYPES.ImportSpecifier) {
      return spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value);
    }
    return undefined;
  }
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    for (const prop of declarator.id.properties) {
      if (prop.type === AST_NODE_TYPES.Property && prop.value === def.name && prop.key.type === AST_NODE_TYPES.Identifier) {
        return prop.key.name;
      }
    }
  }
  return undefined;
}

/** The expressions a function returns (expression bodies included), not those of nested functions. */
export function returnedExpressions(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  // Asked of one helper from each of its call sites: its body is walked once.
  const known = returnsByFunction.get(fn);
  if (known) return known;
  const found: TSESTree.Node[] = [];
  walk(fn.body, (node) => {
    if (isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
    return true;
  });
  returnsByFunction.set(fn, found);
  return found;
}

const returnsByFunction = new WeakMap<FunctionNode, TSESTree.Node[]>();

/** The names a binding pattern declares: `x`, `{ a, b: [c] }`, `[d = 1, ...rest]`. */
export function patternNames(pattern: TSESTree.Node, out: TSESTree.Identifier[]): void {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      out.push(pattern);
      break;
    case AST_NODE_TYPES.ArrayPattern:
      for (const element of pattern.elements) if (element) patternNames(element, out);
      break;
    case AST_NODE_TYPES.ObjectPattern:
      for (const prop of pattern.properties) patternNames(prop.type === AST_NODE_TYPES.Property ? prop.value : prop.argument, out);
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      patternNames(pattern.left, out);
      break;
    case AST_NODE_TYPES.RestElement:
      patternNames(pattern.argument, out);
      break;
    default:
      break;
  }
}

/** `exports` or `module.exports`. */
function isExportsObject(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'exports';
  return value.type === AST_NODE_TYPES.MemberExpression && propertyName(value) === 'exports' && unwrap(value.object).type === AST_NODE_TYPES.Identifier && (unwrap(value.object) as TSESTree.Identifier).name === 'module';
}

/** The function a name is bound to where it is declared: `function f() {}`, `const f = () => …`, `let f = function () {}` (assigned once). */
export function functionBoundTo(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): FunctionNode | undefined {
  const variable = findVariable(sourceCode, id);
  for (const def of variable?.defs ?? []) {
    if (def.type === 'FunctionName' && isFunction(def.node as TSESTree.Node)) return def.node as FunctionNode;
    if (def.type === 'Variable') {
      const init = (def.node as TSESTree.VariableDeclarator).init;
      if (init && isFunction(init)) return init;
    }
  }
  return undefined;
}

/**
 * The function a module exports under `name` (`'default'` for its default export; undefined for the module
 * itself, `module.exports = f`), by the forms `isModuleExport` names: `export function name`, `export const
 * name = …`, `export { f as name }`, `export default f`, `exports.name = …`, `module.exports.name = …`,
 * `module.exports = { name }` or `module.exports = f`. A CommonJS module's default is `module.exports`.
 */
export function exportedFunction(sourceCode: Readonly<TSESLint.SourceCode>, name: string | undefined): FunctionNode | undefined {
  const bound = (node: TSESTree.Node | null | undefined): FunctionNode | undefined => {
    const value = node && unwrap(node);
    if (!value) return undefined;
    if (isFunction(value)) return value;
    return value.type === AST_NODE_TYPES.Identifier ? functionBoundTo(sourceCode, value) : undefined;
  };
  let cjsWhole: TSESTree.Node | undefined;
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && name !== undefined) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === name) return declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) return bound(declarator.init);
        }
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
          if (exported === name && specifier.local.type === AST_NODE_TYPES.Identifier) return bound(specifier.local);
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      return bound(statement.declaration as TSESTree.Node);
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      if (isExportsObject(left)) {
        cjsWhole = right;
      } else if (left.type === AST_NODE_TYPES.MemberExpression && isExportsObject(left.object) && name !== undefined && name !== 'default' && propertyName(left) === name) {
        return bound(right);
      }
    }
  }
  if (!cjsWhole) return undefined;
  const whole = unwrap(cjsWhole);
  if (name === undefined || name === 'default') return bound(whole);
  if (whole.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of whole.properties) {
    if (property.type === AST_NODE_TYPES.Property && memberKeyName(property) === name) return bound(property.value);
  }
  return undefined;
}

/**
 * A function the module hands to other modules: `export function f`, `exports.f = function`, `module.exports = f`,
 * a named function or variable listed in `module.exports = { f }`, `exports.f = f` or `export { f }`, or a public
 * method (not `#m`, not `_m`, not TypeScript's `private` or `protected`) of a class exported so.
 */
export function isModuleExport(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const method = fn.parent;
  if (method?.type === AST_NODE_TYPES.MethodDefinition && method.value === fn) {
    const name = memberKeyName(method);
    const cls = method.parent.parent;
    if (!name || name.startsWith('_') || method.key.type === AST_NODE_TYPES.PrivateIdentifier || method.kind === 'constructor') return false;
    // TypeScript's `private` and `protected`: the class's own code calls it, not the module's users.
    if (method.accessibility === 'private' || method.accessibility === 'protected') return false;
    return (cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression) && isExportedValue(cls, sourceCode);
  }
  return isExportedValue(fn, sourceCode);
}

/** A function or class the module exports, by any of the forms `isModuleExport` names. */
function isExportedValue(node: FunctionNode | TSESTree.ClassDeclaration | TSESTree.ClassExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
    const left = parent.left;
    return isExportsObject(left) || (left.type === AST_NODE_TYPES.MemberExpression && isExportsObject(left.object));
  }
  let id: TSESTree.Identifier | undefined;
  if ((node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration) && node.id) id = node.id;
  else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    if (parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
    id = parent.id;
  }
  const variable = id && findVariable(sourceCode, id);
  for (const ref of variable?.references ?? []) {
    const use = ref.identifier.parent;
    if (use?.type === AST_NODE_TYPES.ExportSpecifier || use?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    if (use?.type === AST_NODE_TYPES.AssignmentExpression && use.right === ref.identifier) {
      if (isExportsObject(use.left) || (use.left.type === AST_NODE_TYPES.MemberExpression && isExportsObject(use.left.object))) return true;
    }
    if (use?.type === AST_NODE_TYPES.Property && use.value === ref.identifier && use.parent.type === AST_NODE_TYPES.ObjectExpression) {
      const holder = use.parent.parent;
      if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === use.parent && isExportsObject(holder.left)) return true;
    }
  }
  return false;
}

/**
 * `var self = this` (`that`, `_this`): the name a declarator gives `this`, which reads and writes the same
 * fields. The one definition of a `this` alias: by declarator here, by variable in `isThisAlias`.
 */
export function thisAliasDeclared(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init && unwrap(node.init).type === AST_NODE_TYPES.ThisExpression
    ? node.id.name
    : undefined;
}

/** A variable declared once as a `this` alias (`thisAliasDeclared`) and never reassigned. */
export function isThisAlias(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  return variable.defs.length === 1 && def?.type === 'Variable' && thisAliasDeclared(def.node) !== undefined && singleInit(variable) !== undefined;
}

/**
 * The parameter property of constructor `ctor` that declares field `name` (`constructor(private readonly
 * view: DataView)`): its name node, which carries the annotation, and whether it has a default
 * (`constructor(private size: number = 0)`).
 */
export function parameterPropertyNamed(ctor: TSESTree.MethodDefinition, name: string): { id: TSESTree.Identifier; hasDefault: boolean } | undefined {
  for (const param of ctor.value.params) {
    if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
    const hasDefault = param.parameter.type === AST_NODE_TYPES.AssignmentPattern;
    const id = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
    if (id.type === AST_NODE_TYPES.Identifier && id.name === name) return { id, hasDefault };
  }
  return undefined;
}

/**
 * `if (a) { keep(x.subarray(…)) } else { helper(x) }`: `node` is in the other branch of an `if` or `?:`
 * than `view`, with no loop around that could run both in one call of the function.
 */
export function isOtherBranch(view: TSESTree.Node, node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = view.parent; current && !isFunction(current); current = current.parent) {
    if (isLoop(current)) return false;
    if (current.type !== AST_NODE_TYPES.IfStatement && current.type !== AST_NODE_TYPES.ConditionalExpression) continue;
    const { consequent, alternate } = current;
    if (!alternate) continue;
    const within = (outer: TSESTree.Node, inner: TSESTree.Node) => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
    if ((within(consequent, view) && within(alternate, node)) || (within(alternate, view) && within(consequent, node))) return true;
  }
  return false;
}

/** `slice` or `subarray`: the two methods that cut a Buffer or typed array (a string and an array have `slice` too). */
export function isCutName(name: string | undefined): boolean {
  return name === 'slice' || name === 'subarray';
}

/** The receiver of `expr` when it is a cut, `x.slice(…)` or `x.subarray(…)`; else undefined. */
export function cutReceiver(expr: TSESTree.Node): TSESTree.Expression | undefined {
  const call = unwrap(expr);
  const method = call.type === AST_NODE_TYPES.CallExpression ? methodCall(call) : undefined;
  return method && isCutName(method.name) ? method.receiver : undefined;
}

/** The `x.slice(…)` or `x.subarray(…)` call whose receiver is `node` itself, or undefined. */
export function cutCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  const parent = node.parent;
  const call = parent?.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return undefined;
  return isCutName(propertyName(parent)) ? call : undefined;
}
