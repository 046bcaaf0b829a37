/**
 * From a path in the parsed document (zod's issue path) back to the YAML text: line, column and length,
 * via yaml's node ranges and a LineCounter. A missing key points at the map that should hold it.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
function nodeAt(doc, path) {
    return doc.getIn(path, true);
}
function spanOf(node, lc, text) {
    const [start, valueEnd] = node.range ?? [0, 0];
    const pos = lc.linePos(start);
    // Underline to the end of the node or of its first line, whichever comes first.
    const lineEnd = text.indexOf('\n', start);
    const end = Math.min(valueEnd, lineEnd < 0 ? text.length : lineEnd);
    return { line: pos.line, col: pos.col, length: Math.max(1, end - start) };
}
/** The span of the value at `path`; for a missing value, of the deepest ancestor that exists. */
export function spanAt(doc, lc, text, path) {
    for (let n = path.length; n >= 0; n--) {
        const node = nodeAt(doc, path.slice(0, n));
        if (node && (isScalar(node) || isMap(node) || isSeq(node)))
            return spanOf(node, lc, text);
    }
    return { line: 1, col: 1, length: 1 };
}
/** The span of the key `key` in the map at `path` (for unknown keys). */
export function keySpanAt(doc, lc, text, path, key) {
    const map = nodeAt(doc, path);
    if (map && isMap(map)) {
        for (const item of map.items) {
            if (isPair(item) && isScalar(item.key) && String(item.key.value) === key)
                return spanOf(item.key, lc, text);
        }
    }
    return spanAt(doc, lc, text, path);
}
/** Render a path for messages: sensors[2].rangeKmMax. */
export function pathText(path) {
    let out = '';
    for (const p of path)
        out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
    return out || '(top level)';
}
//# sourceMappingURL=positions.js.map