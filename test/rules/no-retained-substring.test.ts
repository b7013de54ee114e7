import rule from '../../rules/no-retained-substring';
import { runRuleTests } from '../helpers/rule-tester';

// Suggestions only: detaching is safe, but it rewrites text a human should see.
runRuleTests(
  'no-retained-substring',
  rule,
  {
    valid: [
    // A splice: the prefix and suffix of one text joined around new text keep the text, at its own length.
`import { readFileSync } from 'node:fs';
const expected = new Map<string, string>();
const replaceRegion = (readme: string, region: string) => {
  const startAt = readme.indexOf('<!-- start -->');
  const endAt = readme.indexOf('<!-- end -->');
  return readme.slice(0, startAt) + region + readme.slice(endAt);
};
expected.set('README.md', replaceRegion(readFileSync('README.md', 'utf8'), 'badges'));
`,
    // One call passes something other than text: `slice` may be an array's, so the helper's parameter is not taken for text.
`var readline = require('readline');
var ids = new Set();
function record(text) {
  ids.add(text.slice(0, 36));
}
readline.createInterface({ input: process.stdin }).on('line', function (line) {
  record(line);
});
record([1, 2, 3]);
`,
    // A piece of what the object was built with, kept on the object itself: it holds the whole text anyway.
`var readline = require('readline');
function Record(text) {
  this.text = text;
  this.id = this.text.slice(0, 36);
}
readline.createInterface({ input: process.stdin }).on('line', function (line) {
  new Record(line);
});
`,
    // Two methods of the file share the name: `parser.execute(…)` could run either, so neither is taken for its callee.
`var net = require('net');
function HeaderParser() {
  this.firstLine = '';
}
HeaderParser.prototype.execute = function (text) {
  this.firstLine = text.split('\\r\\n')[0];
};
function Other() {}
Other.prototype.execute = function () {};
net.createServer(function (socket) {
  var parser = new HeaderParser();
  socket.on('data', function (d) {
    parser.execute(d.toString('utf8'));
  });
});
`,
    // The same parser fed from a `once` listener: it runs one time, so it is not long-lived code.
`var net = require('net');
function HeaderParser() {
  this.firstLine = '';
}
HeaderParser.prototype.execute = function (text) {
  this.firstLine = text.split('\\r\\n')[0];
};
net.createServer(function (socket) {
  var parser = new HeaderParser();
  socket.once('data', function (d) {
    parser.execute(d.toString('utf8'));
  });
});
`,
    // A text stream's unfinished tail, kept for the next chunk: it holds at most one chunk, as a Buffer accumulator does.
`import * as net from 'node:net';
export function readLogs(socket: net.Socket, onLogs: (text: string) => void) {
  let rest = '';
  socket.on('data', (chunk: string) => {
    const all = \`\${rest}\${chunk}\`;
    const end = all.lastIndexOf('\\n');
    if (end < 0) {
      rest = all;
      return;
    }
    onLogs(all.slice(0, end));
    rest = all.slice(end + 1);
  });
}
`,
    // Slicing a concatenation flattens it (the detach idiom); a tagged template passes the piece to a function.
`import * as readline from 'node:readline';
const previews: string[] = [];
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  previews.push((' ' + line.slice(0, 40)).slice(1) + '...');
});
`,
`import * as readline from 'node:readline';
const queries: unknown[] = [];
const sql = (parts: TemplateStringsArray, ...values: string[]) => ({ parts: [...parts], count: values.length });
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  queries.push(sql\`select \${line.slice(0, 40)}\`);
});
`,
    // User-interface events deliver small event objects, not messages.
`const current = { color: 'black' };
export function bind(palette: HTMLElement) {
  palette.addEventListener('click', (event: any) => {
    current.color = event.target.className.split(' ')[1];
  });
}
`,
`const recent: string[] = [];
export function bind(input: HTMLInputElement) {
  input.oninput = (event: any) => {
    recent.push(event.target.value.trim());
  };
}
`,
    // A local helper only called during the same call: its outer variables are that call's locals.
`export async function readLines(chunks: AsyncIterable<string>, maxLines: number): Promise<string> {
  const collected: string[] = [];
  let carry = '';
  const take = (line: string) => {
    collected.push(line);
    return collected.length < maxLines;
  };
  for await (const chunk of chunks) {
    carry += chunk;
    let nl = carry.indexOf('\\n');
    while (nl !== -1) {
      if (!take(carry.slice(0, nl))) return collected.join('\\n');
      carry = carry.slice(nl + 1);
      nl = carry.indexOf('\\n');
    }
  }
  return collected.join('\\n');
}
`,
    // Other fields of the object do not carry it.
`import * as readline from 'node:readline';
const counts = new Map<number, number>();
function parseLine(line: string) {
  const cut = line.indexOf(' ');
  return { size: cut, owner: line.slice(cut + 1) };
}
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { size } = parseLine(line);
  counts.set(size, (counts.get(size) ?? 0) + 1);
});
`,
`import * as readline from 'node:readline';
class Table {
  private rows: string[][] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.rows.push(line.split(','));
    });
  }
}
`,
`import * as readline from 'node:readline';
const codes: string[] = [];
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    codes.push(line.slice(0, 8));
  });
}
`,
`import * as readline from 'node:readline';
const suffixes: string[] = [];
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    suffixes.push(line.slice(-4));
  });
}
`,
`import * as readline from 'node:readline';
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    users.add((' ' + line.slice(10, 60)).slice(1));
  });
}
`,
`import * as readline from 'node:readline';
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    users.add(structuredClone(line.slice(10, 60)));
  });
}
`,
`import * as readline from 'node:readline';
let errors = 0;
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    if (line.slice(20, 40) === 'ERROR') errors++;
  });
}
`,
`import * as readline from 'node:readline';
class Header {
  private header = '';
  constructor(lines: readline.Interface) {
    lines.once('line', (line) => {
      this.header = line.trim();
    });
  }
}
`,
`import * as net from 'node:net';
class Greeter {
  private banner = '';
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.banner = chunk.toString('utf8', 0, 64);
    });
  }
}
`,
`const VERSION = 'leakproof-protocol/1.0.0-beta.7';
export const major = VERSION.slice(19, 40);
`,
`import * as readline from 'node:readline';
class Counter {
  private total = 0;
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.total += Number(line.slice(30));
    });
  }
}
`,
`import * as readline from 'node:readline';
class Lookup {
  private hits = 0;
  private known = new Map<string, number>();
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      if (this.known.get(line.slice(0, 40)) !== undefined) this.hits++;
    });
  }
}
`,
`import { parentPort } from 'node:worker_threads';
const recent: number[][] = [];
parentPort?.on('message', (msg: { samples: number[] }) => {
  recent.push(msg.samples.slice(0, 3));
});
`,
`import * as net from 'node:net';
net.createServer((socket) => {
  socket.setEncoding('utf8');
  socket.on('data', (text) => {
    socket.write(text.slice(5));
  });
});
`,
`import * as readline from 'node:readline';
const tags = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    for (const tag of line.split(' ')) {
      if (tag.startsWith('#')) tags.add((' ' + tag).slice(1));
    }
  });
}
`,
`import * as readline from 'node:readline';
const counts = new Map<string, number>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const parts = line.split(',');
    counts.set('rows', parts.length);
  });
}
`,
`import * as readline from 'node:readline';
const ids: number[] = [];
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const match = /id=(\\d+)/.exec(line);
    if (match) ids.push(match.index);
  });
}
`,
`import * as readline from 'node:readline';
const lengths: number[] = [];
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    lengths.push(line.trim().length);
  });
}
`,
`const labels: string[] = [];
export function label(items: string[]) {
  labels.push(...items.slice(0, 2));
}
`,
`import * as net from 'node:net';
class Conn {
  private frames: Buffer[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.frames.push(Uint8Array.prototype.slice.call(chunk, 0, 40) as Buffer);
    });
  }
}
`,
`import * as readline from 'node:readline';
const byHost = new Map<string, string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const fields = line.split('\\t');
    console.log(fields[2]);
  });
}
`,
{
  code: `import * as readline from 'node:readline';
const byHost = new Map<string, string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const fields = line.split('\\t');
    byHost.set('last', fields[2]);
  });
}
`,
  options: [{"checkSplitParts":false}],
},
{
  code: `import * as readline from 'node:readline';
const requestIds: string[] = [];
const pattern = /request_id=(?<id>[0-9a-f-]+)/;
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const match = pattern.exec(line);
    if (match?.groups) requestIds.push(match.groups.id);
  });
}
`,
  options: [{"checkRegExpGroups":false}],
},

    ],
    invalid: [
    // `text.slice` is a string's: every call of the helper in the file passes a 'line' handler's line.
    {
      code: `var readline = require('readline');
var ids = new Set();
function record(text) {
  ids.add(text.slice(0, 36));
}
readline.createInterface({ input: process.stdin }).on('line', function (line) {
  record(line);
});
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: { piece: '`text.slice(0, 36)`', parent: "`line`, received by the 'line' handler", sink: '`ids`' },
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 28,
          suggestions: [{ messageId: 'detach', output: `var readline = require('readline');
var ids = new Set();
function record(text) {
  ids.add((' ' + text.slice(0, 36)).slice(1));
}
readline.createInterface({ input: process.stdin }).on('line', function (line) {
  record(line);
});
` }],
        },
      ],
    },
    // The text a record object was built with (`this.text`, set once from `new Record(line)`), handed out by a method and kept.
    {
      code: `var readline = require('readline');
function Record(text) {
  this.text = text;
}
Record.prototype.id = function () {
  return this.text.slice(0, 36);
};
var ids = new Set();
readline.createInterface({ input: process.stdin }).on('line', function (line) {
  ids.add(new Record(line).id());
});
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: { piece: '`this.text.slice(0, 36)`', parent: "`line`, received by the 'line' handler", sink: '`ids`' },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 32,
          suggestions: [{ messageId: 'detach', output: `var readline = require('readline');
function Record(text) {
  this.text = text;
}
Record.prototype.id = function () {
  return (' ' + this.text.slice(0, 36)).slice(1);
};
var ids = new Set();
readline.createInterface({ input: process.stdin }).on('line', function (line) {
  ids.add(new Record(line).id());
});
` }],
        },
      ],
    },
    // A pre-class parser's method, called on a parser object from a 'data' listener: what it keeps in a field is kept per connection.
    {
      code: `var net = require('net');
function HeaderParser() {
  this.firstLine = '';
}
HeaderParser.prototype.execute = function (text) {
  var lines = text.split('\\r\\n');
  this.firstLine = lines[0];
};
net.createServer(function (socket) {
  var parser = new HeaderParser();
  socket.on('data', function (d) {
    parser.execute(d.toString('utf8'));
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: { piece: '`lines[0]`', parent: "`d`, received by the 'data' handler", sink: '`this.firstLine`' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'detach',
              output: `var net = require('net');
function HeaderParser() {
  this.firstLine = '';
}
HeaderParser.prototype.execute = function (text) {
  var lines = text.split('\\r\\n');
  this.firstLine = (' ' + lines[0]).slice(1);
};
net.createServer(function (socket) {
  var parser = new HeaderParser();
  socket.on('data', function (d) {
    parser.execute(d.toString('utf8'));
  });
});
`,
            },
          ],
        },
      ],
    },
    // The tail is not kept by its own accumulator here: the finished line is.
    {
      code: `import * as net from 'node:net';
let lastLine = '';
export function readLogs(socket: net.Socket) {
  let rest = '';
  socket.on('data', (chunk: string) => {
    const all = rest + chunk;
    const end = all.lastIndexOf('\\n');
    lastLine = all.slice(0, end);
    rest = all.slice(end + 1);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: {"piece":"`all.slice(0, end)`","parent":"`chunk`, received by the 'data' handler","sink":"the module variable `lastLine`"},
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 33,
          suggestions: [
            { messageId: 'detach', output: `import * as net from 'node:net';
let lastLine = '';
export function readLogs(socket: net.Socket) {
  let rest = '';
  socket.on('data', (chunk: string) => {
    const all = rest + chunk;
    const end = all.lastIndexOf('\\n');
    lastLine = (' ' + all.slice(0, end)).slice(1);
    rest = all.slice(end + 1);
  });
}
` },
          ],
        },
      ],
    },
    // A concatenation holds its piece: V8 makes `piece + '...'` of 13+ characters a cons string that
    // points at it (`node --expose-gc scripts/measure-retention.js` measures it).
    {
      code: `import * as readline from 'node:readline';
const previews: string[] = [];
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  previews.push(\`\${line.slice(0, 40)}...\`);
});
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: {"piece":"`line.slice(0, 40)`","parent":"`line`, received by the 'line' handler","sink":"`previews`"},
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 37,
          suggestions: [
            { messageId: 'detach', output: `import * as readline from 'node:readline';
const previews: string[] = [];
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  previews.push(\`\${(' ' + line.slice(0, 40)).slice(1)}...\`);
});
` },
          ],
        },
      ],
    },

    {
      code: `import * as readline from 'node:readline';
const seen = new Map<string, number>();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const user = line.slice(0, line.indexOf(' '));
  seen.set('user:' + user, Date.now());
});
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: {"piece":"`line.slice(0, line.indexOf(' '))`","parent":"`line`, received by the 'line' handler","sink":"`seen`"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 48,
          suggestions: [
            { messageId: 'detach', output: `import * as readline from 'node:readline';
const seen = new Map<string, number>();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const user = (' ' + line.slice(0, line.indexOf(' '))).slice(1);
  seen.set('user:' + user, Date.now());
});
` },
          ],
        },
      ],
    },
    // A local helper called from a listener runs later: what it stores in the outer scope is kept.
    {
      code: `import * as readline from 'node:readline';
