'use strict';
const { fork } = require('node:child_process');

const partitions = [fork('./partition.js'), fork('./partition.js'), fork('./partition.js')];

process.on('message', (record) => {
  partitions[record.partition % partitions.length].send(record); // expect: no-middleman-forwarding
});
