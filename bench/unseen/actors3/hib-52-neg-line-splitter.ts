// Not an actor: a parser that keeps only the unterminated tail of the text it was given.
export class LineSplitter {
  private rest = '';

  push(text: string): string[] {
    this.rest += text;
    const lines = this.rest.split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }
}
