/**
 * From a path in the parsed document (zod's issue path) back to the YAML text: line, column and length,
 * via yaml's node ranges and a LineCounter. A missing key points at the map that should hold it.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type Path = readonly (string | number)[];

export interface Span {
  line: number;
  col: number;
  length: number;
}

function nodeAt(doc: Document, path: Path): Node | undefined {
  return doc.getIn(path as (string | number)[], true) as Node | undefined;
}

function spanOf(node: Node, lc: LineCounter, text: string): Span {
  const [start, valueEnd] = node.range ?? [0, 0];
  const pos = lc.linePos(start);
  // Underline to the end of the node or of its first line, whichever comes first.
  const lineEnd = text.indexOf('\n', start);
  const end = Math.min(valueEnd, lineEnd < 0 ? text.length : lineEnd);
  return { line: pos.line, col: pos.col, length: Math.max(1, end - start) };
}

/** The span of the value at `path`; for a missing value, of the deepest ancestor that exists. */
export function spanAt(doc: Document, lc: LineCounter, text: string, path: Path): Span {
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(doc, path.slice(0, n));
    if (node && (isScalar(node) || isMap(node) || isSeq(node))) return spanOf(node, lc, text);
  }
  return { line: 1, col: 1, length: 1 };
}

/** The span of the key `key` in the map at `path` (for unknown keys). */
export function keySpanAt(doc: Document, lc: LineCounter, text: string, path: Path, key: string): Span {
  const map = nodeAt(doc, path);
  if (map && isMap(map)) {
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return spanOf(item.key, lc, text);
    }
  }
  return spanAt(doc, lc, text, path);
}

/** Render a path for messages: sensors[2].rangeKmMax. */
export function pathText(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || '(top level)';
}
