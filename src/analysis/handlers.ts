import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { LeakproofSettings } from './settings';
import {
  ACTOR_INITIALIZE_METHOD,
  ACTOR_LIFECYCLE_METHODS,
  ACTOR_SELF_METHODS,
  ACTOR_SELF_PARAM_NAMES,
  ACTOR_STATE_TYPES,
  BYTE_EVENTS,
  BYTE_MESSAGE_EMITTERS,
  CONSUMER_CONSTRUCTORS,
  CONSUMER_METHODS,
  STATELESS_HANDLER_FACTORIES,
  STATE_UPDATERS,
  ONCE_METHODS,
  STREAM_BASE_CLASSES,
  STREAM_CHUNK_METHODS,
  STREAM_CLASSES,
  SUBSCRIBE_METHODS,
  TEXT_EVENTS,
  UI_EVENTS,
} from './apis';
import {
  assignedValues,
  calleeName,
  className,
  enclosingClass,
  findVariable,
  implementedNames,
  isFunction,
  memberKeyName,
  methodCall,
  methodNameOf,
  moduleOf,
  nameOf,
  propertyName,
  staticString,
  superClassName,
  thisAliasDeclared,
  unwrap,
  walk,
  type FunctionNode,
} from './ast';
import type { TypeFacts } from './types';

/**
 * Question 1: is this code long-lived? A handler is a function that runs once per message, event or
 * chunk for as long as its owner lives; what it stores outside itself accumulates.
 */
export type HandlerKind = 'subscription' | 'event-property' | 'method' | 'stream' | 'factory';

export interface Handler {
  fn: FunctionNode;
  kind: HandlerKind;
  /** For messages: "the 'data' handler", "SessionActor.webSocketMessage". */
  label: string;
  /** The subscribed event, when known ('data', 'message', ...). */
  event?: string;
  /** The object subscribed to, when it is a subscription: `socket` in `socket.on('data', ...)`. */
  emitter?: TSESTree.Node;
  /** Reducer-style handlers (`(state, msg) => newState`): what they return becomes the actor's state. */
  returnsState: boolean;
}

/** A text encoding's name, as Node's stream and fs functions take it. */
const ENCODING_NAME = /^(?:utf-?8|utf-?16le|ucs-?2|latin1|binary|ascii|hex|base64(?:url)?)$/i;

