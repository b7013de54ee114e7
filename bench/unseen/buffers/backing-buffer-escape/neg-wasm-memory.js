async function load(bytes) {
  const { instance } = await WebAssembly.instantiate(bytes);
  const heap = new Uint8Array(instance.exports.memory.buffer);
  return heap;
}

module.exports = load;
