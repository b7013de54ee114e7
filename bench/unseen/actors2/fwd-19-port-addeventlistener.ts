// Browser: a SharedWorker-style hub with one MessagePort per tab, addressed by tab id.
const tabs: Record<string, MessagePort> = {};

export function attach(hub: MessagePort): void {
  hub.addEventListener('message', (e: MessageEvent<{ tab: string; op: string; blob: Blob }>) => {
    const port = tabs[e.data.tab];
    if (port) port.postMessage(e.data); // expect: no-middleman-forwarding
  });
  hub.start();
}
