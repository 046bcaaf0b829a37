/**
 * Conjunction screening every `counterspace.conjunctions.every`, with each nation's assessment from its own
 * tracks (after sharing, so the tracks are this tick's), and the fragment custody sample the summary
 * reports. Read next: engine/counterspace/conjunctions.ts.
 */
import { screenConjunctions } from '../counterspace/conjunctions.js';
import { sampleFragmentCustody } from '../counterspace/fragment-custody.js';
import type { Sim } from '../sim.js';

export function conjunctions(sim: Sim): void {
  screenConjunctions(sim);
  sampleFragmentCustody(sim);
}
