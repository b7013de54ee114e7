import { Actor } from 'tiny-actor';

type Note = { to: string; from: string; blob: Uint8Array };

export class Switchboard extends Actor<Note> {
  constructor(private readonly members: { name: string; ref: Actor<Note> }[]) {
    super();
  }

  receive(note: Note): void {
    const member = this.members.find((m) => m.name === note.to);
    member?.ref.tell(note); // expect: no-middleman-forwarding
  }
}
