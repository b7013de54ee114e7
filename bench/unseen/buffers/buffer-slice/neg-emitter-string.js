const EventEmitter = require('events');

const bus = new EventEmitter();
const prefixes = [];

bus.on('data', (line) => {
  prefixes.push(line.slice(0, 3));
});

bus.emit('data', 'hello world');
module.exports = bus;
