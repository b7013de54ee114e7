import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ACCUMULATE_METHODS,
  ALARM_WORTHY_DELAY_MS,
  CONNECTION_LISTEN_METHODS,
  DURABLE_OBJECT_BASES,
  HIBERNATION_HANDLER_METHODS,
  PARTYKIT_CONNECT_METHOD,
  RELEASE_METHODS,
  RESIDENT_TIMERS,
  SOCKET_ATTACHMENT_METHODS,
  SOCKET_EVENTS,
  WEBSOCKET_CLOSE_METHOD,
  WEBSOCKET_PAIR_CONSTRUCTORS,
} from './apis';
import { calleeName, className, enclosingFunction, findVariable, isFunction, isInside, memberKeyName, methodCall, methodNameOf, outerParent, propertyName, staticNumber, staticString, superClassName, unwrap, type FunctionNode, walk } from './ast';
import { takesActorState } from './handlers';
import type { FileFacts as Analysis } from './file';

/**
 * What keeps an idle actor resident (Erlang's remedy: hibernate idle processes). Durable Objects:
 * sockets accepted or listened to outside the WebSocket Hibernation API, timers where an alarm would do,
 * `webSocketClose` that leaves the socket half-closed, per-socket state only in memory. PartyKit:
 * listeners attached in `onConnect` with `hibernate: true`. Any actor: buffers or strings accumulated
 * into fields that nothing releases.
 */
export type BlockerKind =
  | 'accepted-socket'
  | 'socket-listener'
  | 'resident-timer'
  | 'close-not-called'
  | 'socket-state'
  | 'partykit-listener'
  | 'unreleased-buffer';

export interface Blocker {
  kind: BlockerKind;
  node: TSESTree.Node;
  actor: string;
  /** The socket, connection, timer or field involved, as source text. */
  subject: string;
  /** The event (listeners), the handler label (buffers), the missing handler methods (accept). */
  detail: string;
  /** `this.ctx` / `this.state`: the Durable Object state, when the class names one. */
  stateExpression?: string;
  /** For `webSocketClose`: the call to add and where. */
  closeInsertion?: { after: TSESTree.Node | TSESTree.Token; text: string };
}

export interface HibernationChecks {
  durableObjects: boolean;
  partyKit: boolean;
  actorBuffers: boolean;
}

export interface HibernationOptions {
  checks: HibernationChecks;
  releaseFunctions: ReadonlySet<string>;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const EVENT_METHODS: Record<string, string> = {
  message: 'webSocketMessage',
  close: 'webSocketClose',
  error: 'webSocketError',
};
const SOCKET_TYPES = new Set(['WebSocket']);
const RESPONSE_TYPES = new Set(['Response']);
/** Methods that take a socket without closing it: collections and loggers. */
const NON_CLOSING_METHODS = new Set(['delete', 'get', 'set', 'has', 'add', 'push', 'unshift', 'indexOf', 'includes', 'splice', 'log', 'info', 'warn', 'error', 'debug', 'trace', 'stringify']);
/** Function names that say they release what they are given. */
const RELEASING_NAMES = /(?:compact|release|clear|trim|evict|prune|reset|drain|hibernate|dispose|free)/i;

/** The blockers in one class. Never throws. */
export function findHibernationBlockers(cls: ClassNode, analysis: Analysis, options: HibernationOptions): Blocker[] {
  try {
    const finder = new BlockerFinder(cls, analysis, options);
    return finder.find();
  } catch {
    return [];
  }
}

class BlockerFinder {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly actor: string;
  private readonly blockers: Blocker[] = [];

  constructor(
    private readonly cls: ClassNode,
    private readonly analysis: Analysis,
    private readonly options: HibernationOptions,
  ) {
    this.sourceCode = analysis.sourceCode;
    this.actor = className(cls);
  }

