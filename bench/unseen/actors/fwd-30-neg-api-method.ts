import { Actor, ActorRef } from 'tiny-actors';

export class Registry extends Actor {
  private readonly routes = new Map<string, ActorRef>();

  receive(message: { register: string; ref: ActorRef }): void {
    this.routes.set(message.register, message.ref);
  }

  // Called directly by the callers: runs in the caller, not a message entry point.
  send(key: string, payload: Uint8Array): void {
    this.routes.get(key)?.tell(payload);
  }
}

export function publish(registry: Registry, key: string, payload: Uint8Array): void {
  registry.send(key, payload);
}
