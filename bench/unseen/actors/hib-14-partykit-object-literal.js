export default {
  onConnect(conn, room) {
    conn.send(JSON.stringify({ hello: room.id }));
    conn.addEventListener('close', () => room.broadcast(JSON.stringify({ left: conn.id }))); // expect: require-hibernation
  },
  onMessage(message, sender, room) {
    room.broadcast(message, [sender.id]);
  },
};
