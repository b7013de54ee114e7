const fs = require('fs');

function save(fd, x) {
  fs.writeSync(fd, new Uint8Array(x.buffer), x.byteOffset, x.byteLength);
}

module.exports = save;
