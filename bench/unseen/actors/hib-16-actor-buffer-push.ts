import { Actor } from 'tiny-actors';

export class UploadActor extends Actor {
  private chunks: Buffer[] = [];

  receive(msg: { chunk: Buffer; last?: boolean }): void {
    this.chunks.push(msg.chunk); // expect: require-hibernation
    if (msg.last) console.log('received', this.chunks.length, 'chunks');
  }
}
