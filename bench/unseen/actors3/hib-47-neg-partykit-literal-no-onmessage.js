// Object API without onMessage: not hibernating, listeners in onConnect are how messages arrive.
export default {
  onConnect(ws, room) {
    ws.addEventListener('message', (evt) => room.broadcast(evt.data, [ws.id]));
  },
  onRequest() {
    return new Response('hi');
  },
};
