'use strict';
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const infrastructure = globalThis.__TSUNAGU_INFRASTRUCTURE__;
  if (!infrastructure) return;
  await infrastructure.stop();
  fs.rmSync(infrastructure.baseDir, { recursive: true, force: true });
};