  find(): Blocker[] {
    const { checks } = this.options;
    if (checks.durableObjects && this.isDurableObject()) this.durableObjectBlockers();
    if (checks.partyKit) this.partyKitBlockers();
    if (checks.actorBuffers && this.analysis.handlers.isActorClass(this.cls)) this.bufferBlockers();
    return this.blockers.sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  // ---- Durable Objects ----

  private isDurableObject(): boolean {
    const base = superClassName(this.cls);
    if (base && DURABLE_OBJECT_BASES.has(base.split('.').pop() ?? base)) return true;
    if (takesActorState(this.cls)) return true;
    return !!this.cls.superClass && this.analysis.types.typed && this.analysis.types.hasNominalBase(this.cls.superClass, DURABLE_OBJECT_BASES);
  }

  /** `this.ctx` for `extends DurableObject`; the field or parameter property holding a `DurableObjectState` otherwise. */
  private stateExpression(): string | undefined {
    const base = superClassName(this.cls);
    if (base && DURABLE_OBJECT_BASES.has(base.split('.').pop() ?? base)) return 'this.ctx';
    const constructor = this.members().find((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') as
      | TSESTree.MethodDefinition
      | undefined;
    const first = constructor?.value.params[0];
    if (!first) return undefined;
    if (first.type === AST_NODE_TYPES.TSParameterProperty) {
      const param = first.parameter;
      return param.type === AST_NODE_TYPES.Identifier ? `this.${param.name}` : undefined;
    }
    if (first.type !== AST_NODE_TYPES.Identifier || !constructor) return undefined;
    let found: string | undefined;
    walk(constructor.value.body ?? constructor.value, (node) => {
      if (
        !found &&
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        node.left.object.type === AST_NODE_TYPES.ThisExpression &&
        unwrap(node.right).type === AST_NODE_TYPES.Identifier &&
        (unwrap(node.right) as TSESTree.Identifier).name === first.name
      ) {
        const name = propertyName(node.left);
        if (name) found = `this.${name}`;
      }
    });
    return found;
  }

  private members(): TSESTree.ClassElement[] {
    return this.cls.body.body;
  }

  private methodNamed(name: string): TSESTree.MethodDefinition | TSESTree.PropertyDefinition | undefined {
    return this.members().find(
      (member): member is TSESTree.MethodDefinition | TSESTree.PropertyDefinition =>
        (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
        !member.static &&
        memberKeyName(member) === name &&
        isFunction(member.value as TSESTree.Node),
    );
  }

  /** Nodes of this class, not of classes nested in it. */
  private walkClass(visit: (node: TSESTree.Node) => void): void {
    walk(this.cls.body, (node) => {
      if (node !== this.cls && (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression)) return false;
      visit(node);
      return true;
    });
  }

  private durableObjectBlockers(): void {
    const pairSockets = this.pairSockets();
    const isSocket = (raw: TSESTree.Node): boolean => {
      const node = unwrap(raw);
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(this.sourceCode, node);
        if (variable && pairSockets.variables.has(variable)) return true;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression && node.computed) {
        const object = unwrap(node.object);
        if (object.type === AST_NODE_TYPES.Identifier) {
          const variable = findVariable(this.sourceCode, object);
          if (variable && pairSockets.pairs.has(variable)) return true;
        }
      }
      return this.analysis.types.typed && this.analysis.types.hasNominalBase(node, SOCKET_TYPES) && !this.isClientSocket(node);
    };
    const usesAttachments = [...SOCKET_ATTACHMENT_METHODS].some((name) => this.sourceCode.text.includes(name));
    const state = this.stateExpression();
    const missing = HIBERNATION_HANDLER_METHODS.filter((name) => !this.methodNamed(name));
    this.walkClass((node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const member = methodCall(node);
      if (member?.name === 'accept' && node.arguments.length === 0 && isSocket(member.receiver) && !this.isClosedRightAfter(node, member.receiver)) {
        this.blockers.push({
          kind: 'accepted-socket',
          node,
          actor: this.actor,
          subject: this.sourceCode.getText(unwrap(member.receiver)),
          detail: missing.length > 0 ? missing.map((name) => `\`${name}\``).join(', ') : 'none (all are defined)',
          stateExpression: state,
        });
      } else if (member?.name === 'addEventListener' && isSocket(member.receiver)) {
        const event = staticString(node.arguments[0]);
        if (event !== undefined && !SOCKET_EVENTS.has(event)) return;
        this.blockers.push({
          kind: 'socket-listener',
          node,
          actor: this.actor,
          subject: this.sourceCode.getText(unwrap(member.receiver)),
          detail: event ?? 'event',
          stateExpression: event !== undefined ? EVENT_METHODS[event] : undefined,
        });
      } else if (this.isResidentTimer(node)) {
        this.blockers.push({ kind: 'resident-timer', node, actor: this.actor, subject: calleeName(node) ?? 'timer', detail: '' });
      } else if (member && (member.name === 'set' || member.name === 'add') && !usesAttachments) {
        const receiver = unwrap(member.receiver);
        const key = node.arguments[0];
        if (
          receiver.type === AST_NODE_TYPES.MemberExpression &&
          receiver.object.type === AST_NODE_TYPES.ThisExpression &&
          key &&
          key.type !== AST_NODE_TYPES.SpreadElement &&
          (isSocket(key) || this.isSocketParam(key)) &&
          (member.name === 'set' ? node.arguments.length >= 2 && !this.isSocketValue(node.arguments[1]) : false) &&
          !this.isRefilledCache(node, receiver, key)
        ) {
          this.blockers.push({ kind: 'socket-state', node, actor: this.actor, subject: propertyName(receiver) ?? 'state', detail: '' });
        }
      }
    });
    this.closeBlocker();
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
      for (const member of this.members()) {
        if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && memberKeyName(member) === field && member.value && !isEmptyValue(member.value)) {
          if (!this.isClientSocket(member.value, depth + 1)) return false;
          holdsClient = true;
        }
      }
      for (const ref of this.analysis.handlers.thisMemberRefs(this.cls).get(field) ?? []) {
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
    if (this.analysis.types.hasNominalBase(node, RESPONSE_TYPES)) return true;
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

  /**
   * `ensure(ws) { if (this.meta.has(ws)) return; this.meta.set(ws, derive(ws)); }`: a cache keyed by the
   * socket, filled from the socket alone whenever it is missing, is filled again after the object wakes.
   */
  private isRefilledCache(call: TSESTree.CallExpression, receiver: TSESTree.MemberExpression, key: TSESTree.Node): boolean {
    const fn = enclosingFunction(call);
    const keyNode = unwrap(key);
    if (!fn || fn.params.length !== 1 || keyNode.type !== AST_NODE_TYPES.Identifier) return false;
    const param = fn.params[0];
    if (param.type !== AST_NODE_TYPES.Identifier || param.name !== keyNode.name) return false;
    const field = propertyName(receiver);
    let guarded = false;
    walk(fn.body, (node) => {
      if (guarded || (node !== fn.body && isFunction(node))) return false;
      if (node.type !== AST_NODE_TYPES.IfStatement || node.range[0] > call.range[0]) return true;
      let test = unwrap(node.test);
      if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') test = unwrap(test.argument);
      if (test.type !== AST_NODE_TYPES.CallExpression) return true;
      const lookup = methodCall(test);
      const object = lookup && unwrap(lookup.receiver);
      const arg = test.arguments[0] && unwrap(test.arguments[0]);
      guarded =
        !!lookup &&
        (lookup.name === 'has' || lookup.name === 'get') &&
        object?.type === AST_NODE_TYPES.MemberExpression &&
        object.object.type === AST_NODE_TYPES.ThisExpression &&
        propertyName(object) === field &&
        arg?.type === AST_NODE_TYPES.Identifier &&
        arg.name === keyNode.name;
      return true;
    });
    return guarded;
  }

  /** `const [client, server] = Object.values(new WebSocketPair())`, `const pair = new WebSocketPair()`, `{ 0: c, 1: s }`. */
  private pairSockets(): { variables: Set<TSESLint.Scope.Variable>; pairs: Set<TSESLint.Scope.Variable> } {
    const variables = new Set<TSESLint.Scope.Variable>();
    const pairs = new Set<TSESLint.Scope.Variable>();
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
          if (variable) variables.add(variable);
        }
      }
    };
    this.walkClass((node) => {
      if (node.type !== AST_NODE_TYPES.NewExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || !WEBSOCKET_PAIR_CONSTRUCTORS.has(callee.name)) return;
      let holder: TSESTree.Node | undefined = node.parent;
      // `Object.values(new WebSocketPair())`
      if (holder?.type === AST_NODE_TYPES.CallExpression && calleeName(holder) === 'values') holder = holder.parent;
      if (holder?.type !== AST_NODE_TYPES.VariableDeclarator) return;
      if (holder.id.type === AST_NODE_TYPES.Identifier) {
        const pair = findVariable(this.sourceCode, holder.id);
        if (!pair) return;
        pairs.add(pair);
        // `const [client, server] = Object.values(pair)`
        for (const ref of pair.references) {
          const call = ref.identifier.parent;
          const declarator = call?.parent;
          if (call?.type === AST_NODE_TYPES.CallExpression && calleeName(call) === 'values' && declarator?.type === AST_NODE_TYPES.VariableDeclarator) {
            addPattern(declarator.id);
          }
        }
      } else {
        addPattern(holder.id);
      }
    });
    return { variables, pairs };
  }

  /** A parameter that is a socket in a Durable Object's socket handlers: `webSocketMessage(ws, ...)`, `(ws: WebSocket)`. */
  private isSocketParam(raw: TSESTree.Node): boolean {
    const node = unwrap(raw);
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, node);
    const def = variable?.defs[0];
    if (!variable || def?.type !== 'Parameter') return false;
    const fn = def.node as FunctionNode;
    const method = methodNameOf(fn);
    if (method && HIBERNATION_HANDLER_METHODS.includes(method) && fn.params[0] && isInside(def.name as TSESTree.Node, fn.params[0])) return true;
    const annotation = (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
    if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier) {
      return SOCKET_TYPES.has(annotation.typeName.name);
    }
    return false;
  }

