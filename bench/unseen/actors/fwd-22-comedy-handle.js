'use strict';

// comedy-style actor definition: the system calls handle() for every 'handle' message.
class BalancerActor {
  initialize(selfActor) {
    this.next = 0;
    return Promise.all([1, 2, 3].map(() => selfActor.createChild(WorkerActor))).then((children) => {
      this.children = children;
    });
  }

  handle(job) {
    const child = this.children[this.next++ % this.children.length];
    return child.sendAndReceive('handle', job); // expect: no-middleman-forwarding
  }
}

class WorkerActor {
  handle(job) {
    return job.bytes.length;
  }
}

module.exports = { BalancerActor, WorkerActor };
