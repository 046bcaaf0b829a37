/**
 * The building blocks every section of the scenario language shares: ids, nation and party codes,
 * durations and times, bounded numbers, and the marking of items of information. schema.ts assembles
 * the language from these and the sections (schema-ew.ts holds SATCOM, jammers and PNT).
 */
import { z } from 'zod';
import { DURATION_PATTERN, EPOCH_PATTERN } from './durations.js';

export const describe = <T extends z.ZodType>(schema: T, description: string): T => schema.meta({ description });

export const Id = describe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, {
  message: 'an id of 1-64 letters, digits, _ . : - starting with a letter or digit',
}), 'An identifier, unique across the whole scenario (objects, sites, sensors, injects...).');
export const NationId = describe(z.string().regex(/^[A-Z]{3}$/, { message: 'a three-letter nation code (ISO 3166-1 alpha-3: USA, GBR, JPN...)' }),
  'A nation trigraph (ISO 3166-1 alpha-3) or a three-letter organisation code (ESA, MNO).');
export const PartyId = describe(z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'a nation trigraph or a coalition id in capitals (FVEY, NATO)' }),
  'A nation or a coalition id.');
export const Duration = describe(z.string().regex(DURATION_PATTERN, { message: "a duration such as '90s', '10m', '6h', '1h30m' or '2d'" }),
  "A duration: number+unit parts, units ms, s, m, h, d (e.g. '90s', '1h30m').");
export const Epoch = describe(z.string().regex(EPOCH_PATTERN, { message: "an ISO 8601 UTC time such as '2026-03-19T00:00:00Z'" }),
  'An ISO 8601 UTC time, e.g. 2026-03-19T00:00:00Z.');
/** When something happens: an offset from the scenario epoch, or an absolute UTC time. */
export const When = describe(z.union([Duration, Epoch]), "An offset from the epoch ('30m') or an absolute UTC time.");
export const Deg = (lo: number, hi: number) => z.number().min(lo).max(hi);
export const Probability = z.number().min(0).max(1);

/**
 * How a sensor (or an owner, for what it knows of its own objects) marks the information it produces:
 * level, REL TO and caveats. Deny by default is the agreements' part: nothing leaves its owner unless an
 * agreement in force carries it, and the marking can only narrow what the agreements allow.
 */
export const Marking = z.strictObject({
  classification: describe(z.string().min(1), "One of the scenario's levels (default: classification.default, else the lowest).").optional(),
  releasableTo: describe(z.union([z.literal('all'), z.array(PartyId)]), "REL TO: nations or coalitions the items may go to besides the owner, or 'all' (default).").default('all'),
  caveats: describe(z.array(z.string().regex(/^[A-Z][A-Z0-9_-]{1,31}$/, { message: 'a caveat in capitals, e.g. NOFORN' })), 'NOFORN keeps items with their owner; a caveat the engine does not know stops every release (fail closed).').default([]),
});

