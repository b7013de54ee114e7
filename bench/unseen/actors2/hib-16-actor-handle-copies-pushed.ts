export class FrameRecorder {
  private frames: Buffer[] = [];

  handle(msg: { data: Uint8Array }): void {
    this.frames.push(Buffer.from(msg.data)); // expect: require-hibernation
  }

  count(): number {
    return this.frames.length;
  }
}
