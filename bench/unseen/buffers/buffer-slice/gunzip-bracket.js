const zlib = require('zlib');

function body(compressed) {
  const data = zlib.gunzipSync(compressed);
  return data['slice'](10); // expect: no-buffer-slice
}

module.exports = body;
