// Platform declarations for typed linting of the cases (not a case).

interface DurableObjectStorage {
  get<T = unknown>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
  setAlarm(when: number | Date): Promise<void>;
}

interface DurableObjectState {
  readonly storage: DurableObjectStorage;
  readonly id: { toString(): string };
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

declare class WebSocketPair {
  0: WebSocket;
  1: WebSocket;
}

declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
    fetch?(request: Request): Response | Promise<Response>;
    alarm?(): void | Promise<void>;
    webSocketMessage?(ws: WebSocket, message: string | ArrayBuffer): void | Promise<void>;
    webSocketClose?(ws: WebSocket, code: number, reason: string, wasClean: boolean): void | Promise<void>;
    webSocketError?(ws: WebSocket, error: unknown): void | Promise<void>;
  }
}

declare module 'partykit/server' {
  export interface Connection extends WebSocket {
    id: string;
  }
  export interface Room {
    id: string;
    storage: DurableObjectStorage;
    broadcast(message: string | ArrayBuffer, without?: string[]): void;
    getConnection(id: string): Connection | undefined;
  }
  export interface ServerOptions {
    hibernate?: boolean;
  }
  export interface Server {
    readonly options?: ServerOptions;
    onConnect?(connection: Connection, ctx: { request: Request }): void | Promise<void>;
    onMessage?(message: string | ArrayBuffer, sender: Connection): void | Promise<void>;
    onClose?(connection: Connection): void | Promise<void>;
  }
  export interface PartyKitServer {
    onConnect?(ws: WebSocket, room: Room): void | Promise<void>;
    onMessage?(message: string | ArrayBuffer, ws: WebSocket, room: Room): void | Promise<void>;
    onClose?(ws: WebSocket, room: Room): void | Promise<void>;
  }
}

declare module 'nact' {
  export interface Ref {
    readonly path: unknown;
  }
  export interface Ctx {
    self: Ref;
    sender: Ref;
    name: string;
  }
  export function start(): Ref;
  export function spawn<S, M>(parent: Ref, f: (state: S, msg: M, ctx: Ctx) => S | Promise<S>, name?: string): Ref;
  export function spawnStateless<M>(parent: Ref, f: (msg: M, ctx: Ctx) => unknown, name?: string): Ref;
  export function dispatch(target: Ref, msg: unknown, sender?: Ref): void;
}

declare module 'comedy' {
  export interface ActorRef {
    send(topic: string, ...message: unknown[]): Promise<void>;
    sendAndReceive(topic: string, ...message: unknown[]): Promise<any>;
  }
  export interface SelfActor extends ActorRef {
    createChild(definition: unknown, options?: Record<string, unknown>): Promise<ActorRef>;
  }
  export interface ActorSystem {
    rootActor(): Promise<SelfActor>;
  }
  export default function actors(options?: Record<string, unknown>): ActorSystem;
}

declare module 'tiny-actor' {
  export abstract class Actor<M = unknown> {
    tell(message: M): void;
    abstract receive(message: M): void | Promise<void>;
  }
}
