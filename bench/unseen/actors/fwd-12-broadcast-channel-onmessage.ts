import { BroadcastChannel, parentPort } from 'node:worker_threads';

const rooms = new Map<string, BroadcastChannel>();

if (parentPort) {
  parentPort.onmessage = (event: { data: { room: string; frame: Uint8Array } }) => {
    rooms.get(event.data.room)?.postMessage(event.data); // expect: no-middleman-forwarding
  };
}
