export default {
  onConnect(conn, room) {
    conn.onmessage = (evt) => { // expect: require-hibernation
      if (evt.data === 'ping') conn.send('pong');
    };
  },
  async onMessage(msg, conn, room) {
    await room.storage.put('last', msg);
    room.broadcast(msg);
  },
};
