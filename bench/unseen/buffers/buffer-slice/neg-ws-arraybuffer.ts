import WebSocket from 'ws';

export function watch(url: string, onHead: (ab: ArrayBuffer) => void): void {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  ws.on('message', (data: ArrayBuffer) => {
    onHead(data.slice(0, 8));
  });
}
