import { BroadcastChannel, MessagePort } from 'node:worker_threads';

const tenantPorts = new Map<string, MessagePort>();

export function register(tenant: string, port: MessagePort): void {
  tenantPorts.set(tenant, port);
}

const ingress = new BroadcastChannel('ingress');
ingress.onmessage = (event) => {
  const msg = (event as MessageEvent<{ tenant: string; payload: ArrayBuffer }>).data;
  const port = tenantPorts.get(msg.tenant);
  port?.postMessage(msg); // expect: no-middleman-forwarding
};
