export class Outbox {
  private queue: Uint8Array[] = [];
  private sending = false;

  constructor(private readonly socket: { send(b: Uint8Array): Promise<void> }) {}

  async handle(msg: { packet: Uint8Array }): Promise<void> {
    this.queue.push(msg.packet);
    if (this.sending) return;
    this.sending = true;
    while (this.queue.length > 0) await this.socket.send(this.queue.shift()!);
    this.sending = false;
  }
}
