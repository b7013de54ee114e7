import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ALARM_WORTHY_DELAY_MS,
  DURABLE_OBJECT_BASES,
  DURABLE_OBJECT_ENV_PARAM,
  DURABLE_OBJECT_EVIDENCE_CALLS,
  DURABLE_OBJECT_STATE_PARAM,
  HIBERNATION_HANDLER_METHODS,
  NON_CLOSING_METHODS,
  RESIDENT_TIMERS,
  RESPONSE_TYPES,
  SOCKET_ATTACHMENT_METHODS,
  SOCKET_EVENTS,
  SOCKET_TYPES,
  WEBSOCKET_CLOSE_METHOD,
  WEBSOCKET_PAIR_CONSTRUCTORS,
} from '../apis';
import {
  calleeName,
  enclosingFunction,
  findVariable,
  isFunction,
  isInside,
  memberKeyName,
  methodCall,
  methodNameOf,
  outerParent,
  propertyName,
  staticNumber,
  staticString,
  superClassName,
  unwrap,
  walk,
  type FunctionNode,
} from '../ast';
import { takesActorState } from '../handlers';
import type { Blocker } from './blocker';
import type { ActorScan } from './scan';

type Variable = TSESLint.Scope.Variable;

/**
 * A Durable Object: `extends DurableObject`, a constructor taking a `DurableObjectState`, or (written
 * before the base class, in plain JavaScript) an unannotated `constructor(state, env)` in a class that
 * also uses what only a Durable Object has. The constructor's arity alone is not enough.
 */
export function isDurableObject(scan: ActorScan): boolean {
  const cls = scan.node;
  if (cls.type === AST_NODE_TYPES.ObjectExpression) return false;
  const base = superClassName(cls);
  if (base && DURABLE_OBJECT_BASES.has(base.split('.').pop() ?? base)) return true;
  if (takesActorState(cls)) return true;
  if (cls.superClass) return scan.facts.kinds.isInstanceOf(cls.superClass, DURABLE_OBJECT_BASES);
  return hasDurableObjectShape(scan);
}

function hasDurableObjectShape(scan: ActorScan): boolean {
  const params = scan.constructorFn?.params ?? [];
  if (params.length !== 2) return false;
  const [state, env] = params;
  if (state.type !== AST_NODE_TYPES.Identifier || env.type !== AST_NODE_TYPES.Identifier || state.typeAnnotation) return false;
  if (!DURABLE_OBJECT_STATE_PARAM.test(state.name) || !DURABLE_OBJECT_ENV_PARAM.test(env.name)) return false;
  // `fetch(request)`: the Durable Object's entry point.
  if (scan.method('fetch')?.fn?.params.length) return true;
  if (scan.news.some((node) => WEBSOCKET_PAIR_CONSTRUCTORS.has(calleeName(node) ?? ''))) return true;
  if (scan.calls.some((call) => DURABLE_OBJECT_EVIDENCE_CALLS.has(methodCall(call)?.name ?? ''))) return true;
  // `state.storage`, `this.state.storage`.
  const variable = findVariable(scan.sourceCode, state);
  return !!variable?.references.some((ref) => {
    const member = ref.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === ref.identifier && propertyName(member) === 'storage';
  }) || scan.sourceCode.getText(scan.node).includes('.state.storage');
}

/** The sockets of a Durable Object that can hibernate: server ends of a `WebSocketPair`, and where they go. */
interface Sockets {
  variables: Set<Variable>;
  pairs: Set<Variable>;
  /** Same-file functions outside the class that receive a socket (one call level down). */
  helpers: Set<FunctionNode>;
}

export class DurableObjectChecks {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly sockets: Sockets;

  constructor(
    private readonly scan: ActorScan,
    private readonly blockers: Blocker[],
  ) {
    this.sourceCode = scan.sourceCode;
    this.sockets = this.findSockets();
  }

  run(): void {
    this.socketBlockers();
    this.timerBlockers();
    this.stateBlockers();
    this.closeBlocker();
  }

