/** Option values the commands share, checked the same way everywhere (bad values are exit 2). */
import { InputError } from './errors.js';

/** A whole number option from 0 to `max`, or undefined when not given. */
export function wholeNumber(value: number | string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > max) throw new InputError(`${name} must be a whole number from 0 to ${max}, got '${text}'`);
  return n;
}
