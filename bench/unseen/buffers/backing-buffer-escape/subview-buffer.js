const stored = [];

function keepBody(frame) {
  const ab = frame.subarray(4, 20).buffer; // expect: no-backing-buffer-escape
  stored.push(ab);
}

module.exports = keepBody;
