import type * as Party from 'partykit/server';

// No hibernate option: per-connection listeners are fine.
export default class Ticker implements Party.Server {
  constructor(readonly room: Party.Room) {}

  onConnect(conn: Party.Connection): void {
    conn.addEventListener('message', (e) => conn.send(`ack ${String(e.data).length}`));
  }
}
