const readline = require('readline');

const history = [];
const rl = readline.createInterface({ input: process.stdin });

rl.on('line', (line) => {
  history.push(line.trim()); // expect: no-retained-substring
});
