const { fork } = require('child_process');

const children = [fork('./indexer.js'), fork('./indexer.js'), fork('./indexer.js')];
const ingest = fork('./ingest.js');

ingest.on('message', (doc) => {
  const child = children[Math.floor(Math.random() * children.length)];
  child.send(doc); // expect: no-middleman-forwarding
});
