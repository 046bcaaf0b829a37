/**
 * A fast upload of satrecs into satellite.js's WASM memory.
 *
 * Why: satellite.js 7.1's `BulkPropagator.setSatRecs` writes each satrec field by field through a
 * generic writer (a namespace lookup and a type switch per field): ~26 us per satrec, 0.4 s for the
 * 14,713-object catalog at start-up, and again whenever objects are added (fragments). This module writes
 * the same bytes from a plan built once from the library's own struct layout (the C++ `elsetrec` layout
 * the WASM module reports), at a few hundred nanoseconds per satrec.
 *
 * It reproduces the library's rules exactly: fields named like satellite.js constants get the constant,
 * `no_unkozai` gets `satrec.no`, `radiusearthkm` the earth radius, and any field the satrec itself holds
 * overrides them. test/engine/wasm-upload.test.ts checks the bytes are identical to `setSatRecs` for the
 * whole catalog; `package.json` pins satellite.js so the private pointer read below cannot drift unseen.
 */
import { constants, type SatRec } from 'satellite.js';

interface Module {
  UTF8ToString(ptr: number): string;
  HEAP8: Int8Array;
  _create_elsetrec_struct_layout_string_pointer(): number;
  _free_struct_layout_string(ptr: number): void;
  _get_elsetrec_size(): number;
}

type Field = [name: string, type: string, offset: number, size: number];

export interface UploadPlan {
  /** The C++ elsetrec layout as the WASM module reports it (JSON text): prepared bytes must match it. */
  readonly layout: string;
  readonly structBytes: number;
  /** Double fields: byte offset, satrec key, fallback constant (undefined: left zero when absent). */
  readonly doubles: readonly { offset: number; key: string; fallback: number | undefined }[];
  readonly others: readonly { offset: number; key: string; type: string; size: number }[];
}

const CONSTANTS = constants as unknown as Record<string, number>;

export function uploadPlan(module: Module): UploadPlan {
  const ptr = module._create_elsetrec_struct_layout_string_pointer();
  const layoutText = module.UTF8ToString(ptr);
  module._free_struct_layout_string(ptr);
  const layout = JSON.parse(layoutText) as Field[];
  const doubles: UploadPlan['doubles'][number][] = [];
  const others: UploadPlan['others'][number][] = [];
  for (const [key, type, offset, size] of layout) {
    if (type === 'double' && offset % 8 === 0) {
      const fallback = key === 'no_unkozai' ? Number.NaN : key === 'radiusearthkm' ? CONSTANTS.earthRadius : Object.hasOwn(CONSTANTS, key) ? CONSTANTS[key] : undefined;
      doubles.push({ offset, key, fallback });
    } else others.push({ offset, key, type, size });
  }
  return { layout: layoutText, structBytes: module._get_elsetrec_size(), doubles, others };
}

/**
 * Write `satrecs` as consecutive elsetrec structs at byte `pointer` of `buffer` (WASM memory, or any
 * buffer the bytes are prepared in; `pointer` must be 8-aligned). The range is zeroed first.
 */
export function writeSatrecs(buffer: ArrayBufferLike, plan: UploadPlan, pointer: number, satrecs: readonly SatRec[]): void {
  const { structBytes, others } = plan;
  new Uint8Array(buffer, pointer, structBytes * satrecs.length).fill(0);
  const f64 = new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8));
  const view = new DataView(buffer);
  const encoder = new TextEncoder();
  const writeDoubles = doubleWriter(plan);
  for (let i = 0; i < satrecs.length; i++) {
    const rec = satrecs[i] as unknown as Record<string, unknown>;
    const base = pointer + i * structBytes;
    writeDoubles(rec, f64, base >> 3);
    for (let o = 0; o < others.length; o++) {
      const { offset, key, type, size } = others[o];
      const value = rec[key];
      if (value === undefined) continue;
      if (type === 'int') view.setInt32(base + offset, value as number, true);
      else if (type === 'char') view.setInt8(base + offset, (value as string).charCodeAt(0) || 0);
      else if (type === 'char[]') {
        const bytes = encoder.encode(value as string);
        for (let b = 0; b < size - 1 && b < bytes.length; b++) view.setUint8(base + offset + b, bytes[b]);
      } else if (type === 'bool') view.setInt8(base + offset, value ? 1 : 0);
      else if (type === 'double') view.setFloat64(base + offset, value as number, true);
      else throw new Error(`vigil wasm-upload - satrec field ${key} has a type (${type}) the upload does not know`);
    }
  }
}

type DoubleWriter = (rec: Record<string, unknown>, f64: Float64Array, base8: number) => void;
const writers = new WeakMap<UploadPlan, DoubleWriter>();
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The double fields' writer for a plan. ~115 fields per satrec read by a variable key make V8's property
 * loads megamorphic (~0.1 s for the catalog); a function with one named load per field, generated once
 * from the layout, reads them monomorphically (~10x faster). Field names come from the library's layout
 * and are checked to be plain identifiers; any other name falls back to the generic loop.
 */
function doubleWriter(plan: UploadPlan): DoubleWriter {
  let writer = writers.get(plan);
  if (writer) return writer;
  if (plan.doubles.every((d) => IDENTIFIER.test(d.key))) {
    const lines = plan.doubles.map(({ offset, key, fallback }) => {
      const slot = `f64[b + ${offset >> 3}]`;
      const otherwise = key === 'no_unkozai' ? 'rec.no' : fallback === undefined ? null : String(fallback);
      return otherwise === null
        ? `v = rec.${key}; if (typeof v === 'number') ${slot} = v;`
        : `v = rec.${key}; ${slot} = typeof v === 'number' ? v : ${otherwise};`;
    });
    writer = new Function('rec', 'f64', 'b', `let v;\n${lines.join('\n')}`) as DoubleWriter;
  } else {
    writer = (rec, f64, b) => {
      for (const { offset, key, fallback } of plan.doubles) {
        const own = rec[key];
        const value = typeof own === 'number' ? own : key === 'no_unkozai' ? (rec.no as number) : fallback;
        if (value !== undefined) f64[b + (offset >> 3)] = value;
      }
    };
  }
  writers.set(plan, writer);
  return writer;
}
