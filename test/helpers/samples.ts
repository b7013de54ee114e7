/**
 * Code samples the tests of more than one rule read. noVNC's Websock: its receive queue `this._rQ` is `null` until
 * `init()` makes it `new Uint8Array(size)`, and `rQshiftBytes(len)` hands out `new Uint8Array(this._rQ.buffer, …)`.
 * `NOVNC_WEBSOCK` compacts the queue as messages arrive (`this._rQ.copyWithin(0, …)`, as noVNC does);
 * `NOVNC_WEBSOCK_REPLACING` is the same class with a queue each message replaces.
 */
export const NOVNC_WEBSOCK = `export default class Websock {
  constructor() {
    this._rQ = null;
    this._rQi = 0;
    this._rQlen = 0;
    this._sQ = null;
    this._sQlen = 0;
  }
  init(ws) {
    this._rQ = new Uint8Array(4 * 1024 * 1024);
    this._sQ = new Uint8Array(10 * 1024);
    this._websocket = ws;
    ws.onmessage = (e) => this._recvMessage(e);
  }
  rQshiftBytes(len) {
    this._rQi += len;
    return new Uint8Array(this._rQ.buffer, this._rQi - len, len);
  }
  send(arr) {
    this._sQ.set(arr, this._sQlen);
    this._sQlen += arr.length;
    this._websocket.send(this._encodeMessage());
    this._sQlen = 0;
  }
  _encodeMessage() {
    return new Uint8Array(this._sQ.buffer, 0, this._sQlen);
  }
  _recvMessage(e) {
    this._rQ.copyWithin(0, this._rQi, this._rQlen);
    this._rQlen -= this._rQi;
    this._rQi = 0;
    this._rQ.set(new Uint8Array(e.data), this._rQlen);
    this._rQlen += e.data.byteLength;
  }
}
`;

const COMPACTING_RECEIVE = '    this._rQ.copyWithin(0, this._rQi, this._rQlen);\n    this._rQlen -= this._rQi;\n    this._rQi = 0;\n    this._rQ.set(new Uint8Array(e.data), this._rQlen);\n    this._rQlen += e.data.byteLength;';
const REPLACING_RECEIVE = '    this._rQ = new Uint8Array(e.data);\n    this._rQi = 0;\n    this._rQlen = e.data.byteLength;';

if (!NOVNC_WEBSOCK.includes(COMPACTING_RECEIVE)) throw new Error('samples: NOVNC_WEBSOCK no longer compacts its queue');
export const NOVNC_WEBSOCK_REPLACING = NOVNC_WEBSOCK.replace(COMPACTING_RECEIVE, REPLACING_RECEIVE);
