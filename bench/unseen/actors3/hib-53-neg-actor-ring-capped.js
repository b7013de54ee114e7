'use strict';

class SampleActor {
  constructor(limit) {
    this.limit = limit;
    this.recent = [];
  }

  receive(sample) {
    this.recent.push(sample);
    if (this.recent.length > this.limit) this.recent.shift();
  }
}

module.exports = { SampleActor };
