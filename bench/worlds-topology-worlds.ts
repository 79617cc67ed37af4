/** The worlds of bench/worlds-topology.ts (see bench/worlds-topology-harness.ts). */
import type { TopoOptions } from './worlds-topology-harness.js';

export const TOPO_WORLDS: Record<string, Omit<TopoOptions, 'seed'>> = {
  'ba:no': { topology: 'ba', rho: 0 },
  'ba:exp': { topology: 'ba' },
  'ba:gamma': { topology: 'ba', delay: 'gamma4' },
  'london:no': { topology: 'london', rho: 0 },
  'london:exp': { topology: 'london' },
  'london:gamma': { topology: 'london', delay: 'gamma4' },
  'cliques:no': { topology: 'cliques', rho: 0 },
  'cliques:exp': { topology: 'cliques' },
  'cliques:gamma': { topology: 'cliques', delay: 'gamma4' },
  'tree:no': { topology: 'tree', rho: 0 },
  'tree:exp': { topology: 'tree' },
  'tree:gamma': { topology: 'tree', delay: 'gamma4' },
  'isolates:no': { topology: 'isolates', rho: 0 },
  'isolates:exp': { topology: 'isolates' },
  'isolates:gamma': { topology: 'isolates', delay: 'gamma4' },
  'mixed:no': { topology: 'mixed', rho: 0 },
  'mixed:exp': { topology: 'mixed' },
  // homogeneous background (the control for the degree-correlated one)
  'ba:no-homog': { topology: 'ba', rho: 0, hetero: false },
  'cliques:no-homog': { topology: 'cliques', rho: 0, hetero: false },
};
