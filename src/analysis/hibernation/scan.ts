import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { className, isFunction, memberKeyName, unwrap, walk, type FunctionNode } from '../ast';
import type { FileFacts } from '../file';

/** What can stay resident: a class, or a server written as an object literal (`export default { onConnect() {} }`). */
export type ActorNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.ObjectExpression;

export interface ActorMember {
  name: string;
  node: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.Property;
  /** The member's function, when it is a method or a function-valued field. */
  fn?: FunctionNode;
  /** A field's initial value. */
  value?: TSESTree.Node;
  isStatic: boolean;
}

/**
 * One walk over an actor, shared by every platform's checks: its members, and the calls, `new`
 * expressions and assignments of its own code (not of classes nested in it).
 */
export class ActorScan {
  readonly name: string;
  readonly members: ActorMember[] = [];
  private walked: { calls: TSESTree.CallExpression[]; news: TSESTree.NewExpression[]; assignments: TSESTree.AssignmentExpression[] } | undefined;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;

  constructor(
    readonly node: ActorNode,
    readonly facts: FileFacts,
  ) {
    this.sourceCode = facts.sourceCode;
    this.name = actorName(node);
    const elements: TSESTree.Node[] = node.type === AST_NODE_TYPES.ObjectExpression ? node.properties : node.body.body;
    for (const element of elements) {
      if (element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition && element.type !== AST_NODE_TYPES.Property) continue;
      const name = memberKeyName(element);
      if (!name) continue;
      const value = element.value ? (element.value as TSESTree.Node) : undefined;
      this.members.push({
        name,
        node: element,
        fn: value && isFunction(value) ? value : undefined,
        value: value && !isFunction(value) ? value : undefined,
        isStatic: element.type !== AST_NODE_TYPES.Property && element.static,
      });
    }
  }

  /** The calls of the actor's own code (walked once, on first use: most classes are no actor at all). */
  get calls(): TSESTree.CallExpression[] {
    return this.walk().calls;
  }

  get news(): TSESTree.NewExpression[] {
    return this.walk().news;
  }

  get assignments(): TSESTree.AssignmentExpression[] {
    return this.walk().assignments;
  }

  private walk(): { calls: TSESTree.CallExpression[]; news: TSESTree.NewExpression[]; assignments: TSESTree.AssignmentExpression[] } {
    if (this.walked) return this.walked;
    const found = { calls: [] as TSESTree.CallExpression[], news: [] as TSESTree.NewExpression[], assignments: [] as TSESTree.AssignmentExpression[] };
    const root = this.node.type === AST_NODE_TYPES.ObjectExpression ? this.node : this.node.body;
    walk(root, (child) => {
      if (child !== root && (child.type === AST_NODE_TYPES.ClassDeclaration || child.type === AST_NODE_TYPES.ClassExpression)) return false;
      if (child.type === AST_NODE_TYPES.CallExpression) found.calls.push(child);
      else if (child.type === AST_NODE_TYPES.NewExpression) found.news.push(child);
      else if (child.type === AST_NODE_TYPES.AssignmentExpression) found.assignments.push(child);
      return true;
    });
    this.walked = found;
    return found;
  }

  get isClass(): boolean {
    return this.node.type !== AST_NODE_TYPES.ObjectExpression;
  }

  /** An instance method (or function-valued field) by name. */
  method(name: string): ActorMember | undefined {
    return this.members.find((member) => !member.isStatic && member.fn && member.name === name);
  }

  /** A field (instance or static) by name, with its initial value. */
  fields(name: string): ActorMember[] {
    return this.members.filter((member) => member.node.type === AST_NODE_TYPES.PropertyDefinition && member.name === name);
  }

  get constructorFn(): FunctionNode | undefined {
    const member = this.members.find((m) => m.node.type === AST_NODE_TYPES.MethodDefinition && m.node.kind === 'constructor');
    return member?.fn;
  }

  /** `this.name` member expressions of the class, by name. */
  thisRefs(name: string): TSESTree.Node[] {
    return this.facts.handlers.thisMemberRefs(this.node).get(name) ?? [];
  }

  text(node: TSESTree.Node): string {
    return this.sourceCode.getText(unwrap(node));
  }
}

function actorName(node: ActorNode): string {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return className(node);
  let holder: TSESTree.Node | undefined = node.parent;
  while (holder && (holder.type === AST_NODE_TYPES.TSSatisfiesExpression || holder.type === AST_NODE_TYPES.TSAsExpression)) holder = holder.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) return holder.id.name;
  return 'the default-exported server';
}
