// Without onMessage the object-literal server does not hibernate: listeners in onConnect are its way.
export default {
  onConnect(conn, room) {
    conn.addEventListener('message', (e) => room.broadcast(e.data, [conn.id]));
  },
};
