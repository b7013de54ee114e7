const fs = require('fs');

function load(file) {
  const data = fs.readFileSync(file);
  return data.buffer.slice(0); // expect: no-backing-buffer-escape
}

module.exports = load;