export function watch(input: NodeJS.ReadableStream) {
  const seen: string[] = [];
  readline.createInterface({ input }).on('line', (line) => {
    const keep = (text: string) => seen.push(text);
    keep(line.slice(0, line.indexOf(' ')));
  });
  return seen;
}
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: {"piece":"`line.slice(0, line.indexOf(' '))`","parent":"`line`, received by the 'line' handler","sink":"`seen`"},
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 42,
          suggestions: [
            { messageId: 'detach', output: `import * as readline from 'node:readline';
export function watch(input: NodeJS.ReadableStream) {
  const seen: string[] = [];
  readline.createInterface({ input }).on('line', (line) => {
    const keep = (text: string) => seen.push(text);
    keep((' ' + line.slice(0, line.indexOf(' '))).slice(1));
  });
  return seen;
}
` },
          ],
        },
      ],
    },
    // A piece kept in an object literal travels with the field that holds it.
    {
      code: `import * as readline from 'node:readline';
const owners = new Map<string, string>();
function parseLine(line: string) {
  const cut = line.indexOf(' ');
  return { key: line.slice(0, cut), owner: line.slice(cut + 1) };
}
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { key, owner } = parseLine(line);
  owners.set(key.toLowerCase(), owner);
});
`,
      output: null,
      errors: [
        {
          // `toLowerCase` returns the key itself when it is already lower case: the slice goes on.
          messageId: 'retainedSubstring',
          data: {"piece":"`line.slice(0, cut)`","parent":"`line`, received by the 'line' handler","sink":"`owners`"},
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 35,
          suggestions: [
            { messageId: 'detach', output: `import * as readline from 'node:readline';
const owners = new Map<string, string>();
function parseLine(line: string) {
  const cut = line.indexOf(' ');
  return { key: (' ' + line.slice(0, cut)).slice(1), owner: line.slice(cut + 1) };
}
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { key, owner } = parseLine(line);
  owners.set(key.toLowerCase(), owner);
});
` },
          ],
        },
        {
          messageId: 'retainedSubstring',
          data: {"piece":"`line.slice(cut + 1)`","parent":"`line`, received by the 'line' handler","sink":"`owners`"},
          line: 5,
          column: 44,
          endLine: 5,
          endColumn: 63,
          suggestions: [
            { messageId: 'detach', output: `import * as readline from 'node:readline';
const owners = new Map<string, string>();
function parseLine(line: string) {
  const cut = line.indexOf(' ');
  return { key: line.slice(0, cut), owner: (' ' + line.slice(cut + 1)).slice(1) };
}
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { key, owner } = parseLine(line);
  owners.set(key.toLowerCase(), owner);
});
` },
          ],
        },
      ],
    },

