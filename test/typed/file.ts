// Placeholder file for typed RuleTester cases: each case's code replaces this file's contents.
export {};
