const decoder = new TextDecoder();

function join(parts) {
  const data = Buffer.concat(parts);
  return decoder.decode(data.buffer); // expect: no-backing-buffer-escape
}

module.exports = join;
