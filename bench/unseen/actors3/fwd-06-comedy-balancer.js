'use strict';
// comedy-style actor definition: `initialize(selfActor)` makes children, topic methods handle messages.
class TranscodeBalancer {
  async initialize(selfActor) {
    this.children = [];
    for (let i = 0; i < 3; i++) this.children.push(await selfActor.createChild(TranscodeWorker, { mode: 'forked' }));
    this.turn = 0;
  }

  transcode(clip) {
    const child = this.children[this.turn++ % this.children.length];
    return child.sendAndReceive('transcode', clip); // expect: no-middleman-forwarding
  }
}

class TranscodeWorker {
  transcode(clip) {
    return { id: clip.id, size: clip.data.length };
  }
}

module.exports = { TranscodeBalancer, TranscodeWorker };
