import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ACTOR_RECEIVE_METHODS,
  IDENTITY_FIELD_NAMES,
  LOOKUP_METHODS,
  ROUTING_CALL_NAMES,
  SOCKET_HANDLER_METHODS,
  SOCKET_PARAM_NAMES,
  TOPIC_FIRST_SEND_METHODS,
  SEND_FUNCTIONS,
  SENDER_FIELD_NAMES,
  SENDER_PARAM_NAMES,
  TRANSFER_SEND_METHODS,
} from './apis';
import { calleeName, className, comparedWith, enclosingClass, enclosingFunction, findVariable, isEmptyValue, isFunction, isInside, methodCall, methodNameOf, nameOf, outerParent, propertyName, staticNumber, staticString, unwrap, type FunctionNode, walk } from './ast';
import { type Handler } from './handlers';

/** Where the message arrives: a handler function, or a `for await (const [msg] of on(port, 'message'))` loop. */
type Scope = FunctionNode | TSESTree.ForOfStatement;
/** A call of a helper that forwards: the call and the function (or loop) it sits in. */
interface Site {
  call: TSESTree.CallExpression;
  scope: Scope;
  handler?: Handler;
}
import type { FileFacts } from './file';
import type { ValueKind } from './types';

/**
 * The middleman router (Erlang in Anger, "Routing Binaries"): a long-lived handler that receives a
 * message and hands its payload, unchanged and unread, to a destination it picks out of a table. Every
 * hop is a copy (a structured clone ships a view's whole ArrayBuffer) and the router holds each payload
 * while it is queued; the fix is to hand the destination to the caller.
 */
export interface Forwarding {
  /** The send: `workers[i].postMessage(msg)`, `dispatch(target, msg)`. */
  call: TSESTree.CallExpression;
  /** The handler that receives the message: "the 'message' handler", "Router.receive", "the for await loop over on(port, 'message')". */
  label: string;
  /** The argument forwarded unchanged. */
  payload: TSESTree.Node;
  /** The lookup that picks the destination: `workers[i]`, `this.routes.get(key)`, `this.route(key)`. */
  lookup: TSESTree.Node;
  /** The send's name: `postMessage`, `tell`, `dispatch`. */
  method: string;
  /** The payload's kind (types first, then evidence from the code). */
  payloadKind: ValueKind;
  /** A `postMessage` with no second argument: a transfer list can be added. */
  canTransfer: boolean;
}

export interface ForwardingOptions {
  sendMethods: ReadonlySet<string>;
}

/** Where the forwarded value comes from: a message parameter (and a field path in it) or a local alias of a field. */
interface PayloadSource {
  /** The message parameter, when the payload is read through it (`msg`, `msg.body`). */
  root?: TSESLint.Scope.Variable;
  /** Field names from the root to the payload: [] for the whole message. */
  path: string[];
  /** A local naming the payload: `const { payload } = msg`, `({ key, payload }) => ...`. */
  alias?: TSESLint.Scope.Variable;
}

/** Names of sends on sockets and streams that need the destination to look like a peer to count as a hop. */
const PEER_NAMES = /(?:peer|socket|sock|conn|connection|client|upstream|backend|downstream|node|replica|member|ws)s?$/i;
const PEER_TYPES = new Set(['Socket', 'TLSSocket', 'WebSocket']);
/** Events that deliver a connection or a lifecycle signal, not a message. */
const NON_MESSAGE_EVENTS = new Set(['connection', 'connect', 'open', 'close', 'end', 'error', 'listening', 'exit', 'online']);
/** Payload fields that are routing scalars: forwarding one is not moving a payload. */
const SCALAR_FIELD_NAMES = /^(?:id|uid|uuid|guid|key|topic|type|kind|shard|to|seq|sequence|index|count|size|length|status|code|ok|name|tag|version|ts|timestamp|time|\w+Id|\w+Key|\w+Count|is[A-Z]\w*|has[A-Z]\w*)$/;

const MAX_DEPTH = 2;
/** Members that read a payload's bytes, size or backing store. */
const VIEW_MEMBERS = new Set(['length', 'byteLength', 'byteOffset', 'buffer', 'size']);

/** The forwarding `call` does, if it is a middleman forward. Never throws. */
export function findForwarding(
  call: TSESTree.CallExpression,
  facts: FileFacts,
  options: ForwardingOptions,
): Forwarding | undefined {
  try {
    return new ForwardingCheck(facts, options).check(call);
  } catch {
    return undefined;
  }
}

class ForwardingCheck {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;

  constructor(
    private readonly facts: FileFacts,
    private readonly options: ForwardingOptions,
  ) {
    this.sourceCode = facts.sourceCode;
  }

  /** The message variable of a `for await (const [msg] of on(port, 'message'))` loop being checked. */
  private loopMessage: TSESLint.Scope.Variable | undefined;
  /** The lookup found for the send being checked: a field of the message read inside it is a routing key. */
  private lookup: TSESTree.Node | undefined;
  /** The send being checked (a table scan is a lookup only when it guards this send). */
  private send: TSESTree.CallExpression | undefined;
  /** The state parameter of a reducer-style handler (`(state, msg) => state`): a table of the actor's own. */
  private stateParam: TSESLint.Scope.Variable | undefined;
  /** The helper being checked and the entry point's call of it (`#forward(env)` called as `this.#forward(env)`). */
  private helper: { fn: Scope; call: TSESTree.CallExpression; scope: Scope } | undefined;

