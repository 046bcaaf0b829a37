/** Loading the scenario a command names: problems are printed and become exit code 2. */
import { loadScenarioFile, type LoadResult } from '../scenarios/load.js';
import { printProblems } from './errors.js';

/**
 * The loaded scenario, or null after printing its problems (the caller exits 2). With `json`, problems go
 * to stdout as one JSON object (`{"ok": false, "problems": [...]}`) for tools that asked for JSON.
 */
export function loadOrReport(path: string, json = false): LoadResult | null {
  const r = loadScenarioFile(path);
  if (!r.ok) {
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, file: path, problems: r.value.problems })}\n`);
    else printProblems(r.value.problems, r.value.sources);
    return null;
  }
  if (r.value.warnings.length > 0) printProblems(r.value.warnings, r.value.sources);
  return r.value;
}
