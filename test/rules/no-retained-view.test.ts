import rule from '../../rules/no-retained-view';
import { runRuleTests } from '../helpers/rule-tester';

runRuleTests(
  'no-retained-view',
  rule,
  {
    valid: [
      `
import * as net from 'node:net';
const server = net.createServer((socket) => {
  socket.on('data', (chunk) => {
    socket.write(chunk.subarray(0, 4));
  });
});
`,
    ],
    invalid: [
      {
        code: `
class Session {
  private headers: Buffer[] = [];
  attach(socket: import('node:net').Socket) {
    socket.on('data', (chunk) => {
      this.headers.push(chunk.subarray(0, 16));
    });
  }
}
`,
        output: `
class Session {
  private headers: Buffer[] = [];
  attach(socket: import('node:net').Socket) {
    socket.on('data', (chunk) => {
      this.headers.push(Uint8Array.prototype.slice.call(chunk, 0, 16) as Buffer);
    });
  }
}
`,
        errors: [
          {
            messageId: 'retainedView',
            data: {
              view: '`chunk.subarray(0, 16)`',
              parent: "`chunk`, received by the 'data' handler",
              sink: '`this.headers`',
            },
            line: 6,
            column: 25,
            endLine: 6,
            endColumn: 46,
          },
        ],
      },
    ],
  },
  { valid: [], invalid: [] },
);
