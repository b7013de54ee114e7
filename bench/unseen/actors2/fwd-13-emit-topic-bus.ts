import { EventEmitter } from 'node:events';

type Frame = { topic: string; bytes: Buffer };

export const hub = new EventEmitter();
const buses = new Map<string, EventEmitter>();

export function busFor(topic: string): EventEmitter {
  let bus = buses.get(topic);
  if (!bus) buses.set(topic, (bus = new EventEmitter()));
  return bus;
}

hub.on('frame', (frame: Frame) => {
  buses.get(frame.topic)?.emit('frame', frame); // expect: no-middleman-forwarding
});
