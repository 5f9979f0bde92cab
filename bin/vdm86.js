#!/usr/bin/env node
// The vdm86 command: a thin shim over the bundled CLI in dist/.
import('../dist/cli.js').catch((err) => {
  process.stderr.write(`vdm86: cannot start (${err && err.message ? err.message : err}); run "npm run build" first\n`);
  process.exit(70);
});