{
  code: `const lastLines: string[] = [];
process.on('message', (text: string) => {
  lastLines.push(text.split('\\n').pop() ?? '');
});
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`text.split('\\n').pop() ?? ''`","parent":"`text`, received by the 'message' handler","sink":"`lastLines`"}, line: 3, column: 18, endLine: 3, endColumn: 46, suggestions: [{ messageId: 'detach', output: `const lastLines: string[] = [];
process.on('message', (text: string) => {
  lastLines.push((' ' + (text.split('\\n').pop() ?? '')).slice(1));
});
` }] }],
},
{
  code: `import * as readline from 'node:readline';
class Audit {
  private lastMatch: RegExpExecArray | null = null;
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.lastMatch = /user=(\\w+)/.exec(line);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`/user=(\\w+)/.exec(line)`","parent":"`line`, received by the 'line' handler","sink":"`this.lastMatch`"}, line: 6, column: 24, endLine: 6, endColumn: 47, suggestions: [] }],
},
{
  code: `import * as readline from 'node:readline';
class Tail {
  private recent: string[] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.recent.push(line.slice(20));
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.slice(20)`","parent":"`line`, received by the 'line' handler","sink":"`this.recent`"}, line: 6, column: 24, endLine: 6, endColumn: 38, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
class Tail {
  private recent: string[] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.recent.push((' ' + line.slice(20)).slice(1));
    });
  }
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    users.add(line.substring(10, 60));
  });
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.substring(10, 60)`","parent":"`line`, received by the 'line' handler","sink":"`users`"}, line: 5, column: 15, endLine: 5, endColumn: 37, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    users.add((' ' + line.substring(10, 60)).slice(1));
  });
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
let lastCode = '';
export function watch(lines: readline.Interface) {
  lines.on('line', (line: string) => {
    lastCode = line.substr(4, 20);
  });
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.substr(4, 20)`","parent":"`line`, received by the 'line' handler","sink":"the module variable `lastCode`"}, line: 5, column: 16, endLine: 5, endColumn: 34, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
let lastCode = '';
export function watch(lines: readline.Interface) {
  lines.on('line', (line: string) => {
    lastCode = (' ' + line.substr(4, 20)).slice(1);
  });
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
const byHost = new Map<string, string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const fields = line.split('\\t');
    byHost.set('last', fields[2]);
  });
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`fields[2]`","parent":"`line`, received by the 'line' handler","sink":"`byHost`"}, line: 6, column: 24, endLine: 6, endColumn: 33, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
const byHost = new Map<string, string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const fields = line.split('\\t');
    byHost.set('last', (' ' + fields[2]).slice(1));
  });
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
const sessions = new Map<string, string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const [sessionId, user] = line.split(' ');
    sessions.set(sessionId, 'seen');
  });
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`sessionId`","parent":"`line`, received by the 'line' handler","sink":"`sessions`"}, line: 6, column: 18, endLine: 6, endColumn: 27, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
const sessions = new Map<string, string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const [sessionId, user] = line.split(' ');
    sessions.set((' ' + sessionId).slice(1), 'seen');
  });
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
class Audit {
  private lastUser: string | undefined;
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.lastUser = line.match(/user=(\\w+)/)?.[1];
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.match(/user=(\\w+)/)?.[1]`","parent":"`line`, received by the 'line' handler","sink":"`this.lastUser`"}, line: 6, column: 23, endLine: 6, endColumn: 52, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
class Audit {
  private lastUser: string | undefined;
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.lastUser = (' ' + line.match(/user=(\\w+)/)?.[1]).slice(1);
    });
  }
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
const requestIds: string[] = [];
const pattern = /request_id=(?<id>[0-9a-f-]+)/;
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const match = pattern.exec(line);
    if (match?.groups) requestIds.push(match.groups.id);
  });
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`match.groups.id`","parent":"`line`, received by the 'line' handler","sink":"`requestIds`"}, line: 7, column: 40, endLine: 7, endColumn: 55, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
const requestIds: string[] = [];
const pattern = /request_id=(?<id>[0-9a-f-]+)/;
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const match = pattern.exec(line);
    if (match?.groups) requestIds.push((' ' + match.groups.id).slice(1));
  });
}
` }] }],
},
// Each value of a `matchAll` loop is a match, itself a container: its groups are pieces.
{
  code: `import * as readline from 'node:readline';
export class IdCollector {
  readonly ids: string[] = [];
  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      const found = line.matchAll(/id="([\\w-]+)"/g);
      for (const m of found) this.ids.push(m[1]);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`m[1]`","parent":"`line`, received by the 'line' handler","sink":"`this.ids`"}, line: 7, column: 44, endLine: 7, endColumn: 48, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
export class IdCollector {
  readonly ids: string[] = [];
  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      const found = line.matchAll(/id="([\\w-]+)"/g);
      for (const m of found) this.ids.push((' ' + m[1]).slice(1));
    });
  }
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
export class IdCollector {
  readonly ids: string[] = [];
  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      for (const m of line.matchAll(/id="([\\w-]+)"/g)) this.ids.push(m[1]);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`m[1]`","parent":"`line`, received by the 'line' handler","sink":"`this.ids`"}, line: 6, column: 70, endLine: 6, endColumn: 74, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
export class IdCollector {
  readonly ids: string[] = [];
  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      for (const m of line.matchAll(/id="([\\w-]+)"/g)) this.ids.push((' ' + m[1]).slice(1));
    });
  }
}
` }] }],
},
{
  code: `import * as net from 'node:net';
class Greeter {
  private banner = '';
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.banner = chunk.toString('utf8').trim();
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`chunk.toString('utf8').trim()`","parent":"`chunk`, received by the 'data' handler","sink":"`this.banner`"}, line: 6, column: 21, endLine: 6, endColumn: 50, suggestions: [{ messageId: 'detach', output: `import * as net from 'node:net';
class Greeter {
  private banner = '';
  constructor(socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.banner = (' ' + chunk.toString('utf8').trim()).slice(1);
    });
  }
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
function column(line: string, index: number): string {
  return line.split(',')[index] ?? '';
}
const names: string[] = [];
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    names.push(column(line, 3));
  });
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`column(line, 3)`","parent":"`line`, received by the 'line' handler","sink":"`names`"}, line: 8, column: 16, endLine: 8, endColumn: 31, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
function column(line: string, index: number): string {
  return line.split(',')[index] ?? '';
}
const names: string[] = [];
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    names.push((' ' + column(line, 3)).slice(1));
  });
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
const tags = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    for (const tag of line.split(' ')) {
      if (tag.startsWith('#')) tags.add(tag);
    }
  });
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`tag`","parent":"`line`, received by the 'line' handler","sink":"`tags`"}, line: 6, column: 41, endLine: 6, endColumn: 44, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
const tags = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    for (const tag of line.split(' ')) {
      if (tag.startsWith('#')) tags.add((' ' + tag).slice(1));
    }
  });
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const traceId = line.slice(0, 36);
    setTimeout(() => console.log('slow request', traceId), 60_000);
  });
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.slice(0, 36)`","parent":"`line`, received by the 'line' handler","sink":"a closure passed to setTimeout()"}, line: 4, column: 21, endLine: 4, endColumn: 38, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const traceId = (' ' + line.slice(0, 36)).slice(1);
    setTimeout(() => console.log('slow request', traceId), 60_000);
  });
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
class Index {
  private titles = new Map<number, string>();
  private next = 0;
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.titles.set(this.next++, /* keep the title */ line.slice(7));
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.slice(7)`","parent":"`line`, received by the 'line' handler","sink":"`this.titles`"}, line: 7, column: 57, endLine: 7, endColumn: 70, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
class Index {
  private titles = new Map<number, string>();
  private next = 0;
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.titles.set(this.next++, /* keep the title */ (' ' + line.slice(7)).slice(1));
    });
  }
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
class Index {
  private titles: string[] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.titles.push((line as string).slice(7) as string);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`(line as string).slice(7)`","parent":"`line`, received by the 'line' handler","sink":"`this.titles`"}, line: 6, column: 24, endLine: 6, endColumn: 49, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
class Index {
  private titles: string[] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.titles.push((' ' + (line as string).slice(7)).slice(1) as string);
    });
  }
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
class Index {
  private titles: string[] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.titles.push(line.slice(7) satisfies string);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.slice(7)`","parent":"`line`, received by the 'line' handler","sink":"`this.titles`"}, line: 6, column: 24, endLine: 6, endColumn: 37, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
class Index {
  private titles: string[] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.titles.push((' ' + line.slice(7)).slice(1) satisfies string);
    });
  }
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
class Index {
  private titles: number[] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.titles.push(line.trimEnd());
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.trimEnd()`","parent":"`line`, received by the 'line' handler","sink":"`this.titles`"}, line: 6, column: 24, endLine: 6, endColumn: 38, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
class Index {
  private titles: number[] = [];
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.titles.push((' ' + line.trimEnd()).slice(1));
    });
  }
}
` }] }],
},
{
  code: `const titles = new Map<string, string>();
