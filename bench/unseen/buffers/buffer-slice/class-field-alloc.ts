export class Header {
  private readonly bytes: Buffer = Buffer.alloc(16);

  magic(): Buffer {
    return this.bytes.slice(0, 4); // expect: no-buffer-slice
  }
}
