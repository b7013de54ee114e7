'use strict';

class TranscriptActor {
  constructor() {
    this.text = '';
    this.lines = 0;
  }

  handle(fragment) {
    this.text += fragment; // expect: require-hibernation
    this.lines++;
  }
}

module.exports = { TranscriptActor };
