import type * as Party from 'partykit/server';

export default class CursorParty implements Party.Server {
  readonly options = { hibernate: true };

  constructor(readonly room: Party.Room) {}

  onConnect(conn: Party.Connection): void {
    conn.addEventListener('message', (e) => this.room.broadcast(String(e.data), [conn.id])); // expect: require-hibernation
    conn.addEventListener('close', () => this.room.broadcast(JSON.stringify({ left: conn.id })));
  }
}