  check(call: TSESTree.CallExpression): Forwarding | undefined {
    const send = this.sendOf(call);
    if (!send) return undefined;
    const { method, destination, payload } = send;
    this.send = call;
    const receiver = this.receiverOf(call, send);
    if (!receiver) return undefined;
    const { scope, label, handler } = receiver;
    this.loopMessage = receiver.message;
    this.helper = receiver.site ? { fn: scope, call: receiver.site.call, scope: receiver.site.scope } : undefined;
    const state = handler?.returnsState ? handler.fn.params[0] : undefined;
    this.stateParam = state?.type === AST_NODE_TYPES.Identifier ? findVariable(this.sourceCode, state) : undefined;
    const source = this.payloadSource(payload, scope);
    if (!source || this.isScalar(payload, source) || isPartOfPayload(source)) return undefined;
    if (this.transfersOwnership(call, method, payload, source)) return undefined;
    // A destination handed to the helper is picked where the helper is called.
    const handed = receiver.destinationIndex !== undefined ? receiver.site?.call.arguments[receiver.destinationIndex] : undefined;
    const lookup =
      receiver.destinationIndex === undefined
        ? this.findLookup(destination, scope, source, 0)
        : handed && handed.type !== AST_NODE_TYPES.SpreadElement && receiver.site
          ? this.findLookup(handed, receiver.site.scope, { path: [] }, 0)
          : undefined;
    if (!lookup) return undefined;
    this.lookup = lookup;
    // `streams.get(id).write(chunk)` in a demultiplexer writes to a local stream: no hop.
    if (method === 'write' && !this.looksLikePeer(destination, lookup)) return undefined;
    // A relay between network sockets (a TCP proxy, a signalling server): the sender is a remote client
    // that cannot be handed a destination, so there is no caller to move the send to. Not reported.
    const entry = handler ?? receiver.outer?.handler ?? receiver.site?.handler;
    if (entry && this.isSocketHandler(entry) && this.looksLikePeer(destination, lookup)) return undefined;
    if (!this.isOnlyForwarded(source, call, payload, scope)) return undefined;
    if (receiver.site && !this.isForwardedByCaller(receiver.site)) return undefined;
    if (receiver.outer && !this.isForwardedByCaller(receiver.outer)) return undefined;
    const payloadKind = this.facts.kinds.kindOf(payload);
    return {
      call,
      label,
      payload,
      lookup,
      method,
      payloadKind,
      canTransfer: TRANSFER_SEND_METHODS.has(method) && call.arguments.length === 1,
    };
  }

