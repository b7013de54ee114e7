export function reinterpret(view: Uint16Array): Buffer {
  return Buffer.from(view.buffer); // expect: no-backing-buffer-escape
}
