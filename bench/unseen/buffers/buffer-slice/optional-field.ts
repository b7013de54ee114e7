export class Chunker {
  private rest: Buffer | undefined;

  push(data: Buffer): Buffer | undefined {
    this.rest = this.rest ? Buffer.concat([this.rest, data]) : data;
    return this.rest?.slice(0, 2); // expect: no-buffer-slice
  }
}
