import * as net from 'node:net';

export function serve(port: number): net.Server {
  return net.createServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      const command = text.slice(0, text.indexOf(' '));
      if (command === 'QUIT') socket.end();
      else socket.write('unknown ' + command.length + '\n');
    });
  }).listen(port);
}
