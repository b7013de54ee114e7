import type { PartyKitServer } from 'partykit/server';

export default {
  onConnect(ws, room) {
    ws.addEventListener('close', () => room.broadcast(`bye ${ws.id}`)); // expect: require-hibernation
    room.broadcast(`hi ${ws.id}`);
  },
  onMessage(message, sender, room) {
    room.broadcast(message, [sender.id]);
  },
} satisfies PartyKitServer;
