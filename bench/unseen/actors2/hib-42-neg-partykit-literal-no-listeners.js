export default {
  onConnect(conn, room) {
    conn.send(JSON.stringify({ online: [...room.getConnections()].length }));
  },
  onMessage(message, sender, room) {
    room.broadcast(message, [sender.id]);
  },
  onClose(conn, room) {
    room.broadcast(JSON.stringify({ left: conn.id }));
  },
};
