import { parentPort, Worker } from 'node:worker_threads';

interface Envelope {
  shard: number;
  data: ArrayBuffer;
}

export class ShardRouter {
  readonly #workers: Worker[];

  constructor(files: string[]) {
    this.#workers = files.map((f) => new Worker(f));
    parentPort?.on('message', (env: Envelope) => this.#forward(env)); // expect: no-middleman-forwarding #p
  }

  #forward(env: Envelope): void {
    const w = this.#workers[env.shard % this.#workers.length];
    w.postMessage(env); // expect: no-middleman-forwarding #p
  }
}
