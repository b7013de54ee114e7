// The port handler calls a method of the class; the method picks the destination.
type Routed = { channel: string; body: ArrayBuffer };

export class ChannelRouter {
  private readonly routes = new Map<string, MessagePort>();

  constructor(private readonly port: MessagePort) {
    this.port.onmessage = (e: MessageEvent<Routed>) => this.dispatch(e.data); // expect: no-middleman-forwarding #d
  }

  register(channel: string, target: MessagePort): void {
    this.routes.set(channel, target);
  }

  private dispatch(msg: Routed): void {
    this.routes.get(msg.channel)?.postMessage(msg); // expect: no-middleman-forwarding #d
  }
}
