import * as readline from 'node:readline';

export class IdCollector {
  readonly ids: string[] = [];

  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      for (const m of line.matchAll(/id="([\w-]+)"/g)) this.ids.push(m[1]); // expect: no-retained-substring
    });
  }
}
