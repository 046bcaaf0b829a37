/**
 * Reading the files a scenario names, with the same care as the scenario itself: a missing file, a
 * directory, an empty file or an oversized one is a problem with a code, never a stack trace.
 */
import { readFileSync, statSync } from 'node:fs';
/** Largest scenario or catalog file read (a limit on everything): 256 MiB. */
export const FILE_BYTES_MAX = 256 * 1024 * 1024;
export function readTextFile(path, what) {
    let size;
    try {
        const st = statSync(path);
        if (st.isDirectory())
            return fail('IS_DIRECTORY', `${what} '${path}' is a directory: give the path of a file`);
        size = st.size;
    }
    catch (e) {
        const code = e.code;
        if (code === 'ENOENT')
            return fail('FILE_NOT_FOUND', `${what} '${path}' does not exist: check the path (relative paths start at the scenario's folder)`);
        return fail('READ_ERROR', `cannot read ${what} '${path}': ${e.message}`);
    }
    if (size > FILE_BYTES_MAX)
        return fail('FILE_TOO_LARGE', `${what} '${path}' is ${size} bytes, over the ${FILE_BYTES_MAX}-byte limit`);
    let bytes;
    try {
        bytes = readFileSync(path);
    }
    catch (e) {
        return fail('READ_ERROR', `cannot read ${what} '${path}': ${e.message}`);
    }
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (text.trim() === '')
        return fail('EMPTY_FILE', `${what} '${path}' is empty`);
    return { ok: true, text, bytes };
}
function fail(code, detail) {
    return { ok: false, problem: { code, message: detail, severity: 'error', detail } };
}
//# sourceMappingURL=files.js.map