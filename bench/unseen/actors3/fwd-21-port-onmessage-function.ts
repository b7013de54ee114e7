import { MessageChannel, type MessagePort } from 'node:worker_threads';

const subscribers = new Map<string, MessagePort>();
const { port1, port2 } = new MessageChannel();
export { port2 as publishPort };

port1.onmessage = function (ev: { data: { topic: string; chunk: Uint8Array } }) {
  const dest = subscribers.get(ev.data.topic);
  dest?.postMessage(ev.data); // expect: no-middleman-forwarding
};

export function subscribe(topic: string, port: MessagePort): void {
  subscribers.set(topic, port);
}
