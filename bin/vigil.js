#!/usr/bin/env node
// The `vigil` binary: runs the compiled CLI (dist/, built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('vigil: the CLI is not built yet: run `npm install` (or `npm run build`) in the Vigil folder\n');
  process.exit(1);
}
await import(entry.href);
