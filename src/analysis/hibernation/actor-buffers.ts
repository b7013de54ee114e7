import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { ACCUMULATE_METHODS, ACTOR_CLASS_NAMES, BINARY_ELEMENT_TYPES, BYTE_COPY_CALLS, STORE_SIZE_MEMBERS, ACTOR_RECEIVE_METHODS, RELEASE_METHODS, RELEASING_NAMES, RESIDENT_TIMERS, TYPED_ARRAY_CONSTRUCTORS } from '../apis';
import { calleeName, enclosingFunction, findVariable, isInside, methodCall, propertyName, unwrap, walk, type FunctionNode } from '../ast';
import type { Blocker, HibernationOptions } from './blocker';
import type { ActorScan } from './scan';

/**
 * Any actor: a handler that accumulates incoming buffers (`push`, `Buffer.concat`) or text (`+=`) into a
 * field that nothing in the class clears, trims or compacts keeps all of it resident while idle. Actors
 * are classes with an actor base (settings), a Durable Object state, or a message entry point by name
 * (`receive`, `handle`) in a class named like an actor; any class with such an entry point is checked for
 * stores nothing reads back.
 */
export function actorBufferBlockers(scan: ActorScan, options: HibernationOptions, blockers: Blocker[]): void {
  const cls = scan.node;
  if (cls.type === AST_NODE_TYPES.ObjectExpression) return;
  const receives = scan.members.some((member) => member.fn && !member.isStatic && ACTOR_RECEIVE_METHODS.has(member.name));
  // A class not named like an actor but with a `receive`/`handle` entry point (`class UploadCollector {
  // receive(msg) … }`) is checked too, for stores nothing ever reads back: only what it keeps by name of the
  // entry point, and only a field whose contents no code reads (its count at most), which no owner of a
  // short-lived helper would write either.
  const actor = (receives && ACTOR_CLASS_NAMES.test(scan.name)) || scan.facts.handlers.isActorClass(cls);
  if (!actor && !receives) return;
  const reported = new Set<string>();
  const found: Blocker[] = [];
  for (const member of scan.members) {
    const fn = member.fn;
    if (!fn || member.isStatic) continue;
    const handler = actor
      ? (scan.facts.handlers.handlerOf(fn)?.label ?? (ACTOR_RECEIVE_METHODS.has(member.name) ? `${scan.name}.${member.name}` : undefined))
      : ACTOR_RECEIVE_METHODS.has(member.name)
        ? `${scan.name}.${member.name}`
        : undefined;
    if (!handler) continue;
    walk(fn.body, (node) => {
      const accumulated = accumulation(scan, node, fn);
      if (accumulated && !reported.has(accumulated.field) && (actor || isWriteOnly(scan, accumulated.field)) && !isReleased(scan, accumulated.field, options)) {
        reported.add(accumulated.field);
        found.push({ kind: 'unreleased-buffer', node, actor: scan.name, field: accumulated.field, handler, what: accumulated.what });
      }
      return true;
    });
  }
  // Checked last: it reads the whole file, and most actors accumulate nothing.
  if (found.length > 0 && !hasIdleRelease(scan, options)) blockers.push(...found);
}

/**
 * Nothing in the class reads what the field holds: every `this.field` is an assignment to it, the store
 * it grows by (`push`, `+=`, `Buffer.concat([this.f, x])` assigned back), or a read of its size.
 */
function isWriteOnly(scan: ActorScan, field: string): boolean {
  return scan.thisRefs(field).every((ref) => {
    const parent = ref.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref) return true;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === ref) {
      const name = propertyName(parent);
      if (name && STORE_SIZE_MEMBERS.has(name)) return true;
      return !!name && ACCUMULATE_METHODS.has(name) && name !== 'concat' && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent;
    }
    // `this.f = Buffer.concat([this.f, x])`, `this.f = this.f + x`: read only to grow itself.
    for (let up: TSESTree.Node | undefined = parent; up && up.type !== AST_NODE_TYPES.ExpressionStatement; up = up.parent) {
      if (up.type === AST_NODE_TYPES.AssignmentExpression && up.operator === '=' && isInside(ref, up.right)) {
        return grownBy(scan, up.right, scan.sourceCode.getText(up.left)).length > 0 && scan.sourceCode.getText(up.left) === scan.sourceCode.getText(ref);
      }
    }
    return false;
  });
}

