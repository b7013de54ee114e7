import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { COLLECTION_GETTERS, COLLECTION_INSERTS, ELEMENT_KEEPING_METHODS, STRING_PASS_THROUGH_METHODS, SUBSCRIBE_METHODS, TIMER_FUNCTIONS } from './apis';
import {
  calleeName,
  compactText,
  declaringFunction,
  enclosingFunction,
  findVariable,
  functionName,
  isFunction,
  isGlobalBinding,
  isInside,
  isThisAlias,
  memberKeyName,
  methodCall,
  outerParent,
  patternNames,
  propertyName,
  returnSiteOf,
  shortText,
  staticNumber,
  singleInit,
  staticString,
  unwrap,
  type FunctionNode,
} from './ast';
import type { CallGraph } from './calls';
import type { HandlerFinder } from './handlers';
import type { ValueKinds } from './kinds';
import { isBufferConcat, iteratedReceiver } from './origins';

/**
 * Question 3: does a value reach long-lived storage, and by which path? Long-lived storage is a field of
 * `this`, a variable declared outside the function (module scope or an enclosing closure), a collection
 * held by those, an object taken out of one, a closure handed to a timer or subscription, or the new
 * state a reducer-style handler returns.
 */
export type SinkKind = 'field' | 'outer-variable' | 'collection' | 'closure' | 'state' | 'returned';

export interface Sink {
  kind: SinkKind;
  /** For messages: "`this.frames`", "the module variable `lastFrame`". */
  label: string;
  /** The storage expression (assignment target or collection), for self-trim checks and fixes. */
  target: TSESTree.Node;
  /** The expression whose value is stored there (the last step before the storage). */
  value?: TSESTree.Node;
  /** True when what is stored is a whole container of pieces (a split result), not one piece. */
  wholeContainer?: boolean;
  /**
   * The calls the value was returned through before it was stored, innermost first: `exits[0]` is the call of the
   * function that made it (`that.origin = utils.getOrigin(base_url)` for a piece `getOrigin` cuts of its `url`).
   */
  exits?: readonly TSESTree.CallExpression[];
}

export interface EscapeOptions {
  /** The value is a container of pieces (split parts, regexp matches): elements read from it carry it. */
  container?: boolean;
  /**
   * The value is a string piece: a concatenation holds it. V8 makes `piece + '…'` and `${piece}…` of 13+
   * characters a cons string that points at its parts, so the piece's parent stays alive with it.
   */
  text?: boolean;
  /**
   * Also a sink: what `resultOf` returns, the value itself or inside it. For a parser's input
   * (`parse(data)` hands back pieces of `data` to callers who keep them).
   */
  resultOf?: FunctionNode;
  /** Nodes the walk does not pass through: pieces already reported, when looking for the next one. */
  skip?: ReadonlySet<TSESTree.Node>;
  /**
   * Where the followed value sits inside `value`, as `Walk.fields`: with `['key']`, the result of `parseHeader(data)`
   * holds the view at `.key`, and only a read of `.key` (or a `{ key }` pattern) hands the view on.
   */
  fields?: readonly string[];
}

const MAX_CALL_DEPTH = 2;
/** How many returns of helpers a parser declares are followed to its result (`EscapeOptions.resultOf`). */
const MAX_PARSER_HELPER_DEPTH = 4;
const ELEMENT_METHODS = new Set(['pop', 'shift', 'at', 'find', 'findLast']);
// Receivers whose `push`/`add`/`set` is not a collection insert (streams, sockets, hashes, ports).
const NOT_A_COLLECTION = /stream|readable|writable|socket|sink|pipe|duplex|transform|response|^res$|port|channel|^ws$|conn|emitter|parser|decoder|encoder|hash|hmac|client|headers|params|searchParams|url/i;

interface Walk {
  depth: number;
  seen: Set<TSESTree.Node>;
  container: boolean;
  text: boolean;
  /**
   * Where the value sits inside the object or array being followed, innermost key last: a view put in
   * `{ body: view }` is followed as the object with fields `['body']`, and only a read of `.body` (or a
   * `{ body }` pattern) hands the view on. `''` marks a key that cannot be known (computed, after a spread).
   */
  fields: readonly string[];
  /** See EscapeOptions.resultOf. */
  resultOf?: FunctionNode;
  /** See EscapeOptions.skip. */
  skip?: ReadonlySet<TSESTree.Node>;
  /** For `resultOf`: the first node that holds one piece (`match[2]`, `parts.pop()`, a destructured name's read). */
  piece?: TSESTree.Node;
}

