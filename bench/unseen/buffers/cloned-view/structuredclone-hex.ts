export function cloneKey(hex: string): { key: Buffer } {
  return structuredClone({ key: Buffer.from(hex, 'hex') }); // expect: no-cloned-view
}
