import { parentPort } from 'node:worker_threads';

const rooms = new Map<string, BroadcastChannel>();

parentPort?.on('message', (msg: { room: string; frame: ArrayBuffer }) => {
  let channel = rooms.get(msg.room);
  if (!channel) {
    channel = new BroadcastChannel(`room:${msg.room}`);
    rooms.set(msg.room, channel);
  }
  channel.postMessage(msg); // expect: no-middleman-forwarding
});
