import { parentPort } from 'node:worker_threads';

export function sendSpectrum(bins: number): void {
  const spectrum = new Float32Array(bins);
  parentPort?.postMessage(spectrum, [spectrum.buffer]);
}
