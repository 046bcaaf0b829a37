/**
 * The EW/PNT measurement (ew.ts) in a fresh `node` process, as sensors-child.ts does for sensing: the sims
 * alone in their heap, as in a real `vigil run`, not after the stepping part's sims.
 * Usage: node --expose-gc ew-child.js '<EwConfig as JSON>'. Progress goes to stderr; the result is the
 * last line of stdout, as JSON.
 */
import { measureEw, type EwConfig } from './ew.js';

async function main(): Promise<void> {
  const [configJson] = process.argv.slice(2);
  if (!configJson) throw new Error("usage: ew-child.js '<config json>'");
  const config = JSON.parse(configJson) as EwConfig;
  const result = await measureEw(config, (s) => void process.stderr.write(`${s}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`ew child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
