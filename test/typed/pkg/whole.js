'use strict';
// `module.exports = f`: the module is the function.
module.exports = function concatAll(parts) {
  return Buffer.concat(parts);
};
