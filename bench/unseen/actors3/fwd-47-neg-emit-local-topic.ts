import { EventEmitter } from 'node:events';
import type { MessagePort } from 'node:worker_threads';

// Messages from the worker fan out to in-process listeners by topic: a function call, not a hop.
export class TopicBus {
  private readonly topics = new Map<string, EventEmitter>();

  constructor(port: MessagePort) {
    port.on('message', (m: { topic: string; body: Uint8Array }) => {
      this.topics.get(m.topic)?.emit('message', m);
    });
  }

  topic(name: string): EventEmitter {
    let t = this.topics.get(name);
    if (!t) this.topics.set(name, (t = new EventEmitter()));
    return t;
  }
}