export class EscapeFinder {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly handlers: HandlerFinder,
    private readonly kinds: ValueKinds,
    private readonly calls: CallGraph,
  ) {}

  /**
   * `this.pending = this.pending.subarray(n)`: trimming a buffer in place keeps nothing new. So does
   * keeping a text stream's unfinished tail (`const all = rest + chunk; … rest = all.slice(i)`): it holds
   * at most one chunk until the next one arrives, as a Buffer accumulator does; so does a text carry
   * taken with `lines.pop()` from `(carry + chunk).split('\n')`.
   */
  isSelfTrim(sink: Sink, parent: TSESTree.Node): boolean {
    if (sink.kind !== 'field' && sink.kind !== 'outer-variable') return false;
    const text = (node: TSESTree.Node) => compactText(this.sourceCode, unwrap(node));
    const target = text(sink.target);
    const base = unwrap(parent);
    if (text(base) === target) return true;
    // `carry = (carry + chunk).split('\n').pop()`: the unfinished line, cut from the text it was built from.
    if (concatenationParts(base).some((part) => text(part) === target)) return true;
    if (base.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, base);
      const init = variable && singleInit(variable);
      if (init && concatenationParts(init).some((part) => text(part) === target)) return true;
    }
    // `this.pending = new Uint8Array(this.pending.buffer, …)`; a field named `buffer` matched above.
    return base.type === AST_NODE_TYPES.MemberExpression && propertyName(base) === 'buffer' && text(base.object) === target;
  }

  /** A sink on the object `this` is (`this.header`, `this.items`), or on its `self` alias. */
  isOnThis(sink: Sink): boolean {
    let node = unwrap(sink.target);
    while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
    if (node.type === AST_NODE_TYPES.ThisExpression) return true;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, node);
    return !!variable && isThisAlias(variable);
  }

  /** Where `value` is kept beyond the function that made it, if anywhere. */
  sinkOf(value: TSESTree.Node, options: EscapeOptions = {}): Sink | undefined {
    try {
      return this.follow(value, {
        depth: 0,
        seen: new Set(),
        container: options.container ?? false,
        text: options.text ?? false,
        fields: options.fields ?? [],
        ...(options.resultOf && { resultOf: options.resultOf }),
        ...(options.skip && { skip: options.skip }),
      });
    } catch {
      return undefined;
    }
  }

  /**
   * Where `value` is kept, with what `parentAt` says of its parent there. A piece its function returns is kept at
   * one of the function's calls (`Sink.exits`), and what that call hands in is the piece's parent: the calls that
   * keep it are tried in turn (up to four) until `parentAt` knows the parent one of them hands in.
   */
  keptWith<T>(value: TSESTree.Node, options: EscapeOptions, parentAt: (exit: TSESTree.CallExpression | undefined) => T | undefined): { sink: Sink; parent: T } | undefined {
    const passed = new Set(options.skip ?? []);
    for (let tries = 0; tries < 4; tries++) {
      const sink = this.sinkOf(value, { ...options, skip: passed });
      if (!sink) return undefined;
      const exit = sink.exits?.[0];
      const parent = parentAt(exit);
      if (parent !== undefined) return { sink, parent };
      if (!exit) return undefined;
      passed.add(exit);
    }
    return undefined;
  }

  /**
   * The function that hands `value` back to its caller: `value` (or, for text, a concatenation holding it,
   * through conditionals and `String()`) is what a `return` or an arrow's body gives, or what a `new Promise`
   * executor's `resolve(…)` settles with. Not handlers, not callbacks of calls (`map`, `then`), whose
   * returns go to a known place.
   */
  returnedBy(value: TSESTree.Node, options: EscapeOptions = {}): Sink | undefined {
    let stoppedAt: TSESTree.CallExpression | undefined;
    const site = returnSiteOf(
      value,
      (parent, child) => {
        if (!options.text) return false;
        if (parent.type === AST_NODE_TYPES.BinaryExpression) return parent.operator === '+';
        if (parent.type === AST_NODE_TYPES.TemplateLiteral) return true;
        return parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== child && isGlobalString(parent.callee, this.sourceCode);
      },
      (parent, child) => {
        if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== child) stoppedAt = parent;
      },
    );
    if (site) return this.returnedSink(site.fn, 'returns');
    // `return new Promise((resolve) => { … resolve(value) })`: the promise the function returns.
    const executor = stoppedAt && resolvedPromiseExecutor(stoppedAt, this.sourceCode);
    const promise = executor?.parent;
    if (!promise || !this.returnedBy(promise)) return undefined;
    return this.returnedSink(enclosingFunction(promise), 'resolves with');
  }

  private returnedSink(fn: FunctionNode | undefined, how: string): Sink | undefined {
    if (!fn || this.handlers.handlerOf(fn)) return undefined;
    // A callback's return goes where its caller puts it (`parts.map(…)`), which `sinkOf` follows.
    if (fn.parent?.type === AST_NODE_TYPES.CallExpression || fn.parent?.type === AST_NODE_TYPES.NewExpression) return undefined;
    const name = functionName(fn);
    return { kind: 'returned', label: name ? `\`${name}()\` ${how} it` : `the function ${how} it`, target: fn };
  }

  private follow(node: TSESTree.Node, walk: Walk): Sink | undefined {
    if (walk.seen.has(node) || walk.seen.size > 300 || walk.skip?.has(node)) return undefined;
    walk.seen.add(node);
    // Following a parser's result: the first node that is one piece (not a container of pieces, not a
    // record holding it) is what its caller gets a piece of.
    if (walk.resultOf && !walk.piece && !walk.container && walk.fields.length === 0) walk = { ...walk, piece: node };
    const sink = this.step(node, walk);
    if (sink && !sink.value) {
      sink.value = node;
      sink.wholeContainer = walk.container;
    }
    return sink;
  }

  private step(node: TSESTree.Node, walk: Walk): Sink | undefined {
    const { child, parent } = outerParent(node);
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test === child ? undefined : this.follow(parent, walk);
      case AST_NODE_TYPES.LogicalExpression:
        return this.follow(parent, walk);
      case AST_NODE_TYPES.SequenceExpression:
        return parent.expressions[parent.expressions.length - 1] === child ? this.follow(parent, walk) : undefined;
      case AST_NODE_TYPES.AwaitExpression:
        return this.follow(parent, walk);
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === child ? this.intoPattern(parent.id, walk) : undefined;
      // `constructor(key, state = b4a.allocUnsafe(n))`: a default value is what the parameter holds when
      // callers leave it out.
      case AST_NODE_TYPES.AssignmentPattern:
        return parent.right === child ? this.intoPattern(parent.left, walk) : undefined;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== child) return undefined;
        if (parent.left.type === AST_NODE_TYPES.ArrayPattern || parent.left.type === AST_NODE_TYPES.ObjectPattern) {
          return this.intoPattern(parent.left, walk);
        }
        return this.intoTarget(parent.left, walk);
      case AST_NODE_TYPES.Property:
        return parent.value === child && parent.parent?.type === AST_NODE_TYPES.ObjectExpression
          ? this.follow(parent.parent, withField(walk, staticKey(parent)))
          : undefined;
      case AST_NODE_TYPES.ArrayExpression:
        return this.follow(parent, withField(walk, elementIndex(parent, child)));
      // A concatenation holding a piece (see EscapeOptions.text); slicing or trimming it flattens it.
      case AST_NODE_TYPES.BinaryExpression:
        return parent.operator === '+' && walk.text && !walk.container && walk.fields.length === 0 ? this.follow(parent, walk) : undefined;
      case AST_NODE_TYPES.TemplateLiteral:
        return walk.text && !walk.container && walk.fields.length === 0 ? this.follow(parent, walk) : undefined;
      case AST_NODE_TYPES.SpreadElement: {
        // `[...frames]`, `queue.push(...frames)`, `{ ...frame }`: the spread hands on what it holds.
        const holder = parent.parent;
        if (holder?.type === AST_NODE_TYPES.CallExpression) return this.intoCall(holder, parent, walk);
        if (holder?.type === AST_NODE_TYPES.ObjectExpression && walk.container) {
          // `{ type, ...match.groups }`: each group becomes a property of the record, one piece under a key not
          // known here; what is kept is the spread, not the match.
          const sink = this.follow(holder, { ...walk, container: false, fields: [...walk.fields, ''] });
          if (sink) Object.assign(sink, { value: child, wholeContainer: true });
          return sink;
        }
        return holder ? this.follow(holder, walk) : undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === child) return undefined;
        // `String(piece)` returns the piece itself.
        if (walk.text && !walk.container && walk.fields.length === 0 && isGlobalString(parent.callee, this.sourceCode)) return this.follow(parent, walk);
        return this.intoCall(parent, child, walk);
      case AST_NODE_TYPES.NewExpression:
        return parent.callee === child ? undefined : this.intoNew(parent, child, walk);
      case AST_NODE_TYPES.ReturnStatement:
        return this.fromReturn(enclosingFunction(parent), walk);
      case AST_NODE_TYPES.YieldExpression:
        return parent.argument === child && !parent.delegate ? this.fromYield(enclosingFunction(parent), walk) : undefined;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child ? this.fromReturn(parent, walk) : undefined;
      case AST_NODE_TYPES.MemberExpression:
        // `piece.toLowerCase()`, `piece.replace(…)`: the result may be the piece itself or hold its slices.
        if (walk.text && !walk.container && walk.fields.length === 0 && parent.object === child && STRING_PASS_THROUGH_METHODS.has(propertyName(parent) ?? '')) {
          const call = parent.parent;
          return call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent ? this.follow(call, walk) : undefined;
        }
        // `[...log, view].slice(-100)`: the new array holds the element too, at an index not known.
        if (isElement(walk) && parent.object === child && ELEMENT_KEEPING_METHODS.has(propertyName(parent) ?? '')) {
          const call = parent.parent;
          return call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent ? this.follow(call, asElement(walk)) : undefined;
        }
        // `result.body` where the value sits at `body`: the read is the value; other fields are not (nor
        // any read, when where it sits is not known).
        if (walk.fields.length > 0) {
          const field = walk.fields[walk.fields.length - 1];
          // `list[i]` of a list that holds the value at an index not known: the element read may be it.
          if (atUnknownIndex(walk) && parent.object === child && parent.computed && staticKey(parent) === '') return this.follow(parent, withoutField(walk));
          return field !== '' && parent.object === child && staticKey(parent) === field ? this.follow(parent, withoutField(walk)) : undefined;
        }
        // An element read from a container of pieces is a piece: `parts[1]`, `match.groups.id`.
        if (walk.container && parent.object === child && isElementRead(parent)) {
          // `match.groups` is still a container; `parts[1]` and `match.groups.id` are pieces.
          return this.follow(parent, { ...walk, container: propertyName(parent) === 'groups' });
        }
        // `parts.pop()`, `parts.at(-1)`, `parts.find(...)`: one piece out of the container.
        if (
          walk.container &&
          parent.object === child &&
          ELEMENT_METHODS.has(propertyName(parent) ?? '') &&
          parent.parent?.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent
        ) {
          return this.follow(parent.parent, { ...walk, container: false });
        }
        return undefined;
      case AST_NODE_TYPES.ForOfStatement: {
        const declared = parent.right === child && parent.left.type === AST_NODE_TYPES.VariableDeclaration ? parent.left.declarations[0] : undefined;
        if (!declared) return undefined;
        // `for (const d of datas)` over a list that holds the value: the loop variable may be it.
        if (atUnknownIndex(walk)) return this.intoPattern(declared.id, withoutField(walk));
        // `for (const part of parts)`: the loop variable is a piece; `for (const m of text.matchAll(re))`:
        // each is a match, itself a container of pieces.
        return walk.container ? this.intoPattern(declared.id, { ...walk, container: this.isMatchAll(child) }) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** `text.matchAll(re)`, or a `const` holding one: an iterator of matches. */
  private isMatchAll(node: TSESTree.Node): boolean {
    let value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, value);
      const init = variable && singleInit(variable);
      if (!init) return false;
      value = unwrap(init);
    }
    return value.type === AST_NODE_TYPES.CallExpression && methodCall(value)?.name === 'matchAll';
  }

  /** `const x = value`, `const [a, b] = parts`, `const { id } = match.groups`. */
  private intoPattern(pattern: TSESTree.Node, walk: Walk): Sink | undefined {
    if (pattern.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, pattern);
      if (!variable) return undefined;
      if (!declaringFunction(variable) && isModuleScope(variable)) {
        return { kind: 'outer-variable', label: `the module variable \`${pattern.name}\``, target: pattern };
      }
      return this.intoVariable(variable, pattern, walk);
    }
    if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return this.intoPattern(pattern.left, walk);
    // `const { body } = parse(chunk)` where the value sits at `body`.
    if (walk.fields.length > 0) return this.intoField(pattern, walk);
    // Destructuring reads elements: only containers of pieces hand their pieces on.
    if (!walk.container) return undefined;
    const names: TSESTree.Identifier[] = [];
    patternNames(pattern, names);
    for (const name of names) {
      const sink = this.intoPattern(name, { ...walk, container: false });
      if (sink) return sink;
    }
    return undefined;
  }

  /** The part of a destructuring pattern that receives the field the value sits at. */
  private intoField(pattern: TSESTree.Node, walk: Walk): Sink | undefined {
    const field = walk.fields[walk.fields.length - 1];
    if (field === '') return undefined;
    if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      for (const prop of pattern.properties) {
        if (prop.type === AST_NODE_TYPES.RestElement) return this.intoPattern(prop.argument, walk);
        if (staticKey(prop) === field) return this.intoPattern(prop.value, withoutField(walk));
      }
      return undefined;
    }
    if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
      const index = Number(field);
      for (let i = 0; i < pattern.elements.length && i <= index; i++) {
        const element = pattern.elements[i];
        if (element?.type === AST_NODE_TYPES.RestElement) return undefined;
        if (i === index && element) return this.intoPattern(element, withoutField(walk));
      }
    }
    return undefined;
  }

  /** `target = value`. */
  private intoTarget(target: TSESTree.Node, walk: Walk): Sink | undefined {
    const node = unwrap(target);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, node);
      if (!variable) return undefined;
      const declaredIn = declaringFunction(variable);
      const here = enclosingFunction(node);
      if (!declaredIn || (here && declaredIn !== here && !isInside(declaredIn, here) && !this.runsInPlace(here, declaredIn))) {
        const label = declaredIn
          ? `\`${node.name}\`, declared outside the function`
          : `the module variable \`${node.name}\``;
        return { kind: 'outer-variable', label, target: node };
      }
      return this.intoVariable(variable, node, walk);
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const object = unwrap(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      return { kind: 'field', label: `\`${this.text(node)}\``, target: node };
    }
    if (this.isLongLived(object, 0)) return { kind: 'field', label: `\`${this.text(node)}\``, target: node };
    // `frame.header = view` on a local object: wherever the object goes, the view goes.
    if (object.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, object);
      if (variable) return this.intoVariable(variable, object, withField({ ...walk, container: false }, staticKey(node)));
    }
    return undefined;
  }

  /** Every later read of a local variable that holds the value. */
  private intoVariable(variable: TSESLint.Scope.Variable, declaration: TSESTree.Node, walk: Walk): Sink | undefined {
    const owner = declaringFunction(variable);
    for (const ref of variable.references) {
      if (ref.identifier === declaration || !ref.isRead()) continue;
      const readIn = enclosingFunction(ref.identifier);
      if (readIn && readIn !== owner) {
        const closure = this.closureSink(readIn, owner, ref.identifier) ?? this.storedClosure(readIn, owner, walk);
        if (closure) return closure;
      }
      const sink = this.follow(ref.identifier, walk);
      if (sink) return sink;
    }
    return undefined;
  }

  /** A read inside a closure handed to a timer or a subscription keeps the value as long as that lives. */
  private closureSink(inner: FunctionNode, owner: FunctionNode | undefined, use: TSESTree.Node): Sink | undefined {
    let fn: FunctionNode | undefined = inner;
    while (fn && fn !== owner) {
      const call = fn.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.Expression)) {
        const name = calleeName(call);
        if (name && (TIMER_FUNCTIONS.has(name) || SUBSCRIBE_METHODS.has(name))) {
          return { kind: 'closure', label: `a closure passed to ${name}()`, target: use };
        }
      }
      fn = enclosingFunction(fn);
    }
    return undefined;
  }

  /** A closure that reads the value and is itself stored (`this.pending.set(id, () => reply(frame))`). */
  private storedClosure(inner: FunctionNode, owner: FunctionNode | undefined, walk: Walk): Sink | undefined {
    let fn: FunctionNode | undefined = inner;
    while (fn && fn !== owner) {
      const sink = this.follow(fn, { ...walk, container: false });
      if (sink) return { ...sink, kind: 'closure', label: `a closure kept in ${sink.label}`, value: fn };
      fn = enclosingFunction(fn);
    }
    return undefined;
  }

  private intoCall(call: TSESTree.CallExpression, arg: TSESTree.Node, walk: Walk): Sink | undefined {
    const index = call.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
    if (index < 0) return undefined;
    // `new Promise((resolve) => … resolve(value))`, also from a callback inside the executor: the promise
    // settles with the value, and whoever awaits it (or keeps it) gets the value.
    if (index === 0) {
      const executor = resolvedPromiseExecutor(call, this.sourceCode);
      if (executor?.parent && walk.depth < MAX_CALL_DEPTH) return this.follow(executor.parent, { ...walk, depth: walk.depth + 1 });
    }
    const method = methodCall(call);
    if (method) {
      const receiver = unwrap(method.receiver);
      const firstStored = COLLECTION_INSERTS.get(method.name);
      if (firstStored !== undefined && index >= firstStored) {
        // `this.push(chunk)` in a stream is Readable#push, not a collection.
        if (receiver.type === AST_NODE_TYPES.ThisExpression) return undefined;
        if (this.isLongLived(receiver, 0)) {
          return this.isCollection(receiver)
            ? { kind: 'collection', label: `\`${this.text(receiver)}\``, target: receiver }
            : undefined;
        }
        if (receiver.type === AST_NODE_TYPES.Identifier) {
          const variable = findVariable(this.sourceCode, receiver);
          // A local list: the value is one of its elements, at an index not known (`datas.push(d)`, then `datas[i]`).
          if (variable && this.isCollection(receiver)) return this.intoVariable(variable, receiver, walk.container || walk.text ? walk : asElement(walk));
        }
        // `level.fragments.push(frag)` on a local object, `data[key].push(value)` on a local table: wherever the
        // object goes, its collection goes.
        if (receiver.type === AST_NODE_TYPES.MemberExpression && this.isCollection(receiver)) {
          const object = unwrap(receiver.object);
          const variable = object.type === AST_NODE_TYPES.Identifier ? findVariable(this.sourceCode, object) : undefined;
          if (variable && declaringFunction(variable)) return this.intoVariable(variable, object, withField({ ...walk, container: false }, staticKey(receiver)));
        }
        return undefined;
      }
      // `log.concat(view)`, `log.concat([view])`: the new array holds the value as an element.
      // (`Buffer.concat([view])` copies the bytes: the new Buffer holds no element.)
      if (method.name === 'concat' && (walk.fields.length === 0 || isElement(walk)) && !this.kinds.bufferFactory(call) && !this.kinds.pooledFactory(call)) {
        return this.follow(call, asElement(walk));
      }
      if (
        method.name === 'assign' &&
        receiver.type === AST_NODE_TYPES.Identifier &&
        receiver.name === 'Object' &&
        index >= 1 &&
        call.arguments[0]
      ) {
        return this.intoTarget(call.arguments[0], walk);
      }
    }
    if (walk.depth >= MAX_CALL_DEPTH) return undefined;
    const fn = this.calls.resolveCallee(call);
    const param = fn?.params[index];
    if (!fn || !param) return undefined;
    const name = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (name.type === AST_NODE_TYPES.ObjectPattern || name.type === AST_NODE_TYPES.ArrayPattern) {
      return walk.fields.length > 0 ? this.intoField(name, { ...walk, depth: walk.depth + 1 }) : undefined;
    }
    if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode, name);
    return variable ? this.intoVariable(variable, name, { ...walk, depth: walk.depth + 1 }) : undefined;
  }

  /** `new Map([[key, value]])`, `new Set([value])`: the collection holds the value. */
  private intoNew(construct: TSESTree.NewExpression, arg: TSESTree.Node, walk: Walk): Sink | undefined {
    const callee = unwrap(construct.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && (callee.name === 'Map' || callee.name === 'Set')) {
      return this.follow(construct, walk);
    }
    // `new Push(tx.subarray(0, 32))`, `new GitBranch(repo, match[2])`: an object of the code's own or a
    // library's class keeps what it is built with, as a record does (a class of this file only when its
    // constructor stores that parameter on `this`). The platform's classes parse or copy their arguments
    // (`new Date(s)`, `new URL(s)`, `new Uint8Array(view)`), except errors, which keep their message.
    const index = construct.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
    if (index < 0 || walk.container) return undefined;
    const ctor = this.calls.resolveConstructor(construct) ?? this.calls.resolveFunctionConstructor(construct);
    if (ctor) {
      if (!storesParameter(ctor, index, this.sourceCode)) return undefined;
    } else if (callee.type === AST_NODE_TYPES.Identifier) {
      if (isGlobalBinding(this.sourceCode, callee) && !/Error$/.test(callee.name)) return undefined;
    } else if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) {
      return undefined;
    }
    return this.follow(construct, withField(walk, ''));
  }

  private fromReturn(fn: FunctionNode | undefined, walk: Walk): Sink | undefined {
    if (!fn) return undefined;
    if (fn === walk.resultOf) {
      // Through containers and records the last step is the result (`return found`): the value the caller
      // gets a piece of is the piece taken out of a match or split, when one was.
      const name = functionName(fn) ?? 'the function';
      return { kind: 'returned', label: `\`${name}()\` returns it in its result`, target: fn, ...(walk.piece && { value: walk.piece }) };
    }
    const handler = this.handlers.handlerOf(fn);
    if (handler?.returnsState) {
      return { kind: 'state', label: `the state returned by ${handler.label}`, target: fn };
    }
    if (handler) return undefined;
    // `parts.map((p) => p.trim())`: what the callback returns becomes an element of the result.
    const iterated = iteratedReceiver(fn);
    if (iterated && fn.parent?.type === AST_NODE_TYPES.CallExpression) {
      const name = methodCall(fn.parent)?.name;
      if (name === 'map' || name === 'flatMap') return this.follow(fn.parent, { ...walk, container: true });
      return undefined;
    }
    // A parser's own helpers nest deeper (tXml: a name returned by `parseName()` to `parseNode()`, whose node
    // `parseChildren()` collects and `parse()` returns); they are called only from inside it.
    const limit = walk.resultOf && isInside(fn, walk.resultOf) ? MAX_PARSER_HELPER_DEPTH : MAX_CALL_DEPTH;
    if (walk.depth >= limit) return undefined;
    for (const call of this.calls.callSites(fn)) {
      const sink = this.follow(call, { ...walk, depth: walk.depth + 1 });
      if (sink) return { ...sink, exits: [call, ...(sink.exits ?? [])] };
    }
    return undefined;
  }

  /** `yield view` in a generator: where its callers' loops (`for (const frame of frames(chunk))`) put it. */
  private fromYield(fn: FunctionNode | undefined, walk: Walk): Sink | undefined {
    if (!fn?.generator) return undefined;
    // What the generator asked about yields goes to its callers, as a return does.
    if (fn === walk.resultOf) {
      const name = functionName(fn) ?? 'the generator';
      return { kind: 'returned', label: `\`${name}()\` yields it`, target: fn };
    }
    if (walk.depth >= MAX_CALL_DEPTH) return undefined;
    for (const call of this.calls.callSites(fn)) {
      const { child, parent } = outerParent(call);
      const next = { ...walk, depth: walk.depth + 1 };
      if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === child) {
        const left = parent.left;
        const sink =
          left.type === AST_NODE_TYPES.VariableDeclaration
            ? left.declarations[0] && this.intoPattern(left.declarations[0].id, next)
            : this.intoTarget(left, next);
        if (sink) return sink;
      } else if (parent?.type === AST_NODE_TYPES.SpreadElement) {
        // `[...frames(chunk)]`, `list.push(...frames(chunk))`: each yielded value is an element.
        const sink = this.follow(call, asElement(next));
        if (sink) return sink;
      }
    }
    return undefined;
  }

  /**
   * `inner` only runs during a call of `outer`: it is `outer`, or a local helper that is only ever
   * called (`const take = (line) => collected.push(line); … take(x)`), never passed or stored, from
   * places that themselves run during that call, or an array method's callback (`lines.forEach(…)`)
   * there. Variables of `outer` it writes are then locals of the call, not long-lived storage. A helper
   * called from a listener registered in `outer` runs later.
   */
  private runsInPlace(inner: FunctionNode, outer: FunctionNode, visiting = new Set<FunctionNode>()): boolean {
    if (inner === outer || visiting.has(inner)) return true;
    if (visiting.size > 8 || !isInside(inner, outer)) return false;
    visiting.add(inner);
    // `lines.forEach((line) => { key = line })`: an array method's callback runs before the call returns.
    if (iteratedReceiver(inner)) {
      const caller = enclosingFunction(inner.parent!);
      return !!caller && this.runsInPlace(caller, outer, visiting);
    }
    const name =
      inner.type === AST_NODE_TYPES.FunctionDeclaration
        ? inner.id
        : inner.parent?.type === AST_NODE_TYPES.VariableDeclarator && inner.parent.init === inner && inner.parent.id.type === AST_NODE_TYPES.Identifier
          ? inner.parent.id
          : undefined;
    const variable = name ? findVariable(this.sourceCode, name) : undefined;
    if (!variable) return false;
    return variable.references
      .filter((ref) => !ref.init)
      .every((ref) => {
        const call = ref.identifier.parent;
        if (!ref.isRead() || ref.isWrite() || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref.identifier) return false;
        const caller = enclosingFunction(call);
        return !!caller && this.runsInPlace(caller, outer, visiting);
      });
  }

  /** Storage that outlives the current call: `this`, outer variables, and what is fetched from them. */
  isLongLived(raw: TSESTree.Node, depth: number): boolean {
    const node = unwrap(raw);
    if (depth > 4) return false;
    switch (node.type) {
      case AST_NODE_TYPES.ThisExpression:
        return true;
      case AST_NODE_TYPES.MemberExpression:
        return this.isLongLived(node.object, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        const method = methodCall(node);
        return !!method && COLLECTION_GETTERS.has(method.name) && this.isLongLived(method.receiver, depth + 1);
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(this.sourceCode, node);
        if (!variable) return false;
        const declaredIn = declaringFunction(variable);
        const here = enclosingFunction(node);
        if (!declaredIn) return isModuleScope(variable) && variable.defs.some((def) => def.type === 'Variable');
        // A cache handed in (`function getNode(storage, index, cache)`): a cache outlives the call by design.
        if (isCacheParameter(variable)) return true;
        if (here && declaredIn !== here && isInside(here, declaredIn) && !this.runsInPlace(here, declaredIn)) {
          return variable.defs.some((def) => def.type === 'Variable');
        }
        for (const def of variable.defs) {
          if (def.type !== 'Variable') continue;
          const declarator = def.node as TSESTree.VariableDeclarator;
          if (declarator.id === def.name && declarator.init && this.isLongLived(declarator.init, depth + 1)) return true;
        }
        return false;
      }
      default:
        return false;
    }
  }

  /** Is `receiver` a collection (array, Map, Set)? Types first; without them, declarations and names. */
  private isCollection(receiver: TSESTree.Node): boolean {
    const kind = this.kinds.kindOf(receiver);
    if (kind === 'array' || kind === 'map' || kind === 'set') return true;
    if (kind !== 'unknown') return false;
    const node = unwrap(receiver);
    // A field or module variable whose declaration we can see but not classify is not assumed a collection.
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, node);
      return !!variable && isCacheParameter(variable);
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) return false;
      // `releases[pkg].push(v)`: an entry of a table, one collection per key.
      if (node.computed && node.property.type !== AST_NODE_TYPES.Literal) return true;
      const name = propertyName(node);
      return !!name && !NOT_A_COLLECTION.test(name);
    }
    return false;
  }

  private text(node: TSESTree.Node): string {
    return shortText(this.sourceCode, node);
  }
}

