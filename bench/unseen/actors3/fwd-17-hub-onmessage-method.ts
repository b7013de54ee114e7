import type { MessagePort } from 'node:worker_threads';

type Packet = { dest: string; seq: number; body: ArrayBuffer };

export class MessageHub {
  private readonly targets = new Map<string, MessagePort>();

  constructor(inbound: MessagePort) {
    inbound.on('message', (p: Packet) => this.onMessage(p));
  }

  attach(name: string, port: MessagePort): void {
    this.targets.set(name, port);
  }

  onMessage(packet: Packet): void {
    const target = this.targets.get(packet.dest);
    if (!target) return;
    target.postMessage(packet); // expect: no-middleman-forwarding
  }
}
