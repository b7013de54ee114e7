const { Readable } = require('stream');

class RowSource {
  constructor(rows) {
    this.firstColumns = [];
    this.stream = new Readable({ objectMode: true, read() {} });
    this.stream.on('data', (row) => {
      this.firstColumns.push(row.slice(0, 2));
    });
    for (const row of rows) this.stream.push(row);
  }
}

module.exports = RowSource;
