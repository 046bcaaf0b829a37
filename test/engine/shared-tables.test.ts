/**
 * What a batch shares between its runs (the ephemeris, the ground sensors' views) changes how fast a run
 * goes, never what it computes: a run over the shared tables gives the same state hash at every tick as
 * a run that propagates and scans for itself, through burns, a breakup's fragments, sensors whose
 * geometry the run changed, ticks filled by different threads, and screening between ticks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allocateEphemeris, assembleViews, createSim, fillEphemeris, satrecFrom, sharedViewsPart, stateHash, step,
  type Ephemeris, type ScenarioModel,
} from '../../engine/index.js';
import { createEphemerisPropagator } from '../../engine/propagators/ephemeris.js';
import { createWasmPropagator } from '../../engine/propagators/wasm.js';
import type { OrbitSlots } from '../../engine/propagators/propagator.js';
import { hashSequence, modelFromText, SCENARIOS } from '../helpers.js';

const TICKS = 90;

/** coalition-ssa.yaml (the real catalog, radars and telescopes of ten nations) with a burn and a breakup. */
function coalition(extraMsel = '', edit: (t: string) => string = (t) => t): ScenarioModel {
  let text = readFileSync(join(SCENARIOS, 'coalition-ssa.yaml'), 'utf8');
  text = text.replace('msel:\n', `msel:
  - { id: burn, at: 2m, kind: manoeuvre, object: chn-newsat, deltaV: { alongTrackMps: 40 }, title: burn }
  - { id: boom, at: 5m, kind: breakup, object: usa-sentinel, cause: explosion, breakup: { massKg: 800 }, title: breakup }
${extraMsel}`);
  return modelFromText(edit(text));
}

/** The shared tables of `model` for `ticks` ticks, filled in `parts` ranges (as a batch's workers would). */
async function shared(model: ScenarioModel, ticks: number, parts: number): Promise<Ephemeris> {
  const eph = allocateEphemeris(model, ticks);
  const cut = (k: number) => Math.floor((ticks * k) / parts);
  // Out of order, as threads finish.
  for (let k = parts - 1; k >= 0; k--) await fillEphemeris(eph, cut(k), cut(k + 1), (i) => satrecFrom(model.objects[i].orbit));
  const views = [];
  for (let k = 0; k < parts; k++) views.push(await sharedViewsPart(model, eph, cut(k), cut(k + 1)));
  eph.views = assembleViews(ticks, views);
  return eph;
}

describe('shared ephemeris and views', () => {
  it('give the same state hash at every tick as a run on its own, through a burn and a breakup', async () => {
    const model = coalition();
    const eph = await shared(model, TICKS + 1, 3);
    expect(eph.views).not.toBeNull();
    expect(eph.views!.sensors.length).toBe(model.sensors.filter((s) => s.kind !== 'space').length);
    expect(eph.views!.sensors.length).toBeGreaterThan(10);

    const sim = await createSim(model, { ephemeris: eph, runIndex: 3 });
    // Every ground sensor reads the table.
    expect(sim.views?.column.size).toBe(eph.views!.sensors.length);
    const hashes = [stateHash(sim)];
    let offTableMax = 0;
    while (sim.tick < TICKS) {
      step(sim);
      hashes.push(stateHash(sim));
      offTableMax = Math.max(offTableMax, sim.views!.offCount);
    }
    // Not vacuous: fragments and the re-orbited satellite were scanned off the table.
    expect(sim.objects.length).toBeGreaterThan(model.objects.length + 20);
    expect(offTableMax).toBeGreaterThan(20);
    sim.propagator.dispose();
    expect(hashes).toEqual(await hashSequence(model, TICKS, { runIndex: 3 }));
  }, 120_000);

  it('are not used for sensors whose field of view the run changed (a range, a site, an azimuth window, a mask), with the same results', async () => {
    const model = coalition();
    const eph = await shared(model, 31, 2);
    const changed = coalition('', (t) => t
      .replace(/(id: fylingdales-radar[\s\S]*?rangeKmMax: )(\d+)/, (_, a: string, r: string) => `${a}${Number(r) - 900}`)
      .replace('latDeg: 64.2908', 'latDeg: 64.5')
      .replace('azimuthDeg: [297, 177]', 'azimuthDeg: [300, 170]')
      .replace(/(id: cobra-dane[\s\S]*?elevationDegMin: )([\d.]+)/, (_, a: string, e: string) => `${a}${Number(e) + 4}`));
    const sim = await createSim(changed, { ephemeris: eph });
    const off = ['fylingdales-radar', 'clear-lrdr', 'pituffik-radar', 'cobra-dane'];
    for (const id of off) expect(sim.views!.column.has(sim.eidById.get(id)!), id).toBe(false);
    expect(sim.views!.column.size).toBe(eph.views!.sensors.length - off.length);
    const hashes = [stateHash(sim)];
    while (sim.tick < 30) {
      step(sim);
      hashes.push(stateHash(sim));
    }
    sim.propagator.dispose();
    expect(hashes).toEqual(await hashSequence(changed, 30));
  }, 120_000);

  it("are the same for a run whose tick-0 events differ from the scenario's (the views never run the MSEL)", async () => {
    // The batch's scenario burns 80 LEO satellites at 0s; this run (a drawn time, say) burns them at 40 minutes.
    const leo = coalition().objects.filter((o) => o.orbit.kind === 'tle' && Number(o.orbit.line2.slice(52, 63)) > 14).slice(0, 80).map((o) => o.id);
    expect(leo).toHaveLength(80);
    const burnAt = (at: string) => coalition(leo.map((id, i) => `  - { id: burn-${i}, at: ${at}, kind: manoeuvre, object: ${id}, deltaV: { alongTrackMps: 150 }, title: burn }\n`).join(''));
    const base = burnAt('0s');
    const run = burnAt('40m');
    const eph = await shared(base, 61, 2);
    const sim = await createSim(run, { ephemeris: eph, runIndex: 1 });
    const hashes = [stateHash(sim)];
    while (sim.tick < 60) {
      step(sim);
      hashes.push(stateHash(sim));
    }
    sim.propagator.dispose();
    expect(hashes).toEqual(await hashSequence(run, 60, { runIndex: 1 }));
  }, 120_000);

  it('refuse to read a tick nobody filled', async () => {
    const model = coalition();
    const eph = allocateEphemeris(model, 10);
    await fillEphemeris(eph, 0, 5, (i) => satrecFrom(model.objects[i].orbit));
    const sim = await createSim(model, { ephemeris: eph });
    for (let t = 0; t < 4; t++) step(sim);
    expect(() => step(sim)).toThrow(/tick 5 of the shared ephemeris was never filled/);
    sim.propagator.dispose();
  }, 60_000);
});

