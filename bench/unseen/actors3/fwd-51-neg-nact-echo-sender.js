const { start, spawnStateless, dispatch } = require('nact');

const system = start();

// An echo actor replies to whoever sent the message: no destination is chosen.
const echo = spawnStateless(system, (msg, ctx) => {
  dispatch(ctx.sender, msg, ctx.self);
}, 'echo');

module.exports = { echo };
