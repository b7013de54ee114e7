export class Chat {
  private readonly previews: string[] = [];

  onMessage(text: string): void {
    this.previews.push(text.slice(0, 80)); // expect: no-retained-substring
  }
}
