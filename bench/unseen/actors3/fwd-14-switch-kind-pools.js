import { Worker, parentPort } from 'node:worker_threads';

const imagePool = [new Worker('./img.js'), new Worker('./img.js')];
const pdfPool = [new Worker('./pdf.js'), new Worker('./pdf.js'), new Worker('./pdf.js')];
let nextImage = 0;
let nextPdf = 0;

parentPort.on('message', (doc) => {
  switch (doc.kind) {
    case 'image':
      imagePool[nextImage++ % imagePool.length].postMessage(doc); // expect: no-middleman-forwarding #k
      break;
    case 'pdf':
      pdfPool[nextPdf++ % pdfPool.length].postMessage(doc); // expect: no-middleman-forwarding #k
      break;
    default:
      parentPort.postMessage({ error: 'unknown kind', kind: doc.kind });
  }
});
