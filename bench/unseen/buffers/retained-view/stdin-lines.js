const seen = [];

process.stdin.on('data', (chunk) => {
  const nl = chunk.indexOf(10);
  if (nl > 0) seen.push(chunk.subarray(0, nl)); // expect: no-retained-view
});

process.on('exit', () => console.log(seen.length));
