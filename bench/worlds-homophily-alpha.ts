import type { HomophilyWorld } from './worlds-homophily-harness.js';

/** α with contagion per homophily world (the assortative graph has mean degree ~2, synthCity's more). */
export const ALPHA: Record<HomophilyWorld, number> = {
  control: 0.05,
  'group-frailty': 0.05,
  assortative: 0.12,
  shocks: 0.05,
};
