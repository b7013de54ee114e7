import { Transform, TransformCallback } from 'node:stream';

export class HeaderTap extends Transform {
  private readonly headers: Buffer[] = [];

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.headers.push(chunk.subarray(0, 4)); // expect: no-retained-view
    cb(null, chunk);
  }
}