// The value itself reaches the assignment: through `a || b`, `c ? a : b`, array and object literals,
// casts; not a value computed from it (`this.size = key.length`).
const CARRIERS = new Set<string>([
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.Property,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
]);

/** `constructor(body) { this.body = body }`, `this.parts = [head, body]`: the constructor keeps parameter `index` on `this`. */
function storesParameter(ctor: FunctionNode, index: number, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const param = ctor.params[index];
  if (!param) return false;
  if (param.type === AST_NODE_TYPES.TSParameterProperty) return true;
  const name = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (name.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, name);
  for (const ref of variable?.references ?? []) {
    let child: TSESTree.Node = ref.identifier as TSESTree.Identifier;
    let node: TSESTree.Node | undefined = child.parent;
    while (node && CARRIERS.has(node.type) && !(node.type === AST_NODE_TYPES.ConditionalExpression && node.test === child)) {
      child = node;
      node = node.parent;
    }
    if (node?.type === AST_NODE_TYPES.AssignmentExpression && node.right === child) {
      let target: TSESTree.Node = node.left;
      while (target.type === AST_NODE_TYPES.MemberExpression) target = target.object;
      if (target.type === AST_NODE_TYPES.ThisExpression) return true;
    }
  }
  return false;
}

/** A parameter named as a cache (`cache`, `nodeCache`), with no default of its own, never reassigned. */
function isCacheParameter(variable: TSESLint.Scope.Variable): boolean {
  return (
    variable.defs.length === 1 &&
    variable.defs[0]!.type === 'Parameter' &&
    variable.defs[0]!.name.parent?.type !== AST_NODE_TYPES.AssignmentPattern &&
    CACHE_NAME.test(variable.name) &&
    !variable.references.some((ref) => ref.isWrite() && !ref.init)
  );
}

