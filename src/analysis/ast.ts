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

/** The name a class member declares: `frames`, `#frames`, `'frames'`; undefined for computed keys. */
export function memberKeyName(member: { key: TSESTree.Node; computed: boolean }): string | undefined {
  if (member.computed) return undefined;
  if (member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  if (member.key.type === AST_NODE_TYPES.Literal && typeof member.key.value === 'string') return member.key.value;
  return undefined;
}