  /**
   * Where the message comes in: the enclosing message handler; a `receive`/`handle` method of an actor
   * class; a `for await … of on(emitter, 'message')` loop; or (one call level down) a same-file function
   * every caller of which is such a handler passing its message on (`handle(msg) { this.forward(msg) }`).
   * A helper that sends to a destination it was handed (`deliver(worker, msg) { worker.postMessage(msg) }`)
   * has its destination picked by its caller, which may itself be such a helper of the handler
   * (`dispatch(msg) { this.deliver(this.pick(msg.key), msg) }`): the lookup is the caller's argument. A
   * helper that looks its destination up itself may sit two levels down too (`#route(msg) { this.#send(msg) }`).
   */
  private receiverOf(call: TSESTree.CallExpression, send: { destination: TSESTree.Node; payload: TSESTree.Node }):
    | { scope: Scope; label: string; handler?: Handler; message?: TSESLint.Scope.Variable; site?: Site; outer?: Site; destinationIndex?: number }
    | undefined {
    const direct = this.entryOf(call);
    if (direct) return direct;
    const fn = enclosingFunction(call);
    // Cheap guard before the call graph: a helper forwards what it is given, so the payload must be one of
    // its parameters (or a field of one).
    if (!fn || !this.isParamOf(send.payload, fn)) return undefined;
    const destination = unwrap(send.destination);
    // `deliver(worker, msg) { worker.postMessage(msg) }`: the destination is one of the helper's parameters.
    const destinationIndex = destination.type === AST_NODE_TYPES.Identifier && this.isParamOf(destination, fn) ? fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === destination.name) : -1;
    if (destinationIndex < 0 && !this.findLookup(send.destination, fn, { path: [] }, 0)) return undefined;
    const sites = this.facts.calls.callSites(fn);
    if (sites.length === 0) return undefined;
    let found: { site: Site; label: string; outer?: Site } | undefined;
    for (const site of sites) {
      if (site.arguments.length === 0) return undefined;
      const entry = this.entryOf(site);
      if (entry) {
        found ??= { site: { call: site, scope: entry.scope, handler: entry.handler }, label: entry.label };
        continue;
      }
      // Two levels: the caller is itself a helper of the handler, which hands the message on unread, whether
      // the destination is handed down to the bottom helper or the bottom helper looks it up itself
      // (`handler → this.#route(msg) → this.#send(msg)`, #send picking the worker).
      const middle = enclosingFunction(site);
      if (!middle || middle === fn) return undefined;
      const outerSites = this.facts.calls.callSites(middle);
      if (outerSites.length === 0) return undefined;
      for (const outerSite of outerSites) {
        const outerEntry = outerSite.arguments.length > 0 ? this.entryOf(outerSite) : undefined;
        if (!outerEntry) return undefined;
        found ??= { site: { call: site, scope: middle }, label: outerEntry.label, outer: { call: outerSite, scope: outerEntry.scope, handler: outerEntry.handler } };
      }
    }
    if (!found) return undefined;
    return { scope: fn, label: found.label, site: found.site, outer: found.outer, destinationIndex: destinationIndex >= 0 ? destinationIndex : undefined };
  }

  private isParamOf(raw: TSESTree.Node | undefined, fn: FunctionNode): boolean {
    if (!raw) return false;
    let base = unwrap(raw);
    while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
    if (base.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(this.sourceCode, base)?.defs[0];
    return def?.type === 'Parameter' && def.node === fn;
  }

  private entryOf(node: TSESTree.Node): { scope: Scope; label: string; handler?: Handler; message?: TSESLint.Scope.Variable } | undefined {
    const handler = this.facts.handlers.enclosingHandler(node);
    if (handler) return this.isMessageHandler(handler) ? { scope: handler.fn, label: handler.label, handler } : undefined;
    const fn = enclosingFunction(node);
    const method = fn && methodNameOf(fn);
    const cls = fn && enclosingClass(fn);
    // A `handle` method (or a comedy topic method) is an entry point only when nothing in the file calls it:
    // called directly, it runs in its caller.
    if (
      fn && method && cls && fn.parent?.parent?.parent === cls &&
      (ACTOR_RECEIVE_METHODS.has(method) || this.facts.handlers.isTopicMethod(fn)) &&
      this.facts.calls.callSites(fn).length === 0
    ) {
      return { scope: fn, label: `${className(cls)}.${method}` };
    }
    // `for await (const [msg] of on(port, 'message'))`: each iteration receives a message.
    for (let current = node.parent; current && !isFunction(current); current = current.parent) {
      if (current.type !== AST_NODE_TYPES.ForOfStatement || !current.await) continue;
      const source = unwrap(current.right);
      if (source.type !== AST_NODE_TYPES.CallExpression || calleeName(source) !== 'on') continue;
      const event = staticString(source.arguments[1]);
      const left = current.left;
      const pattern = left.type === AST_NODE_TYPES.VariableDeclaration ? left.declarations[0]?.id : undefined;
      const first = pattern?.type === AST_NODE_TYPES.ArrayPattern ? pattern.elements[0] : undefined;
      if (event === undefined || NON_MESSAGE_EVENTS.has(event) || first?.type !== AST_NODE_TYPES.Identifier) continue;
      const message = findVariable(this.sourceCode, first);
      const emitter = source.arguments[0] ? this.sourceCode.getText(source.arguments[0]) : 'emitter';
      return { scope: current, label: `the for await loop over on(${emitter}, '${event}')`, message };
    }
    return undefined;
  }

  /** The caller hands its whole message, unread but for routing fields, to the function that forwards it. */
  private isForwardedByCaller(site: { call: TSESTree.CallExpression; scope: Scope }): boolean {
    const saved = this.loopMessage;
    try {
      return site.call.arguments.some((arg) => {
        const source = this.wholeMessageSource(arg, site.scope);
        return !!source && this.isOnlyForwarded(source, site.call, arg, site.scope);
      });
    } finally {
      this.loopMessage = saved;
    }
  }

  /** A handler of a network socket's messages: `ws.on('message')`, `socket.on('data')`, `webSocketMessage(ws, …)`. */
  private isSocketHandler(handler: Handler): boolean {
    const method = methodNameOf(handler.fn);
    if (method && SOCKET_HANDLER_METHODS.has(method)) return true;
    // PartyKit's `onMessage(message, sender)`: a connection's message.
    if (handler.kind === 'method' && handler.fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && SOCKET_PARAM_NAMES.test(param.name))) return true;
    const emitter = handler.emitter && nameOf(unwrap(handler.emitter));
    return !!emitter && PEER_NAMES.test(emitter);
  }

  private sendOf(call: TSESTree.CallExpression): { method: string; destination: TSESTree.Node; payload: TSESTree.Node } | undefined {
    const member = methodCall(call);
    if (member && this.options.sendMethods.has(member.name)) {
      // comedy's `actor.send('topic', msg)`: the payload follows the topic.
      const topicFirst = TOPIC_FIRST_SEND_METHODS.has(member.name) && staticString(call.arguments[0]) !== undefined && call.arguments.length >= 2;
      const payload = call.arguments[topicFirst ? 1 : 0];
      if (!payload || payload.type === AST_NODE_TYPES.SpreadElement) return undefined;
      return { method: member.name, destination: member.receiver, payload };
    }
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const shape = SEND_FUNCTIONS.get(callee.name);
      const destination = shape && call.arguments[shape.destination];
      const payload = shape && call.arguments[shape.payload];
      if (!destination || !payload || payload.type === AST_NODE_TYPES.SpreadElement || destination.type === AST_NODE_TYPES.SpreadElement) {
        return undefined;
      }
      return { method: callee.name, destination, payload };
    }
    return undefined;
  }

  /**
   * A handler that receives messages from elsewhere. Every method of an actor class is long-lived, but a
   * method called directly (`router.send(key, payload)`) runs in its caller: only message entry points
   * (handler methods by name) make the class a middleman.
   */
  private isMessageHandler(handler: Handler): boolean {
    if (handler.event && NON_MESSAGE_EVENTS.has(handler.event)) return false;
    if (handler.kind !== 'method') return true;
    // `port.on('message', this.onMessage.bind(this))`: a method subscribed as a listener is an entry point,
    // whether written in a class or the pre-class way (`Router.prototype.onMessage = function …`).
    if (handler.event !== undefined && handler.emitter) return true;
    const name = methodNameOf(handler.fn);
    return !!name && this.facts.settings.handlerMethods.has(name);
  }

  /** The message parameter of the handler, its fields, or a local naming one of its fields. */
  private payloadSource(raw: TSESTree.Node, fn: Scope): PayloadSource | undefined {
    const node = unwrap(raw);
    const path: string[] = [];
    let base: TSESTree.Node = node;
    while (base.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(base);
      if (name === undefined || name.startsWith('#')) return undefined;
      path.unshift(name);
      base = unwrap(base.object);
    }
    if (base.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode, base);
    const def = variable?.defs[0];
    if (!variable || !def || variable.defs.length !== 1) return undefined;
    if (variable === this.loopMessage) return { root: variable, path };
    if (def.type === 'Parameter' && def.node === fn && isFunction(fn)) {
      const param = fn.params.find((p) => isInside(def.name as TSESTree.Node, p));
      if (!param) return undefined;
      const direct = unwrap(param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param);
      if (direct === def.name) {
        if (!this.isMessageParam(fn, param, variable.name)) return undefined;
        return { root: variable, path };
      }
      // `({ key, payload }) => ...`: the payload is a destructured field of the message.
      const field = destructuredKey(def.name as TSESTree.Identifier);
      if (!field || path.length > 0) return undefined;
      return { path: [field], alias: variable };
    }
    if (def.type === 'Variable' && path.length === 0) {
      // `const payload = msg.payload`, `const { payload } = msg`, `const { payload } = event.data`.
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.parent?.kind !== 'const' || !declarator.init) return undefined;
      const init = unwrap(declarator.init);
      if (init.type === AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
      const inner = this.payloadSource(init, fn);
      if (!inner?.root) return undefined;
      if (declarator.id === def.name) return { root: inner.root, path: inner.path, alias: variable };
      const field = destructuredKey(def.name as TSESTree.Identifier);
      if (!field || (def.name as TSESTree.Node).parent?.parent !== declarator.id) return undefined;
      return { root: inner.root, path: [...inner.path, field], alias: variable };
    }
    return undefined;
  }

  /** Not the sender, the connection or the context: `webSocketMessage(ws, message)` forwards `message`. */
  private isMessageParam(fn: FunctionNode, param: TSESTree.Parameter, name: string): boolean {
    // A handler with one parameter receives the message in it, whatever its name (`(env) => …` for an envelope).
    if (fn.params.length === 1 && fn.params[0] === param && this.facts.handlers.handlerOf(fn)) return true;
    // A helper's parameter that its entry point fills with the whole message, whatever its name
    // (`(env) => this.#forward(env)`): the message, not the Workers `env` or a sender.
    if (this.helper && this.helper.fn === fn && this.wholeMessageSource(this.helper.call.arguments[fn.params.indexOf(param)], this.helper.scope)) return true;
    if (SENDER_PARAM_NAMES.test(name)) return false;
    const method = methodNameOf(fn);
    return !(method === 'webSocketMessage' && fn.params[0] === param);
  }

  /**
   * The entry point's whole message handed as a call argument; `port.onmessage = (e) => this.dispatch(e.data)`:
   * a MessageEvent's `data` is the whole message.
   */
  private wholeMessageSource(arg: TSESTree.Node | undefined, scope: Scope): PayloadSource | undefined {
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const helper = this.helper;
    this.helper = undefined; // the entry point's own parameters are judged by their own rules
    try {
      const source = this.payloadSource(arg, scope);
      return source?.root && (source.path.length === 0 || (source.path.length === 1 && source.path[0] === 'data')) ? source : undefined;
    } finally {
      this.helper = helper;
    }
  }

  /** Routing scalars (an id, a key, a number) cost nothing to forward. */
  private isScalar(payload: TSESTree.Node, source: PayloadSource): boolean {
    if (this.facts.types.isSmallScalar(payload)) return true;
    const last = source.path[source.path.length - 1];
    return last !== undefined && SCALAR_FIELD_NAMES.test(last);
  }

  /** `port.postMessage(payload, [payload])`, `{ transfer: [payload.buffer] }`: ownership moves. Unknown second arguments count too. */
  private transfersOwnership(call: TSESTree.CallExpression, method: string, payload: TSESTree.Node, source: PayloadSource): boolean {
    if (!TRANSFER_SEND_METHODS.has(method)) return false;
    const second = call.arguments[1];
    if (!second) return false;
    const list = unwrap(second);
    if (staticString(list) !== undefined) return false; // window.postMessage(msg, '*')
    const candidates: TSESTree.Node[] = [];
    if (list.type === AST_NODE_TYPES.ArrayExpression) candidates.push(list);
    else if (list.type === AST_NODE_TYPES.ObjectExpression) {
      for (const prop of list.properties) {
        if (prop.type === AST_NODE_TYPES.Property && propertyKey(prop) === 'transfer') candidates.push(prop.value);
      }
      if (candidates.length === 0) return false;
    } else {
      return true; // a transfer list built elsewhere: assume it moves the payload
    }
    const payloadText = this.sourceCode.getText(unwrap(payload));
    const aliasName = source.alias?.name;
    return candidates.some((candidate) => {
      const text = this.sourceCode.getText(candidate);
      return text.includes(payloadText) || (aliasName !== undefined && new RegExp(`\\b${aliasName}\\b`).test(text)) || candidate.type !== AST_NODE_TYPES.ArrayExpression;
    });
  }

  /** The table lookup that picks the destination, following a local or a same-file function's return. */
  private findLookup(raw: TSESTree.Node, fn: Scope, source: PayloadSource, depth: number): TSESTree.Node | undefined {
    const node = unwrap(raw);
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.MemberExpression: {
        // `best.worker`, `w.port`, `lanes.sort(…)[0].port`: the channel of a table entry the router picked.
        // `this.worker` (a fixed field) and `workers[0].port` (a fixed entry) pick nothing.
        if (!node.computed) return this.findLookup(node.object, fn, source, depth);
        const key = unwrap(node.property);
        // `[...pool].sort((a, b) => a.load - b.load)[0]`: the least loaded.
        const sorted = unwrap(node.object);
        if (sorted.type === AST_NODE_TYPES.CallExpression && ['sort', 'toSorted'].includes(methodCall(sorted)?.name ?? '') && sorted.arguments.length > 0) return node;
        if (staticString(key) !== undefined || staticNumber(key) !== undefined) return undefined; // workers[0]: a fixed destination
        if (!this.isTable(node.object, fn) || this.isSenderKey(key, fn, source)) return undefined;
        // `for (const id in cluster.workers) … cluster.workers[id].send(msg)`: a loop over the keys visits
        // every entry (a broadcast) unless it stops at the first it sends to (`break`, `return`): a scan.
        const loop = key.type === AST_NODE_TYPES.Identifier ? loopOf(findVariable(this.sourceCode, key)) : undefined;
        if (loop && !(this.send && stopsAfter(this.send, loop))) return undefined;
        return node;
      }
      case AST_NODE_TYPES.CallExpression: {
        const member = methodCall(node);
        // `pool.reduce((a, b) => (a.load <= b.load ? a : b))`: the least loaded.
        if (member?.name === 'reduce' && isFunction(node.arguments[0]) && this.isTable(member.receiver, fn)) return node;
        if (member && LOOKUP_METHODS.has(member.name)) {
          const key = node.arguments[0];
          if (!key || !this.isTable(member.receiver, fn) || this.isSenderKey(key, fn, source)) return undefined;
          return node;
        }
        // `this.route(msg.key)` where `route` returns `this.routes.get(key)`.
        const callee = this.facts.calls.resolveCallee(node);
        if (!callee || callee === fn) return undefined;
        if (node.arguments.some((arg) => this.isSenderKey(arg, fn, source))) return undefined;
        const returns = returnedValues(callee);
        if (returns.length === 0) return undefined;
        return returns.every((value) => this.findLookup(value, callee, { path: [] }, depth + 1)) ? node : undefined;
      }
      case AST_NODE_TYPES.LogicalExpression:
        // `this.routes.get(key) ?? this.fallback`
        return node.operator === '&&' ? undefined : this.findLookup(node.left, fn, source, depth);
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(this.sourceCode, node);
        const def = variable?.defs[0];
        if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
        const declarator = def.node as TSESTree.VariableDeclarator;
        // Loop variables iterate (a broadcast), they do not look up, unless the send is guarded by an
        // identity test: `for (const w of workers) if (w.id === msg.to) w.send(msg)` scans a table.
        const loop = declarator.parent?.parent;
        if (loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) {
          return loop.type === AST_NODE_TYPES.ForOfStatement && this.isTable(loop.right, fn) ? this.identityGuard(variable, loop) : undefined;
        }
        if (declarator.id !== def.name || !declarator.init) return undefined;
        const writes = variable.references.filter((ref) => ref.isWrite() && !ref.init);
        // `let child = children.get(id); if (!child) { child = spawn(…); children.set(id, child) }`: found, or
        // made once and kept in the table; the same lookup.
        if (writes.length > 0 && writes.every((ref) => isFillWhenMissing(ref, variable))) return this.findLookup(declarator.init, fn, source, depth + 1);
        // `let best = pool[0]; for (const w of pool) if (w.load < best.load) best = w;`: the least loaded.
        if (writes.length > 0) return this.scanChoice(declarator.init, writes, fn);
        return this.findLookup(declarator.init, fn, source, depth + 1);
      }
      default:
        return undefined;
    }
  }

  /** The identity test guarding the send inside a scan of the table (`w.id === msg.to`). */
  private identityGuard(variable: TSESLint.Scope.Variable, loop: TSESTree.ForOfStatement): TSESTree.Node | undefined {
    const send = this.send;
    if (!send || !isInside(send, loop.body)) return undefined;
    for (let current: TSESTree.Node | undefined = send.parent; current && current !== loop; current = current.parent) {
      if (current.type !== AST_NODE_TYPES.IfStatement || isInside(send, current.test)) continue;
      if (current.alternate && isInside(send, current.alternate)) continue;
      const test = unwrap(current.test);
      if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) continue;
      const sides = [unwrap(test.left), unwrap(test.right)];
      const isIdentity = (side: TSESTree.Node) => {
        // `worker[kNodeId]`: a field keyed by a constant (a Symbol) named like an identity.
        const constantKey = side.type === AST_NODE_TYPES.MemberExpression && side.computed && unwrap(side.property).type === AST_NODE_TYPES.Identifier ? (unwrap(side.property) as TSESTree.Identifier).name : undefined;
        const base = side.type === AST_NODE_TYPES.MemberExpression && (!side.computed || constantKey) ? unwrap(side.object) : side;
        const field = side.type === AST_NODE_TYPES.MemberExpression ? (constantKey ?? propertyName(side)) : undefined;
        return base.type === AST_NODE_TYPES.Identifier && findVariable(this.sourceCode, base) === variable && (field === undefined || IDENTITY_FIELD_NAMES.test(field));
      };
      if (sides.some(isIdentity) && !sides.every(isIdentity)) return test;
    }
    return undefined;
  }

  /** A local set from the table and then only to elements of a scan of it: the choice the scan makes. */
  private scanChoice(init: TSESTree.Node, writes: TSESLint.Scope.Reference[], fn: Scope): TSESTree.Node | undefined {
    const first = unwrap(init);
    const table = first.type === AST_NODE_TYPES.MemberExpression && first.computed ? first.object : undefined;
    if (!table || !this.isTable(table, fn)) return undefined;
    const tableText = this.sourceCode.getText(unwrap(table));
    let choice: TSESTree.Node | undefined;
    for (const ref of writes) {
      const assignment = ref.identifier.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || !ref.writeExpr) return undefined;
      const value = unwrap(ref.writeExpr);
      const def = value.type === AST_NODE_TYPES.Identifier ? findVariable(this.sourceCode, value)?.defs[0] : undefined;
      const loop = def?.type === 'Variable' ? def.node.parent?.parent : undefined;
      if (loop?.type !== AST_NODE_TYPES.ForOfStatement || this.sourceCode.getText(unwrap(loop.right)) !== tableText) return undefined;
      let guard: TSESTree.Node | undefined = assignment.parent;
      while (guard && guard.type !== AST_NODE_TYPES.IfStatement && guard !== loop) guard = guard.parent;
      choice ??= guard?.type === AST_NODE_TYPES.IfStatement ? guard.test : assignment;
    }
    return choice;
  }

  /** The table is the router's own (a field, a module or closure variable), not something the message carries (`event.ports`). */
  private isTable(raw: TSESTree.Node, fn: Scope): boolean {
    let base = unwrap(raw);
    // `Object.values(cluster.workers)`: the entries of the table.
    if (base.type === AST_NODE_TYPES.CallExpression && calleeName(base) === 'values' && base.arguments[0] && base.arguments[0].type !== AST_NODE_TYPES.SpreadElement) {
      const object = unwrap(base.callee);
      if (object.type === AST_NODE_TYPES.MemberExpression && nameOf(unwrap(object.object)) === 'Object') base = unwrap(base.arguments[0]);
      // `Object.values(cluster.workers ?? {})`
      if (base.type === AST_NODE_TYPES.LogicalExpression && base.operator !== '&&') base = unwrap(base.left);
    }
    while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
    if (base.type === AST_NODE_TYPES.ThisExpression) return true;
    if (base.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, base);
    if (!variable) return false;
    // A reducer-style handler's state (`(state, msg) => …` in nact's `spawn`) is the actor's own.
    if (this.stateParam && variable === this.stateParam) return true;
    return !variable.defs.some((def) => def.type === 'Parameter' && def.node === fn);
  }

  /**
   * A key that is the sender (`ws`, `sender.id`, `msg.from`): sending there is a reply. A key computed
   * from the sender (`this.partnerOf.get(ws)`) picks someone else.
   */
  private isSenderKey(raw: TSESTree.Node, fn: Scope, source: PayloadSource): boolean {
    let node = unwrap(raw);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(node);
      if (name && SENDER_FIELD_NAMES.test(name)) return true;
      while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    if (SENDER_FIELD_NAMES.test(node.name)) return true;
    const variable = findVariable(this.sourceCode, node);
    const def = variable?.defs[0];
    if (!variable || def?.type !== 'Parameter' || def.node !== fn || !isFunction(fn) || variable === source.root || variable === source.alias) return false;
    const param = fn.params.find((p) => isInside(def.name as TSESTree.Node, p));
    if (!param || unwrap(param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param) !== def.name) return false;
    // Another parameter than the message: the sender or the context.
    return SENDER_PARAM_NAMES.test(variable.name) || !this.isMessageParam(fn, param, variable.name) || fn.params.indexOf(param) > 0;
  }

  /** `write` and `send` are hops when the destination is a peer: a socket, a connection, a client. */
  private looksLikePeer(destination: TSESTree.Node, lookup: TSESTree.Node): boolean {
    if (this.facts.kinds.isInstanceOf(destination, PEER_TYPES)) return true;
    const names: string[] = [];
    const collect = (raw: TSESTree.Node) => {
      const node = unwrap(raw);
      if (node.type === AST_NODE_TYPES.Identifier) names.push(node.name);
      else if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(node);
        if (name) names.push(name);
        collect(node.object);
      } else if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(node);
        if (name) names.push(name);
        collect(node.callee);
      }
    };
    collect(destination);
    collect(lookup);
    return names.some((name) => PEER_NAMES.test(name));
  }

  /** Nothing but routing fields of the message is read: the payload passes through untouched. */
  private isOnlyForwarded(source: PayloadSource, call: TSESTree.CallExpression, payload: TSESTree.Node, fn: Scope): boolean {
    // The payload argument itself and a transfer list naming it are the forward, not a use.
    const forwardParts = [payload, ...call.arguments.slice(1).filter(() => TRANSFER_SEND_METHODS.has(calleeName(call) ?? ''))];
    const inForward = (node: TSESTree.Node) => forwardParts.some((part) => isInside(node, part));
    const aliasDeclarator = source.alias?.defs[0]?.type === 'Variable' ? (source.alias.defs[0].node as TSESTree.VariableDeclarator) : undefined;
    if (source.alias) {
      for (const ref of source.alias.references) {
        if (ref.init || inForward(ref.identifier)) continue;
        if (ref.isWrite()) return false;
        if (this.isOtherForward(ref.identifier)) continue;
        if (isTestUse(outerParent(ref.identifier).child)) continue;
        // `({ data }) => byTenant.get(data.tenant).postMessage(data)`: a field of the forwarded value read to route it.
        const { chain, top } = memberChain(ref.identifier);
        const readsSize = chain.some((name, i) => VIEW_MEMBERS.has(name) && !(i > 0 && SCALAR_FIELD_NAMES.test(chain[i - 1])));
        if (chain.length === 0 || readsSize || !this.isRoutingUse(top, 0)) return false;
      }
    }
    if (!source.root) return true;
    for (const ref of source.root.references) {
      const id = ref.identifier;
      if (ref.init) continue;
      if (ref.isWrite() || !isInside(id, fn)) return false;
      if (inForward(id) || this.isOtherForward(id)) continue;
      // `if (msg.type === 'register') { table[msg.name] = msg.port; return; }`: that message is not forwarded.
      if (isInExitingBranch(id, call, fn)) continue;
      if (aliasDeclarator?.init && isInside(id, aliasDeclarator.init)) continue;
      const { chain, top } = memberChain(id);
      // `ring(m.id).send(m)`: a field handed to the lookup that picks the destination is its key.
      if (chain.length > source.path.length && this.lookup && isInside(top, this.lookup) && !chain.some((name) => VIEW_MEMBERS.has(name))) continue;
      if (!this.isRoutingRead(chain, top, source, 0)) return false;
    }
    return true;
  }

  /** The whole value handed, unchanged, to another send (`ports.resizer.postMessage(msg)` in another branch): a forward too. */
  private isOtherForward(id: TSESTree.Node): boolean {
    const { child, parent } = outerParent(id);
    return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== child && this.sendOf(parent)?.payload === child;
  }

  /** Reading `chain` of the message at `top` does not touch the payload at `source.path`. */
  private isRoutingRead(chain: string[], top: TSESTree.Node, source: PayloadSource, depth: number): boolean {
    const path = source.path;
    let common = 0;
    while (common < chain.length && common < path.length && chain[common] === path[common]) common++;
    const isPrefixOfPath = common === chain.length && chain.length < path.length;
    const reachesPayload = common === path.length && path.length > 0;
    // `payload.byteLength`, `msg.length`: reading the bytes' size or backing store is using the payload.
    // `msg.key.length` is the length of a routing key, not of the payload.
    const readsSize = chain.some((name, i) => i >= path.length && VIEW_MEMBERS.has(name) && !(i > path.length && SCALAR_FIELD_NAMES.test(chain[i - 1])));
    if (readsSize && common === Math.min(chain.length, path.length)) return false;
    if (reachesPayload) {
      // `if (!msg.payload) return`: a presence check reads no bytes; `event.data.shard` (the forwarded
      // message's own field) is a routing read like any field of a whole forwarded message.
      if (chain.length > path.length) return this.isRoutingUse(top, depth);
      if (isTestUse(top)) return true;
      // `const { topic } = e.data`: fields of the forwarded value destructured to route it.
      const { parent } = outerParent(top);
      return (
        parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        !!parent.init &&
        unwrap(parent.init) === unwrap(top) &&
        parent.id.type === AST_NODE_TYPES.ObjectPattern &&
        this.isRoutingPattern(parent.id, chain, source, depth)
      );
    }
    if (isPrefixOfPath || chain.length === 0) {
      // The message (or the object holding the payload) itself: only a presence check or a destructuring
      // that leaves the payload out (or names it, as the forwarded alias) keeps it untouched.
      if (isTestUse(top)) return true;
      const { parent } = outerParent(top);
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init && unwrap(parent.init) === unwrap(top) && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
        return this.isRoutingPattern(parent.id, chain, source, depth);
      }
      return false;
    }
    // A sibling of the payload: a routing field by definition, when the payload is a field.
    if (path.length > 0) return true;
    // `msg.sessionId`, `msg.kind` handed anywhere (a spawn, a `set`): a routing scalar by its name, not the payload.
    if (chain.length === 1 && SCALAR_FIELD_NAMES.test(chain[0]) && !VIEW_MEMBERS.has(chain[0])) return true;
    // The whole message is forwarded: the field read must serve routing (a key, a test, a hash, a log).
    return this.isRoutingUse(top, depth);
  }

  private isRoutingPattern(pattern: TSESTree.ObjectPattern, chain: string[], source: PayloadSource, depth: number): boolean {
    for (const prop of pattern.properties) {
      if (prop.type === AST_NODE_TYPES.RestElement) return false;
      const key = propertyKey(prop);
      if (key === undefined) return false;
      const next = [...chain, key];
      const value = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
      if (value.type !== AST_NODE_TYPES.Identifier) {
        if (value.type === AST_NODE_TYPES.ObjectPattern) {
          if (!this.isRoutingPattern(value, next, source, depth)) return false;
          continue;
        }
        return false;
      }
      const variable = findVariable(this.sourceCode, value);
      if (variable && variable === source.alias) continue;
      // Another destructured field: each of its uses is a routing read of `next`.
      for (const ref of variable?.references ?? []) {
        if (ref.init) continue;
        if (ref.isWrite()) return false;
        const { chain: rest, top } = memberChain(ref.identifier);
        if (!this.isRoutingRead([...next, ...rest], top, source, depth + 1)) return false;
      }
    }
    return true;
  }

  /** Field reads that route: a lookup key, a comparison, a switch, a hash or shard function, a log line. */
  private isRoutingUse(top: TSESTree.Node, depth: number): boolean {
    if (this.facts.types.isSmallScalar(top)) return true;
    const { child, parent } = outerParent(top);
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
        return parent.computed && parent.property === child;
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.SwitchCase:
        return true;
      case AST_NODE_TYPES.SwitchStatement:
        return parent.discriminant === child;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test === child;
      case AST_NODE_TYPES.LogicalExpression:
        return parent.parent ? this.isRoutingUse(parent, depth + 1) || isTestUse(parent) : false;
      case AST_NODE_TYPES.CallExpression: {
        if (parent.callee === child) return false;
        const name = calleeName(parent);
        // `rooms.set(msg.room, channel)`: the key a table entry is filed under.
        if (name === 'set' && parent.arguments[0] === child && methodCall(parent)) return true;
        const callee = unwrap(parent.callee);
        const isConsole =
          callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier && (unwrap(callee.object) as TSESTree.Identifier).name === 'console';
        return isConsole || (!!name && ROUTING_CALL_NAMES.test(name));
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        if (depth >= MAX_DEPTH || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
        const variable = findVariable(this.sourceCode, parent.id);
        if (!variable) return false;
        return variable.references.every((ref) => ref.init || (!ref.isWrite() && this.isRoutingUse(memberChain(ref.identifier).top, depth + 1)));
      }
      default:
        return false;
    }
  }
}

