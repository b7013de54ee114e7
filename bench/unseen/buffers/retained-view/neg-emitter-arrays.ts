import { EventEmitter } from 'node:events';

export class Feed extends EventEmitter {
  private top: number[][] = [];

  constructor() {
    super();
    this.on('data', (scores: number[]) => {
      this.top.push(scores.slice(0, 3));
    });
  }

  publish(scores: number[]): void {
    this.emit('data', scores);
  }
}
