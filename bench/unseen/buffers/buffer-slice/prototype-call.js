const header = Buffer.alloc(12);

function view(from) {
  return Buffer.prototype.slice.call(header, from, from + 4); // expect: no-buffer-slice
}

module.exports = view;
