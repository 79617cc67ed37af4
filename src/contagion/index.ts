export * from './cascades.js';
export * from './exposure.js';
export * from './group-reciprocity.js';
export * from './hawkes/index.js';
export * from './retaliation-null.js';
export * from './retaliations.js';
