'use strict';
const { fork } = require('child_process');

const children = [fork('./a.js'), fork('./b.js'), fork('./c.js')];

process.on('message', (msg) => {
  for (const child of children) {
    if (child.pid === msg.targetPid) {
      child.send(msg); // expect: no-middleman-forwarding
      break;
    }
  }
});
