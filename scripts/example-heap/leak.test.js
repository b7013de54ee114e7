'use strict';
// A leak regression test for the chat relay's session actor, with node:test and leakproof/test.
// In your project: require your actor instead of CHAT_SESSION_ACTOR, and run `node --test`.
const { test } = require('node:test');
const { assertNoLeaks } = require('leakproof/test');
const { drive } = require('./drive');

const { ChatSession } = require(process.env.CHAT_SESSION_ACTOR);

test('a chat session keeps no more of its messages than it uses', () => {
  const sessions = drive(ChatSession, 1);
  // maxSlicedStringBytes: also the topic, a slice of its command line (a heap snapshot of this process).
  for (const session of sessions.values()) assertNoLeaks(session, { maxSlicedStringBytes: 0 });
});
