import { Actor } from 'tiny-actor';

export class UploadActor extends Actor<Buffer> {
  private parts: Buffer[] = [];
  private size = 0;

  receive(part: Buffer): void {
    this.parts.push(part);
    this.size += part.length;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    const whole = Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    console.log('uploaded', whole.length);
  }
}
