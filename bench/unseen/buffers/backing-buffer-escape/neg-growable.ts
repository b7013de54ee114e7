export class ByteWriter {
  private buf = new Uint8Array(1024);
  private length = 0;

  finish(): Uint8Array {
    this.buf = new Uint8Array(this.buf.buffer, 0, this.length);
    return this.buf;
  }

  spare(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.length);
  }
}
