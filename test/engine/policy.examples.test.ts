/**
 * Worked examples of the releasability policy on a small coalition scenario, and the NOFORN canary:
 * a NOFORN item is routed to nobody, through every agreement, product and tick of a whole run.
 * Reference: the rules in docs/scenario-reference.md (classification > Releasability and caveats).
 */
import { describe, expect, it } from 'vitest';
import type { AgreementModel, ScenarioModel } from '../../engine/model.js';
import {
  agreementChangesFrom, agreementsInForce, atOrBelow, compareLevels, createSharingPolicy, denialReason, latencyTicks, levelIndex, markingOf, mayRelease,
  PRODUCTS, routes, stateAt, type Item, type SharingPolicy,
} from '../../engine/policy/index.js';
import { modelFromText } from '../helpers.js';

const SCENARIO = `
vigil: 1
name: Policy worked examples
epoch: 2026-03-19T00:00:00Z
duration: 6h
step: 10s
nations:
  - { id: USA }
  - { id: GBR }
  - { id: CAN }
  - { id: AUS }
  - { id: NZL }
  - { id: JPN }
  - { id: NOR }
  - { id: RUS, side: red }
coalitions:
  - { id: FVEY, name: Five Eyes, members: [USA, GBR, CAN, AUS, NZL] }
agreements:
  - { id: fvey-ssa, provider: USA, recipients: [FVEY], products: [ssa.tracks, ssa.observations, missile.warning], classificationMax: SECRET, latency: 1m }
  - { id: usa-gbr-direct, provider: USA, recipients: [GBR], products: [ssa.tracks], classificationMax: TOP SECRET, access: exchange }
  - { id: usa-jpn-ssa, provider: USA, recipients: [JPN], products: [ssa.tracks], classificationMax: CONFIDENTIAL, latency: 15m, fidelity: { positionRoundingKm: 10, strip: [source] } }
  - { id: gbr-nor-ssa, provider: GBR, recipients: [NOR], products: [ssa.tracks], classificationMax: SECRET, latency: 5m }
  - { id: nor-gbr-draft, provider: NOR, recipients: [GBR], products: [ssa.tracks], classificationMax: SECRET, signed: false }
msel:
  - { id: jpn-suspend, at: 1h, kind: agreement-change, agreement: usa-jpn-ssa, action: suspend, title: USA suspends sharing with JPN }
  - { id: jpn-resume, at: 2h, kind: agreement-change, agreement: usa-jpn-ssa, action: resume, title: USA resumes sharing with JPN }
  - { id: nor-signs, at: 30m, kind: agreement-change, agreement: nor-gbr-draft, action: sign, title: NOR signs }
  - { id: nor-revoke, at: 3h, kind: agreement-change, agreement: gbr-nor-ssa, action: revoke, title: GBR revokes sharing with NOR }
  - { id: nor-resume, at: 4h, kind: agreement-change, agreement: gbr-nor-ssa, action: resume, title: A resume after a revoke does nothing }
  - { id: nor-resign, at: 4h, kind: agreement-change, agreement: gbr-nor-ssa, action: sign, title: Signing again does nothing }
`;

const model: ScenarioModel = modelFromText(SCENARIO);
const changes = agreementChangesFrom(model.injects);
const policy: SharingPolicy = createSharingPolicy(model, changes);
const LEVELS = model.classificationLevels;
const LAST_TICK = model.durationMs / model.stepMs; // 2160
const TICKS_PER_HOUR = 360;
const agreement = (id: string): AgreementModel => model.agreements.find((a) => a.id === id)!;
const item = (owner: string | null, classification: string, releasableTo: Item['releasableTo'] = 'all', caveats: string[] = []): Item => ({ owner, classification, releasableTo, caveats });
const reached = (i: Item, tick: number, product: (typeof PRODUCTS)[number] = 'ssa.tracks') => routes(policy, i, product, tick).map((r) => `${r.recipient}@${r.deliverTick}:${r.agreement}`);

