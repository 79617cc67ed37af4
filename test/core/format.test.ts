import { describe, expect, it } from 'vitest';
import { delayDays, fixed } from '../../src/core/format.js';

describe('fixed: numbers in output text, never -0.0', () => {
  it('reads a negative number that rounds to 0 as 0', () => {
    // The run-off warning wrote "a factor of e^(-0.0 ± 8.2)" for a coefficient of about −0.01.
    expect((-0.04).toFixed(1)).toBe('-0.0');
    expect(fixed(-0.04, 1)).toBe('0.0');
    expect(fixed(-0.0004, 3)).toBe('0.000');
    expect(fixed(-0.4, 0)).toBe('0');
    expect(fixed(-0, 1)).toBe('0.0');
    expect(fixed(-0.00001, 1, 3)).toBe('-0.0000100');
  });
  it('leaves every other number as toFixed or toPrecision writes it', () => {
    expect(fixed(-0.06, 1)).toBe('-0.1');
    expect(fixed(-31.66, 1)).toBe('-31.7');
    expect(fixed(61.909, 1, 3)).toBe('61.9');
    expect(fixed(0.04, 1)).toBe('0.0');
  });
});

describe('delayDays: a delay in whole days, never a positive one read as 0 days', () => {
  it('says under 1 day for a positive delay below half a day', () => {
    // "mean delay 0 days" read as no delay at all for a mean of 0.3 days.
    expect(delayDays(0.3)).toBe('under 1 day');
    expect(delayDays(0.49)).toBe('under 1 day');
    expect(delayDays(1e-6)).toBe('under 1 day');
  });
  it('rounds the rest to whole days, counted', () => {
    expect(delayDays(0)).toBe('0 days');
    expect(delayDays(0.5)).toBe('1 day');
    expect(delayDays(1.2)).toBe('1 day');
    expect(delayDays(12.4)).toBe('12 days');
    expect(delayDays(80)).toBe('80 days');
  });
});
