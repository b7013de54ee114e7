import { on } from 'node:events';
import type { MessagePort, Worker } from 'node:worker_threads';

interface Frame {
  lane: number;
  seq: number;
  pcm: Float32Array;
}

export async function pump(inbound: MessagePort, lanes: Worker[]): Promise<void> {
  for await (const [frame] of on(inbound, 'message') as AsyncIterableIterator<[Frame]>) {
    lanes[frame.lane % lanes.length].postMessage(frame); // expect: no-middleman-forwarding
  }
}
