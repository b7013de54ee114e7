import { on } from 'node:events';
import { parentPort, Worker } from 'node:worker_threads';

type Frame = { lane: 'audio' | 'video' | 'meta'; seq: number; bytes: Uint8Array };

const lanes: Record<Frame['lane'], Worker> = {
  audio: new Worker('./audio.js'),
  video: new Worker('./video.js'),
  meta: new Worker('./meta.js'),
};

export async function pump(): Promise<void> {
  if (!parentPort) return;
  for await (const [frame] of on(parentPort, 'message')) {
    const f = frame as Frame;
    lanes[f.lane].postMessage(f); // expect: no-middleman-forwarding
  }
}
