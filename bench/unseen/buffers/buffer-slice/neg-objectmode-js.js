const { PassThrough } = require('stream');

const events = new PassThrough({ objectMode: true });
const firstTwo = [];

events.on('data', (batch) => {
  firstTwo.push(batch.slice(0, 2));
});

events.write([1, 2, 3]);
module.exports = { events, firstTwo };
