import { Actor } from 'tiny-actor';

export class IngestActor extends Actor<Buffer> {
  private chunks: Buffer[] = [];
  private bytes = 0;

  receive(chunk: Buffer): void {
    this.chunks.push(chunk); // expect: require-hibernation
    this.bytes += chunk.length;
  }

  size(): number {
    return this.bytes;
  }
}
