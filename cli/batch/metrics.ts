/**
 * A run's metrics from its summary, one number per metric of the scenario's `metrics:` (or, when it names
 * none, custody for each declared nation). Over a coalition, a metric is the mean over its nations,
 * except warning time (the first member warned) and conjunction warnings (the members' total).
 *
 *   custody              mean fraction of the objects of interest held in custody over the run (0..1)
 *   objects-detected     objects the nation holds a track of at the end (identified)
 *   warning-time         seconds from the first launch to the nation's first warning of it (null: no
 *                        launch, or never warned)
 *   satcom-availability  share of its terminals' time with a link (0..1; null: it has no terminals)
 *   pnt-availability     share of its receiver points' time with a fix (0..1; null: none)
 *   debris-count         fragments in orbit at the end (the whole exercise)
 *   conjunctions         conjunction warnings the nation issued
 */
import type { MetricModel, RunSummary, ScenarioModel } from '../../engine/index.js';

export type MetricValues = Record<string, number | null>;

/** The metrics a batch reports: the scenario's, or custody per declared nation. */
export function metricsOf(model: ScenarioModel): MetricModel[] {
  if (model.metrics.length > 0) return [...model.metrics];
  return model.nations.filter((n) => n.declared).map((n) => ({ id: `custody-${n.id}`, kind: 'custody' as const, for: n.id, nations: [n.id] }));
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export function metricValues(model: ScenarioModel, s: RunSummary): MetricValues {
  const out: MetricValues = {};
  for (const m of metricsOf(model)) out[m.id] = metricValue(m, s);
  return out;
}

function metricValue(m: MetricModel, s: RunSummary): number | null {
  const nations = s.nations.filter((n) => m.nations.includes(n.id));
  switch (m.kind) {
    case 'custody':
      return mean(nations.map((n) => n.custodyMeanFraction));
    case 'objects-detected':
      return mean(nations.map((n) => n.tracks));
    case 'warning-time': {
      const launch = s.counterspace.launches[0];
      const times = launch?.warned.filter((w) => m.nations.includes(w.nation)).map((w) => w.afterLaunchS) ?? [];
      return times.length === 0 ? null : Math.min(...times);
    }
    case 'satcom-availability':
      return mean(m.nations.map((n) => s.satcom.availabilityByNation[n]).filter((x): x is number => typeof x === 'number'));
    case 'pnt-availability':
      return mean(m.nations.map((n) => s.pnt.availabilityByNation[n]).filter((x): x is number => typeof x === 'number'));
    case 'debris-count':
      return s.counterspace.fragments.inOrbitNow;
    case 'conjunctions':
      return m.nations.reduce((sum, n) => sum + (s.counterspace.conjunctions.warningsByNation[n] ?? 0), 0);
  }
}