/**
 * `msg.body.header`: handing out a part of the payload reads it. The payload is the message or one field
 * of it (`msg.body`); a MessageEvent's `data` wraps the message and does not count.
 */
function isPartOfPayload(source: PayloadSource): boolean {
  const path = source.path[0] === 'data' ? source.path.slice(1) : source.path;
  return path.length >= 2;
}

/**
 * `x = make()` inside `if (!x)` (or `x == null`, `x === undefined`), or `x ??= make()`, `x ||= make()`:
 * the variable is only filled in when the lookup found nothing.
 */
function isFillWhenMissing(ref: TSESLint.Scope.Reference, variable: TSESLint.Scope.Variable): boolean {
  const assignment = ref.identifier.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== ref.identifier) return false;
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  for (let current: TSESTree.Node | undefined = assignment.parent; current && !isFunction(current); current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement || !isInside(assignment, current.consequent)) continue;
    const test = unwrap(current.test);
    const names = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.Identifier && node.name === variable.name;
    if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' && names(unwrap(test.argument))) return true;
    const other = comparedWith(test, names);
    if (other && isEmptyValue(other)) return true;
    return false;
  }
  return false;
}

/** The `for…in` / `for…of` loop declaring `variable`, if it is a loop variable. */
function loopOf(variable: TSESLint.Scope.Variable | undefined): TSESTree.ForInStatement | TSESTree.ForOfStatement | undefined {
  const def = variable?.defs[0];
  const loop = def?.type === 'Variable' ? def.node.parent?.parent : undefined;
  return loop?.type === AST_NODE_TYPES.ForInStatement || loop?.type === AST_NODE_TYPES.ForOfStatement ? loop : undefined;
}

