import type * as Party from 'partykit/server';

export default class Votes implements Party.Server {
  static options = { hibernate: true };
  constructor(readonly room: Party.Room) {}

  onConnect(conn: Party.Connection): void {
    conn.onclose = () => this.room.broadcast(`left:${conn.id}`); // expect: require-hibernation
  }

  onMessage(message: string, sender: Party.Connection): void {
    this.room.broadcast(message, [sender.id]);
  }
}