  /** `this.peers.set(id, ws)`: the socket itself as the value is a registry, covered by `getWebSockets()`, not state. */
  private isSocketValue(raw: TSESTree.Node | undefined): boolean {
    return !!raw && raw.type !== AST_NODE_TYPES.SpreadElement && this.isSocketParam(raw);
  }

  /**
   * `setInterval` always; `setTimeout` with a delay of a second or more (a shorter one is a pause, and
   * `new Promise((r) => setTimeout(r, ms))` is a sleep inside a request, which an alarm cannot replace).
   */
  private isResidentTimer(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression &&
            unwrap(callee.object).type === AST_NODE_TYPES.Identifier &&
            ['globalThis', 'self'].includes((unwrap(callee.object) as TSESTree.Identifier).name)
          ? propertyName(callee)
          : undefined;
    if (!name || !RESIDENT_TIMERS.has(name)) return false;
    if (callee.type === AST_NODE_TYPES.Identifier && findVariable(this.sourceCode, callee)?.defs.length) return false; // a local named setTimeout
    if (name === 'setInterval') return true;
    const delay = staticDelay(call.arguments[1]);
    if (delay === undefined || delay < ALARM_WORTHY_DELAY_MS) return false;
    const fn = call.arguments[0];
    if (fn?.type === AST_NODE_TYPES.Identifier) {
      const def = findVariable(this.sourceCode, fn)?.defs[0];
      const executor = def?.type === 'Parameter' ? (def.node as TSESTree.Node) : undefined;
      if (executor?.parent?.type === AST_NODE_TYPES.NewExpression && calleeName(executor.parent) === 'Promise') return false;
    }
    return true;
  }

