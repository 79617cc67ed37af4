/**
 * violence-contagion: the browser-safe entry (no `node:` imports).
 * For file readers use `violence-contagion/node`; for the command line, the `violence-contagion` bin.
 * @packageDocumentation
 */
export * from './contagion/index.js';
export * from './core/index.js';
export * from './graph/index.js';
export * from './ingest/index.js';
export * from './metrics/index.js';
export * from './outreach/index.js';
export * from './report/index.js';
export * from './synth/index.js';