/** `ws.binaryType = 'arraybuffer'` (or 'blob', 'fragments'): messages are not Buffers. */
const OTHER_BINARY_TYPE = /\.binaryType\s*=\s*['"`](?!nodebuffer['"`])/;

interface PrototypeClass {
  name: string;
  /** The node that keys the class's facts: its constructor function, else its first method. */
  key: TSESTree.Node;
  functions: FunctionNode[];
  methods: Map<string, FunctionNode>;
  /** The class it inherits from (`inherits(C, stream.Duplex)` → 'Duplex'), when the file says. */
  base?: string;
}

interface PrototypeIndex {
  byKey: Map<TSESTree.Node, PrototypeClass>;
  byFunction: Map<TSESTree.Node, PrototypeClass>;
}

export class HandlerFinder {
  private readonly cache = new WeakMap<FunctionNode, Handler | null>();
  private readonly classMethodRefs = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly settings: LeakproofSettings,
    private readonly types: TypeFacts,
  ) {}

  /** The handler `fn` is, if it is one. */
  handlerOf(fn: FunctionNode): Handler | undefined {
    const cached = this.cache.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    this.cache.set(fn, null); // recursion guard
    let found: Handler | undefined;
    try {
      found = this.findHandler(fn);
    } catch {
      found = undefined;
    }
    this.cache.set(fn, found ?? null);
    return found;
  }

  /** The nearest enclosing function that is a handler (the innermost function first). */
  enclosingHandler(node: TSESTree.Node): Handler | undefined {
    let current: TSESTree.Node | undefined = node.parent;
    while (current) {
      if (isFunction(current)) {
        const handler = this.handlerOf(current);
        if (handler) return handler;
      }
      current = current.parent;
    }
    return undefined;
  }

  /** True for `for await (const chunk of stream)`: each iteration receives a chunk. */
  isChunkLoop(loop: TSESTree.ForOfStatement): boolean {
    if (!loop.await) return false;
    const source = unwrap(loop.right);
    return source.type !== AST_NODE_TYPES.ArrayExpression;
  }

  /** The kind of value an event delivers in its first argument, from the event name and the emitter. */
  eventValueKind(handler: Handler): 'buffer' | 'string' | undefined {
    if (!handler.event) return undefined;
    if (TEXT_EVENTS.has(handler.event)) return 'string';
    if (BYTE_EVENTS.has(handler.event)) {
      if (handler.emitter && this.isValueEmitter(handler.emitter, handler.event)) return undefined;
      return handler.emitter && this.hasSetEncoding(handler.emitter) ? 'string' : 'buffer';
    }
    if (handler.event === 'message' && handler.emitter && handler.kind === 'subscription') {
      const name = nameOf(unwrap(handler.emitter));
      // ws delivers ArrayBuffers, Blobs or arrays of Buffers once `binaryType` is set to anything else.
      if (name && BYTE_MESSAGE_EMITTERS.test(name) && !OTHER_BINARY_TYPE.test(this.sourceCode.text)) return 'buffer';
    }
    return undefined;
  }

  private findHandler(fn: FunctionNode): Handler | undefined {
    const parent = fn.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.Expression)) {
      const fromCall = this.handlerFromCall(fn, parent);
      if (fromCall) return fromCall;
    }
    // `new Worker('jobs', async (job) => ...)`: a queue worker's processor runs for every job.
    if (parent.type === AST_NODE_TYPES.NewExpression && parent.arguments.indexOf(fn as TSESTree.Expression) >= 1) {
      const name = nameOf(unwrap(parent.callee));
      if (name && CONSUMER_CONSTRUCTORS.has(name)) {
        return { fn, kind: 'subscription', label: `the ${name} processor`, returnsState: false };
      }
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
      // `port.onmessage = ...`, and `onmessage = ...` at a worker's top level (an undeclared global).
      const left = parent.left;
      const name =
        left.type === AST_NODE_TYPES.MemberExpression
          ? propertyName(left)
          : left.type === AST_NODE_TYPES.Identifier && !findVariable(this.sourceCode, left)?.defs.length
            ? left.name
            : undefined;
      if (name && /^on[a-z]+$/.test(name) && !UI_EVENTS.has(name.slice(2))) {
        return { fn, kind: 'event-property', label: `the ${name} handler`, event: name.slice(2), returnsState: false };
      }
    }
    const updater = this.stateUpdater(fn);
    if (updater) return updater;
    // `Parser.prototype.onData = function (chunk) {}`: a method, written the pre-class way.
    const prototypeMethod = prototypeMethodOf(fn);
    if (prototypeMethod && this.settings.handlerMethods.has(prototypeMethod.name)) {
      return this.withSubscribedEvent({ fn, kind: 'method', label: `${prototypeMethod.owner}.${prototypeMethod.name}`, returnsState: false });
    }
    // `inherits(Socket, stream.Duplex)` … `Socket.prototype._write = function (chunk, enc, cb) {}`: a stream's chunk method.
    if (prototypeMethod && STREAM_CHUNK_METHODS.has(prototypeMethod.name)) {
      const base = this.prototypeClasses().byFunction.get(fn)?.base;
      if (base && STREAM_BASE_CLASSES.has(base)) return { fn, kind: 'stream', label: `${prototypeMethod.owner}.${prototypeMethod.name}`, returnsState: false };
    }
    const method = methodNameOf(fn);
    if (method) {
      const fromMethod = this.handlerFromMethod(fn, method);
      if (fromMethod) return this.withSubscribedEvent(fromMethod);
    }
    // `function onData(chunk) {}` ... `socket.on('data', onData)`; `socket.on('data', this.onData)`.
    return this.handlerFromReference(fn);
  }

  /**
   * A handler method that is also subscribed by name (`socket.on('data', this.onData)`) receives that
   * event's value: the event says what its parameter is (a 'data' chunk is a Buffer).
   */
  private withSubscribedEvent(handler: Handler): Handler {
    if (handler.event !== undefined) return handler;
    const subscribed = this.handlerFromReference(handler.fn);
    return subscribed?.event !== undefined ? { ...handler, event: subscribed.event, emitter: subscribed.emitter } : handler;
  }

  /** xstate's `assign({ field: ({ context, event }) => ... })`: each updater's result becomes actor state. */
  private stateUpdater(fn: FunctionNode): Handler | undefined {
    const property = fn.parent;
    const object = property?.parent;
    const call = object?.parent;
    if (
      property?.type !== AST_NODE_TYPES.Property ||
      property.value !== fn ||
      object?.type !== AST_NODE_TYPES.ObjectExpression ||
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.arguments[0] !== object
    ) {
      return undefined;
    }
    const name = calleeName(call);
    if (!name || !STATE_UPDATERS.has(name)) return undefined;
    return { fn, kind: 'factory', label: `the ${name}() updater of \`${methodNameOf(fn) ?? 'state'}\``, returnsState: true };
  }

  /** `target`: the handler function itself, when `fn` is a reference to it (`spawn(system, routerActor)`). */
  private handlerFromCall(fn: FunctionNode, call: TSESTree.CallExpression, target: FunctionNode = fn): Handler | undefined {
    const member = methodCall(call);
    const callee = unwrap(call.callee);
    // `addEventListener('message', ...)` at a worker's top level subscribes on the global scope.
    const globalSubscription = callee.type === AST_NODE_TYPES.Identifier && callee.name === 'addEventListener';
    if ((member && SUBSCRIBE_METHODS.has(member.name)) || globalSubscription) {
      // `bus(STREAM_DATA).on(handleData)`: a channel of its own (a pub-sub topic, a signal) takes the listener alone.
      if (call.arguments.length === 1 && call.arguments[0] === fn && member && !globalSubscription) {
        return { fn, kind: 'subscription', label: 'the event handler', emitter: member.receiver, returnsState: false };
      }
      if (call.arguments[1] !== fn) return undefined;
      if ((globalSubscription || member?.name === 'addEventListener') && isOnceOption(call.arguments[2])) return undefined;
      const event = staticString(call.arguments[0]);
      if (event !== undefined && UI_EVENTS.has(event)) return undefined;
      return {
        fn,
        kind: 'subscription',
        label: event !== undefined ? `the '${event}' handler` : 'the event handler',
        event,
        emitter: member?.receiver,
        returnsState: false,
      };
    }
    if (member && ONCE_METHODS.has(member.name)) return undefined;
    if (member && CONSUMER_METHODS.has(member.name)) {
      return { fn, kind: 'subscription', label: `the ${member.name}() callback`, emitter: member.receiver, returnsState: false };
    }
    const name = calleeName(call);
    if (name && this.settings.handlerFactories.has(name)) {
      return {
        fn,
        kind: 'factory',
        label: `the actor handler passed to ${name}()`,
        returnsState: target.params.length >= 2 && !STATELESS_HANDLER_FACTORIES.has(name),
      };
    }
    return undefined;
  }

  private handlerFromMethod(fn: FunctionNode, method: string): Handler | undefined {
    const owner = fn.parent?.parent;
    // `new Transform({ transform(chunk, enc, cb) {} })`
    if (owner?.type === AST_NODE_TYPES.ObjectExpression) {
      const construct = owner.parent;
      if (
        construct?.type === AST_NODE_TYPES.NewExpression &&
        construct.callee.type === AST_NODE_TYPES.Identifier &&
        STREAM_BASE_CLASSES.has(construct.callee.name) &&
        STREAM_CHUNK_METHODS.has(method)
      ) {
        return { fn, kind: 'stream', label: `the ${construct.callee.name} ${method}()`, returnsState: false };
      }
      if (this.settings.handlerMethods.has(method)) {
        return { fn, kind: 'method', label: `the ${method}() handler`, returnsState: false };
      }
      // NATS `subscribe(subject, { callback(err, msg) {} })`.
      const consumer = construct?.type === AST_NODE_TYPES.CallExpression ? methodCall(construct) : undefined;
      if (method === 'callback' && consumer && CONSUMER_METHODS.has(consumer.name)) {
        return { fn, kind: 'subscription', label: `the ${consumer.name}() callback`, emitter: consumer.receiver, returnsState: false };
      }
      return undefined;
    }
    const cls = enclosingClass(fn);
    if (!cls || owner?.parent !== cls) return undefined;
    if (method === 'constructor') return undefined;
    const name = className(cls);
    const label = `${name}.${method}`;
    if (this.settings.handlerMethods.has(method)) return { fn, kind: 'method', label, returnsState: false };
    const base = superClassName(cls);
    const baseShort = base?.split('.').pop();
    if (base && STREAM_BASE_CLASSES.has(baseShort ?? base) && STREAM_CHUNK_METHODS.has(method)) {
      return { fn, kind: 'stream', label, returnsState: false };
    }
    if (this.isActorClass(cls)) return { fn, kind: 'method', label, returnsState: false };
    return undefined;
  }

  /**
   * A topic method of a comedy-style actor definition (`transcode(clip)` in a class with
   * `initialize(selfActor)`): the actor system calls it with each message sent on its topic.
   */
  isTopicMethod(fn: FunctionNode): boolean {
    const member = fn.parent;
    if (member?.type !== AST_NODE_TYPES.MethodDefinition || member.static || member.kind !== 'method' || member.value !== fn) return false;
    const name = memberKeyName(member);
    if (!name || ACTOR_LIFECYCLE_METHODS.has(name) || name.startsWith('#')) return false;
    const cls = member.parent.parent;
    return (cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression) && isActorDefinition(cls, this.sourceCode);
  }

  isActorClass(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
    const actorBases = this.settings.actorBaseClasses;
    const base = superClassName(cls);
    if (base && (actorBases.has(base) || actorBases.has(base.split('.').pop() ?? base))) return true;
    if (implementedNames(cls).some((name) => actorBases.has(name))) return true;
    if (takesActorState(cls)) return true;
    if (cls.superClass && this.types.typed) return this.types.hasNominalBase(cls.superClass, actorBases);
    return false;
  }

  private handlerFromReference(fn: FunctionNode): Handler | undefined {
    for (const use of this.listenerUses(fn)) {
      const call = use.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression) continue;
      const fromCall = this.handlerFromCall(use as unknown as FunctionNode, call, fn);
      if (fromCall) return { ...fromCall, fn };
    }
    return undefined;
  }

  /** Places where `fn` is passed by name: `onData`, `this.onData`, `this.onData.bind(this)`. */
  private listenerUses(fn: FunctionNode): TSESTree.Node[] {
    const uses: TSESTree.Node[] = [];
    const push = (node: TSESTree.Node) => {
      let current = node;
      // `this.onData.bind(this)` is passed as itself.
      const parent = current.parent;
      if (
        parent?.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === current &&
        propertyName(parent) === 'bind' &&
        parent.parent?.type === AST_NODE_TYPES.CallExpression
      ) {
        current = parent.parent;
      }
      // `function () { self.onData.apply(self, arguments); }`: a wrapper that only passes its arguments on
      // is passed as the function it calls.
      const wrapper = passThroughWrapper(current);
      if (wrapper) current = wrapper;
      uses.push(current);
    };
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) {
      const variable = findVariable(this.sourceCode, fn.id);
      for (const ref of variable?.references ?? []) push(ref.identifier);
    } else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, fn.parent.id);
      for (const ref of variable?.references ?? []) if (ref.identifier !== fn.parent.id) push(ref.identifier);
    } else {
      const method = methodNameOf(fn);
      const cls = enclosingClass(fn);
      if (method && cls && fn.parent?.parent?.parent === cls) {
        for (const ref of this.thisMemberRefs(cls).get(method) ?? []) push(ref);
      }
      // A prototype method is passed as `this.onData` from the constructor function or another method.
      const prototypeMethod = prototypeMethodOf(fn);
      if (prototypeMethod) {
        for (const ref of this.thisMemberRefs(this.sourceCode.ast).get(prototypeMethod.name) ?? []) push(ref);
      }
    }
    return uses;
  }

  /**
   * Every `this.name` (and `self.name` where `var self = this`) in a class, or in all the functions of
   * a pre-class "class" (its constructor function and prototype methods), by name.
   */
  thisMemberRefs(owner: TSESTree.Node): Map<string, TSESTree.Node[]> {
    let refs = this.classMethodRefs.get(owner);
    if (refs) return refs;
    const found = new Map<string, TSESTree.Node[]>();
    // A class keys its own facts; only a function can key a prototype class (no walk for the index).
    const prototypeClass = isFunction(owner) ? this.prototypeClasses().byKey.get(owner) : undefined;
    for (const root of prototypeClass ? prototypeClass.functions : [owner]) {
      const selves = new Set<string>();
      walk(root, (node) => {
        // `var self = this` (`that`, `_this`): the alias reads and writes the same fields.
        const alias = thisAliasDeclared(node);
        if (alias) selves.add(alias);
        if (node.type !== AST_NODE_TYPES.MemberExpression) return;
        const object = node.object;
        if (object.type === AST_NODE_TYPES.ThisExpression || (object.type === AST_NODE_TYPES.Identifier && selves.has(object.name))) {
          const name = propertyName(node);
          if (name) {
            const list = found.get(name) ?? [];
            list.push(node);
            found.set(name, list);
          }
        }
      });
    }
    refs = found;
    this.classMethodRefs.set(owner, refs);
    return refs;
  }

  /**
   * The class whose instance `this` is at `node`: the enclosing class, or a pre-class "class" when
   * `node` sits in its constructor function or one of its prototype methods (arrows see the outer
   * `this`). Returns the node that keys its facts (the class, or the prototype class's key node).
   */
  ownerOf(node: TSESTree.Node): TSESTree.Node | undefined {
    let current: TSESTree.Node | undefined = node.parent;
    while (current) {
      if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
      if (isFunction(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
        // A method of a class (MethodDefinition's value): keep climbing to the class. (No prototype class
        // holds such a function, so the index is not asked for it.)
        if (current.parent?.type !== AST_NODE_TYPES.MethodDefinition && current.parent?.type !== AST_NODE_TYPES.PropertyDefinition) {
          return this.prototypeClasses().byFunction.get(current)?.key;
        }
      }
      current = current.parent;
    }
    return undefined;
  }

  /**
   * The name under which `fn` is a method of a pre-class "class" of this file (`C.prototype.m = function`,
   * `C.prototype = { m() {} }`, `Object.assign(C.prototype, { m() {} })`), if it is one.
   */
  prototypeMethodName(fn: FunctionNode): string | undefined {
    const owner = this.prototypeClasses().byFunction.get(fn);
    if (!owner) return undefined;
    for (const [name, method] of owner.methods) if (method === fn) return name;
    return undefined;
  }

  /** The name of an owner `ownerOf` answered: the class's, or the pre-class "class"'s (`function Peer() {}`). */
  ownerName(owner: TSESTree.Node): string | undefined {
    if (owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression) return className(owner);
    return this.prototypeClasses().byKey.get(owner)?.name;
  }

  /** True when the owner `ownerOf` answered has a method of that name (a class member, or a prototype method). */
  hasMethod(owner: TSESTree.Node, name: string): boolean {
    if (owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression) {
      return owner.body.body.some((member) => member.type === AST_NODE_TYPES.MethodDefinition && memberKeyName(member) === name);
    }
    return !!this.prototypeMethod(owner, name);
  }

  /** A prototype class's method by name (`C.prototype.m = function …`), for `this.m()` and `self.m()`. */
  prototypeMethod(owner: TSESTree.Node, name: string): FunctionNode | undefined {
    return this.prototypeClasses().byKey.get(owner)?.methods.get(name);
  }

  private prototypeIndex: PrototypeIndex | undefined;

  /**
   * The file's pre-class "classes", found in one walk: `function C() {}` or `var C = function () {}`
   * (`var C = module.exports = function C() {}`),
   * with `C.prototype.m = function () {}`, `C.prototype = { m() {} }` or `Object.assign(C.prototype, {…})`.
   */
  private prototypeClasses(): PrototypeIndex {
    if (this.prototypeIndex) return this.prototypeIndex;
    const byName = new Map<string, PrototypeClass>();
    const constructors = new Map<string, FunctionNode>();
    const get = (name: string): PrototypeClass => {
      let found = byName.get(name);
      if (!found) {
        found = { name, key: undefined as unknown as TSESTree.Node, functions: [], methods: new Map() };
        byName.set(name, found);
      }
      return found;
    };
    const addMethods = (name: string, object: TSESTree.ObjectExpression) => {
      for (const prop of object.properties) {
        if (prop.type === AST_NODE_TYPES.Property && isFunction(prop.value) && prop.value.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
          const key = memberKeyName(prop);
          const owner = get(name);
          owner.functions.push(prop.value);
          if (key) owner.methods.set(key, prop.value);
        }
      }
    };
    // Most files have no prototype assignment at all: a text search spares the walk.
    if (this.sourceCode.text.includes('.prototype')) {
      walk(this.sourceCode.ast, (node) => {
        if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id) constructors.set(node.id.name, node);
        // `var C = function () {}`, also through an export on the way (`var C = module.exports = function C() {}`).
        if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init) {
          let init: TSESTree.Node = node.init;
          while (init.type === AST_NODE_TYPES.AssignmentExpression && init.operator === '=') init = init.right;
          if (init.type === AST_NODE_TYPES.FunctionExpression) constructors.set(node.id.name, init);
        }
        if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression) {
          const left = node.left;
          const right = unwrap(node.right);
          const target = unwrap(left.object);
          // `C.prototype.m = function () {…}`
          if (target.type === AST_NODE_TYPES.MemberExpression && propertyName(target) === 'prototype' && isFunction(right) && right.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
            const name = nameOf(unwrap(target.object));
            const method = propertyName(left);
            if (name && method) {
              const owner = get(name);
              owner.functions.push(right);
              owner.methods.set(method, right);
            }
          }
          // `C.prototype = { m() {…} }`
          if (propertyName(left) === 'prototype' && right.type === AST_NODE_TYPES.ObjectExpression) {
            const name = nameOf(unwrap(left.object));
            if (name) addMethods(name, right);
          }
        }
        // `inherits(C, stream.Duplex)`, `util.inherits(C, Writable)`, `Object.setPrototypeOf(C.prototype, Base.prototype)`,
        // `C.prototype = Object.create(Base.prototype)`: the base class, by its last name.
        const inherited = inheritance(node);
        if (inherited) get(inherited.name).base = inherited.base;
        // `Object.assign(C.prototype, { m() {…} })`
        if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'assign' && node.arguments.length >= 2) {
          const target = unwrap(node.arguments[0]!);
          const source = node.arguments[1]!;
          if (target.type === AST_NODE_TYPES.MemberExpression && propertyName(target) === 'prototype' && source.type === AST_NODE_TYPES.ObjectExpression) {
            const name = nameOf(unwrap(target.object));
            if (name) addMethods(name, source);
          }
        }
      });
    }
    const byKey = new Map<TSESTree.Node, PrototypeClass>();
    const byFunction = new Map<TSESTree.Node, PrototypeClass>();
    for (const owner of byName.values()) {
      const ctor = constructors.get(owner.name);
      if (ctor) owner.functions.unshift(ctor);
      owner.key = owner.functions[0]!;
      byKey.set(owner.key, owner);
      for (const fn of owner.functions) byFunction.set(fn, owner);
    }
    this.prototypeIndex = { byKey, byFunction };
    return this.prototypeIndex;
  }

  private readonly valueEmitterCache = new Map<string, boolean>();

  /**
   * True when the code shows that `emitter` emits values, not bytes: a stream made here in object mode
   * (`new Readable({ objectMode: true })`, `Readable.from(…)`), or an EventEmitter made here whose
   * `emit(event, value)` calls in this file all pass literals that are not binary (a string, an array, an
   * object). An emitter whose origin the code does not show stays a likely byte source.
   */
  isValueEmitter(emitter: TSESTree.Node, event: string): boolean {
    const node = unwrap(emitter);
    const key = `${this.sourceCode.getText(node)}\u0000${event}`;
    const cached = this.valueEmitterCache.get(key);
    if (cached !== undefined) return cached;
    const values = this.valuesOf(node);
    let found = values.length > 0 && values.every(isObjectModeStream);
    if (!found && values.length > 0 && values.every((value) => this.isEventEmitterConstruction(value))) {
      const emitted = this.emittedValues(node, event);
      found = emitted.length > 0 && emitted.every(isNonBinaryLiteral);
    }
    this.valueEmitterCache.set(key, found);
    return found;
  }

  /** Every value given to a variable, or to a property path (`this.stream = …`) anywhere in the file. */
  private valuesOf(node: TSESTree.Node): TSESTree.Node[] {
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, node);
      return (variable && assignedValues(variable)) ?? [];
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression) return [];
    const text = this.sourceCode.getText(node);
    const values: TSESTree.Node[] = [];
    walk(this.sourceCode.ast, (child) => {
      if (child.type === AST_NODE_TYPES.AssignmentExpression && child.left.type === AST_NODE_TYPES.MemberExpression && this.sourceCode.getText(child.left) === text) {
        values.push(child.operator === '=' ? child.right : child);
      }
    });
    return values;
  }

  /** `new EventEmitter()`, `new events.EventEmitter()`, `new EE()` with `const EE = require('events')`. */
  private isEventEmitterConstruction(raw: TSESTree.Node): boolean {
    const value = unwrap(raw);
    if (value.type !== AST_NODE_TYPES.NewExpression) return false;
    if (calleeName(value) === 'EventEmitter') return true;
    const callee = unwrap(value.callee);
    const variable = callee.type === AST_NODE_TYPES.Identifier ? findVariable(this.sourceCode, callee) : undefined;
    return !!variable && moduleOf(variable) === 'events';
  }

  /** The values passed by `emitter.emit(event, value)` in the file (`undefined` for a missing value). */
  private emittedValues(emitter: TSESTree.Node, event: string): Array<TSESTree.Node | undefined> {
    const text = this.sourceCode.getText(emitter);
    const values: Array<TSESTree.Node | undefined> = [];
    walk(this.sourceCode.ast, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const method = methodCall(node);
      if (method?.name === 'emit' && staticString(node.arguments[0]) === event && this.sourceCode.getText(unwrap(method.receiver)) === text) {
        values.push(node.arguments[1]);
      }
    });
    return values;
  }

  /**
   * A stream callback (`transform`, `_write`, …) of a stream in object mode: `new Transform({ objectMode:
   * true, transform(row) {…} })`, or a subclass whose constructor calls `super({ objectMode: true })`.
   */
  isObjectModeStreamHandler(handler: Handler): boolean {
    if (handler.kind !== 'stream') return false;
    const holder = handler.fn.parent;
    if (holder?.type === AST_NODE_TYPES.Property && holder.parent?.type === AST_NODE_TYPES.ObjectExpression) {
      return hasObjectModeOption(holder.parent, WRITABLE_OBJECT_MODE);
    }
    const cls = enclosingClass(handler.fn);
    if (!cls) {
      // A pre-class stream: its constructor calls the base with the options (`Duplex.call(this, { objectMode: true })`).
      const owner = this.prototypeClasses().byFunction.get(handler.fn);
      const ctor = owner?.functions[0];
      if (!owner?.base || !ctor || [...owner.methods.values()].includes(ctor)) return false;
      let objectMode = false;
      walk(ctor, (node) => {
        if (objectMode) return false;
        const method = node.type === AST_NODE_TYPES.CallExpression ? methodCall(node) : undefined;
        if (node.type === AST_NODE_TYPES.CallExpression && method?.name === 'call') {
          const receiver = unwrap(method.receiver);
          if (nameOf(receiver) === owner.base || (receiver.type === AST_NODE_TYPES.MemberExpression && propertyName(receiver) === owner.base)) objectMode = hasObjectModeOption(node.arguments[1], WRITABLE_OBJECT_MODE);
        }
        return true;
      });
      return objectMode;
    }
    let found = false;
    walk(cls.body, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Super) found = hasObjectModeOption(node.arguments[0], WRITABLE_OBJECT_MODE);
      return true;
    });
    return found;
  }

  private readonly encodingCache = new Map<string, boolean>();

  /**
   * True when the file sets an encoding on `emitter` (`socket.setEncoding('utf8')` anywhere, or an
   * `encoding: 'utf8'` option): its chunks are then strings.
   */
  hasSetEncoding(emitter: TSESTree.Node): boolean {
    const key = this.sourceCode.getText(emitter);
    const cached = this.encodingCache.get(key);
    if (cached !== undefined) return cached;
    const text = this.sourceCode.text;
    const node = unwrap(emitter);
    // `fs.createReadStream(file, 'utf8').on('data', …)`: an encoding passed to the call that made it.
    const encodedCall = node.type === AST_NODE_TYPES.CallExpression && node.arguments.slice(1).some((arg) => ENCODING_NAME.test(staticString(arg) ?? ''));
    const found = encodedCall || text.includes(`${key}.setEncoding(`) || /encoding\s*:\s*['"`]utf-?8/i.test(text);
    this.encodingCache.set(key, found);
    return found;
  }
}