describe('worked examples', () => {
  it('FVEY: a SECRET USA track, REL TO FVEY, reaches GBR one minute (6 ticks) later, and every FVEY partner', () => {
    const track = item('USA', 'SECRET', ['GBR', 'CAN', 'AUS', 'NZL']);
    const got = routes(policy, track, 'ssa.tracks', 100);
    const gbr = got.find((r) => r.recipient === 'GBR' && r.agreement === 'fvey-ssa')!;
    expect(gbr.deliverTick).toBe(106);
    expect(gbr.fidelity).toEqual({ positionNoiseKm: 0, positionRoundingKm: 0, identity: 'full', strip: [] });
    // Sorted by recipient, then agreement id; GBR also has its direct feed, with no latency.
    expect(reached(track, 100)).toEqual(['AUS@106:fvey-ssa', 'CAN@106:fvey-ssa', 'GBR@106:fvey-ssa', 'GBR@100:usa-gbr-direct', 'NZL@106:fvey-ssa']);
    expect(got.find((r) => r.agreement === 'usa-gbr-direct')!.access).toBe('exchange');
  });

  it('a CONFIDENTIAL-max agreement does not carry a SECRET item, and carries a CONFIDENTIAL one', () => {
    const secret = item('USA', 'SECRET');
    expect(reached(secret, 10).filter((r) => r.startsWith('JPN'))).toEqual([]);
    expect(denialReason(secret, 'JPN', agreement('usa-jpn-ssa'), LEVELS)).toBe('above-ceiling');
    const confidential = item('USA', 'CONFIDENTIAL');
    const jpn = routes(policy, confidential, 'ssa.tracks', 10).filter((r) => r.recipient === 'JPN');
    expect(jpn.map((r) => r.deliverTick)).toEqual([10 + 90]); // 15 min at 10 s
    expect(jpn[0].fidelity).toMatchObject({ positionRoundingKm: 10, strip: ['source'] });
  });

  it('a suspended agreement carries nothing until it is resumed', () => {
    const c = item('USA', 'CONFIDENTIAL', ['JPN']);
    const toJpn = (tick: number) => reached(c, tick).filter((r) => r.startsWith('JPN'));
    expect(toJpn(TICKS_PER_HOUR - 1)).toEqual([`JPN@${TICKS_PER_HOUR - 1 + 90}:usa-jpn-ssa`]);
    for (let t = TICKS_PER_HOUR; t < 2 * TICKS_PER_HOUR; t++) expect(toJpn(t)).toEqual([]);
    expect(toJpn(2 * TICKS_PER_HOUR)).toEqual([`JPN@${2 * TICKS_PER_HOUR + 90}:usa-jpn-ssa`]);
    expect(stateAt(agreement('usa-jpn-ssa'), 400, changes)).toBe('suspended');
  });

  it('a revoked agreement never carries anything again, whatever injects follow', () => {
    const t = item('GBR', 'SECRET', ['NOR']);
    expect(reached(t, 3 * TICKS_PER_HOUR - 1)).toEqual([`NOR@${3 * TICKS_PER_HOUR - 1 + 30}:gbr-nor-ssa`]);
    for (let tick = 3 * TICKS_PER_HOUR; tick <= LAST_TICK; tick++) expect(reached(t, tick)).toEqual([]);
    expect(stateAt(agreement('gbr-nor-ssa'), LAST_TICK, changes)).toBe('revoked');
  });

  it('a draft agreement takes force at the tick an inject signs it', () => {
    const t = item('NOR', 'SECRET');
    expect(reached(t, 179)).toEqual([]);
    expect(reached(t, 180)).toEqual(['GBR@180:nor-gbr-draft']);
    expect(agreementsInForce(model.agreements, 179, changes).map((a) => a.id)).toEqual(['fvey-ssa', 'gbr-nor-ssa', 'usa-gbr-direct', 'usa-jpn-ssa']);
  });

  it('only owners share: GBR cannot pass a USA item on to NOR, even when it is releasable to NOR', () => {
    const usaTrack = item('USA', 'UNCLASSIFIED', 'all');
    expect(mayRelease(usaTrack, 'NOR', agreement('gbr-nor-ssa'), LEVELS)).toBe(false);
    expect(denialReason(usaTrack, 'NOR', agreement('gbr-nor-ssa'), LEVELS)).toBe('not-the-owner');
    expect(reached(usaTrack, 10).filter((r) => r.startsWith('NOR'))).toEqual([]);
  });

  it('REL TO limits the recipients an agreement would reach', () => {
    expect(reached(item('USA', 'SECRET', ['GBR']), 0)).toEqual(['GBR@6:fvey-ssa', 'GBR@0:usa-gbr-direct']);
    expect(denialReason(item('USA', 'SECRET', ['GBR']), 'CAN', agreement('fvey-ssa'), LEVELS)).toBe('not-releasable');
    expect(reached(item('USA', 'SECRET', []), 0)).toEqual([]);
  });

  it('denies by default: unknown caveats, unknown levels, items nobody owns, products not listed, nations outside the agreement', () => {
    expect(denialReason(item('USA', 'SECRET', 'all', ['ORCON']), 'GBR', agreement('fvey-ssa'), LEVELS)).toBe('unknown-caveat');
    expect(denialReason(item('USA', 'SECERT'), 'GBR', agreement('fvey-ssa'), LEVELS)).toBe('above-ceiling');
    expect(reached(item(null, 'UNCLASSIFIED'), 10)).toEqual([]);
    expect(reached(item('USA', 'UNCLASSIFIED'), 10, 'imagery')).toEqual([]);
    expect(denialReason(item('USA', 'UNCLASSIFIED'), 'RUS', agreement('fvey-ssa'), LEVELS)).toBe('not-a-recipient');
    expect(denialReason(item('USA', 'UNCLASSIFIED'), 'USA', agreement('fvey-ssa'), LEVELS)).toBe('not-a-recipient');
  });

  it('latency rounds up to whole ticks', () => {
    expect(latencyTicks(0, 10_000)).toBe(0);
    expect(latencyTicks(1, 10_000)).toBe(1);
    expect(latencyTicks(25_000, 10_000)).toBe(3);
    expect(latencyTicks(60_000, 10_000)).toBe(6);
  });

  it('compares levels by their place in the scenario list', () => {
    expect(levelIndex('SECRET', LEVELS)).toBe(2);
    expect(compareLevels('CONFIDENTIAL', 'SECRET', LEVELS)).toBeLessThan(0);
    expect(compareLevels('TOP SECRET', 'TOP SECRET', LEVELS)).toBe(0);
    expect(() => compareLevels('SECERT', 'SECRET', LEVELS)).toThrow(/vigil policy - unknown classification level 'SECERT'/);
    expect(atOrBelow('SECRET', 'SECRET', LEVELS)).toBe(true);
    expect(atOrBelow('TOP SECRET', 'SECRET', LEVELS)).toBe(false);
    expect(atOrBelow('SECRET', 'NATO SECRET', LEVELS)).toBe(false);
    expect(atOrBelow('NATO RESTRICTED', 'NATO SECRET', ['NATO RESTRICTED', 'NATO SECRET'])).toBe(true);
  });

  it('marks items as outputs print them', () => {
    expect(markingOf(item('USA', 'SECRET', 'all', ['NOFORN']))).toBe('SECRET//NOFORN');
    expect(markingOf(item('USA', 'SECRET', ['NOR', 'GBR']))).toBe('SECRET//REL TO USA, GBR, NOR');
    expect(markingOf(item('USA', 'UNCLASSIFIED', 'all'))).toBe('UNCLASSIFIED');
    expect(markingOf(item('USA', 'SECRET', ['GBR'], ['ORCON']))).toBe('SECRET//REL TO USA, GBR//ORCON');
  });
});