  /** `webSocketClose(ws, code, reason)` that never closes its end (nor hands `ws` to code that may). */
  private closeBlocker(): void {
    const method = this.methodNamed(WEBSOCKET_CLOSE_METHOD);
    const fn = method?.value as FunctionNode | undefined;
    if (!method || !fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return;
    const socket = fn.params[0];
    if (socket?.type !== AST_NODE_TYPES.Identifier) return;
    let handled = false;
    walk(fn.body, (node) => {
      if (handled) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        if (methodCall(node)?.name === 'close') handled = true;
        // Delegation: `this.cleanup(ws)`, `closeQuietly(ws)` may close it; `this.names.delete(ws)` does not.
        const passesSocket = node.arguments.some(
          (arg) => unwrap(arg).type === AST_NODE_TYPES.Identifier && (unwrap(arg) as TSESTree.Identifier).name === socket.name,
        );
        // So may another object's handler (`adapter.handleDurableClose(this, ws, code)`), unlike a
        // collection or a logger.
        const callee = unwrap(node.callee);
        const delegates =
          callee.type === AST_NODE_TYPES.Identifier ||
          (callee.type === AST_NODE_TYPES.MemberExpression && !NON_CLOSING_METHODS.has(propertyName(callee) ?? '')) ||
          !!this.analysis.calls.resolveCallee(node);
        if (passesSocket && delegates) handled = true;
      }
      return true;
    });
    if (handled) return;
    const open = this.sourceCode.getFirstToken(fn.body);
    const first = fn.body.body[0];
    const indent = first ? ' '.repeat(first.loc.start.column) : ' '.repeat(method.loc.start.column + 2);
    const closingIndent = ' '.repeat(method.loc.start.column);
    this.blockers.push({
      kind: 'close-not-called',
      node: method.key,
      actor: this.actor,
      subject: socket.name,
      detail: '',
      closeInsertion:
        open && !this.sourceCode.getCommentsInside(fn.body).length
          ? { after: open, text: first ? `\n${indent}${socket.name}.close();` : `\n${indent}${socket.name}.close();\n${closingIndent}` }
          : undefined,
    });
  }

