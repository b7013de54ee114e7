self.onmessage = (event) => {
  const { buffer, offset, length } = event.data;
  self.postMessage({ pixels: new Uint8Array(buffer, offset, length) }); // expect: no-cloned-view
};
