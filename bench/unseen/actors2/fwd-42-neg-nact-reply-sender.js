const { start, spawnStateless, dispatch } = require('nact');

const system = start();

const echo = spawnStateless(system, (msg, ctx) => {
  dispatch(ctx.sender, { id: msg.id, ok: true });
}, 'echo');

module.exports = { echo };
