import type * as Party from 'partykit/server';

export default class Cursor implements Party.Server {
  static options = { hibernate: true };

  constructor(readonly room: Party.Room) {}

  onConnect(conn: Party.Connection): void {
    conn.send(JSON.stringify({ you: conn.id }));
    this.room.broadcast(JSON.stringify({ joined: conn.id }), [conn.id]);
  }

  onMessage(message: string | ArrayBuffer, sender: Party.Connection): void {
    this.room.broadcast(message, [sender.id]);
  }

  onClose(conn: Party.Connection): void {
    this.room.broadcast(JSON.stringify({ left: conn.id }));
  }
}
