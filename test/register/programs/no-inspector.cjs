'use strict';
// Preloaded with --require before the loader: node:inspector cannot be loaded, as in a Node built without
// the inspector. The loader must then follow views weakly (report().recording is 'finalizers').
const Module = require('node:module');

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'node:inspector' || request === 'inspector') {
    throw Object.assign(new Error('Inspector is not available'), { code: 'ERR_INSPECTOR_NOT_AVAILABLE' });
  }
  return load.call(this, request, ...rest);
};
