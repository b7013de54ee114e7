function dropMember(room, ws) {
  room.members.delete(ws);
  for (const other of room.members) other.send(JSON.stringify({ type: 'left' }));
}

export class Channel {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
    this.members = new Set(ctx.getWebSockets());
  }

  async fetch(request) {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    this.members.add(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  webSocketMessage(ws, text) {
    for (const m of this.members) m.send(text);
  }

  webSocketClose(ws, code, reason) { // expect: require-hibernation
    dropMember(this, ws);
  }
}
