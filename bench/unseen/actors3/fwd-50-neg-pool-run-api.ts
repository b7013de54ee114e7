import { Worker } from 'node:worker_threads';

// The caller holds the payload and calls run(): the pool is no middleman, it is the caller's own send.
export class Pool {
  private readonly idle: Worker[] = [];
  private readonly backlog: unknown[] = [];

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.idle.push(new Worker('./task.js'));
  }

  run(task: { input: Uint8Array }): void {
    const w = this.idle.pop();
    if (!w) {
      this.backlog.push(task);
      return;
    }
    w.postMessage(task);
  }
}
