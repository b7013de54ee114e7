import * as readline from 'node:readline';
import { createReadStream } from 'node:fs';

export class AccessIndex {
  private readonly agentByIp = new Map<string, string>();

  load(file: string): void {
    const rl = readline.createInterface({ input: createReadStream(file) });
    rl.on('line', (line) => {
      const fields = line.split('\t'); // expect: no-retained-substring #agent
      this.agentByIp.set(fields[0], fields[5]); // expect: no-retained-substring #agent
    });
  }
}
