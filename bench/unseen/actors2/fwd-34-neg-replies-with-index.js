const { parentPort } = require('node:worker_threads');

const owners = new Map();

// Routing answered, not performed: the caller learns which worker owns the key and posts to it.
parentPort.on('message', (msg) => {
  let owner = owners.get(msg.key);
  if (owner === undefined) {
    owner = owners.size % 4;
    owners.set(msg.key, owner);
  }
  parentPort.postMessage({ id: msg.id, owner });
});
