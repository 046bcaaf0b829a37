/**
 * The breakup measurement (breakup.ts) in a fresh `node` process, as sensors-child.ts does for sensing: a
 * breakup allocates ~1,400 satrecs, and after the bench's earlier sections the heap they land in makes the
 * collection inside the call 2x dearer than in a real run (measured: ~88 ms in the main process, ~40 ms
 * here and standalone, same code). Usage: node --expose-gc breakup-child.js <rounds>. The result is the
 * last line of stdout, as JSON.
 */
import { benchBreakup } from './breakup.js';

const rounds = Number(process.argv[2] ?? 7);
benchBreakup({ rounds }).then((r) => {
  process.stdout.write(`${JSON.stringify(r)}\n`);
}, (e: unknown) => {
  process.stderr.write(`breakup child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
