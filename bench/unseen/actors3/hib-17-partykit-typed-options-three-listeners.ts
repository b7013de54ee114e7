import type * as Party from 'partykit/server';

export default class Docs implements Party.Server {
  options: Party.ServerOptions = { hibernate: true };

  constructor(readonly room: Party.Room) {}

  onConnect(conn: Party.Connection): void {
    conn.addEventListener('message', (e) => this.apply(conn, e.data)); // expect: require-hibernation #l
    conn.addEventListener('close', () => this.room.broadcast(`bye ${conn.id}`)); // expect: require-hibernation #l
    conn.addEventListener('error', () => conn.close()); // expect: require-hibernation #l
  }

  apply(conn: Party.Connection, data: unknown): void {
    this.room.broadcast(String(data), [conn.id]);
  }
}
