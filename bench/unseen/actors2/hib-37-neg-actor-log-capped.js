'use strict';
const MAX_LOG = 64 * 1024;

class Console {
  constructor() {
    this.log = '';
  }

  receive(msg) {
    this.log += msg.text;
    if (this.log.length > MAX_LOG) this.log = this.log.slice(this.log.length - MAX_LOG);
  }
}

module.exports = Console;
