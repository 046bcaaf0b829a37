/**
 * The WebAssembly SGP4 backend: satellite.js 7's BulkPropagator with the single-thread runtime, run for
 * one date at a time (the sim steps tick by tick). Its output arrays are views on WASM memory.
 */
import { BulkPropagator, createSingleThreadRuntime, EciBaseCalculator, type SatRec } from 'satellite.js';
import type { OrbitSlots, PropagationOutput, Propagator } from './propagator.js';
import { uploadPlan, writeSatrecs, type UploadPlan } from './wasm-upload.js';

type SingleThreadRuntime = Awaited<ReturnType<typeof createSingleThreadRuntime>>;

/** The process's compiled WASM module and the upload plan of its elsetrec layout. */
export interface WasmRuntime {
  runtime: SingleThreadRuntime;
  plan: UploadPlan;
}

/** The WASM module is compiled once per process and shared by every sim in it. */
let runtimePromise: Promise<WasmRuntime> | undefined;

/** The process's WASM runtime and the upload plan of its elsetrec layout. */
export function wasmRuntime(): Promise<WasmRuntime> {
  runtimePromise ??= createSingleThreadRuntime().then((runtime) => ({ runtime, plan: uploadPlan(runtime.module) }));
  return runtimePromise;
}

/**
 * Start compiling the WASM module now, so that it compiles on V8's background threads while the caller
 * does other work (the CLI parses the scenario meanwhile). Safe to call many times.
 */
export function preloadWasm(): void {
  wasmRuntime().catch(() => {
    // The failure resurfaces, with its message, when a propagator is created.
    runtimePromise = undefined;
  });
}

export async function createWasmPropagator(): Promise<Propagator> {
  return wasmPropagatorOn(await wasmRuntime());
}

/** A WASM propagator on a runtime already compiled (wasmRuntime's): made synchronously. */
export function wasmPropagatorOn({ runtime, plan }: WasmRuntime): Propagator {
  const calculators = [new EciBaseCalculator()] as const;
  type Bulk = BulkPropagator<typeof calculators, SingleThreadRuntime>;
  let bulk: Bulk | undefined;
  let count = 0;
  /** Structs the native array holds room for (appends grow it by doubling). */
  let capacity = 0;
  const load = (slots: OrbitSlots): void => {
    bulk?.dispose();
    bulk = undefined;
    count = capacity = slots.count;
    if (count === 0) return;
    bulk = new BulkPropagator({ runtime, calculators, satRecsCount: count, datesCount: 1 });
    setSatrecsFast(bulk, slots, (pointer) => writeSlots(runtime.module.HEAP8, plan, pointer, slots));
  };
  const empty: PropagationOutput = { posTemeKm: new Float64Array(0), velTemeKmps: new Float64Array(0), error: new Int8Array(0) };
  const date = [new Date(0)];
  return {
    name: 'wasm',
    load,
    append(slots, from) {
      if (from !== count) throw new Error(`vigil propagator - append from slot ${from}, but ${count} are loaded`);
      const internals = bulk as unknown as { satrecsPointer?: unknown } | undefined;
      if (!bulk || typeof internals?.satrecsPointer !== 'number') {
        load(slots);
        return;
      }
      const size = plan.structBytes;
      const added = slotsFrom(slots, from);
      if (slots.count > capacity) {
        // A larger native array, with room to spare for the next breakups: the loaded structs are copied
        // across in WASM memory (one memcpy), not written again from their satrecs.
        capacity = Math.max(slots.count, 2 * capacity);
        const next: Bulk = new BulkPropagator({ runtime, calculators, satRecsCount: capacity, datesCount: 1 });
        const oldPointer = internals.satrecsPointer;
        setSatrecsFast(next, slots, (pointer) => {
          const heap = runtime.module.HEAP8; // after the allocation, which may have grown the memory
          heap.copyWithin(pointer, oldPointer, oldPointer + from * size);
          writeSlots(heap, plan, pointer + from * size, added);
        });
        bulk.dispose();
        bulk = next;
      } else {
        setSatrecsFast(bulk, slots, (pointer) => writeSlots(runtime.module.HEAP8, plan, pointer + from * size, added));
      }
      count = slots.count;
    },
    run(utcMs) {
      if (!bulk) return empty;
      date[0] = new Date(utcMs);
      bulk.setDates(date);
      bulk.run();
      const eci = bulk.getRawOutput().eci;
      return { posTemeKm: eci.position, velTemeKmps: eci.velocity, error: eci.error };
    },
    dispose() {
      bulk?.dispose();
      bulk = undefined;
    },
  };
}

/**
 * `bulk.setSatRecs` with the struct writing done by wasm-upload.ts: the library call is given an empty
 * array-like of the right length so it does its own bookkeeping (allocation, counts, flags) and writes
 * nothing, then the structs are written at its satrec pointer. Falls back to the library's own writer if
 * that private field is not there (another satellite.js version).
 */
function setSatrecsFast(bulk: { setSatRecs(s: SatRec[]): void }, slots: OrbitSlots, write: (pointer: number) => void): void {
  const internals = bulk as unknown as { satrecsPointer?: unknown };
  if (typeof internals.satrecsPointer !== 'number') {
    bulk.setSatRecs(Array.from({ length: slots.count }, (_, i) => slots.satrec(i)));
    return;
  }
  bulk.setSatRecs({ length: slots.count, forEach() {} } as unknown as SatRec[]);
  write(internals.satrecsPointer as number);
}

/** Slots [from, count) of `slots` as slots of their own, numbered from 0. */
function slotsFrom(slots: OrbitSlots, from: number): OrbitSlots {
  return { count: slots.count - from, satrec: (i) => slots.satrec(from + i), prepared: (i) => slots.prepared(from + i) };
}

/** Copy prepared structs where the sim has them; write the others from their satrecs, in runs. */
function writeSlots(heap: Int8Array, plan: UploadPlan, pointer: number, slots: OrbitSlots): void {
  const size = plan.structBytes;
  if (slots.preparedAll && slots.preparedAll.length === slots.count * size) {
    heap.set(slots.preparedAll, pointer);
    return;
  }
  let run: SatRec[] = [];
  let runStart = 0;
  const flush = () => {
    if (run.length > 0) writeSatrecs(heap.buffer, plan, pointer + runStart * size, run);
    run = [];
  };
  for (let i = 0; i < slots.count; i++) {
    const prepared = slots.prepared(i);
    if (prepared) {
      flush();
      heap.set(prepared, pointer + i * size);
    } else {
      if (run.length === 0) runStart = i;
      run.push(slots.satrec(i));
    }
  }
  flush();
}