const CACHE_NAME = /^(?:cache|\w+Cache)$/;

function isModuleScope(variable: TSESLint.Scope.Variable): boolean {
  const type = variable.scope.type;
  return type === 'module' || type === 'global' || (variable.scope.block as TSESTree.Node).type === AST_NODE_TYPES.Program;
}

/** `parts[1]`, `match.groups`, `match.groups.id`; not `parts.length` or `match.index`. */
function isElementRead(member: TSESTree.MemberExpression): boolean {
  if (member.computed) return true;
  if (propertyName(member) === 'groups') return true;
  const object = unwrap(member.object);
  return object.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === 'groups';
}

/** The key a property, member read or pattern entry names statically (`body`, `'body'`, `[0]`); `''` otherwise. */
function staticKey(node: TSESTree.Property | TSESTree.MemberExpression): string {
  const member = node.type === AST_NODE_TYPES.MemberExpression;
  const name = member ? propertyName(node) : memberKeyName(node);
  const key = member ? node.property : node.key;
  return name ?? staticString(key) ?? staticNumber(key)?.toString() ?? '';
}

/** The index of `element` in an array literal; `''` after a spread, which shifts what follows. */
function elementIndex(array: TSESTree.ArrayExpression, element: TSESTree.Node): string {
  const index = array.elements.indexOf(element as TSESTree.Expression);
  if (index < 0 || array.elements.slice(0, index).some((item) => item?.type === AST_NODE_TYPES.SpreadElement)) return '';
  return String(index);
}

