export function snapshotBody(frame: Buffer): Buffer {
  return structuredClone(frame.subarray(4)); // expect: no-cloned-view
}