/** The statement holding `call` inside `loop` is followed, in its block, by `break` or `return`: the loop stops there. */
function stopsAfter(call: TSESTree.Node, loop: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = call; current && current !== loop; current = current.parent) {
    const block = current.parent;
    if (block?.type !== AST_NODE_TYPES.BlockStatement) continue;
    const rest = block.body.slice(block.body.indexOf(current as TSESTree.Statement) + 1);
    if (rest.some((statement) => statement.type === AST_NODE_TYPES.BreakStatement || statement.type === AST_NODE_TYPES.ReturnStatement)) return true;
  }
  return false;
}

/** `node` sits in an `if` branch that ends in `return` or `throw` and does not reach `call`. */
function isInExitingBranch(node: TSESTree.Node, call: TSESTree.Node, fn: Scope): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; current = current.parent) {
    const branch = current.parent;
    if (branch?.type !== AST_NODE_TYPES.IfStatement || branch.test === current || isInside(call, current)) continue;
    const last = current.type === AST_NODE_TYPES.BlockStatement ? current.body[current.body.length - 1] : current;
    if (last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.ThrowStatement) return true;
  }
  return false;
}

/** `msg.header.topic` from the `msg` reference: the static field names and the outermost member. */
function memberChain(id: TSESTree.Node): { chain: string[]; top: TSESTree.Node } {
  const chain: string[] = [];
  let top: TSESTree.Node = id;
  for (;;) {
    const { child, parent } = outerParent(top);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) break;
    const name = propertyName(parent);
    if (name === undefined) break;
    // A method call on the field (`msg.body.toString()`) uses it: keep the method as the top's parent.
    const call = outerParent(parent).parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && outerParent(parent).child === call.callee) break;
    chain.push(name);
    top = parent;
  }
  return { chain, top };
}

