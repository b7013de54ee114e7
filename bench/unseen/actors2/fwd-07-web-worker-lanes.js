// A dedicated web worker that fans decode jobs out to sub-workers by stream id.
const lanes = [new Worker('decode.js'), new Worker('decode.js'), new Worker('decode.js')];

self.onmessage = function (event) {
  const lane = lanes[event.data.streamId % lanes.length];
  lane.postMessage(event.data); // expect: no-middleman-forwarding
};
