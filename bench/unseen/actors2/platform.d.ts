// Minimal ambient declarations for the second held-out actor cases (a copy of bench/unseen/actors' with
// PartyKit's ServerOptions added), so that typed linting sees what a project with
// @cloudflare/workers-types, partykit and nact installed would see. Not a case: the bench skips .d.ts files.
interface DurableObjectStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  setAlarm(at: number): Promise<void>;
}
interface DurableObjectState {
  storage: DurableObjectStorage;
  blockConcurrencyWhile<T>(fn: () => Promise<T>): Promise<T>;
  acceptWebSocket(ws: WebSocket, tags?: string[]): void;
  getWebSockets(tag?: string): WebSocket[];
}
interface WebSocket {
  accept(): void;
  serializeAttachment(value: unknown): void;
  deserializeAttachment(): any;
}
interface ResponseInit {
  webSocket?: WebSocket | null;
}
interface Response {
  webSocket: WebSocket | null;
}
declare class WebSocketPair {
  0: WebSocket;
  1: WebSocket;
}
declare module 'cloudflare:workers' {
  export class DurableObject<Env = unknown> {
    ctx: DurableObjectState;
    env: Env;
    constructor(ctx: DurableObjectState, env: Env);
  }
}
declare module 'partykit/server' {
  export interface Connection extends WebSocket {
    id: string;
  }
  export interface ConnectionContext {
    request: Request;
  }
  export interface Room {
    id: string;
    broadcast(message: string | ArrayBuffer, without?: string[]): void;
    getConnection(id: string): Connection | undefined;
    getConnections(): Iterable<Connection>;
  }
  export interface ServerOptions {
    hibernate?: boolean;
  }
  export interface Server {
    readonly options?: ServerOptions;
    onConnect?(connection: Connection, ctx: ConnectionContext): void | Promise<void>;
    onMessage?(message: string | ArrayBuffer, sender: Connection): void | Promise<void>;
    onClose?(connection: Connection): void | Promise<void>;
  }
  export interface PartyKitServer {
    onConnect?(connection: Connection, room: Room): void | Promise<void>;
    onMessage?(message: string | ArrayBuffer, sender: Connection, room: Room): void | Promise<void>;
  }
}
declare module 'nact' {
  export interface ActorRef {
    readonly name: string;
  }
  export function start(): ActorRef;
  export function dispatch(actor: ActorRef, message: unknown, sender?: ActorRef): void;
  export function spawnStateless<M>(
    parent: ActorRef,
    handler: (message: M, ctx: { self: ActorRef; sender?: ActorRef }) => unknown,
    name?: string,
  ): ActorRef;
  export function spawn<S, M>(
    parent: ActorRef,
    handler: (state: S, message: M, ctx: { self: ActorRef; sender?: ActorRef }) => S | Promise<S>,
    name?: string,
  ): ActorRef;
}
declare module 'tiny-actors' {
  export interface ActorRef {
    tell(message: unknown): void;
  }
  export abstract class Actor {
    abstract receive(message: unknown): void | Promise<void>;
  }
}
