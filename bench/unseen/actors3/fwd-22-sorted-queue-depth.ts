import { Actor } from 'tiny-actor';
import { Worker } from 'node:worker_threads';

type Render = { scene: string; mesh: Float32Array };

export class RenderFarm extends Actor<Render> {
  private readonly nodes = [0, 1, 2, 3].map(() => ({ worker: new Worker('./render.js'), queue: 0 }));

  async receive(job: Render): Promise<void> {
    const node = [...this.nodes].sort((a, b) => a.queue - b.queue)[0];
    node.queue++;
    node.worker.postMessage(job); // expect: no-middleman-forwarding
  }
}
