import type * as Party from 'partykit/server';

export default class Poll implements Party.Server {
  readonly options: Party.ServerOptions = { hibernate: true };
  votes: Record<string, number> = {};

  constructor(readonly room: Party.Room) {}

  onConnect(conn: Party.Connection): void {
    conn.send(JSON.stringify(this.votes));
    conn.addEventListener('message', (e) => { // expect: require-hibernation
      const option = String(e.data);
      this.votes[option] = (this.votes[option] ?? 0) + 1;
      this.room.broadcast(JSON.stringify(this.votes));
    });
    conn.addEventListener('error', () => conn.close());
  }
}
