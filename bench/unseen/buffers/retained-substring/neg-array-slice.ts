import * as readline from 'node:readline';

export class Recent {
  private history: string[] = [];
  last5: string[] = [];

  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      this.history = [...this.history, line.length > 0 ? 'x' : 'y'];
      this.last5 = this.history.slice(-5);
    });
  }
}
