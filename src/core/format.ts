/**
 * `x.toFixed(digits)`, or `x.toPrecision(precision)` when `precision` is given, never '-0.0' (nor
 * '-0', '-0.000'): a negative number that rounds to 0 reads '0.0', as output text must.
 * `(-0.04).toFixed(1)` is '-0.0'; `fixed(-0.04, 1)` is '0.0'.
 */
export function fixed(x: number, digits: number, precision?: number): string {
  const text = precision === undefined ? x.toFixed(digits) : x.toPrecision(precision);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
