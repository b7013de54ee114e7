export class StreamRecorderActor {
  private recording: Buffer = Buffer.alloc(0);

  receive(frame: Buffer): void {
    this.recording = Buffer.concat([this.recording, frame]); // expect: require-hibernation
  }

  length(): number {
    return this.recording.length;
  }
}
