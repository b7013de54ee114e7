// The file typed test cases of a program for browsers only (no Node types) are linted as.
export {};
