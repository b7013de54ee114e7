import { Worker, type MessagePort } from 'node:worker_threads';

interface Write {
  shard: number;
  rows: Uint8Array;
}

export class ShardRouter {
  private readonly shards: Worker[];

  constructor(count: number) {
    this.shards = Array.from({ length: count }, () => new Worker('./shard.js'));
  }

  listen(port: MessagePort): void {
    port.on('message', (m: Write) => this.onMessage(m));
  }

  onMessage(msg: Write): void {
    this.shards[msg.shard].postMessage(msg); // expect: no-middleman-forwarding
  }
}
