import type * as Party from 'partykit/server';

export default class Cursors implements Party.Server {
  readonly options = { hibernate: true };

  constructor(readonly room: Party.Room) {}

  onConnect(conn: Party.Connection): void {
    conn.addEventListener('message', (evt) => { // expect: require-hibernation #p
      this.room.broadcast(String(evt.data), [conn.id]);
    });
    conn.addEventListener('close', () => { // expect: require-hibernation #p
      this.room.broadcast(JSON.stringify({ gone: conn.id }));
    });
  }
}
