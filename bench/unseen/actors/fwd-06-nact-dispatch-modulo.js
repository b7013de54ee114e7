const { start, spawnStateless, dispatch } = require('nact');

const system = start();
const shards = [];
for (let i = 0; i < 4; i++) {
  shards.push(spawnStateless(system, (msg) => console.log(msg.userId), `shard-${i}`));
}

spawnStateless(
  system,
  (msg, ctx) => {
    dispatch(shards[msg.userId % shards.length], msg); // expect: no-middleman-forwarding
  },
  'router',
);
