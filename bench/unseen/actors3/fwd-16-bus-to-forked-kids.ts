import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

export const bus = new EventEmitter();
const kids: ChildProcess[] = Array.from({ length: 4 }, () => fork('./indexer.js'));

function hashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h >>> 0;
}

bus.on('document', (doc: { id: string; text: string }) => {
  kids[hashCode(doc.id) % kids.length].send(doc); // expect: no-middleman-forwarding
});
