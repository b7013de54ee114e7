import { Actor } from 'tiny-actor';

type Command = { type: 'resize' | 'encode' | 'store'; id: string; image: Uint8Array };

export class Frontdesk extends Actor<Command> {
  private readonly routes: Record<Command['type'], Actor<Command>>;

  constructor(resize: Actor<Command>, encode: Actor<Command>, store: Actor<Command>) {
    super();
    this.routes = { resize, encode, store };
  }

  receive(cmd: Command): void {
    this.handle(cmd);
  }

  handle(cmd: Command): void {
    const next = this.routes[cmd.type];
    next.tell(cmd); // expect: no-middleman-forwarding
  }
}
