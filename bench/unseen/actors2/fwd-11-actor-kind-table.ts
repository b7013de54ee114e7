import { Actor, type ActorRef } from 'tiny-actors';

type Command = { kind: 'resize' | 'encode' | 'thumb'; blob: Uint8Array };

export class Intake extends Actor {
  constructor(private readonly routes: Record<Command['kind'], ActorRef>) {
    super();
  }

  receive(msg: Command): void {
    const next = this.routes[msg.kind];
    next.tell(msg); // expect: no-middleman-forwarding
  }
}