/** A Durable Object written without the base class: `constructor(state: DurableObjectState, env: Env)`. */
export function takesActorState(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  const constructor = cls.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
  );
  const first = constructor?.value.params[0];
  const param = first?.type === AST_NODE_TYPES.TSParameterProperty ? first.parameter : first;
  const annotation = (param as { typeAnnotation?: TSESTree.TSTypeAnnotation } | undefined)?.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const typeName = annotation.typeName;
  const name = typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : '';
  return ACTOR_STATE_TYPES.has(name);
}

/**
 * The function whose whole body passes its own arguments to `target`: `function () { target.apply(self,
 * arguments); }` or `return target.call(this, ...arguments)`. Such a wrapper, passed as a listener, is
 * the listener `target` (pre-class code subscribes methods this way).
 */
function passThroughWrapper(target: TSESTree.Node): FunctionNode | undefined {
  const member = target.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== target) return undefined;
  const how = propertyName(member);
  const call = member.parent;
  if ((how !== 'apply' && how !== 'call') || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
  const passed = call.arguments[1];
  const isArguments = (node: TSESTree.Node | undefined) => node?.type === AST_NODE_TYPES.Identifier && node.name === 'arguments';
  if (call.arguments.length !== 2) return undefined;
  if (how === 'apply' ? !isArguments(passed) : !(passed?.type === AST_NODE_TYPES.SpreadElement && isArguments(passed.argument))) return undefined;
  const statement = call.parent;
  const block = statement?.parent;
  const fn = block?.parent;
  if (
    (statement?.type !== AST_NODE_TYPES.ExpressionStatement && statement?.type !== AST_NODE_TYPES.ReturnStatement) ||
    block?.type !== AST_NODE_TYPES.BlockStatement ||
    block.body.length !== 1 ||
    (fn?.type !== AST_NODE_TYPES.FunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionDeclaration)
  ) {
    return undefined;
  }
  return fn;
}

