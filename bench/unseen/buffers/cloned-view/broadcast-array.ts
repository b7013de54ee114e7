const channel = new BroadcastChannel('frames');

export function announce(header: Buffer): void {
  channel.postMessage([header.subarray(0, 4), header.length]); // expect: no-cloned-view
}
