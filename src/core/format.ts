import { count } from './plural.js';

/**
 * `x.toFixed(digits)`, or `x.toPrecision(precision)` when `precision` is given, never '-0.0' (nor
 * '-0', '-0.000'): a negative number that rounds to 0 reads '0.0', as output text must.
 * `(-0.04).toFixed(1)` is '-0.0'; `fixed(-0.04, 1)` is '0.0'.
 */
export function fixed(x: number, digits: number, precision?: number): string {
  const text = precision === undefined ? x.toFixed(digits) : x.toPrecision(precision);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A delay of `days` for output text, in whole days ('1 day', '12 days'), and 'under 1 day' for a
 * positive delay that rounds to none (it read 'mean delay 0 days', which says no delay at all).
 */
export function delayDays(days: number): string {
  const n = Math.round(days);
  return n === 0 && days > 0 ? 'under 1 day' : count(n, 'day');
}
