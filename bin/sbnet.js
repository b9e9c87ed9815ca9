#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript (npm run build writes dist/).
require('../dist/cli/main.js').main(process.argv.slice(2));
