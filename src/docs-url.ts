/** Where each rule's docs page is published; dependency-free so that `leakproof heap` and the reports can use it. */
export const DOCS_BASE_URL = 'https://github.com/leakproof-dev/leakproof/blob/main/docs/rules/';
