import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast';

/**
 * What keeps an idle actor resident (Erlang's remedy: hibernate idle processes). Each blocker carries
 * the details its message and its fix need, typed by kind.
 */
interface BlockerBase {
  /** The narrowest node that explains it: the `accept()` call, the first listener, the timer, the store. */
  node: TSESTree.Node;
  /** The class (or `export default { … }` server) that stays resident. */
  actor: string;
}

/** `ws.accept()` on a server socket, with the listeners attached to the same socket in the same function. */
export interface AcceptedSocket extends BlockerBase {
  kind: 'accepted-socket';
  node: TSESTree.CallExpression;
  /** The socket, as source text. */
  socket: string;
  /** Events of the listeners on the same socket (`message`, `close`, `error`), in source order; may be empty. */
  events: string[];
  /** Hibernation handler methods the class does not define yet. */
  missingHandlers: string[];
  /** `this.ctx` / `this.state`: the Durable Object state, when the class names one (the fix needs it). */
  stateExpression?: string;
}

/** Listeners on a server socket (no `accept()` beside them): reported once per socket and function. */
export interface SocketListener extends BlockerBase {
  kind: 'socket-listener';
  node: TSESTree.CallExpression;
  socket: string;
  /** Every event listened to on that socket there, in source order (`event` when not a literal). */
  events: string[];
}

export interface ResidentTimer extends BlockerBase {
  kind: 'resident-timer';
  node: TSESTree.CallExpression;
  /** `setInterval`, `setTimeout`. */
  timer: string;
}

/** `webSocketClose` that never closes its end, itself or in the same-file code it hands the socket to. */
export interface CloseNotCalled extends BlockerBase {
  kind: 'close-not-called';
  /** The socket parameter's name. */
  socket: string;
  /** The `webSocketClose` method. */
  method: FunctionNode;
  /** The same-file function it hands the socket to, which does not close it either. */
  via?: string;
}

/** Per-socket state kept in a field keyed by the socket, without `serializeAttachment`. */
export interface SocketState extends BlockerBase {
  kind: 'socket-state';
  field: string;
}

/** PartyKit with hibernation: listeners attached to a connection in `onConnect`. */
export interface PartyKitListener extends BlockerBase {
  kind: 'partykit-listener';
  /** `conn.addEventListener('message', …)`, `conn.onmessage = …`: every listener on the connection, joined as code spans. */
  listener: string;
  /** What selects hibernation: the `hibernate: true` option, or (object-literal API) an `onMessage` handler. */
  selectedBy: 'option' | 'onMessage';
}

/** An actor field that accumulates incoming buffers or text and that nothing releases. */
export interface UnreleasedBuffer extends BlockerBase {
  kind: 'unreleased-buffer';
  field: string;
  /** The handler that accumulates: `Session.receive`, `the 'data' handler`. */
  handler: string;
  what: 'buffers' | 'strings';
}

export type Blocker = AcceptedSocket | SocketListener | ResidentTimer | CloseNotCalled | SocketState | PartyKitListener | UnreleasedBuffer;
export type BlockerKind = Blocker['kind'];

export interface HibernationChecks {
  durableObjects: boolean;
  partyKit: boolean;
  actorBuffers: boolean;
}

export interface HibernationOptions {
  checks: HibernationChecks;
  releaseFunctions: ReadonlySet<string>;
}
