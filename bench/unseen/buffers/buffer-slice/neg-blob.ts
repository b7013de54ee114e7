export async function firstKb(file: Blob): Promise<ArrayBuffer> {
  return file.slice(0, 1024).arrayBuffer();
}