  /** `this.ctx` for `extends DurableObject`; the field or parameter property holding the state otherwise. */
  private stateExpression(): string | undefined {
    const cls = this.scan.node;
    const base = cls.type !== AST_NODE_TYPES.ObjectExpression ? superClassName(cls) : undefined;
    if (base && DURABLE_OBJECT_BASES.has(base.split('.').pop() ?? base)) return 'this.ctx';
    const constructor = this.scan.constructorFn;
    const first = constructor?.params[0];
    if (!constructor || !first) return undefined;
    if (first.type === AST_NODE_TYPES.TSParameterProperty) {
      const param = first.parameter;
      return param.type === AST_NODE_TYPES.Identifier ? `this.${param.name}` : undefined;
    }
    if (first.type !== AST_NODE_TYPES.Identifier) return undefined;
    for (const node of this.scan.assignments) {
      if (!isInside(node, constructor)) continue;
      const right = unwrap(node.right);
      if (node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type === AST_NODE_TYPES.ThisExpression && right.type === AST_NODE_TYPES.Identifier && right.name === first.name) {
        const name = propertyName(node.left);
        if (name) return `this.${name}`;
      }
    }
    return undefined;
  }

  // ---- which values are server sockets ----

  private findSockets(): Sockets {
    const sockets: Sockets = { variables: new Set(), pairs: new Set(), helpers: new Set() };
    const addPattern = (pattern: TSESTree.Node) => {
      const elements =
        pattern.type === AST_NODE_TYPES.ArrayPattern
          ? pattern.elements
          : pattern.type === AST_NODE_TYPES.ObjectPattern
            ? pattern.properties.map((prop) => (prop.type === AST_NODE_TYPES.Property ? prop.value : null))
            : [];
      for (const element of elements) {
        if (element?.type === AST_NODE_TYPES.Identifier) {
          const variable = findVariable(this.sourceCode, element);
          if (variable) sockets.variables.add(variable);
        }
      }
    };
    for (const node of this.scan.news) {
      if (!WEBSOCKET_PAIR_CONSTRUCTORS.has(calleeName(node) ?? '')) continue;
      let holder: TSESTree.Node | undefined = node.parent;
      // `Object.values(new WebSocketPair())`
      if (holder?.type === AST_NODE_TYPES.CallExpression && calleeName(holder) === 'values') holder = holder.parent;
      if (holder?.type !== AST_NODE_TYPES.VariableDeclarator) continue;
      if (holder.id.type !== AST_NODE_TYPES.Identifier) {
        addPattern(holder.id);
        continue;
      }
      const pair = findVariable(this.sourceCode, holder.id);
      if (pair) this.addPair(pair, sockets, addPattern);
    }
    // One call level down: a socket handed to a method of the class (`this.handleSession(server)`), a
    // same-file helper (`attach(server)`) or the constructor of a same-file class (`new Session(server)`)
    // is a socket there too, and a pair handed to one (`acceptPair(pair)`) is a pair there. Twice: a
    // method may pass it on once more.
    for (let round = 0; round < 2; round++) {
      for (const call of [...this.scan.calls, ...this.scan.news, ...this.helperCalls(sockets.helpers)]) {
        call.arguments.forEach((arg, index) => {
          if (arg.type === AST_NODE_TYPES.SpreadElement) return;
          const passed = unwrap(arg);
          // Most classes hold no pair: the scope lookup only for a name a pair has.
          const isPair = passed.type === AST_NODE_TYPES.Identifier && sockets.pairs.size > 0 && hasPairNamed(sockets.pairs, passed.name) && sockets.pairs.has(findVariable(this.sourceCode, passed) as Variable);
          if (!isPair && !this.isSocketIn(arg, sockets)) return;
          const callee = call.type === AST_NODE_TYPES.NewExpression ? this.scan.facts.calls.resolveConstructor(call) : (this.scan.facts.calls.resolveCallee(call) ?? this.managerMethod(call));
          const declared = callee?.params[index];
          // `constructor(private readonly ws: WebSocket)`: a parameter property names the parameter too.
          const param = declared?.type === AST_NODE_TYPES.TSParameterProperty ? declared.parameter : declared;
          if (!callee || param?.type !== AST_NODE_TYPES.Identifier) return;
          const variable = findVariable(this.sourceCode, param);
          if (variable && isPair) this.addPair(variable, sockets, addPattern);
          else if (variable) sockets.variables.add(variable);
          if (!isInside(callee, this.scan.node)) sockets.helpers.add(callee);
        });
      }
    }
    return sockets;
  }