/** A presence or type check: `!x`, `typeof x`, `if (x)`, `x == null`, `x instanceof T`, `'key' in x`. */
function isTestUse(node: TSESTree.Node): boolean {
  const { child, parent } = outerParent(node);
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.UnaryExpression) return parent.operator === '!' || parent.operator === 'typeof';
  if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) return parent.test === child;
  if (parent.type === AST_NODE_TYPES.BinaryExpression) {
    if (parent.operator === 'instanceof') return parent.left === child;
    if (parent.operator === 'in') return parent.right === child; // `'subscribe' in message`: a shape check
    if (['==', '===', '!=', '!=='].includes(parent.operator)) {
      return isEmptyValue(parent.left === child ? parent.right : parent.left);
    }
  }
  return false;
}

function propertyKey(prop: TSESTree.Property): string | undefined {
  if (!prop.computed && prop.key.type === AST_NODE_TYPES.Identifier) return prop.key.name;
  if (prop.key.type === AST_NODE_TYPES.Literal && typeof prop.key.value === 'string') return prop.key.value;
  return undefined;
}

/** `{ payload }` / `{ payload: p }` in a pattern: the field the identifier names (one level). */
function destructuredKey(name: TSESTree.Identifier): string | undefined {
  let node: TSESTree.Node = name;
  if (node.parent?.type === AST_NODE_TYPES.AssignmentPattern && node.parent.left === node) node = node.parent;
  const prop = node.parent;
  if (prop?.type !== AST_NODE_TYPES.Property || prop.value !== node || prop.parent?.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  return propertyKey(prop);
}

/** The values a function returns (its expression body, or each `return x` outside nested functions). */
function returnedValues(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  let bare = false;
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) values.push(node.argument);
      else bare = true;
    }
    return true;
  });
  return bare ? [] : values;
}
