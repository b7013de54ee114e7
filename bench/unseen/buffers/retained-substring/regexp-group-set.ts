import * as readline from 'node:readline';

export class PathCollector {
  readonly paths = new Set<string>();

  watch(rl: readline.Interface): void {
    rl.on('line', (line) => {
      const m = /^(?:GET|POST) (\S+) HTTP/.exec(line);
      if (m) this.paths.add(m[1]); // expect: no-retained-substring
    });
  }
}