export async function crawl(url: string) {
  const html = await (await fetch(url)).text();
  const start = html.indexOf('<title>') + 7;
  titles.set(url, html.slice(start, html.indexOf('</title>')));
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`html.slice(start, html.indexOf('</tit...`","parent":"the data read by `(await fetch(url)).text()`","sink":"`titles`"}, line: 5, column: 19, endLine: 5, endColumn: 62, suggestions: [{ messageId: 'detach', output: `const titles = new Map<string, string>();
export async function crawl(url: string) {
  const html = await (await fetch(url)).text();
  const start = html.indexOf('<title>') + 7;
  titles.set(url, (' ' + html.slice(start, html.indexOf('</title>'))).slice(1));
}
` }] }],
},
{
  code: `import * as fs from 'node:fs';
const config = fs.readFileSync('/etc/app/settings.ini', 'utf8');
export const section = config.substring(config.indexOf('[server]'));
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`config.substring(config.indexOf('[ser...`","parent":"the data read by `fs.readFileSync('/etc/app/settings.in...`","sink":"the module variable `section`"}, line: 3, column: 24, endLine: 3, endColumn: 68, suggestions: [{ messageId: 'detach', output: `import * as fs from 'node:fs';
const config = fs.readFileSync('/etc/app/settings.ini', 'utf8');
export const section = (' ' + config.substring(config.indexOf('[server]'))).slice(1);
` }] }],
},
{
  code: `import { parentPort } from 'node:worker_threads';
const recentErrors: string[] = [];
parentPort?.on('message', (msg: { log: string }) => {
  recentErrors.push(msg.log.split('\\n')[0]);
});
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`msg.log.split('\\n')[0]`","parent":"`msg`, received by the 'message' handler","sink":"`recentErrors`"}, line: 4, column: 21, endLine: 4, endColumn: 43, suggestions: [{ messageId: 'detach', output: `import { parentPort } from 'node:worker_threads';
const recentErrors: string[] = [];
parentPort?.on('message', (msg: { log: string }) => {
  recentErrors.push((' ' + msg.log.split('\\n')[0]).slice(1));
});
` }] }],
},
{
  code: `import * as readline from 'node:readline';
class Reader {
  private lastLine = '';
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => this.record(line.trimStart()));
  }
  private record(value: string) {
    this.lastLine = value;
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.trimStart()`","parent":"`line`, received by the 'line' handler","sink":"`this.lastLine`"}, line: 5, column: 44, endLine: 5, endColumn: 60, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
class Reader {
  private lastLine = '';
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => this.record((' ' + line.trimStart()).slice(1)));
  }
  private record(value: string) {
    this.lastLine = value;
  }
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    users.add(line.substring(10, 60));
  });
}
`,
  output: null,
  options: [{"detachStyle":"runtime"}],
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.substring(10, 60)`","parent":"`line`, received by the 'line' handler","sink":"`users`"}, line: 5, column: 15, endLine: 5, endColumn: 37, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
import { detach } from 'leakproof/runtime';
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    users.add(detach(line.substring(10, 60)));
  });
}
` }] }],
},
{
  code: `import * as readline from 'node:readline';
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    users.add(line.substring(10, 60));
  });
}
`,
  output: null,
  options: [{"detachStyle":"structured-clone"}],
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`line.substring(10, 60)`","parent":"`line`, received by the 'line' handler","sink":"`users`"}, line: 5, column: 15, endLine: 5, endColumn: 37, suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    users.add(structuredClone(line.substring(10, 60)));
  });
}
` }] }],
},
{
  code: `const sessions = new Map();
process.on('message', (message) => {
  const [id] = message.split(':');
  sessions.set(id, Date.now());
});
`,
  output: null,
  filename: 'file.js',
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`id`","parent":"`message`, received by the 'message' handler","sink":"`sessions`"}, line: 4, column: 16, endLine: 4, endColumn: 18, suggestions: [{ messageId: 'detach', output: `const sessions = new Map();
process.on('message', (message) => {
  const [id] = message.split(':');
  sessions.set((' ' + id).slice(1), Date.now());
});
` }] }],
},

{
  code: `import * as net from 'node:net';
class Chat {
  private nick = '';
  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      if (text.startsWith('NICK ')) this.nick = text.slice(5);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`text.slice(5)`","parent":"`text`, received by the 'data' handler","sink":"`this.nick`"}, line: 7, column: 49, endLine: 7, endColumn: 62, suggestions: [{ messageId: 'detach', output: `import * as net from 'node:net';
class Chat {
  private nick = '';
  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      if (text.startsWith('NICK ')) this.nick = (' ' + text.slice(5)).slice(1);
    });
  }
}
` }] }],
},
// @types/node types a socket's 'data' chunk Buffer even after setEncoding; typed mode reads the
// setEncoding call as untyped mode does.
{
  code: `import * as net from 'node:net';
class Chat {
  private nick = '';
  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text) => {
      if (text.startsWith('NICK ')) this.nick = text.slice(5);
    });
  }
}
`,
  output: null,
  errors: [{ messageId: 'retainedSubstring', data: {"piece":"`text.slice(5)`","parent":"`text`, received by the 'data' handler","sink":"`this.nick`"}, line: 7, column: 49, endLine: 7, endColumn: 62, suggestions: [{ messageId: 'detach', output: `import * as net from 'node:net';
class Chat {
  private nick = '';
  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text) => {
      if (text.startsWith('NICK ')) this.nick = (' ' + text.slice(5)).slice(1);
    });
  }
}
` }] }],
},
    ],
  },
  {
    valid: [],
    invalid: [
    // A listener whose parameter is a type parameter constrained to string (node-redis's PubSubListener).
    {
      code: `type Listener<B extends boolean = false> = <T extends (B extends true ? Buffer : string)>(message: T, channel: T) => unknown;
declare const subscriber: { subscribe<B extends boolean = false>(channel: string, listener: Listener<B>, bufferMode?: B): Promise<void> };
const lastCommands = new Map<string, string>();
export async function listen() {
  await subscriber.subscribe('commands', (message, channel) => {
    lastCommands.set(channel, message.slice(0, 64));
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: {"piece":"`message.slice(0, 64)`","parent":"`message`, received by the subscribe() callback","sink":"`lastCommands`"},
          line: 6,
          column: 31,
          endLine: 6,
          endColumn: 51,
          suggestions: [
            { messageId: 'detach', output: `type Listener<B extends boolean = false> = <T extends (B extends true ? Buffer : string)>(message: T, channel: T) => unknown;
declare const subscriber: { subscribe<B extends boolean = false>(channel: string, listener: Listener<B>, bufferMode?: B): Promise<void> };
const lastCommands = new Map<string, string>();
export async function listen() {
  await subscriber.subscribe('commands', (message, channel) => {
    lastCommands.set(channel, (' ' + message.slice(0, 64)).slice(1));
  });
}
` },
          ],
        },
      ],
    },
    // A queue worker's processor runs for every job (the nested annotation needs types).
    {
      code: `import { Worker } from 'bullmq';
const prefixes = new Set<string>();
new Worker('mail', async (job: { data: { text: string } }) => {
  prefixes.add(job.data.text.slice(0, 100));
});
`,
      output: null,
      errors: [
        {
          messageId: 'retainedSubstring',
          data: {"piece":"`job.data.text.slice(0, 100)`","parent":"`job`, received by the Worker processor","sink":"`prefixes`"},
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 43,
          suggestions: [
            { messageId: 'detach', output: `import { Worker } from 'bullmq';
const prefixes = new Set<string>();
new Worker('mail', async (job: { data: { text: string } }) => {
  prefixes.add((' ' + job.data.text.slice(0, 100)).slice(1));
});
` },
          ],
        },
      ],
    },
    ],
  },
  {
    valid: [
    // Without types `slice` on a value of unknown kind may be an array's or a Buffer's.
`type Listener<B extends boolean = false> = <T extends (B extends true ? Buffer : string)>(message: T, channel: T) => unknown;
declare const subscriber: { subscribe<B extends boolean = false>(channel: string, listener: Listener<B>, bufferMode?: B): Promise<void> };
const lastCommands = new Map<string, string>();
export async function listen() {
  await subscriber.subscribe('commands', (message, channel) => {
    lastCommands.set(channel, message.slice(0, 64));
  });
}
`,
    ],
    invalid: [
    ],
  },
);