/** A class with comedy's `initialize(selfActor)`: the first parameter named so, or used as an actor reference (`selfActor.createChild(…)`). */
function isActorDefinition(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const member of cls.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.static || memberKeyName(member) !== ACTOR_INITIALIZE_METHOD) continue;
    const param = member.value.params[0];
    if (param?.type !== AST_NODE_TYPES.Identifier) return false;
    if (ACTOR_SELF_PARAM_NAMES.test(param.name)) return true;
    const variable = findVariable(sourceCode, param);
    return !!variable?.references.some((ref) => {
      const use = ref.identifier.parent;
      return use?.type === AST_NODE_TYPES.MemberExpression && use.object === ref.identifier && ACTOR_SELF_METHODS.has(propertyName(use) ?? '') && use.parent?.type === AST_NODE_TYPES.CallExpression;
    });
  }
  return false;
}

/** `Owner.prototype.name = function () {}`: the owner's and the method's names. */
function prototypeMethodOf(fn: FunctionNode): { owner: string; name: string } | undefined {
  const assignment = fn.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== fn) return undefined;
  const target = assignment.left;
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const prototype = unwrap(target.object);
  if (prototype.type !== AST_NODE_TYPES.MemberExpression || propertyName(prototype) !== 'prototype') return undefined;
  const owner = nameOf(unwrap(prototype.object));
  const name = propertyName(target);
  return owner && name ? { owner, name } : undefined;
}

