/**
 * The releasability policy: classification levels, the rules that release an item to a nation, the life
 * of sharing agreements, the routes an item may take and the fidelity it travels with. Pure functions of
 * plain data: no I/O, no randomness but the stream a caller passes.
 *
 * Read in this order: classification.ts, releasability.ts, agreements.ts, routes.ts, fidelity.ts.
 */
export { PRODUCTS, canonicalProducts, type Product } from './products.js';
export { levelIndex, compareLevels, atOrBelow, lowestLevel } from './classification.js';
export { NOFORN, KNOWN_CAVEATS, denialReason, mayRelease, markingOf, type Item, type DenialReason, type ReleaseTerms } from './releasability.js';
export {
  ACCESS_LEVELS, CHANGE_ACTIONS, nextState, agreementChangesFrom, stateAt, forceRanges, inRanges, inForce, agreementsInForce, compareIds,
  type AccessLevel, type ChangeAction, type AgreementState, type AgreementChange, type TickRange,
} from './agreements.js';
export { latencyTicks, createSharingPolicy, routes, type Route, type SharingPolicy } from './routes.js';
export {
  IDENTITY_FIDELITIES, STRIP_FIELDS, FULL_FIDELITY, UNKNOWN_IDENTITY, isFullFidelity, gaussianPair, roundToGridKm, degradePositionKm, applyFidelity,
  type IdentityFidelity, type StripField, type Draw, type FidelityTarget, type Degraded,
} from './fidelity.js';
