/**
 * The live-server load measurement (serve.ts) in a fresh process. Usage: node serve-child.js <windowS>
 * <warmupS>. The result is the last line of stdout, as JSON.
 */
import { benchServe } from './serve.js';

benchServe(Number(process.argv[2] ?? 20), Number(process.argv[3] ?? 5)).then((r) => {
  process.stdout.write(`${JSON.stringify(r)}\n`);
  process.exit(0);
}, (e: unknown) => {
  process.stderr.write(`serve child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
