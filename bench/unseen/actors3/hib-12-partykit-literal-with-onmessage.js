// PartyKit's object API: defining onMessage selects hibernation, so listeners attached in onConnect stop after a wake.
export default {
  onConnect(ws, room) {
    ws.addEventListener('message', (evt) => { // expect: require-hibernation
      room.broadcast(`echo:${evt.data}`);
    });
  },
  onMessage(message, ws, room) {
    room.broadcast(message, [ws.id]);
  },
};
