/**
 * The markings of the items a run produces, interned: every observation and track carries a small
 * integer instead of a marking object, so the hot loops never allocate. A marking here is a whole
 * item header (owner, level, REL TO, caveats: engine/policy/releasability.ts `Item`).
 *
 * Combining two markings of one owner gives the stricter of both: the higher level, the intersection of
 * the REL TO sets, the union of the caveats. A track fused from several sensors' observations in one
 * step carries the combination, so it is never released wider than its most restricted source.
 *
 * Read next: systems/share.ts (routes items by marking), policy/releasability.ts (the rules).
 */
import type { ItemMarkingModel } from './model.js';
import { compareLevels } from './policy/classification.js';
import type { Item } from './policy/releasability.js';

export class MarkingTable {
  readonly #items: Item[] = [];
  /** Level index of each marking (levelOf is read for every report). */
  readonly #levels: number[] = [];
  readonly #byKey = new Map<string, number>();
  readonly #combined = new Map<number, number>();
  readonly #derived = new Map<string, number>();

  constructor(readonly levels: readonly string[]) {}

  /** The id of `owner`'s items marked `m`. */
  intern(owner: string, m: ItemMarkingModel): number {
    const releasableTo = m.releasableTo === 'all' ? 'all' : [...new Set(m.releasableTo)].sort();
    const caveats = [...new Set(m.caveats)].sort();
    const key = JSON.stringify([owner, m.classification, releasableTo, caveats]);
    let id = this.#byKey.get(key);
    if (id === undefined) {
      id = this.#items.length;
      this.#items.push(Object.freeze({ owner, classification: m.classification, releasableTo, caveats }));
      this.#levels.push(Math.max(0, this.levels.indexOf(m.classification)));
      this.#byKey.set(key, id);
    }
    return id;
  }

  get(id: number): Item {
    return this.#items[id];
  }

  /** The classification level of marking `id`, as an index into the levels (0 = lowest). */
  levelOf(id: number): number {
    const level = this.#levels[id];
    if (level === undefined) throw new Error(`vigil markings - no marking ${id}`);
    return level;
  }

  get size(): number {
    return this.#items.length;
  }

  /**
   * Marking `a` (its owner's) made at least as strict as `b`, another owner's marking of information `a`'s
   * item carries (a link status names the other nation's transponder): the higher level, REL TO within
   * both (b's owner counts as in b's set), every caveat of both. Memoised.
   */
  derive(a: number, b: number): number {
    const x = this.#items[a];
    const y = this.#items[b];
    if (x.owner === y.owner) return this.combine(a, b);
    const key = `d${a}|${b}`;
    let id = this.#derived.get(key);
    if (id === undefined) {
      const classification = compareLevels(x.classification, y.classification, this.levels) >= 0 ? x.classification : y.classification;
      const ySet = y.releasableTo === 'all' ? 'all' : [...y.releasableTo, ...(y.owner === null ? [] : [y.owner])];
      const releasableTo = x.releasableTo === 'all' ? ySet : ySet === 'all' ? x.releasableTo : x.releasableTo.filter((n) => ySet.includes(n));
      id = this.intern(x.owner!, { classification, releasableTo, caveats: [...x.caveats, ...y.caveats] });
      this.#derived.set(key, id);
    }
    return id;
  }

  /** The stricter of two markings of one owner (memoised: sensors and objects make few pairs). */
  combine(a: number, b: number): number {
    if (a === b || b < 0) return a;
    if (a < 0) return b;
    const key = a < b ? a * 1_048_576 + b : b * 1_048_576 + a;
    let id = this.#combined.get(key);
    if (id === undefined) {
      const x = this.#items[a];
      const y = this.#items[b];
      if (x.owner !== y.owner || x.owner === null) throw new Error(`vigil markings - cannot combine items of ${x.owner} and ${y.owner}`);
      const classification = compareLevels(x.classification, y.classification, this.levels) >= 0 ? x.classification : y.classification;
      const releasableTo = x.releasableTo === 'all' ? y.releasableTo : y.releasableTo === 'all' ? x.releasableTo : x.releasableTo.filter((n) => (y.releasableTo as readonly string[]).includes(n));
      id = this.intern(x.owner, { classification, releasableTo, caveats: [...x.caveats, ...y.caveats] });
      this.#combined.set(key, id);
    }
    return id;
  }
}