describe('the run propagator over a shared ephemeris', () => {
  it('answers times off the table as an eager propagator would, after loads, appends and changed orbits', async () => {
    const model = modelFromText(`vigil: 1
name: lazy
epoch: 2026-03-19T12:00:00Z
duration: 1h
step: 10s
nations: [{ id: USA }]
objects:
${Array.from({ length: 6 }, (_, i) => `  - { id: s${i}, owner: USA, elements: { meanMotionRevPerDay: ${14 + i * 0.3}, eccentricity: 0.001, inclinationDeg: ${50 + 5 * i} } }`).join('\n')}
`);
    const eph = allocateEphemeris(model, 4);
    await fillEphemeris(eph, 0, 4, (i) => satrecFrom(model.objects[i].orbit));
    const base = (i: number) => satrecFrom(model.objects[i].orbit);
    // Another orbit for a slot: another object's.
    const other = base(5);
    // Slots as the sim gives them: satrec by slot (changeable), and whether the slot is on the table.
    const satrecs = model.objects.map((_, i) => base(i));
    const onTable = model.objects.map(() => true);
    const slots = (count: number): OrbitSlots => ({ count, satrec: (i) => satrecs[i], prepared: () => undefined, stable: (i) => i, base: (i) => onTable[i] ?? false });

    const lazy = await createEphemerisPropagator(eph, { satrec: base });
    const eager = await createWasmPropagator();
    lazy.load(slots(6));
    eager.load(slots(6));
    // Slot 2 re-orbited and reloaded; then the orbit changes again without a reload (within a tick).
    satrecs[2] = other;
    onTable[2] = false;
    lazy.load(slots(6));
    eager.load(slots(6));
    satrecs[2] = base(4);
    // A fragment appended.
    satrecs.push(other);
    onTable.push(false);
    lazy.append(slots(7), 6);
    eager.append(slots(7), 6);
    for (const ms of [15_000, 95_000, 31 * 60_000]) {
      const a = lazy.run(model.epochMs + ms), b = eager.run(model.epochMs + ms);
      expect(Array.from(a.posTemeKm.subarray(0, 21))).toEqual(Array.from(b.posTemeKm.subarray(0, 21)));
      expect(Array.from(a.velTemeKmps.subarray(0, 21))).toEqual(Array.from(b.velTemeKmps.subarray(0, 21)));
    }
    // On the table's ticks too, own slots and table rows together.
    const a = lazy.run(model.epochMs + 20_000), b = eager.run(model.epochMs + 20_000);
    expect(Array.from(a.posTemeKm.subarray(0, 21))).toEqual(Array.from(b.posTemeKm.subarray(0, 21)));
    lazy.dispose();
    eager.dispose();
  });
});
