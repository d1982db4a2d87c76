// `node apps/reporting/bench/run.cjs`: runs bench.ts with ts-node (transpile only) and the workspace path aliases.
'use strict';
const { join } = require('node:path');
process.env.TS_NODE_PROJECT = join(__dirname, '../tsconfig.spec.json');
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
require('ts-node/register');
require('tsconfig-paths/register');
require('./bench.ts');