/** The value is an element of the array being followed (at a known index or not). */
function isElement(walk: Walk): boolean {
  const field = walk.fields[walk.fields.length - 1];
  return field !== undefined && (field === '' || /^\d+$/.test(field));
}

/** The value is an element of the array followed, at an index not known (`list.push(value)`). */
function atUnknownIndex(walk: Walk): boolean {
  return walk.fields[walk.fields.length - 1] === '';
}

/** Follows an array that holds the value at an unknown index (a new array made from the old one). */
function asElement(walk: Walk): Walk {
  return withField(isElement(walk) ? withoutField(walk) : walk, '');
}

function withField(walk: Walk, field: string): Walk {
  return { ...walk, fields: [...walk.fields, field] };
}

function withoutField(walk: Walk): Walk {
  return { ...walk, fields: walk.fields.slice(0, -1) };
}


/** The operands of `a + b + …` or the expressions of `` `${a}${b}` ``; [] for anything else. */
function concatenationParts(node: TSESTree.Node): TSESTree.Node[] {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions;
  // `Buffer.concat(this.chunks)`: the chunks it joins.
  if (value.type === AST_NODE_TYPES.CallExpression && value.arguments[0] && isBufferConcat(value)) {
    const list = unwrap(value.arguments[0]);
    return list.type === AST_NODE_TYPES.ArrayExpression ? list.elements.filter((element): element is TSESTree.Expression => !!element && element.type !== AST_NODE_TYPES.SpreadElement) : [list];
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    return [...concatenationParts(value.left), ...concatenationParts(value.right), value.left, value.right];
  }
  return [];
}

/** The global `String`, not shadowed. */
function isGlobalString(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const node = unwrap(callee);
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'String' && isGlobalBinding(sourceCode, node);
}

/**
 * `resolve(value)` where `resolve` is the first parameter of a `new Promise((resolve) => …)` executor:
 * the executor, whose promise settles with the value.
 */
function resolvedPromiseExecutor(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): FunctionNode | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode, callee);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter') return undefined;
  const executor = def.node as TSESTree.Node;
  if (!isFunction(executor) || executor.params[0] !== def.name) return undefined;
  const construct = executor.parent;
  return construct?.type === AST_NODE_TYPES.NewExpression &&
    construct.arguments[0] === executor &&
    construct.callee.type === AST_NODE_TYPES.Identifier &&
    construct.callee.name === 'Promise'
    ? executor
    : undefined;
}
