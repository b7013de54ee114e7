import { Actor, ActorRef } from 'tiny-actors';

export class SessionRouter extends Actor {
  private readonly sessions = new Map<string, ActorRef>();

  receive(message: { sessionId: string; data: Uint8Array }): void {
    this.sessions.get(message.sessionId)?.tell(message); // expect: no-middleman-forwarding
  }
}
