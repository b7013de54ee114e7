import type * as Party from 'partykit/server';

// Without `hibernate: true` PartyKit keeps the room in memory, and listeners in onConnect keep working.
export default class Chat implements Party.Server {
  constructor(readonly room: Party.Room) {}

  onConnect(conn: Party.Connection): void {
    conn.addEventListener('message', (evt) => this.room.broadcast(String(evt.data), [conn.id]));
    conn.addEventListener('close', () => this.room.broadcast(`left ${conn.id}`));
  }
}
