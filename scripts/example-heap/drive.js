'use strict';
// Drives the chat relay's session actors the way production traffic would, then writes a heap
// snapshot, as `node --heapsnapshot-signal` or `v8.writeHeapSnapshot()` would in a real process.
//
//   node scripts/example-heap/drive.js ACTOR.js OUT.heapsnapshot
//
// ACTOR.js is fixtures/chat-session-actor/leaky.ts or fixed.ts compiled to CommonJS (run.js does it).
// 20 clients each send 3 chat frames and 1 presence frame of 64 KB, and one /topic command line
// followed by a 100 KB announcement.
const v8 = require('node:v8');

function drive(ChatSession, clients = 20) {
  const sessions = new Map();
  for (let c = 0; c < clients; c++) {
    const session = new ChatSession(`client-${c}`);
    sessions.set(session.clientId, session);
    for (let i = 0; i < 3; i++) {
      const frame = Buffer.alloc(64 * 1024, c);
      frame[0] = 1; // a chat message; bytes 8..15 are its id
      session.receive(frame);
    }
    const presence = Buffer.alloc(64 * 1024, c);
    presence[0] = 2;
    session.receive(presence);
    session.onLine(`/topic room-${String(c).padStart(3, '0')}-announcements\n${'x'.repeat(100_000)}`);
  }
  return sessions;
}

module.exports = { drive };

if (require.main === module) {
  const [actorFile, out] = process.argv.slice(2);
  if (!actorFile || !out) {
    console.error('usage: node scripts/example-heap/drive.js ACTOR.js OUT.heapsnapshot');
    process.exit(2);
  }
  const { ChatSession } = require(actorFile);
  globalThis.sessions = drive(ChatSession);
  v8.writeHeapSnapshot(out);
}