// String methods that may return their receiver, or a cons string of its slices, keep the slice's parent
// (scripts/measure-string-passthrough.js: 212 MB for 200 pieces of 1 MB parents, as the bare slice).
describe('pass-through string methods', () => {
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // The unfinished line carried to the next chunk, cut from the text it was built from: a self-trim
        // (it holds at most one chunk's worth until the next one arrives).
        `import * as net from 'node:net';
let carry = '';
const socket = net.connect(7000);
socket.setEncoding('utf8');
socket.on('data', (chunk: string) => {
  const lines = (carry + chunk).split('\\n');
  carry = lines.pop() ?? '';
  for (const line of lines) console.log(line);
});
`,
        // A length read from the slice keeps nothing.
        `import * as readline from 'node:readline';
const sizes: number[] = [];
export function watch(rl: readline.Interface) {
  rl.on('line', (line) => {
    sizes.push(line.slice(0, 40).toLowerCase().length);
  });
}
`,
      ],
      invalid: [
        {
          // A chunk decoded into the same variable is text from there on: its slice is a sliced string.
          code: `import * as net from 'node:net';
const heads: string[] = [];
const socket = net.connect(7000);
socket.on('data', (chunk: any) => {
  chunk = chunk.toString('utf8');
  heads.push(chunk.slice(0, 40));
});
`,
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`chunk.slice(0, 40)`', parent: "`chunk`, received by the 'data' handler", sink: '`heads`' },
              line: 6,
              column: 14,
              endLine: 6,
              endColumn: 32,
              suggestions: [
                {
                  messageId: 'detach',
                  output: `import * as net from 'node:net';
const heads: string[] = [];
const socket = net.connect(7000);
socket.on('data', (chunk: any) => {
  chunk = chunk.toString('utf8');
  heads.push((' ' + chunk.slice(0, 40)).slice(1));
});
`,
                },
              ],
            },
          ],
        },
        {
          // A code already in upper case comes back from `toUpperCase` as the same sliced string.
          code: `import * as readline from 'node:readline';
class Codes {
  private code = '';
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.code = line.slice(0, 40).toUpperCase();
    });
  }
}
`,
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`line.slice(0, 40)`', parent: "`line`, received by the 'line' handler", sink: '`this.code`' },
              line: 6,
              column: 19,
              endLine: 6,
              endColumn: 36,
              suggestions: [
                {
                  messageId: 'detach',
                  output: `import * as readline from 'node:readline';
class Codes {
  private code = '';
  constructor(lines: readline.Interface) {
    lines.on('line', (line) => {
      this.code = (' ' + line.slice(0, 40)).slice(1).toUpperCase();
    });
  }
}
`,
                },
              ],
            },
          ],
        },
        {
          code: `import * as readline from 'node:readline';
const names: string[] = [];
export function watch(rl: readline.Interface) {
  rl.on('line', (line) => {
    names.push(line.slice(0, 40).toLowerCase());
  });
}
`,
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`line.slice(0, 40)`', parent: "`line`, received by the 'line' handler", sink: '`names`' },
              line: 5,
              column: 16,
              endLine: 5,
              endColumn: 33,
              suggestions: [
                {
                  messageId: 'detach',
                  output: `import * as readline from 'node:readline';
const names: string[] = [];
export function watch(rl: readline.Interface) {
  rl.on('line', (line) => {
    names.push((' ' + line.slice(0, 40)).slice(1).toLowerCase());
  });
}
`,
                },
              ],
            },
          ],
        },
        {
          code: `import * as readline from 'node:readline';
const keys = new Set<string>();
export function watch(rl: readline.Interface) {
  rl.on('line', (line) => {
    keys.add(String(line.substring(2, 30)).replace('-', '_'));
  });
}
`,
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`line.substring(2, 30)`', parent: "`line`, received by the 'line' handler", sink: '`keys`' },
              line: 5,
              column: 21,
              endLine: 5,
              endColumn: 42,
              suggestions: [
                {
                  messageId: 'detach',
                  output: `import * as readline from 'node:readline';
const keys = new Set<string>();
export function watch(rl: readline.Interface) {
  rl.on('line', (line) => {
    keys.add(String((' ' + line.substring(2, 30)).slice(1)).replace('-', '_'));
  });
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// A truncation of text the function itself made whole (a file it read, a value it serialized, a Buffer it
// decoded) that it hands back to its caller: the caller cannot see that the short string pins the whole
// text (the shape of real fixes: summaries of serialized tool results, README previews).
describe('truncations a function returns', () => {
  const suggestion = (code: string, from: string, to: string) => [{ messageId: 'detach' as const, output: code.replace(from, to) }];
  const readme = `import { readFileSync } from 'node:fs';
export function readReadme(path: string): string | null {
  try {
    const content = readFileSync(path, 'utf-8');
    return content.length > 8192 ? content.slice(0, 8192) + '\\n[truncated]' : content;
  } catch {
    return null;
  }
}
`;
  const summary = `export function summarize(value: unknown): string {
  const serialized = JSON.stringify(value);
  if (serialized === undefined) return String(value).slice(0, 240);
  return serialized.length <= 240 ? serialized : \`\${serialized.slice(0, 237)}...\`;
}
`;
  const resolved = `import { execFile } from 'node:child_process';
export function fetchReadme(): Promise<string> {
  return new Promise((resolve) => {
    execFile('gh', ['api', 'readme'], (err, stdout) => {
      const decoded = Buffer.from(stdout, 'base64').toString('utf-8');
      resolve(decoded.length > 8192 ? decoded.slice(0, 8192) + '...' : decoded);
    });
  });
}
`;
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Flattened before it is returned (any call may copy; the slice itself is not what is returned).
        `const flatten = (s: string) => (' ' + s).slice(1);
export function summarize(value: unknown): string {
  const serialized = JSON.stringify(value);
  return serialized.length <= 240 ? serialized : \`\${flatten(serialized.slice(0, 237))}...\`;
}
`,
        // The parent is a parameter: its size and life are the caller's.
        `export function preview(text: string): string {
  return text.slice(0, 100) + '...';
}
`,
        // Too short to be a sliced string: V8 copies it.
        `export const tag = (value: unknown) => JSON.stringify(value).slice(0, 8);
`,
        // A callback's return goes into the mapped array, which is followed like any value.
        `export function heads(values: unknown[]): number {
  return values.map((value) => JSON.stringify(value).slice(0, 50)).length;
}
`,
        // Dropping a prefix keeps most of the text: not a truncation.
        `export function body(message: Buffer): string {
  const text = message.toString('utf8');
  return text.slice(text.indexOf(':') + 1);
}
`,
        // Text read whole and returned whole.
        `import { readFileSync } from 'node:fs';
export const load = (path: string) => readFileSync(path, 'utf8');
`,
      ],
      invalid: [
        // A prefix and a tail of known length joined: a truncation of the middle, not a splice (the tail's start counts from the end).
        {
          code: `function truncateMiddle(value, max) {
  const text = String(value || '');
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return text.slice(0, head) + '…' + text.slice(text.length - tail);
}
module.exports = truncateMiddle;
`,
          output: null,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`text.slice(0, head)`', parent: "the whole text of `String(value || '')`", sink: '`truncateMiddle()` returns it' },
              line: 6,
              column: 10,
              endLine: 6,
              endColumn: 29,
              suggestions: suggestion(`function truncateMiddle(value, max) {
  const text = String(value || '');
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return text.slice(0, head) + '…' + text.slice(text.length - tail);
}
module.exports = truncateMiddle;
`, 'return text.slice(0, head) +', "return (' ' + text.slice(0, head)).slice(1) +"),
            },
          ],
        },
        {
          code: readme,
          output: null,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`content.slice(0, 8192)`', parent: "the data read by `readFileSync(path, 'utf-8')`", sink: '`readReadme()` returns it' },
              line: 5,
              column: 36,
              endLine: 5,
              endColumn: 58,
              suggestions: suggestion(readme, 'content.slice(0, 8192) +', "(' ' + content.slice(0, 8192)).slice(1) +"),
            },
          ],
        },
        {
          code: summary,
          output: null,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`String(value).slice(0, 240)`', parent: 'the whole text of `String(value)`', sink: '`summarize()` returns it' },
              line: 3,
              column: 40,
              suggestions: suggestion(summary, 'return String(value).slice(0, 240);', "return (' ' + String(value).slice(0, 240)).slice(1);"),
            },
            {
              messageId: 'returnedSubstring',
              data: { piece: '`serialized.slice(0, 237)`', parent: 'the whole text of `JSON.stringify(value)`', sink: '`summarize()` returns it' },
              line: 4,
              column: 53,
              suggestions: suggestion(summary, '${serialized.slice(0, 237)}', "${(' ' + serialized.slice(0, 237)).slice(1)}"),
            },
          ],
        },
        {
          code: resolved,
          output: null,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: {
                piece: '`decoded.slice(0, 8192)`',
                parent: "the whole text of `Buffer.from(stdout, 'base64').toStrin...`",
                sink: '`fetchReadme()` resolves with it',
              },
              line: 6,
              column: 39,
              suggestions: suggestion(resolved, 'decoded.slice(0, 8192) +', "(' ' + decoded.slice(0, 8192)).slice(1) +"),
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// checkParserOutput (strict): pieces of a parsing function's own input handed back in its result.
describe('parser output', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const branches = `declare class GitBranch {
  constructor(name: string, sha: string);
}
const branchRegex = /^(\\*?)\\s+(\\S+)\\s+(\\S+)/gm;
export class GitBranchParser {
  static parse(data: string): GitBranch[] {
    const found: GitBranch[] = [];
    let match: RegExpExecArray | null;
    while ((match = branchRegex.exec(data)) !== null) {
      found.push(new GitBranch(match[2], match[3]));
    }
    return found;
  }
}
`;
  const lexical = (line: string) => `export function lexicalParse(text: string): string[] {
  const lines: string[] = [];
  for (const l of text.split('\\n')) {
    const line = ${line};
    if (!line) continue;
    lines.push(line);
  }
  return lines;
}
`;
  const returned = (piece: string, line: number, column: number, output: string) => ({
    messageId: 'returnedSubstring' as const,
    data: { piece: `\`${piece}\``, parent: '`text`, the input of `lexicalParse()`', sink: '`lexicalParse()` returns it in its result' },
    line,
    column,
    endLine: line,
    endColumn: column + piece.length,
    suggestions: [{ messageId: 'detach' as const, output }],
  });
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Off by default: the input's size and the result's life are the caller's.
        branches,
        lexical('l.trim()'),
        // A function not named as a parser.
        { code: `export function lines(text: string): string[] {\n  return text.split('\\n').map((l) => l.trim());\n}\n`, options: on },
        // Pieces known to be short are copies.
        { code: lexical('l.slice(0, 8)'), options: on },
        // One value taken apart, not records cut from a document in a loop: short text.
        { code: `export function parseScalar(raw: string) {\n  return { value: raw.trim() };\n}\n`, options: on },
        // Detached pieces.
        { code: lexical("(' ' + l.trim()).slice(1)"), options: on },
      ],
      invalid: [
        {
          code: lexical('l.trim()'),
          options: on,
          errors: [returned('l.trim()', 4, 18, lexical("(' ' + l.trim()).slice(1)"))],
        },
        {
          code: branches,
          options: on,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`match[2]`', parent: '`data`, the input of `GitBranchParser.parse()`', sink: '`parse()` returns it in its result' },
              line: 10,
              column: 32,
              endLine: 10,
              endColumn: 40,
              suggestions: [{ messageId: 'detach', output: branches.replace('new GitBranch(match[2], match[3])', "new GitBranch((' ' + match[2]).slice(1), match[3])") }],
            },
            // Every kept piece of one match is reported: each needs its own detach.
            {
              messageId: 'returnedSubstring',
              data: { piece: '`match[3]`', parent: '`data`, the input of `GitBranchParser.parse()`', sink: '`parse()` returns it in its result' },
              line: 10,
              column: 42,
              endLine: 10,
              endColumn: 50,
              suggestions: [{ messageId: 'detach', output: branches.replace('new GitBranch(match[2], match[3])', "new GitBranch(match[2], (' ' + match[3]).slice(1))") }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// Each kept piece of one match is its own finding, at the piece.
describe('every kept piece of a match', () => {
  const code = (keep: string) => `import * as readline from 'node:readline';
const sessions = new Map<string, string>();
const users = new Set<string>();
export function watch(lines: readline.Interface) {
  lines.on('line', (line) => {
    const m = /^(\\S+) (\\S+) (\\S+)$/.exec(line);
    if (!m) return;
    ${keep}
  });
}
`;
  const piece = (text: string, sink: string, column: number, output: string) => ({
    messageId: 'retainedSubstring' as const,
    data: { piece: `\`${text}\``, parent: "`line`, received by the 'line' handler", sink },
    line: 8,
    column,
    endLine: 8,
    endColumn: column + text.length,
    suggestions: [{ messageId: 'detach' as const, output }],
  });
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [code('console.log(m[1], m[2]);')],
      invalid: [
        {
          code: code('sessions.set(m[1], m[2]); users.add(m[3]);'),
          errors: [
            // A Map's key is kept as it is: a sliced key pins its parent too.
            piece('m[1]', '`sessions`', 18, code("sessions.set((' ' + m[1]).slice(1), m[2]); users.add(m[3]);")),
            piece('m[2]', '`sessions`', 24, code("sessions.set(m[1], (' ' + m[2]).slice(1)); users.add(m[3]);")),
            piece('m[3]', '`users`', 41, code("sessions.set(m[1], m[2]); users.add((' ' + m[3]).slice(1));")),
          ],
        },
        {
          // The groups spread into a record: kept where the record is made, each group a piece (no one detach
          // covers them all, so no suggestion).
          code: code('sessions.set(m[1], { at: Date.now(), ...m.groups });').replace('(\\S+) (\\S+) (\\S+)', '(?<user>\\S+) (?<verb>\\S+) (\\S+)'),
          errors: [
            piece('m[1]', '`sessions`', 18, code("sessions.set((' ' + m[1]).slice(1), { at: Date.now(), ...m.groups });").replace('(\\S+) (\\S+) (\\S+)', '(?<user>\\S+) (?<verb>\\S+) (\\S+)')),
            { ...piece('m.groups', '`sessions`', 45, ''), suggestions: [] },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// hls.js's playlist parser: pieces kept on a record pushed into a collection held by the returned object,
// from a variable two calls fill (each piece is one finding).
describe('pieces kept through a local object\'s collection', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const playlist = (kept: string) => `declare class Fragment { relurl: string | null; title: string | null; }
const LEVEL = /#EXTINF:([\\d.]+),(.*)|(\\S+)/g;
export class PlaylistLoader {
  parseLevelPlaylist(text: string) {
    const level = { fragments: [] as Fragment[] };
    let frag = new Fragment();
    let result: RegExpMatchArray | RegExpExecArray | null;
    while ((result = LEVEL.exec(text)) !== null) {
      if (result[3]) {
        frag.relurl = ${kept};
        level.fragments.push(frag);
        frag = new Fragment();
      } else {
        result = result[0].match(/(.*)/);
      }
    }
    return level;
  }
}
`;
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Off by default.
        playlist('result[3]'),
        // Detached.
        { code: playlist("(' ' + result[3]).slice(1)"), options: on },
        // The record's collection is not kept: the function returns a count.
        { code: playlist('result[3]').replace('return level;', 'return level.fragments.length;'), options: on },
      ],
      invalid: [
        {
          code: playlist('result[3]'),
          options: on,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`result[3]`', parent: '`text`, the input of `PlaylistLoader.parseLevelPlaylist()`', sink: '`parseLevelPlaylist()` returns it in its result' },
              line: 10,
              column: 23,
              endLine: 10,
              endColumn: 32,
              suggestions: [{ messageId: 'detach', output: playlist("(' ' + result[3]).slice(1)") }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// renovate's rubygems index: lines of an HTTP client's body, pieces pushed into a module table's entries.
describe('HTTP client bodies and table entries', () => {
  const index = (client: string, kept: string) => `${client}
const releases: Record<string, string[]> = Object.create(null);
export async function update(url: string): Promise<void> {
  const body = (await got(url)).body;
  for (const line of body.split('\\n')) {
    const [pkg, versions] = line.split(' ');
    releases[pkg] = releases[pkg] || [];
    for (const version of versions.split(',')) {
      releases[pkg].push(${kept});
    }
  }
}
`;
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Detached.
        index("import got from 'got';", "(' ' + version).slice(1)"),
        // Not an HTTP client this rule knows: nothing says what `body` holds.
        index("import got from './cache';", 'version'),
      ],
      invalid: [
        ...["import got from 'got';", "import got from '../util/got';"].map((client) => ({
          code: index(client, 'version'),
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring' as const,
              data: { piece: '`version`', parent: 'the body read by `got(url)`', sink: '`releases[pkg]`' },
              line: 9,
              column: 26,
              endLine: 9,
              endColumn: 33,
              suggestions: [{ messageId: 'detach' as const, output: index(client, "(' ' + version).slice(1)") }],
            },
          ],
        })),
      ],
    },
    { valid: [], invalid: [] },
  );
});

// metrora's session cache: prefixes cut to a constant length, of text of any origin, kept or handed back
// in records; the cut says the text may be longer, and then the piece keeps all of it.
describe('truncations kept (checkTruncations)', () => {
  const on = [{ checkTruncations: true }] as [{ checkTruncations: boolean }];
  const card = (title: string) => `export function card(text: string) {
  return { title: ${title}, size: text.length };
}
`;
  const truncated = (receiver: string, length: number) => `\`${receiver}\`, cut to ${length} characters because it may be longer`;
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Without the option.
        card('text.substring(0, 200)'),
        // A bare string handed back is usually printed.
        { code: `export function preview(text: string) {\n  return text.substring(0, 80);\n}\n`, options: on },
        // A label-sized cut (under 200 characters): its text is usually kept or shown in full elsewhere.
        { code: card('text.substring(0, 80)'), options: on },
        // Not a prefix of a constant length.
        { code: card('text.substring(4, text.indexOf(" "))'), options: on },
        // A record that does not outlive the call.
        { code: `export function log(text: string) {\n  const entry = { title: text.substring(0, 200) };\n  console.log(entry);\n}\n`, options: on },
        // Already detached.
        { code: card("(' ' + text.substring(0, 200)).slice(1)"), options: on },
        // `slice` of something not known to be text (an array is cut the same way).
        { code: `export function page(rows) {\n  return { first: rows.slice(0, 200) };\n}\n`, options: on },
      ],
      invalid: [
        {
          code: card('text.substring(0, 200)'),
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`text.substring(0, 200)`', parent: truncated('text', 200), sink: '`card()` returns it in its result' },
              line: 2,
              column: 19,
              endLine: 2,
              endColumn: 41,
              suggestions: [{ messageId: 'detach', output: card("(' ' + text.substring(0, 200)).slice(1)") }],
            },
          ],
        },
        // A field of an object the caller passed, and a constant bound.
        {
          code: `const MAX_TITLE = 200;
export function collect(meta: { title?: string }, entry: { aiTitle: unknown }) {
  const t = entry.aiTitle;
  if (typeof t === 'string') meta.title = t.trim().slice(0, MAX_TITLE);
}
`,
          options: on,
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`t.trim().slice(0, MAX_TITLE)`', parent: truncated('t.trim()', 200), sink: '`meta.title`, a field of an object its caller passed' },
              line: 4,
              column: 43,
              endLine: 4,
              endColumn: 71,
              suggestions: [
                {
                  messageId: 'detach',
                  output: `const MAX_TITLE = 200;
export function collect(meta: { title?: string }, entry: { aiTitle: unknown }) {
  const t = entry.aiTitle;
  if (typeof t === 'string') meta.title = (' ' + t.trim().slice(0, MAX_TITLE)).slice(1);
}
`,
                },
              ],
            },
          ],
        },
        // Long-lived storage.
        {
          code: `export class Titles {
  private readonly byId = new Map<string, string>();
  add(id: string, title: string) {
    this.byId.set(id, title.substring(0, 500));
  }
}
`,
          options: on,
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`title.substring(0, 500)`', parent: truncated('title', 500), sink: '`this.byId`' },
              line: 4,
              column: 23,
              endLine: 4,
              endColumn: 46,
              suggestions: [
                {
                  messageId: 'detach',
                  output: `export class Titles {
  private readonly byId = new Map<string, string>();
  add(id: string, title: string) {
    this.byId.set(id, (' ' + title.substring(0, 500)).slice(1));
  }
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
    {
      valid: [],
      invalid: [
        // With types, `slice` of a string property (metrora's cached turns).
        {
          code: `export function toCached(turn: { userMessage: string; at: number }) {
  return { at: turn.at, userMessage: turn.userMessage.slice(0, 2000) };
}
`,
          options: on,
          output: null,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`turn.userMessage.slice(0, 2000)`', parent: truncated('turn.userMessage', 2000), sink: '`toCached()` returns it in its result' },
              line: 2,
              column: 38,
              endLine: 2,
              endColumn: 69,
              suggestions: [
                {
                  messageId: 'detach',
                  output: `export function toCached(turn: { userMessage: string; at: number }) {
  return { at: turn.at, userMessage: (' ' + turn.userMessage.slice(0, 2000)).slice(1) };
}
`,
                },
              ],
            },
          ],
        },
      ],
    },
  );
});

// neomjs' front-matter parser: an array method's callback runs during the call, so the parser's own
// variables it writes are locals (not storage "declared outside the function"); what it puts in the
// table the parser returns, under a computed key, is the parser's output.
describe('array-method callbacks run in place', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const frontMatter = (arrayItem: string, value: string) => `export class Markdown {
  parseFrontMatter(text: string) {
    const data: Record<string, unknown> = {};
    const lines = text.trim().split('\\n');
    let currentKey: string | undefined;
    lines.forEach((line) => {
      const trimLine = line.trim();
      if (trimLine.startsWith('- ')) {
        if (currentKey) (data[currentKey] as string[]).push(${arrayItem});
        return;
      }
      const match = trimLine.match(/^([\\w-]+):\\s*(.*)$/);
      if (match) {
        currentKey = match[1];
        data[currentKey] = ${value};
      }
    });
    return data;
  }
}
`;
  const returned = (piece: string) => ({
    messageId: 'returnedSubstring' as const,
    data: { piece: `\`${piece}\``, parent: '`text`, the input of `Markdown.parseFrontMatter()`', sink: '`parseFrontMatter()` returns it in its result' },
  });
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Without parser output: `currentKey` is the parse's own variable, and the table is returned.
        frontMatter('trimLine.substring(2)', 'match[2]'),
      ],
      invalid: [
        {
          code: frontMatter('trimLine.substring(2)', 'match[2]'),
          options: on,
          output: null,
          errors: [
            {
              ...returned('trimLine.substring(2)'),
              line: 9,
              column: 61,
              endLine: 9,
              endColumn: 82,
              suggestions: [{ messageId: 'detach', output: frontMatter("(' ' + trimLine.substring(2)).slice(1)", 'match[2]') }],
            },
            {
              ...returned('match[2]'),
              line: 15,
              column: 28,
              endLine: 15,
              endColumn: 36,
              suggestions: [{ messageId: 'detach', output: frontMatter('trimLine.substring(2)', "(' ' + match[2]).slice(1)") }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// A recursive-descent parser's own helpers cut its input (shaka-player's tXml: `parseText()` returns
// `S.slice(start, pos + 1)`, called in the loop of `parseChildren()`): with checkParserOutput, a piece a helper
// the parser declares returns from inside such a loop is the parser's output too.
describe('parser output through helpers the parser declares', () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const parser = (text: string, call = 'parseText()') => `export function parse(S: string): string[] {
  let pos = 0;
  function parseText() {
    const start = pos;
    pos = S.indexOf('<', pos);
    if (pos === -1) pos = S.length;
    return ${text};
  }
  const texts: string[] = [];
  while (pos < S.length) {
    texts.push(${call});
    pos++;
  }
  return texts;
}
`;
  // tXml's shape: a name `parseName()` cuts goes back through `parseNode()` and `parseChildren()` to `parse()`'s result.
  const tree = (name: string) => `export function parse(S: string) {
  let pos = 0;
  function parseName() {
    const start = pos;
    while (pos < S.length && S[pos] !== ' ' && S[pos] !== '>') pos++;
    return ${name};
  }
  function parseNode() {
    pos++;
    const tagName = parseName();
    pos = S.indexOf('>', pos) + 1;
    return { tagName };
  }
  function parseChildren() {
    const children: { tagName: string }[] = [];
    while (pos < S.length) {
      if (S[pos] === '<') children.push(parseNode());
      else pos++;
    }
    return children;
  }
  return parseChildren();
}
`;
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Off by default.
        parser('S.slice(start, pos)'),
        // Detached where the helper cuts it.
        { code: parser("(' ' + S.slice(start, pos)).slice(1)"), options: on },
        { code: tree("(' ' + S.slice(start, pos)).slice(1)"), options: on },
        // Called once, not per record: one value taken apart.
        { code: parser('S.slice(start, pos)').replace('  while (pos < S.length) {\n    texts.push(parseText());\n    pos++;\n  }', '  texts.push(parseText());'), options: on },
        // A joined string is a new one: a trim of it keeps the joined text, not the parser's input (protobuf.js's
        // tokenizer joins a comment's lines).
        {
          code: `export function tokenize(source: string): Record<number, string> {
  const comments: Record<number, string> = {};
  let line = 0;
  function setComment(start: number, end: number) {
    const lines = source.substring(start, end).split('\\n');
    comments[line] = lines.join('\\n').trim();
  }
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '#') setComment(i, source.indexOf('\\n', i));
    line++;
  }
  return comments;
}
`,
          options: on,
        },
        // A function of the module, not one the parser declares: it is called from elsewhere too, and what it is
        // handed is not known to be the parser's input (a string the loop built char by char, here).
        {
          code: `function unquote(value: string) {
  return value.trim();
}
export function parseList(body: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === ',') {
      items.push(unquote(current));
      current = '';
    } else current += body[i];
  }
  return items;
}
`,
          options: on,
        },
        // A string built character by character (`current += body[i]`) is new text: one character of a string is never
        // a slice that keeps it, so a trim of what was built keeps no piece of the input.
        {
          code: `export function parseList(body: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === ',') {
      items.push(current.trim());
      current = '';
    } else current += body[i];
  }
  return items;
}
`,
          options: on,
        },
        // The same without a type: the parser's input is text.
        {
          code: `export function parseList(body) {
  const items = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === ',') {
      items.push(current.trim());
      current = '';
    } else current += body[i];
  }
  return items;
}
`,
          options: on,
        },
      ],
      invalid: [
        {
          code: parser('S.slice(start, pos)'),
          options: on,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`S.slice(start, pos)`', parent: '`S`, the input of `parse()`', sink: '`parse()` returns it in its result' },
              line: 7,
              column: 12,
              endLine: 7,
              endColumn: 31,
              suggestions: [{ messageId: 'detach', output: parser("(' ' + S.slice(start, pos)).slice(1)") }],
            },
          ],
        },
        {
          code: tree('S.slice(start, pos)'),
          options: on,
          errors: [
            {
              messageId: 'returnedSubstring',
              data: { piece: '`S.slice(start, pos)`', parent: '`S`, the input of `parse()`', sink: '`parse()` returns it in its result' },
              line: 6,
              column: 12,
              endLine: 6,
              endColumn: 31,
              suggestions: [{ messageId: 'detach', output: tree("(' ' + S.slice(start, pos)).slice(1)") }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

describe('text a message is by what the code does with it', () => {
  // ws delivers Buffers, a browser socket text: a string-only method called on the message says which.
  const wsText = (piece: string) => `const titles = [];
export function attach(ws) {
  ws.on('message', (msg) => {
    if (msg.startsWith('title:')) titles.push(${piece});
  });
}
`;
  // A tokenizer's listener on a channel of its own (oboe's clarinet: `bus(STREAM_DATA).on(handleData)`), which
  // gathers a string token across chunks: while the token is whole in one chunk, it is that chunk's slice.
  const tokenizer = (piece: string) => `export function tokenizer(bus, emitValue) {
  let textNode;
  bus.on(function handleData(chunk) {
    const end = chunk.indexOf('"', 1);
    if (textNode === undefined) textNode = '';
    textNode += ${piece};
    if (end !== -1) {
      emitValue(textNode);
      textNode = undefined;
    }
  });
}
`;
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        wsText("(' ' + msg.substring(6, 200)).slice(1)"),
        tokenizer("(' ' + chunk.substring(1, end)).slice(1)"),
        // The piece is only read where it is cut.
        `export function attach(bus) {
  bus.on(function (chunk) {
    console.log(chunk.substring(1, 80));
  });
}
`,
      ],
      invalid: [
        {
          code: wsText('msg.substring(6, 200)'),
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`msg.substring(6, 200)`', parent: "`msg`, received by the 'message' handler", sink: '`titles`' },
              line: 4,
              column: 47,
              endLine: 4,
              endColumn: 68,
              suggestions: [{ messageId: 'detach', output: wsText("(' ' + msg.substring(6, 200)).slice(1)") }],
            },
          ],
        },
        {
          code: tokenizer('chunk.substring(1, end)'),
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`chunk.substring(1, end)`', parent: '`chunk`, received by the event handler', sink: '`textNode`, declared outside the function' },
              line: 6,
              column: 17,
              endLine: 6,
              endColumn: 40,
              suggestions: [{ messageId: 'detach', output: tokenizer("(' ' + chunk.substring(1, end)).slice(1)") }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

/** A `returnedSubstring` report of `piece`, on the one line of `code` that holds it, and its detach suggestion. */
function returnedPiece<O>(code: string, options: O, piece: string, column: number, data: { parent: string; sink: string }) {
  const line = code.split('\n').findIndex((text) => text.includes(piece)) + 1;
  return {
    code,
    options,
    output: null,
    errors: [
      {
        messageId: 'returnedSubstring' as const,
        data: { piece: `\`${piece}\``, ...data },
        line,
        column,
        endLine: line,
        endColumn: column + piece.length,
        suggestions: [{ messageId: 'detach' as const, output: code.replace(piece, `(' ' + ${piece}).slice(1)`) }],
      },
    ],
  };
}

// metrora's cached turns, untyped: `turn.userMessage` is text because the file calls a string-only method on
// another object's `userMessage`, or hands one to a parameter annotated `string`. Likely, from the name.
describe('a property known as text from its use elsewhere in the file (checkTruncations)', () => {
  const on = [{ checkTruncations: true }] as [{ checkTruncations: boolean }];
  const cached = (use: string) => `import type { Turn } from './turns';
${use}
export function toCached(turn: Turn) {
  return { at: turn.at, userMessage: turn.userMessage.slice(0, 2000) };
}
`;
  const trimmed = 'export const isBlank = (turns: Turn[]) => !turns[0]!.userMessage.trim();';
  const handed = 'function prUrls(text: string) {\n  return text.length;\n}\nexport const count = (call: Turn) => prUrls(call.userMessage);';
  const report = (code: string) =>
    returnedPiece(code, on, 'turn.userMessage.slice(0, 2000)', 38, { parent: '`turn.userMessage`, cut to 2000 characters because it may be longer', sink: '`toCached()` returns it in its result' });
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Nothing in the file says what `userMessage` holds (an array is cut the same way).
        { code: cached('export const size = (turn: Turn) => turn.userMessage.length;'), options: on },
        // Two uses disagree: text in one place, a Buffer in another.
        { code: cached(`${trimmed}\nexport const first = (turn: Turn) => turn.userMessage.readUInt8(0);`), options: on },
        // A parameter with no annotation says nothing.
        { code: cached('function prUrls(text) {\n  return text.length;\n}\nexport const count = (call: Turn) => prUrls(call.userMessage);'), options: on },
        // Without the option.
        cached(trimmed),
      ],
      invalid: [report(cached(trimmed)), report(cached(handed))],
    },
    { valid: [], invalid: [] },
  );
});

// vscode-gitlens' delimiter iterator: a text grown by `this.buffer += chunk`, whose pieces an iterator's
// `next()` hands out in `{ done: false, value }`; whoever iterates keeps each piece, and with it the text.
describe("pieces of an accumulated text handed out by an iterator's next() (checkParserOutput)", () => {
  const on = [{ checkParserOutput: true }] as [{ checkParserOutput: boolean }];
  const iterator = (head: string, extra = '') => `export ${head} {
  private buffer = '';
  private index = 0;
  constructor(private readonly source: AsyncIterator<string>) {}
${extra}  async next(): Promise<IteratorResult<string>> {
    for (;;) {
      const j = this.buffer.indexOf('\\n', this.index);
      if (j !== -1) {
        const value = this.buffer.substring(this.index, j);
        this.index = j + 1;
        return { done: false, value };
      }
      const result = await this.source.next();
      if (result.done) return { done: true, value: undefined };
      this.buffer = this.buffer.substring(this.index);
      this.index = 0;
      this.buffer += result.value;
    }
  }
}
`;
  const symbol = '  [Symbol.asyncIterator]() {\n    return this;\n  }\n';
  const report = (code: string) =>
    returnedPiece(code, on, 'this.buffer.substring(this.index, j)', 23, { parent: 'the accumulation buffer `this.buffer`', sink: '`next()` returns it in its result' });
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        // Without the option.
        iterator('class Lines', symbol),
        // Not an iterator: `next()` of a class that is not iterated.
        { code: iterator('class Lines'), options: on },
        // Not an accumulator: the text is set once, not grown from chunks.
        { code: iterator('class Lines', symbol).replace('this.buffer += result.value;', 'this.buffer = result.value;'), options: on },
      ],
      invalid: [report(iterator('class Lines', symbol)), report(iterator('class Lines implements AsyncIterableIterator<string>'))],
    },
    { valid: [], invalid: [] },
  );
});

// ws' client: `new URL(location).hostname` is cut from the URL's own `href`, not from the header it was parsed
// from; a `URL` (like `URLSearchParams` and `Date`) parses its argument into text of its own.
describe('a URL parses its argument into text of its own', () => {
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        `import * as readline from 'node:readline';
const hosts = new Set();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const url = new URL(line);
  if (url.hostname.startsWith('[')) hosts.add(url.hostname.slice(1, -1));
});
`,
      ],
      invalid: [
        // The line itself is the parent.
        {
          code: `import * as readline from 'node:readline';
const hosts = new Set();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.startsWith('[')) hosts.add(line.slice(1, -1));
});
`,
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`line.slice(1, -1)`', parent: "`line`, received by the 'line' handler", sink: '`hosts`' },
              line: 4,
              column: 39,
              endLine: 4,
              endColumn: 56,
              suggestions: [{ messageId: 'detach', output: `import * as readline from 'node:readline';
const hosts = new Set();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.startsWith('[')) hosts.add(line.slice(1, -1));
});
`.replace('line.slice(1, -1)', "(' ' + line.slice(1, -1)).slice(1)") }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

// sockjs' IframeTransport: a helper's piece of its parameter (`hostOf(url)`) is kept where one call hands in a
// short option (`this.host = hostOf(baseUrl)`), while another call hands in an event's text and only compares.
// The parent is what the keeping call hands in.
describe('a value taken out of a parsed message is a string of its own', () => {
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      // JSON.parse makes new strings: a piece of one keeps that value, not the message text.
      valid: [
        `var hosts = [];
window.addEventListener('message', function (e) {
  var p = JSON.parse(e.data);
  var url = p[0];
  if (url.startsWith('https:')) hosts.push(url.slice(8, 48));
});
`,
      ],
      invalid: [
        {
          code: `var hosts = [];
window.addEventListener('message', function (e) {
  var url = e.data;
  if (url.startsWith('https:')) hosts.push(url.slice(8, 48));
});
`,
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`url.slice(8, 48)`', parent: "`e`, received by the 'message' handler", sink: '`hosts`' },
              line: 4,
              column: 44,
              endLine: 4,
              endColumn: 60,
              suggestions: [
                {
                  messageId: 'detach',
                  output: `var hosts = [];
window.addEventListener('message', function (e) {
  var url = e.data;
  if (url.startsWith('https:')) hosts.push((' ' + url.slice(8, 48)).slice(1));
});
`,
                },
              ],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});

describe('a piece a helper returns: its parent is what the call that keeps it hands in', () => {
  const code = (kept: string) => `function hostOf(url) {
  var parts = url.match(/^(https?):\\/\\/([^\\/:]+)/);
  return parts[2];
}
function Transport(baseUrl) {
  this.host = hostOf(baseUrl);
}
Transport.prototype.onmessage = function (e) {
  if (hostOf(e.origin) !== this.host) return;
  this.last = e.data;
};
window.addEventListener('message', function (e) {
  if (hostOf(e.origin) !== 'example.com') return;
});
module.exports = Transport;
`.replace('this.last = e.data;', kept);
  runRuleTests(
    'no-retained-substring',
    rule,
    {
      valid: [
        code('this.last = e.data;'),
      ],
      invalid: [
        {
          code: code('this.peer = hostOf(e.data);'),
          output: null,
          errors: [
            {
              messageId: 'retainedSubstring',
              data: { piece: '`hostOf(e.data)`', parent: '`e`, received by the onmessage handler', sink: '`this.peer`' },
              line: 10,
              column: 15,
              endLine: 10,
              endColumn: 29,
              suggestions: [{ messageId: 'detach', output: code("this.peer = (' ' + hostOf(e.data)).slice(1);") }],
            },
          ],
        },
      ],
    },
    { valid: [], invalid: [] },
  );
});
