import * as tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { childNodes, patternNames } from '../analysis/ast';

/**
 * What the heap ↔ source matching needs to know about a source file: its classes (name, base class,
 * where each member is declared or first assigned) and its variables (where each is declared). Built
 * from one parse, on demand: only files that findings point into, or whose text names a holder.
 */
export interface SourcePoint {
  line: number;
  /** 1-based, as ESLint and SARIF count. */
  column: number;
}

export interface ClassFacts {
  name: string;
  /** `extends X`: the base class's name when it is an identifier or `a.X`. */
  base?: string;
  start: number;
  end: number;
  /** Member name (`#x` for private fields) → where it is declared, or first assigned as `this.x = …`. */
  members: Map<string, SourcePoint>;
}

export interface FileFacts {
  classes: ClassFacts[];
  /** Variable name → where it is declared (module scope first, then any function scope). */
  variables: Map<string, SourcePoint>;
  /** Property name → its first key in an object literal or assignment `x.name = …` (not `this`): plain objects' fields. */
  properties: Map<string, SourcePoint>;
  /** Offset of each line's start, to turn ESLint's line/column into an offset. */
  lineStarts: number[];
}

type Node = TSESTree.Node;

function point(node: Node): SourcePoint {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

function keyName(key: Node, computed: boolean): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

function baseName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  return undefined;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The class facts of one class body: declared fields, parameter properties, `this.x = …` in its methods. */
function classFacts(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): ClassFacts {
  const members = new Map<string, SourcePoint>();
  const assigned: Array<[string, SourcePoint]> = [];
  for (const member of node.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.AccessorProperty) {
      const key = keyName(member.key, member.computed);
      if (key !== undefined && !members.has(key)) members.set(key, point(member.key));
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && !members.has(inner.name)) members.set(inner.name, point(inner));
      }
    }
  }
  // `this.x = …` anywhere in the class, outside nested classes and plain functions (their `this` differs).
  const visit = (current: Node): void => {
    if (current.type === AST_NODE_TYPES.AssignmentExpression && current.left.type === AST_NODE_TYPES.MemberExpression) {
      const left = current.left;
      if (left.object.type === AST_NODE_TYPES.ThisExpression) {
        const key = keyName(left.property, left.computed);
        if (key !== undefined) assigned.push([key, point(left.property)]);
      }
    }
    for (const child of childNodes(current)) {
      if (child.type === AST_NODE_TYPES.ClassDeclaration || child.type === AST_NODE_TYPES.ClassExpression) continue;
      if (child.type === AST_NODE_TYPES.FunctionDeclaration || (child.type === AST_NODE_TYPES.FunctionExpression && current.type !== AST_NODE_TYPES.MethodDefinition)) continue;
      visit(child);
    }
  };
  visit(node.body);
  for (const [key, at] of assigned) if (!members.has(key)) members.set(key, at);
  return { name, base: baseName(node.superClass), start: node.range[0], end: node.range[1], members };
}

/** Parses `text` (TypeScript or JavaScript, JSX allowed) into the facts above; a parse error throws. */
export function indexSource(text: string, filePath: string): FileFacts {
  const ast = tsParser.parse(text, { filePath, loc: true, range: true, ecmaFeatures: { jsx: /\.[jt]sx$/.test(filePath) }, sourceType: 'module' } as never) as unknown as TSESTree.Program;
  const classes: ClassFacts[] = [];
  const moduleVariables = new Map<string, SourcePoint>();
  const innerVariables = new Map<string, SourcePoint>();
  const properties = new Map<string, SourcePoint>();
  const visit = (node: Node, depth: number, name: string | undefined): void => {
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      const className = node.id?.name ?? name;
      if (className !== undefined) classes.push(classFacts(node, className));
    }
    if (node.type === AST_NODE_TYPES.VariableDeclarator) {
      const names: TSESTree.Identifier[] = [];
      patternNames(node.id, names);
      const into = depth === 0 ? moduleVariables : innerVariables;
      for (const id of names) if (!into.has(id.name)) into.set(id.name, point(id));
    }
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of node.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = keyName(property.key, property.computed);
        if (key !== undefined && !properties.has(key)) properties.set(key, point(property.key));
      }
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type !== AST_NODE_TYPES.ThisExpression) {
      const key = keyName(node.left.property, node.left.computed);
      if (key !== undefined && !properties.has(key)) properties.set(key, point(node.left.property));
    }
    const isFunction =
      node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression;
    // A class expression takes the name of the variable or property it is assigned to.
    const childName =
      node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier ? node.id.name : undefined;
    for (const child of childNodes(node)) visit(child, isFunction ? depth + 1 : depth, childName);
  };
  visit(ast, 0, undefined);
  const variables = new Map(moduleVariables);
  for (const [key, at] of innerVariables) if (!variables.has(key)) variables.set(key, at);
  return { classes, variables, properties, lineStarts: lineStartsOf(text) };
}

/** The innermost class whose text contains ESLint's `line`/`column` (1-based). */
export function enclosingClass(facts: FileFacts, line: number, column: number): ClassFacts | undefined {
  const offset = (facts.lineStarts[line - 1] ?? 0) + column - 1;
  let found: ClassFacts | undefined;
  for (const candidate of facts.classes) {
    if (candidate.start <= offset && offset < candidate.end && (!found || candidate.start >= found.start)) found = candidate;
  }
  return found;
}
