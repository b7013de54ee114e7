const fs = require('fs');

function isPng(file) {
  const head = fs.readFileSync(file).slice(0, 8); // expect: no-buffer-slice
  return head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

module.exports = isPng;
