import { Actor, ActorRef } from 'tiny-actors';

export class ShardRouter extends Actor {
  readonly #routes = new Map<string, ActorRef>();

  receive(message: { key: string; blob: Uint8Array }): void {
    this.#forward(message);
  }

  #forward(message: { key: string; blob: Uint8Array }): void {
    this.#routes.get(message.key)?.tell(message); // expect: no-middleman-forwarding
  }
}
