import { dispatch, spawn, start, type ActorRef } from 'nact';

type State = { children: ActorRef[] };
type Msg = { key: string; value: Uint8Array };

const system = start();

function hash(key: string): number {
  let h = 7;
  for (let i = 0; i < key.length; i++) h = (h * 33) ^ key.charCodeAt(i);
  return h >>> 0;
}

export const partitioner = spawn<State, Msg>(
  system,
  (state, msg) => {
    const child = state.children[hash(msg.key) % state.children.length];
    dispatch(child, msg); // expect: no-middleman-forwarding
    return state;
  },
  'partitioner',
);
