import * as readline from 'node:readline';

export class CsvHeader {
  columns: string[] = [];

  constructor(rl: readline.Interface) {
    rl.on('line', (line: string) => {
      if (this.columns.length === 0) this.columns = line.split(',').map((c) => c.trim()); // expect: no-retained-substring
    });
  }
}
