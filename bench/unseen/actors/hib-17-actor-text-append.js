class TranscriptRoom {
  constructor() {
    this.text = '';
  }

  handle(msg) {
    this.text += msg.text; // expect: require-hibernation
  }
}

module.exports = { TranscriptRoom };
