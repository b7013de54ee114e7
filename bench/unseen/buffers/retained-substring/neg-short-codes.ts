import * as readline from 'node:readline';

export class StatusCodes {
  readonly codes: string[] = [];

  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      this.codes.push(line.slice(9, 12));
    });
  }
}