  // ---- PartyKit ----

  /** `static options = { hibernate: true }` (or an instance `options` field) and listeners attached in `onConnect`. */
  private partyKitBlockers(): void {
    const hibernates = this.members().some((member) => {
      if (member.type !== AST_NODE_TYPES.PropertyDefinition || memberKeyName(member) !== 'options' || !member.value) return false;
      const value = unwrap(member.value);
      return (
        value.type === AST_NODE_TYPES.ObjectExpression &&
        value.properties.some(
          (prop) =>
            prop.type === AST_NODE_TYPES.Property &&
            memberKeyName(prop) === 'hibernate' &&
            prop.value.type === AST_NODE_TYPES.Literal &&
            prop.value.value === true,
        )
      );
    });
    if (!hibernates) return;
    const onConnect = this.methodNamed(PARTYKIT_CONNECT_METHOD);
    const fn = onConnect?.value as FunctionNode | undefined;
    const conn = fn?.params[0];
    if (!fn || conn?.type !== AST_NODE_TYPES.Identifier) return;
    const connection = findVariable(this.sourceCode, conn);
    for (const ref of connection?.references ?? []) {
      const member = ref.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref.identifier) continue;
      const name = propertyName(member);
      const call = member.parent;
      if (name && CONNECTION_LISTEN_METHODS.has(name) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
        const event = staticString(call.arguments[0]);
        this.blockers.push({ kind: 'partykit-listener', node: call, actor: this.actor, subject: `${conn.name}.${name}(${event !== undefined ? `'${event}'` : '…'}, …)`, detail: event ?? 'event' });
      } else if (name && /^on[a-z]+$/.test(name) && member.parent?.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member) {
        this.blockers.push({ kind: 'partykit-listener', node: member.parent, actor: this.actor, subject: `${conn.name}.${name} = …`, detail: name.slice(2) });
      }
    }
  }

  // ---- Actors that accumulate ----

