// Does not parse: a caller of it learns nothing from it.
exports.readAll = function (n) { return Buffer.alloc(n)
