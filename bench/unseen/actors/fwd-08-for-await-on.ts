import { on } from 'node:events';
import { parentPort, Worker } from 'node:worker_threads';

const byTenant = new Map<string, Worker>();

export async function serve(): Promise<void> {
  for await (const [msg] of on(parentPort!, 'message')) {
    const target = byTenant.get(msg.tenant);
    target?.postMessage(msg); // expect: no-middleman-forwarding
  }
}
