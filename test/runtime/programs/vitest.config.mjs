// Runs only leak-test.vitest.mjs (test/runtime/leak-test.test.ts starts vitest with this config).
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

export default {
  test: { root: dirname(fileURLToPath(import.meta.url)), include: ['leak-test.vitest.mjs'], watch: false },
};