  private bufferBlockers(): void {
    const reported = new Set<string>();
    const found: Blocker[] = [];
    for (const member of this.members()) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
      const fn = member.value;
      if (!fn || !isFunction(fn as TSESTree.Node)) continue;
      const handler = this.analysis.handlers.handlerOf(fn as FunctionNode);
      if (!handler) continue;
      walk((fn as FunctionNode).body, (node) => {
        const accumulated = this.accumulation(node);
        if (accumulated && !reported.has(accumulated.field) && !this.isReleased(accumulated.field)) {
          reported.add(accumulated.field);
          found.push({ kind: 'unreleased-buffer', node, actor: this.actor, subject: accumulated.field, detail: `${handler.label}|${accumulated.what}` });
        }
        return true;
      });
    }
    // Checked last: it reads the whole file, and most actors accumulate nothing.
    if (found.length > 0 && !this.hasIdleRelease()) this.blockers.push(...found);
  }

  /** A release function called anywhere in the file, an idle timer or an alarm in the class. */
  private hasIdleRelease(): boolean {
    let found = !!this.methodNamed('alarm');
    walk(this.sourceCode.ast, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(node);
        if (name && this.options.releaseFunctions.has(name)) found = true;
        if (name && RESIDENT_TIMERS.has(name) && isInside(node, this.cls)) found = true;
      }
      return true;
    });
    return found;
  }

  /** `this.f.push(x)`, `this.f += x`, `this.f = Buffer.concat([this.f, x])` with x a buffer or string of incoming data. */
  private accumulation(node: TSESTree.Node): { field: string; what: string } | undefined {
    let field: string | undefined;
    let values: TSESTree.Node[] = [];
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
      if (node.operator === '+=') values = [node.right];
      else if (node.operator === '=') values = this.grownBy(node.right, this.sourceCode.getText(node.left));
    }
    if (!field || values.length === 0) return undefined;
    for (const value of values) {
      const kind = this.analysis.kinds.kindOf(value);
      const what = kind === 'string' ? 'strings' : ['buffer', 'typed-array', 'array-buffer', 'data-view'].includes(kind) ? 'buffers' : undefined;
      if (what && this.analysis.origins.originOf(value)) return { field, what };
    }
    return undefined;
  }

  /** `Buffer.concat([this.f, x])`, `this.f + x`, `[...this.f, x]`, `this.f.concat(x)`: the values added to `self`. */
  private grownBy(raw: TSESTree.Node, self: string): TSESTree.Node[] {
    const node = unwrap(raw);
    const isSelf = (n: TSESTree.Node) => this.sourceCode.getText(unwrap(n)) === self;
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

  /** Anything in the class that clears, trims or compacts the field, or hands it to other code. */
  private isReleased(field: string): boolean {
    for (const ref of this.analysis.handlers.thisMemberRefs(this.cls).get(field) ?? []) {
      const parent = ref.parent;
      if (!parent) continue;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === ref && parent.operator === '=') {
        const self = this.sourceCode.getText(ref);
        if (this.grownBy(parent.right, self).length === 0) return true; // reset or trimmed
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
        if (name && (this.options.releaseFunctions.has(name) || RELEASING_NAMES.test(name))) return true;
      }
    }
    return false;
  }
}

/** `null`, `undefined`: a field or local that holds no socket yet. */
function isEmptyValue(raw: TSESTree.Node): boolean {
  const node = unwrap(raw);
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/** `60_000`, `5 * 60 * 1000`: a delay written in the source. */
function staticDelay(raw: TSESTree.Node | undefined, depth = 0): number | undefined {
  if (!raw || depth > 3) return undefined;
  const node = unwrap(raw);
  const value = staticNumber(node);
  if (value !== undefined) return value;
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '*' || node.operator === '+')) {
    const left = staticDelay(node.left as TSESTree.Node, depth + 1);
    const right = staticDelay(node.right, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    return node.operator === '*' ? left * right : left + right;
  }
  return undefined;
}

