const crypto = require('crypto');

let page;

function init() {
  page = crypto.randomBytes(4096);
}

function salt() {
  return page.slice(0, 16); // expect: no-buffer-slice
}

module.exports = { init, salt };
