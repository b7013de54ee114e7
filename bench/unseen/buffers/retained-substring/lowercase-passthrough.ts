import * as readline from 'node:readline';

export class HostList {
  private readonly hosts = new Set<string>();

  constructor(rl: readline.Interface) {
    rl.on('line', (line) => {
      this.hosts.add(line.slice(0, line.indexOf(':')).toLowerCase()); // expect: no-retained-substring
    });
  }
}