/** A release function called anywhere in the file, an idle timer or an alarm in the class. */
function hasIdleRelease(scan: ActorScan, options: HibernationOptions): boolean {
  let found = !!scan.method('alarm');
  walk(scan.sourceCode.ast, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(node);
      if (name && options.releaseFunctions.has(name)) found = true;
      if (name && RESIDENT_TIMERS.has(name) && isInside(node, scan.node)) found = true;
    }
    return true;
  });
  return found;
}

/** `this.f.push(x)`, `this.f += x`, `this.f = Buffer.concat([this.f, x])` with x a buffer or string of incoming data. */
function accumulation(scan: ActorScan, node: TSESTree.Node, fn: FunctionNode): { field: string; what: 'buffers' | 'strings' } | undefined {
  let field: string | undefined;
  let values: TSESTree.Node[] = [];
  let appendsText = false;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const member = methodCall(node);
    const receiver = member && unwrap(member.receiver);
    if (!member || !ACCUMULATE_METHODS.has(member.name) || receiver?.type !== AST_NODE_TYPES.MemberExpression || receiver.object.type !== AST_NODE_TYPES.ThisExpression) {
      return undefined;
    }
    if (member.name === 'concat') return undefined; // a new array, unless assigned back (below)
    field = propertyName(receiver);
    values = (member.name === 'set' ? node.arguments.slice(1) : node.arguments).filter((arg) => arg.type !== AST_NODE_TYPES.SpreadElement);
  } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type === AST_NODE_TYPES.ThisExpression) {
    field = propertyName(node.left);
    if (node.operator === '+=') {
      values = [node.right];
      appendsText = !!field && holdsText(scan, field);
    } else if (node.operator === '=') values = grownBy(scan, node.right, scan.sourceCode.getText(node.left));
  }
  if (!field || values.length === 0) return undefined;
  // `private chunks: Buffer[] = []`: the field's declared element type says what is pushed, with or without types.
  const holdsBuffers = node.type === AST_NODE_TYPES.CallExpression && declaresBinaryElements(scan, field);
  for (const value of values) {
    // (A value the code tested with `Buffer.isBuffer`/`ArrayBuffer.isView`/`instanceof` is a 'view' there.)
    const kind = scan.facts.kinds.kindOf(value);
    const what =
      kind === 'string' || (appendsText && kind === 'unknown')
        ? 'strings'
        : ['buffer', 'typed-array', 'array-buffer', 'data-view', 'view'].includes(kind) || (holdsBuffers && kind === 'unknown')
          ? 'buffers'
          : undefined;
    // this.events.push(`start:${props.label}`): a string the handler composes is its own record (a log line
    // whose size the code sets), not the text it received; appending text (`+=`) is still reported.
    if (what === 'strings' && node.type === AST_NODE_TYPES.CallExpression && isComposedString(value)) continue;
    if (what && (scan.facts.origins.originOf(value) || isIncoming(scan, value, fn))) return { field, what };
  }
  return undefined;
}

