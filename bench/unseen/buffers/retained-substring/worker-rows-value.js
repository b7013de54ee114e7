const { parentPort } = require('worker_threads');

const rowByCode = new Map();

parentPort.on('message', (csv) => {
  for (const row of csv.split('\n')) { // expect: no-retained-substring #row
    rowByCode.set(row.slice(0, 6), row); // expect: no-retained-substring #row
  }
});
