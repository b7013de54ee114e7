// A dedicated web worker that routes frames to ports registered per channel.
const ports: Record<string, MessagePort> = {};

self.addEventListener('message', (event: MessageEvent) => {
  if (event.data.register) {
    ports[event.data.register] = event.ports[0];
    return;
  }
  const port = ports[event.data.channel];
  if (port) port.postMessage(event.data); // expect: no-middleman-forwarding
});