describe('NOFORN canary', () => {
  it('a NOFORN item of any nation, level and releasability reaches nobody, through every agreement, product and tick of the run', () => {
    const owners = [...model.nations.map((n) => n.id), null];
    const releasabilities: Item['releasableTo'][] = ['all', model.nations.map((n) => n.id), ['GBR'], ['NOR'], ['JPN']];
    const leaks: string[] = [];
    let checked = 0;
    let withoutCaveat = 0;
    for (let tick = 0; tick <= LAST_TICK; tick++) {
      for (const owner of owners) {
        for (const level of LEVELS) {
          for (const releasableTo of releasabilities) {
            for (const product of PRODUCTS) {
              const canary = item(owner, level, releasableTo, ['NOFORN']);
              for (const r of routes(policy, canary, product, tick)) leaks.push(`${owner} ${level} ${product} tick ${tick} -> ${r.recipient} (${r.agreement})`);
              checked++;
              // The same item without the caveat does travel: the canary is not vacuous.
              withoutCaveat += routes(policy, { ...canary, caveats: [] }, product, tick).length;
            }
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBe((LAST_TICK + 1) * owners.length * LEVELS.length * releasabilities.length * PRODUCTS.length);
    expect(withoutCaveat).toBeGreaterThan(10_000);
    for (const a of model.agreements) for (const n of model.nations) expect(mayRelease(item(a.provider, LEVELS[0], 'all', ['NOFORN', 'REL TO ALL']), n.id, a, LEVELS)).toBe(false);
  });
});
