const { start, spawn, spawnStateless, dispatch } = require('nact');

const system = start();
const sessions = new Map();

function sessionReducer(state = { hits: 0 }, msg) {
  return { hits: state.hits + 1, last: msg.at };
}

// Looks a child up by id (creating it the first time) and passes the message on as it came.
const gateway = spawnStateless(
  system,
  (msg, ctx) => {
    let child = sessions.get(msg.sessionId);
    if (!child) {
      child = spawn(ctx.self, sessionReducer, msg.sessionId);
      sessions.set(msg.sessionId, child);
    }
    dispatch(child, msg, ctx.sender); // expect: no-middleman-forwarding
  },
  'gateway',
);

module.exports = { system, gateway };
