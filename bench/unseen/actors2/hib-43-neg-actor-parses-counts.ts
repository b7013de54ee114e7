import { Actor } from 'tiny-actors';

export class Tally extends Actor {
  private total = 0;
  private last = '';

  receive(msg: Buffer): void {
    const event = JSON.parse(msg.toString('utf8')) as { n: number; label: string };
    this.total += event.n;
    this.last = event.label;
  }
}
