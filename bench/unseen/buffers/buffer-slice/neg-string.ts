export function ext(file: string): string {
  const name = file.toString();
  return name.slice(name.lastIndexOf('.') + 1);
}
