'use strict';

class Dispatcher {
  constructor(queues) {
    this.queues = queues; // { [name]: MessagePort }
  }

  handle(envelope) {
    const queue = this.queues[envelope.queue];
    queue.postMessage(envelope); // expect: no-middleman-forwarding
  }
}

module.exports = { Dispatcher };
