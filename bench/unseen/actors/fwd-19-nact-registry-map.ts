import { ActorRef, dispatch, spawnStateless, start } from 'nact';

const system = start();
const registry = new Map<string, ActorRef>();

spawnStateless<{ room: string; frame: Uint8Array }>(
  system,
  async (msg) => {
    const shard = registry.get(msg.room);
    if (shard) dispatch(shard, msg); // expect: no-middleman-forwarding
  },
  'fan-in',
);
