/**
 * The products an agreement can share: the kinds of information item the coalition exchanges, named as
 * the SSA community names its feeds (`ssa.tracks`, `missile.warning`...), plus one service:
 * `satcom.access`, the right of the recipients' terminals to use the provider's transponders (the
 * piggyback arrangements), which its window and life govern like any product. One list, read by the
 * scenario schema (an enum, so a typo is caught at load) and by the policy (an agreement covers a
 * product or not).
 *
 * Read next: agreements.ts (when an agreement is in force), routes.ts (where an item may go).
 */

/** Every product, in the order documents list them. Adding one here adds it to the scenario language. */
export const PRODUCTS = [
  'ssa.tracks',
  'ssa.observations',
  'missile.warning',
  'satcom.status',
  'pnt.status',
  'imagery',
  'conjunction.warning',
  'satcom.access',
  'ew.geolocation',
] as const;

/** A kind of information an agreement shares. */
export type Product = (typeof PRODUCTS)[number];

/** Products in the canonical order of PRODUCTS, each once: how the model stores an agreement's list. */
export function canonicalProducts(products: Iterable<Product>): Product[] {
  const wanted = new Set(products);
  return PRODUCTS.filter((p) => wanted.has(p));
}
