const { Transform } = require('stream');

const firstCells = [];
const rows = new Transform({
  objectMode: true,
  transform(line, _enc, cb) {
    cb(null, String(line).split(','));
  },
});

rows.on('data', (cells) => {
  firstCells.push(cells.slice(0, 3));
});

module.exports = rows;
