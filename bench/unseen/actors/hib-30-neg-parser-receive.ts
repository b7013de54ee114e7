// A parser, not an actor: it lives as long as the one stream it parses.
export class LineParser {
  private parts: Buffer[] = [];

  receive(chunk: Buffer): string[] {
    this.parts.push(chunk);
    const text = Buffer.concat(this.parts).toString('utf8');
    const lines = text.split('\n');
    this.parts = [Buffer.from(lines.pop() ?? '')];
    return lines;
  }
}
