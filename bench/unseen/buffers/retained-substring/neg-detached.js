const readline = require('readline');

const users = new Map();
const rl = readline.createInterface({ input: process.stdin });

rl.on('line', (line) => {
  const [id, name] = line.split(',');
  users.set((' ' + id).slice(1), (' ' + name).slice(1));
});
