import { Actor } from 'tiny-actors';

const BATCH_BYTES = 1 << 20;

export class BatchWriter extends Actor {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly sink: (b: Buffer) => Promise<void>) {
    super();
  }

  async receive(msg: Buffer): Promise<void> {
    this.chunks.push(msg);
    this.size += msg.length;
    if (this.size >= BATCH_BYTES) {
      const batch = Buffer.concat(this.chunks);
      this.chunks = [];
      this.size = 0;
      await this.sink(batch);
    }
  }
}