/** A template literal with text of its own, or a `+` concatenation with a string literal. */
function isComposedString(raw: TSESTree.Node): boolean {
  const node = unwrap(raw);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.some((quasi) => quasi.value.cooked !== '');
  if (node.type !== AST_NODE_TYPES.BinaryExpression || node.operator !== '+') return false;
  const sides = [unwrap(node.left), unwrap(node.right)];
  return sides.some((side) => (side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string' && side.value !== '') || isComposedString(side));
}

/** The field is declared as an array of buffers: `chunks: Buffer[] = []`, `frames: Array<Uint8Array>`. */
function declaresBinaryElements(scan: ActorScan, field: string): boolean {
  const isBinary = (type: TSESTree.TypeNode | undefined) =>
    type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && BINARY_ELEMENT_TYPES.has(type.typeName.name);
  return scan.fields(field).some((member) => {
    const declared = (member.node as TSESTree.PropertyDefinition).typeAnnotation?.typeAnnotation;
    if (declared?.type === AST_NODE_TYPES.TSArrayType) return isBinary(declared.elementType);
    return (
      declared?.type === AST_NODE_TYPES.TSTypeReference &&
      declared.typeName.type === AST_NODE_TYPES.Identifier &&
      declared.typeName.name === 'Array' &&
      isBinary(declared.typeArguments?.params[0])
    );
  });
}

/** The field starts as text (`text = ''`, `this.text = ''`): `+=` appends to a string. */
function holdsText(scan: ActorScan, field: string): boolean {
  const isText = (raw: TSESTree.Node | undefined) => {
    const node = raw && unwrap(raw);
    return (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') || node?.type === AST_NODE_TYPES.TemplateLiteral;
  };
  if (scan.fields(field).some((member) => isText(member.value))) return true;
  return scan.thisRefs(field).some((ref) => ref.parent?.type === AST_NODE_TYPES.AssignmentExpression && ref.parent.left === ref && ref.parent.operator === '=' && isText(ref.parent.right));
}

/**
 * A parameter of the receiving method, or a field of one: what the actor was sent; also a copy of it
 * (`Buffer.from(msg.data)`, `new Uint8Array(frame)`): the copy is kept just the same.
 */
function isIncoming(scan: ActorScan, raw: TSESTree.Node, fn: FunctionNode): boolean {
  let node = unwrap(raw);
  const copied =
    node.type === AST_NODE_TYPES.CallExpression && BYTE_COPY_CALLS.has(methodCall(node)?.name ?? '')
      ? node.arguments[0]
      : node.type === AST_NODE_TYPES.NewExpression && ['Buffer', ...TYPED_ARRAY_CONSTRUCTORS].includes(calleeName(node) ?? '')
        ? node.arguments[0]
        : undefined;
  if (copied && copied.type !== AST_NODE_TYPES.SpreadElement) node = unwrap(copied);
  while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(scan.sourceCode, node)?.defs[0];
  return def?.type === 'Parameter' && def.node === fn;
}

/** `Buffer.concat([this.f, x])`, `this.f + x`, `[...this.f, x]`, `this.f.concat(x)`: the values added to `self`. */
function grownBy(scan: ActorScan, raw: TSESTree.Node, self: string): TSESTree.Node[] {
  const node = unwrap(raw);
  const isSelf = (n: TSESTree.Node) => scan.sourceCode.getText(unwrap(n)) === self;
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+' && isSelf(node.left)) return [node.right];
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const member = methodCall(node);
    const list = node.arguments[0] && unwrap(node.arguments[0]);
    if (member?.name === 'concat' && isSelf(member.receiver)) return node.arguments;
    if (member?.name === 'concat' && list?.type === AST_NODE_TYPES.ArrayExpression && list.elements.some((e) => !!e && isSelf(e))) {
      return list.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== AST_NODE_TYPES.SpreadElement && !isSelf(e));
    }
  }
  if (node.type === AST_NODE_TYPES.ArrayExpression && node.elements.some((e) => e?.type === AST_NODE_TYPES.SpreadElement && isSelf(e.argument))) {
    return node.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== AST_NODE_TYPES.SpreadElement);
  }
  return [];
}

/**
 * Anything in the class that clears, trims or compacts the field, or hands it to other code that says it
 * releases. The constructor's assignment (`this.text = ''`) is the field's first value, not a release.
 */
function isReleased(scan: ActorScan, field: string, options: HibernationOptions): boolean {
  const constructorFn = scan.constructorFn;
  for (const ref of scan.thisRefs(field)) {
    const parent = ref.parent;
    if (!parent) continue;
    if (constructorFn && isInside(ref, constructorFn) && enclosingFunction(ref) === constructorFn) continue;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref && parent.operator === '=') {
      if (grownBy(scan, parent.right, scan.sourceCode.getText(ref)).length === 0) return true; // reset or trimmed
    }
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return true;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === ref) {
      const name = propertyName(parent);
      const outer = parent.parent;
      if (name === 'length' && outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) return true;
      if (name && RELEASE_METHODS.has(name) && outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === parent) return true;
    }
    // Handed to a function that releases: `compact(this.frames)`, `hibernate(this.state)`.
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(ref as TSESTree.Expression)) {
      const name = calleeName(parent);
      if (name && (options.releaseFunctions.has(name) || RELEASING_NAMES.test(name))) return true;
    }
  }
  return false;
}
