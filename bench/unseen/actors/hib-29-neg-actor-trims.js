class CaptionSession {
  constructor() {
    this.transcript = '';
  }

  receive(msg) {
    this.transcript += msg.text;
    if (this.transcript.length > 4096) this.transcript = this.transcript.slice(-1024);
  }
}

module.exports = { CaptionSession };