  /** A `WebSocketPair` variable and the sockets taken out of it (`pair[1]`, `Object.values(pair)`). */
  private addPair(pair: Variable, sockets: Sockets, addPattern: (pattern: TSESTree.Node) => void): void {
    if (sockets.pairs.has(pair)) return;
    sockets.pairs.add(pair);
    for (const ref of pair.references) {
      const use = ref.identifier.parent;
      const declarator = use?.parent;
      // `const [client, server] = Object.values(pair)`
      if (use?.type === AST_NODE_TYPES.CallExpression && calleeName(use) === 'values' && declarator?.type === AST_NODE_TYPES.VariableDeclarator) addPattern(declarator.id);
      // `const server = pair[1]` (or `pair[1] as WebSocket`): an alias of the pair's socket.
      if (use?.type === AST_NODE_TYPES.MemberExpression && use.computed && use.object === ref.identifier) {
        let holder: TSESTree.Node | undefined = use.parent;
        while (holder && (holder.type === AST_NODE_TYPES.TSAsExpression || holder.type === AST_NODE_TYPES.TSNonNullExpression || holder.type === AST_NODE_TYPES.TSSatisfiesExpression)) holder = holder.parent;
        if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init && unwrap(holder.init) === use && holder.id.type === AST_NODE_TYPES.Identifier) {
          const alias = findVariable(this.sourceCode, holder.id);
          if (alias) sockets.variables.add(alias);
        }
      }
    }
  }

  /**
   * `this.connections.add(server)` where `connections = new ConnectionManager()` and `ConnectionManager` is a
   * class of the same file: its `add` method (a connection manager, one call level down).
   */
  private managerMethod(call: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
    const holder = unwrap(callee.object);
    const method = propertyName(callee);
    if (!method || holder.type !== AST_NODE_TYPES.MemberExpression || unwrap(holder.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const field = propertyName(holder);
    if (!field || !isInside(call, this.scan.node)) return undefined;
    const values = [
      ...this.scan.fields(field).map((member) => member.value),
      ...this.scan.thisRefs(field).map((ref) => (ref.parent?.type === AST_NODE_TYPES.AssignmentExpression && ref.parent.left === ref && ref.parent.operator === '=' ? ref.parent.right : undefined)),
    ].filter((value): value is TSESTree.Node => !!value);
    for (const raw of values) {
      const value = unwrap(raw);
      const cls = value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier ? findVariable(this.sourceCode, value.callee)?.defs[0] : undefined;
      if (cls?.type !== 'ClassName') continue;
      const body = (cls.node as TSESTree.ClassDeclaration).body.body;
      for (const member of body) {
        if (member.type === AST_NODE_TYPES.MethodDefinition && !member.static && member.kind === 'method' && memberKeyName(member) === method && isFunction(member.value)) return member.value;
      }
    }
    return undefined;
  }

  private helperCalls(helpers: Set<FunctionNode>): TSESTree.CallExpression[] {
    const calls: TSESTree.CallExpression[] = [];
    for (const helper of helpers) {
      walk(helper.body, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
      });
    }
    return calls;
  }

  private isSocketIn(raw: TSESTree.Node, sockets: Sockets): boolean {
    const node = unwrap(raw);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, node);
      if (variable && sockets.variables.has(variable)) return true;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed) {
      const object = unwrap(node.object);
      if (object.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(this.sourceCode, object);
        if (variable && sockets.pairs.has(variable)) return true;
      }
    }
    return this.scan.facts.kinds.isInstanceOf(node, SOCKET_TYPES) && !this.isClientSocket(node);
  }

  private isSocket(raw: TSESTree.Node): boolean {
    return this.isSocketIn(raw, this.sockets);
  }

  // ---- accept() and listeners: one finding per socket and function ----

  private socketBlockers(): void {
    const missing = HIBERNATION_HANDLER_METHODS.filter((name) => !this.scan.method(name));
    const state = this.stateExpression();
    interface Group {
      socket: string;
      accept?: TSESTree.CallExpression;
      listeners: TSESTree.CallExpression[];
      events: string[];
    }
    const groups = new Map<string, Group>();
    const groupOf = (call: TSESTree.CallExpression, receiver: TSESTree.Node): Group => {
      const fn = enclosingFunction(call);
      const socket = this.sourceCode.getText(unwrap(receiver));
      const key = `${fn?.range[0] ?? -1}:${socket}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { socket, listeners: [], events: [] }));
      return group;
    };
    for (const call of [...this.scan.calls, ...this.helperCalls(this.sockets.helpers)]) {
      const member = methodCall(call);
      if (!member || !this.isSocket(member.receiver)) continue;
      if (member.name === 'accept' && call.arguments.length === 0 && !this.isClosedRightAfter(call, member.receiver)) {
        const group = groupOf(call, member.receiver);
        group.accept ??= call;
      } else if (member.name === 'addEventListener') {
        const event = staticString(call.arguments[0]);
        if (event !== undefined && !SOCKET_EVENTS.has(event)) continue;
        const group = groupOf(call, member.receiver);
        group.listeners.push(call);
        const name = event ?? 'event';
        if (!group.events.includes(name)) group.events.push(name);
      }
    }
    for (const group of groups.values()) {
      if (group.accept) {
        this.blockers.push({
          kind: 'accepted-socket',
          node: group.accept,
          actor: this.scan.name,
          socket: group.socket,
          events: group.events,
          missingHandlers: missing,
          // `this` names the object only inside the class: no state expression for a helper's accept().
          stateExpression: isInside(group.accept, this.scan.node) ? state : undefined,
        });
      } else if (group.listeners.length > 0) {
        this.blockers.push({ kind: 'socket-listener', node: group.listeners[0], actor: this.scan.name, socket: group.socket, events: group.events });
      }
    }
  }

  /**
   * `pair[1].accept(); pair[1].send(error); pair[1].close(1011, …)`: a socket accepted only to carry an
   * error frame and closed in the same run of statements keeps nothing resident.
   */
  private isClosedRightAfter(call: TSESTree.CallExpression, receiver: TSESTree.Node): boolean {
    const statement = outerParent(call).parent;
    const block = statement?.parent;
    if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || block?.type !== AST_NODE_TYPES.BlockStatement) return false;
    const subject = this.sourceCode.getText(unwrap(receiver));
    for (const next of block.body.slice(block.body.indexOf(statement) + 1)) {
      // Only plain statements in between: a return, a branch or a loop may leave the socket open.
      if (next.type !== AST_NODE_TYPES.ExpressionStatement) return false;
      let expression = unwrap(next.expression);
      if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = unwrap(expression.argument);
      if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
      const closing = methodCall(expression);
      if (closing?.name === 'close' && this.sourceCode.getText(unwrap(closing.receiver)) === subject) return true;
    }
    return false;
  }

  /**
   * An outgoing socket, typed `WebSocket` but not a server socket: `(await fetch(url, { headers: { Upgrade:
   * 'websocket' } })).webSocket`, `new WebSocket(url)`, or a local or `this` field that only ever holds one.
   * The Hibernation API accepts only the server end of a `WebSocketPair`; an outgoing socket cannot
   * hibernate, so `acceptWebSocket` is no remedy for it.
   */
  private isClientSocket(raw: TSESTree.Node, depth = 0): boolean {
    const node = unwrap(raw);
    if (depth > 2) return false;
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(node.callee);
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'WebSocket' && !findVariable(this.sourceCode, callee)?.defs.length;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && propertyName(node) === 'webSocket') {
      return this.isResponse(node.object, depth);
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, node);
      if (!variable || variable.defs.length === 0 || variable.defs.some((def) => def.type !== 'Variable')) return false;
      const writes = variable.references.filter((ref) => ref.isWrite());
      return (
        writes.length > 0 &&
        writes.every((ref) => {
          // `const { webSocket } = await fetch(…)`
          const prop = ref.identifier.parent;
          if (prop?.type === AST_NODE_TYPES.Property && prop.value === ref.identifier && prop.parent?.type === AST_NODE_TYPES.ObjectPattern) {
            const outer = prop.parent.parent;
            const direct = outer?.type === AST_NODE_TYPES.VariableDeclarator || outer?.type === AST_NODE_TYPES.AssignmentExpression;
            return direct && memberKeyName(prop) === 'webSocket' && !!ref.writeExpr && this.isResponse(ref.writeExpr, depth);
          }
          return !!ref.writeExpr && ref.identifier.parent?.type !== AST_NODE_TYPES.ArrayPattern && this.isClientSocket(ref.writeExpr, depth + 1);
        })
      );
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed) {
      const field = propertyName(node);
      if (!field) return false;
      let holdsClient = false;
      for (const member of this.scan.fields(field)) {
        if (member.isStatic || !member.value || isEmptyValue(member.value)) continue;
        if (!this.isClientSocket(member.value, depth + 1)) return false;
        holdsClient = true;
      }
      for (const ref of this.scan.thisRefs(field)) {
        const parent = ref.parent;
        if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== ref) continue;
        if (parent.operator !== '=') return false;
        if (isEmptyValue(parent.right)) continue;
        if (!this.isClientSocket(parent.right, depth + 1)) return false;
        holdsClient = true;
      }
      return holdsClient;
    }
    return false;
  }

  /** A `Response` (by type, or `await fetch(…)` in the source): its `webSocket` is the client end of an upgrade. */
  private isResponse(raw: TSESTree.Node, depth: number): boolean {
    let node = unwrap(raw);
    if (this.scan.facts.kinds.isInstanceOf(node, RESPONSE_TYPES)) return true;
    if (node.type === AST_NODE_TYPES.Identifier && depth <= 2) {
      const variable = findVariable(this.sourceCode, node);
      const def = variable?.defs[0];
      if (variable?.defs.length !== 1 || def?.type !== 'Variable' || def.name !== (def.node as TSESTree.VariableDeclarator).id) return false;
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.parent?.kind !== 'const' || !declarator.init) return false;
      node = unwrap(declarator.init);
    }
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
    return node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'fetch';
  }

  // ---- timers ----

  /**
   * `setInterval` always; `setTimeout` with a delay of a second or more, written or named by a constant
   * (a shorter one is a pause, and `new Promise((r) => setTimeout(r, ms))` is a sleep inside a request,
   * which an alarm cannot replace).
   */
  private timerBlockers(): void {
    for (const call of this.scan.calls) {
      const timer = this.residentTimer(call);
      if (timer) this.blockers.push({ kind: 'resident-timer', node: call, actor: this.scan.name, timer });
    }
  }

  private residentTimer(call: TSESTree.CallExpression): string | undefined {
    const callee = unwrap(call.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression &&
            unwrap(callee.object).type === AST_NODE_TYPES.Identifier &&
            ['globalThis', 'self'].includes((unwrap(callee.object) as TSESTree.Identifier).name)
          ? propertyName(callee)
          : undefined;
    if (!name || !RESIDENT_TIMERS.has(name)) return undefined;
    if (callee.type === AST_NODE_TYPES.Identifier && findVariable(this.sourceCode, callee)?.defs.length) return undefined; // a local named setTimeout
    if (name === 'setInterval') return name;
    const delay = staticDelay(this.sourceCode, call.arguments[1]);
    if (delay === undefined || delay < ALARM_WORTHY_DELAY_MS) return undefined;
    const fn = call.arguments[0];
    if (fn?.type === AST_NODE_TYPES.Identifier) {
      const def = findVariable(this.sourceCode, fn)?.defs[0];
      const executor = def?.type === 'Parameter' ? (def.node as TSESTree.Node) : undefined;
      if (executor?.parent?.type === AST_NODE_TYPES.NewExpression && calleeName(executor.parent) === 'Promise') return undefined;
    }
    return name;
  }

  // ---- per-socket state ----

  private stateBlockers(): void {
    if ([...SOCKET_ATTACHMENT_METHODS].some((name) => this.sourceCode.text.includes(name))) return;
    for (const call of this.scan.calls) {
      const member = methodCall(call);
      if (member?.name !== 'set' || call.arguments.length < 2) continue;
      const receiver = unwrap(member.receiver);
      const [key, value] = call.arguments;
      if (receiver.type !== AST_NODE_TYPES.MemberExpression || receiver.object.type !== AST_NODE_TYPES.ThisExpression) continue;
      if (key.type === AST_NODE_TYPES.SpreadElement || value.type === AST_NODE_TYPES.SpreadElement) continue;
      const field = propertyName(receiver);
      if (!field) continue;
      const keyedBySocket = this.isSocket(key) || this.isSocketParam(key) || (this.isSocketKeyedMap(field) && this.isParamOrSocket(key));
      // `this.peers.set(id, ws)`: the socket itself as the value is a registry, covered by `getWebSockets()`, not state.
      if (!keyedBySocket || this.isSocketParam(value) || this.isSocket(value) || this.isRefilledCache(call, field, key) || this.isStoreSetter(call, key, value)) continue;
      this.blockers.push({ kind: 'socket-state', node: call, actor: this.scan.name, field });
    }
  }

  /**
   * `setClient(ws, info) { this.clients.set(ws, info) }`, a method whose whole body stores its two parameters
   * and that nothing in the file calls: the state is made by callers in other files, which may fill it again
   * after a wake (background-agents' connection manager does, from a mapping persisted under the socket's
   * tag); the rule judges per-socket state where it is made.
   */
  private isStoreSetter(call: TSESTree.CallExpression, key: TSESTree.Node, value: TSESTree.Node): boolean {
    const fn = enclosingFunction(call);
    if (!fn || fn.body?.type !== AST_NODE_TYPES.BlockStatement || fn.body.body.length !== 1) return false;
    const only = fn.body.body[0];
    if (only.type !== AST_NODE_TYPES.ExpressionStatement || unwrap(only.expression) !== call) return false;
    const params = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : undefined));
    const keyNode = unwrap(key);
    const valueNode = unwrap(value);
    if (params.length !== 2 || keyNode.type !== AST_NODE_TYPES.Identifier || valueNode.type !== AST_NODE_TYPES.Identifier) return false;
    if (keyNode.name !== params[0] || valueNode.name !== params[1]) return false;
    return this.scan.facts.calls.callSites(fn).length === 0;
  }

  /** `new Map<WebSocket, Session>()` in the field's initialiser or declared type. */
  private isSocketKeyedMap(field: string): boolean {
    const isSocketType = (type: TSESTree.TypeNode | undefined) =>
      type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && SOCKET_TYPES.has(type.typeName.name);
    const inits: TSESTree.Node[] = [];
    for (const member of this.scan.fields(field)) {
      if (member.value) inits.push(member.value);
      const declared = (member.node as TSESTree.PropertyDefinition).typeAnnotation?.typeAnnotation;
      if (declared?.type === AST_NODE_TYPES.TSTypeReference && isSocketType(declared.typeArguments?.params[0])) return true;
    }
    for (const ref of this.scan.thisRefs(field)) {
      if (ref.parent?.type === AST_NODE_TYPES.AssignmentExpression && ref.parent.left === ref) inits.push(ref.parent.right);
    }
    return inits.some((init) => {
      const node = unwrap(init);
      return node.type === AST_NODE_TYPES.NewExpression && isSocketType(node.typeArguments?.params[0]);
    });
  }

  private isParamOrSocket(raw: TSESTree.Node): boolean {
    const node = unwrap(raw);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    return findVariable(this.sourceCode, node)?.defs[0]?.type === 'Parameter';
  }

  /** A parameter that is a socket: of the hibernation handlers (`webSocketMessage(ws, …)`), annotated `WebSocket`, or handed a socket. */
  private isSocketParam(raw: TSESTree.Node): boolean {
    const node = unwrap(raw);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, node);
    const def = variable?.defs[0];
    if (!variable || def?.type !== 'Parameter') return false;
    if (this.sockets.variables.has(variable)) return true;
    const fn = def.node as FunctionNode;
    const method = methodNameOf(fn);
    if (method && HIBERNATION_HANDLER_METHODS.includes(method) && fn.params[0] && isInside(def.name as TSESTree.Node, fn.params[0])) return true;
    const annotation = (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
    return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && SOCKET_TYPES.has(annotation.typeName.name);
  }

  /**
   * A cache keyed by a socket parameter and filled whenever it is missing is filled again after the object
   * wakes: `if (this.meta.has(ws)) return; this.meta.set(ws, …)`, or `let s = this.meta.get(ws); if (!s) {
   * s = …; this.meta.set(ws, s) }`, whatever the method's other parameters.
   */
  private isRefilledCache(call: TSESTree.CallExpression, field: string, key: TSESTree.Node): boolean {
    const fn = enclosingFunction(call);
    const keyNode = unwrap(key);
    if (!fn || keyNode.type !== AST_NODE_TYPES.Identifier) return false;
    if (!fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === keyNode.name)) return false;
    // Filled from the socket alone (not from another argument, which a wake would not bring back).
    if (this.readsOtherParams(call.arguments[1], fn, keyNode.name, 0)) return false;
    const isLookup = (raw: TSESTree.Node): boolean => {
      const node = unwrap(raw);
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const lookup = methodCall(node);
      const object = lookup && unwrap(lookup.receiver);
      const arg = node.arguments[0] && unwrap(node.arguments[0]);
      return (
        !!lookup &&
        (lookup.name === 'has' || lookup.name === 'get') &&
        object?.type === AST_NODE_TYPES.MemberExpression &&
        object.object.type === AST_NODE_TYPES.ThisExpression &&
        propertyName(object) === field &&
        arg?.type === AST_NODE_TYPES.Identifier &&
        arg.name === keyNode.name
      );
    };
    // Locals holding the lookup: `let session = this.sessions.get(ws)`.
    const lookupLocals = new Set<string>();
    let guarded = false;
    walk(fn.body, (node) => {
      if (guarded || (node !== fn.body && isFunction(node)) || node.range[0] > call.range[0]) return false;
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init && isLookup(node.init)) lookupLocals.add(node.id.name);
      if (node.type !== AST_NODE_TYPES.IfStatement) return true;
      let test = unwrap(node.test);
      if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') test = unwrap(test.argument);
      if (test.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(test.operator)) test = unwrap(test.left);
      guarded = isLookup(test) || (test.type === AST_NODE_TYPES.Identifier && lookupLocals.has(test.name));
      return true;
    });
    return guarded;
  }

  private readsOtherParams(raw: TSESTree.Node | undefined, fn: FunctionNode, key: string, depth: number): boolean {
    if (!raw || depth > 1) return !!raw;
    let reads = false;
    walk(raw, (node) => {
      if (reads || node.type !== AST_NODE_TYPES.Identifier || node.name === key) return !reads;
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return true;
      const variable = findVariable(this.sourceCode, node);
      const def = variable?.defs[0];
      if (def?.type === 'Parameter' && def.node === fn) reads = true;
      else if (variable && def?.type === 'Variable' && isInside(def.node, fn)) {
        // A local: what it was given.
        for (const ref of variable.references) if (ref.writeExpr && this.readsOtherParams(ref.writeExpr, fn, key, depth + 1)) reads = true;
      }
      return true;
    });
    return reads;
  }

  // ---- webSocketClose ----

  /** `webSocketClose(ws, code, reason)` that never closes its end, nor hands `ws` to code that does. */
  private closeBlocker(): void {
    const method = this.scan.method(WEBSOCKET_CLOSE_METHOD);
    const fn = method?.fn;
    if (!method || !fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return;
    const socket = fn.params[0];
    if (socket?.type !== AST_NODE_TYPES.Identifier) return;
    const verdict = this.closes(fn, new Set([socket.name]), 0);
    if (verdict.closes) return;
    this.blockers.push({ kind: 'close-not-called', node: method.node.key, actor: this.scan.name, socket: socket.name, method: fn, via: verdict.via });
  }

  /**
   * Whether `fn` closes the socket named in `sockets`: a `.close()` call, or a call handing it on. A same-file
   * function it is handed to is followed one level (an empty default hook does not close); code from
   * elsewhere (an adapter, an import) may close it, so it counts as closing. A wrapper made of it
   * (`const connection = createLazyConnection(ws)`) stands for it from there on: making one closes nothing.
   */
  private closes(fn: FunctionNode, names: ReadonlySet<string>, depth: number): { closes: boolean; via?: string } {
    let closes = false;
    let via: string | undefined;
    const sockets = new Set(names);
    walk(fn.body, (node) => {
      if (closes) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression) return true;
      const member = methodCall(node);
      if (member?.name === 'close') {
        closes = true;
        return false;
      }
      const isSocket = (raw: TSESTree.Node) => {
        const arg = unwrap(raw);
        return arg.type === AST_NODE_TYPES.Identifier && sockets.has(arg.name);
      };
      const index = node.arguments.findIndex(isSocket);
      const callee = unwrap(node.callee);
      const wrapper = index >= 0 ? wrapperOf(node) : undefined;
      if (wrapper) {
        sockets.add(wrapper);
        return true;
      }
      // A test of it (`isPartyServerWebSocket(ws)`) closes nothing.
      if (index >= 0 && PREDICATE_NAME.test(calleeName(node) ?? '')) return true;
      if (callee.type === AST_NODE_TYPES.MemberExpression && NON_CLOSING_METHODS.has(propertyName(callee) ?? '')) return true;
      if (index < 0) {
        // Handed inside an object to code from elsewhere (`room.handleSocketResume({ sessionId, socket: ws })`:
        // tldraw's sync room closes the sockets it holds): it may close it. A same-file function is not
        // followed into the object's fields, and does not count.
        const wrapped = node.arguments.some((arg) => {
          const object = unwrap(arg);
          return object.type === AST_NODE_TYPES.ObjectExpression && object.properties.some((prop) => prop.type === AST_NODE_TYPES.Property && isSocket(prop.value));
        });
        if (wrapped && !this.scan.facts.calls.resolveCallee(node)) closes = true;
        return !closes;
      }
      const target = this.scan.facts.calls.resolveCallee(node);
      const param = target?.params[index];
      if (!target || depth >= 1 || param?.type !== AST_NODE_TYPES.Identifier) {
        closes = true;
        return false;
      }
      const inner = this.closes(target, new Set([param.name]), depth + 1);
      if (inner.closes) closes = true;
      else via ??= calleeName(node) ?? 'helper';
      return true;
    });
    return { closes, via };
  }
}

/**
 * `const connection = createLazyConnection(ws)`, `const conn = wrapSocket(ws)`: a call named as making a
 * wrapper, whose result a variable keeps; the variable's name.
 */
function wrapperOf(call: TSESTree.CallExpression): string | undefined {
  const name = calleeName(call);
  const declarator = call.parent;
  if (!name || !WRAPPER_MAKERS.test(name) || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== call) return undefined;
  return declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id.name : undefined;
}

const PREDICATE_NAME = /^(?:is|has|can|should)[A-Z]/;

const WRAPPER_MAKERS = /^(?:create|wrap|make|as|to)[A-Z]\w*(?:Connection|Socket|Conn|Client|Peer|Session|Ws)$/;

/** Some pair variable has this name (a cheap test before the scope lookup). */
function hasPairNamed(pairs: Set<Variable>, name: string): boolean {
  for (const pair of pairs) if (pair.name === name) return true;
  return false;
}

/** `null`, `undefined`: a field or local that holds no socket yet. */
function isEmptyValue(raw: TSESTree.Node): boolean {
  const node = unwrap(raw);
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/** `60_000`, `5 * 60 * 1000`, `SAVE_DEBOUNCE_MS` (a `const` with such a value): a delay written in the source. */
function staticDelay(sourceCode: Readonly<TSESLint.SourceCode>, raw: TSESTree.Node | undefined, depth = 0): number | undefined {
  if (!raw || depth > 3) return undefined;
  const node = unwrap(raw);
  const value = staticNumber(node);
  if (value !== undefined) return value;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, node);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== 'Variable') return undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.parent?.kind !== 'const' || declarator.id !== def.name || !declarator.init) return undefined;
    return staticDelay(sourceCode, declarator.init, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '*' || node.operator === '+')) {
    const left = staticDelay(sourceCode, node.left as TSESTree.Node, depth + 1);
    const right = staticDelay(sourceCode, node.right, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    return node.operator === '*' ? left * right : left + right;
  }
  return undefined;
}
