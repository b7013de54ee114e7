export class StreamSession {
  private pending = Buffer.alloc(0);

  handleMessage(frame: Buffer): void {
    this.pending = Buffer.concat([this.pending, frame]); // expect: require-hibernation
  }

  bytes(): number {
    return this.pending.length;
  }
}
