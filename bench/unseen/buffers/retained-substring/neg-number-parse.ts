import * as readline from 'node:readline';

export class Totals {
  private readonly byDay = new Map<number, number>();

  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      const [day, amount] = line.split(';');
      this.byDay.set(Number(day), parseFloat(amount.trim()));
    });
  }
}
