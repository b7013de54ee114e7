// comedy-style actor definition: topics are method names; initialize() gets the actor's own handle.
class ResizeDispatcher {
  async initialize(selfActor) {
    this.next = 0;
    this.workers = await Promise.all([1, 2, 3].map(() => selfActor.createChild(ResizeWorker, { mode: 'forked' })));
  }

  resize(image) {
    const w = this.workers[this.next];
    this.next = (this.next + 1) % this.workers.length;
    return w.sendAndReceive('resize', image); // expect: no-middleman-forwarding
  }
}

class ResizeWorker {
  resize(image) {
    return { width: image.width / 2, height: image.height / 2 };
  }
}

module.exports = { ResizeDispatcher, ResizeWorker };
