/**
 * Agreements as the loader resolves them for the policy: coalitions expanded, provider left out,
 * products canonical, the ceiling defaulting to the lowest level, latency and window in ms and ticks,
 * and the problems a planner gets for agreements that can never carry anything.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FULL_FIDELITY } from '../../engine/policy/index.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { loadModel, modelFromText, SCENARIOS } from '../helpers.js';

const HEAD = `vigil: 1
name: Agreements
epoch: 2026-03-19T00:00:00Z
duration: 6h
step: 10s
nations: [{ id: USA }, { id: GBR }, { id: CAN }, { id: AUS }, { id: NZL }, { id: JPN }, { id: NOR }]
coalitions:
  - { id: FVEY, members: [USA, GBR, CAN, AUS, NZL] }
  - { id: NORTH, members: [FVEY, NOR] }
`;

function problems(text: string): string[] {
  const r = loadScenarioText(HEAD + text, 'agreements.yaml', SCENARIOS);
  return (r.ok ? r.value.warnings : r.value.problems).map((p) => `${p.line}:${p.severity === 'warning' ? 'warning ' : ''}${p.code} ${p.message}`);
}

describe('agreements resolved for the policy', () => {
  it('expands recipients to sorted nations without the provider, products to canonical order, defaults to the lowest level', () => {
    const m = modelFromText(`${HEAD}agreements:
  - { id: a, provider: USA, recipients: [NORTH, JPN, GBR], products: [conjunction.warning, ssa.tracks, ssa.tracks], latency: 1m30s, from: 95s, until: 2026-03-19T01:00:00Z }
`);
    expect(m.agreements).toEqual([{
      id: 'a',
      provider: 'USA',
      recipients: ['AUS', 'CAN', 'GBR', 'JPN', 'NOR', 'NZL'],
      products: ['ssa.tracks', 'conjunction.warning'],
      classificationMax: 'UNCLASSIFIED',
      latencyMs: 90_000,
      fidelity: FULL_FIDELITY,
      access: 'full',
      signed: true,
      fromTick: 10, // 95 s: the first tick at or after it
      untilTick: 360,
    }]);
  });

  it('reads fidelity, access and drafts; an agreement with no end runs to the end of the run', () => {
    const m = modelFromText(`${HEAD}agreements:
  - { id: b, provider: USA, recipients: [JPN], products: [imagery], classificationMax: SECRET, access: liaison, signed: false, fidelity: { positionNoiseKm: 1.5, identity: unknown, strip: [source, source, name] } }
msel:
  - { id: s, at: 1h, kind: agreement-change, agreement: b, action: sign, title: Signed }
`);
    expect(m.agreements[0]).toMatchObject({
      classificationMax: 'SECRET',
      access: 'liaison',
      signed: false,
      fromTick: 0,
      untilTick: null,
      fidelity: { positionNoiseKm: 1.5, positionRoundingKm: 0, identity: 'unknown', strip: ['source', 'name'] },
    });
    expect(m.injects[0].params).toMatchObject({ agreement: 'b', action: 'sign' });
  });

  it('the example scenarios resolve their agreements', () => {
    const demo = loadModel(join(SCENARIOS, 'demo-small.yaml'));
    expect(demo.agreements.map((a) => [a.id, a.provider, a.recipients, a.products, a.classificationMax, a.latencyMs])).toEqual([
      ['gbr-nor-ssa', 'GBR', ['NOR'], ['ssa.tracks', 'conjunction.warning'], 'SECRET', 300_000],
    ]);
  });

  it('reports agreements that can never carry anything', () => {
    expect(problems('agreements:\n  - { id: self, provider: USA, recipients: [USA], products: [ssa.tracks] }\n')).toEqual([
      "11:INVALID_VALUE agreement 'self' shares with no nation but its provider USA: name at least one other nation or coalition",
    ]);
    expect(problems('agreements:\n  - { id: d, provider: USA, recipients: [GBR], products: [ssa.tracks], signed: false }\n')).toEqual([
      "11:warning INVALID_VALUE agreement 'd' is unsigned and no agreement-change inject signs it: it never takes force in a run; in a live game only if USA's cell signs it",
    ]);
    // A scenario whose live game allows no agreement orders: the draft can never take force.
    expect(problems('agreements:\n  - { id: d, provider: USA, recipients: [GBR], products: [ssa.tracks], signed: false }\nlive: { orders: [task-sensor] }\n')).toEqual([
      "11:warning INVALID_VALUE agreement 'd' is unsigned and no agreement-change inject signs it: it never takes force",
    ]);
    expect(problems('agreements:\n  - { id: w, provider: USA, recipients: [GBR], products: [ssa.tracks], from: 12s, until: 18s }\n')).toEqual([
      "11:warning OUT_OF_RANGE agreement 'w' is in force for less than one step (10s) between two ticks: it never carries anything",
    ]);
  });

  it('refuses the old item kinds and fidelity words with an actionable message', () => {
    const got = problems('agreements:\n  - { id: o, provider: USA, recipients: [GBR], products: [tracks], fidelity: { strip: [sources] } }\n');
    expect(got).toHaveLength(2);
    expect(got[0]).toMatch(/^11:INVALID_VALUE .*ssa\.tracks/);
    expect(got[1]).toMatch(/^11:INVALID_VALUE .*did you mean 'source'/);
    expect(problems('agreements:\n  - { id: o, provider: USA, recipients: [GBR], items: [ssa.tracks] }\n').join('\n')).toMatch(/UNKNOWN_KEY unknown key 'items'/);
  });
});
