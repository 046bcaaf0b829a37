/**
 * Reading the files a scenario names, with the same care as the scenario itself: a missing file, a
 * directory, an empty file or an oversized one is a problem with a code, never a stack trace.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Problem } from './problems.js';

/** Largest scenario or catalog file read (a limit on everything): 256 MiB. */
export const FILE_BYTES_MAX = 256 * 1024 * 1024;

export type ReadResult = { ok: true; text: string; bytes: Buffer } | { ok: false; problem: Omit<Problem, 'file' | 'line' | 'col' | 'length'> & { detail: string } };

export function readTextFile(path: string, what: string): ReadResult {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return fail('IS_DIRECTORY', `${what} '${path}' is a directory: give the path of a file`);
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const where = what === 'scenario' ? 'relative paths start at the current folder' : "relative paths start at the scenario's folder";
      return fail('FILE_NOT_FOUND', `${what} '${path}' does not exist: check the path (${where})`);
    }
    return fail('READ_ERROR', `cannot read ${what} '${path}': ${(e as Error).message}`);
  }
  if (size > FILE_BYTES_MAX) return fail('FILE_TOO_LARGE', `${what} '${path}' is ${size} bytes, over the ${FILE_BYTES_MAX}-byte limit`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return fail('READ_ERROR', `cannot read ${what} '${path}': ${(e as Error).message}`);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return fail('EMPTY_FILE', `${what} '${path}' is empty`);
  return { ok: true, text, bytes };
}

function fail(code: Problem['code'], detail: string): ReadResult {
  return { ok: false, problem: { code, message: detail, severity: 'error', detail } };
}
