// Placeholder file for typed cases written in TSX: each case's code replaces this file's contents.
export {};
