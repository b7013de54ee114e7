'use strict';
// A generic actor: receive() is called for every message in its mailbox.
class UploadCollector {
  constructor(uploadId) {
    this.uploadId = uploadId;
    this.parts = [];
  }

  receive(msg) {
    if (Buffer.isBuffer(msg)) {
      this.parts.push(msg); // expect: require-hibernation
      return;
    }
    if (msg === 'status') return { id: this.uploadId, parts: this.parts.length };
  }
}

module.exports = UploadCollector;
