const { start, spawnStateless, dispatch } = require('nact');

const system = start();

const workers = Array.from({ length: 8 }, (_, i) =>
  spawnStateless(system, (msg) => msg.body.length, `thumbnailer-${i}`),
);

function hashOf(id) {
  let h = 7;
  for (const ch of String(id)) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}

const router = spawnStateless(
  system,
  (msg, ctx) => {
    const child = workers[hashOf(msg.userId) % workers.length];
    dispatch(child, msg, ctx.sender); // expect: no-middleman-forwarding
  },
  'thumbnail-router',
);

module.exports = { router };