/**
 * `inherits(C, stream.Duplex)` (also `util.inherits`), `Object.setPrototypeOf(C.prototype, Base.prototype)`
 * and `C.prototype = Object.create(Base.prototype)`: the class and its base, each by its last name.
 */
function inheritance(node: TSESTree.Node): { name: string; base: string } | undefined {
  const lastName = (value: TSESTree.Node | undefined): string | undefined => {
    if (!value) return undefined;
    const target = unwrap(value);
    return target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.MemberExpression ? propertyName(target) : undefined;
  };
  const prototypeOf = (value: TSESTree.Node | undefined): TSESTree.Node | undefined => {
    const target = value && unwrap(value);
    return target?.type === AST_NODE_TYPES.MemberExpression && propertyName(target) === 'prototype' ? target.object : undefined;
  };
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 2) {
    const name = calleeName(node);
    const [first, second] = node.arguments as TSESTree.Node[];
    if (name === 'inherits') {
      const cls = lastName(first);
      const base = lastName(second);
      return cls && base ? { name: cls, base } : undefined;
    }
    if (name === 'setPrototypeOf') {
      const cls = lastName(prototypeOf(first));
      const base = lastName(prototypeOf(second));
      return cls && base ? { name: cls, base } : undefined;
    }
  }
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression && propertyName(node.left) === 'prototype') {
    const right = unwrap(node.right);
    if (right.type === AST_NODE_TYPES.CallExpression && calleeName(right) === 'create') {
      const cls = lastName(node.left.object);
      const base = lastName(prototypeOf(right.arguments[0]));
      return cls && base ? { name: cls, base } : undefined;
    }
  }
  return undefined;
}

