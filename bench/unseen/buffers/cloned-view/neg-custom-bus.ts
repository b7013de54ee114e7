class Bus {
  readonly queue: unknown[] = [];

  postMessage(value: unknown): void {
    this.queue.push(value);
  }
}

const bus = new Bus();

export function publish(frame: Buffer): void {
  bus.postMessage(frame.subarray(1));
}
