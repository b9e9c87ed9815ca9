#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript (npm run build writes dist/).
const argv = process.argv.slice(2);
// check | coop | init load only what they need (cli/commands): quick on a cooperative's small machine.
if (['check', 'coop', 'init'].includes(argv[0])) require('../dist/cli/commands/index.js').runCommand(argv).then((code) => process.exit(code));
else require('../dist/cli/main.js').main(argv);
