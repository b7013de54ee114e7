import { Actor } from 'tiny-actors';

export class TranscriptActor extends Actor {
  private transcript = '';

  receive(msg: { speaker: string; line: string }): void {
    this.transcript += `${msg.speaker}: ${msg.line}\n`; // expect: require-hibernation
  }
}
