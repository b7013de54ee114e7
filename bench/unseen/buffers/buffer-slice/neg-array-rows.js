function tail(rows) {
  const list = [];
  for (const r of rows) list.push(r);
  return list.slice(1);
}

module.exports = tail;