/** `new Readable({ objectMode: true })` (any stream class, or `readableObjectMode`), `Readable.from(…)`. */
function isObjectModeStream(raw: TSESTree.Node): boolean {
  const value = unwrap(raw);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const method = methodCall(value);
    return method?.name === 'from' && nameOf(unwrap(method.receiver)) === 'Readable';
  }
  if (value.type !== AST_NODE_TYPES.NewExpression || !STREAM_CLASSES.has(calleeName(value) ?? '')) return false;
  return hasObjectModeOption(value.arguments[0], READABLE_OBJECT_MODE);
}

const READABLE_OBJECT_MODE = new Set(['objectMode', 'readableObjectMode']);
const WRITABLE_OBJECT_MODE = new Set(['objectMode', 'writableObjectMode']);

/** An options object that sets one of `names` (`objectMode`, `readableObjectMode`, …) to true. */
function hasObjectModeOption(node: TSESTree.Node | undefined, names: ReadonlySet<string>): boolean {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.some(
    (prop) =>
      prop.type === AST_NODE_TYPES.Property &&
      names.has(memberKeyName(prop) ?? '') &&
      prop.value.type === AST_NODE_TYPES.Literal &&
      prop.value.value === true,
  );
}

/** A value that is not binary, written out: a string, number, template, array or object literal, or none. */
function isNonBinaryLiteral(node: TSESTree.Node | undefined): boolean {
  if (!node) return true;
  const value = unwrap(node);
  return (
    (value.type === AST_NODE_TYPES.Literal && !(value as TSESTree.Literal & { regex?: unknown }).regex) ||
    value.type === AST_NODE_TYPES.TemplateLiteral ||
    value.type === AST_NODE_TYPES.ArrayExpression ||
    value.type === AST_NODE_TYPES.ObjectExpression
  );
}

function isOnceOption(node: TSESTree.Node | undefined): boolean {
  if (!node || node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.some(
    (prop) =>
      prop.type === AST_NODE_TYPES.Property &&
      !prop.computed &&
      prop.key.type === AST_NODE_TYPES.Identifier &&
      prop.key.name === 'once' &&
      prop.value.type === AST_NODE_TYPES.Literal &&
      prop.value.value === true,
  );
}
