/**
 * violence-contagion: the browser-safe entry (no `node:` imports).
 * For file readers use `violence-contagion/node`; for the command line, the `violence-contagion` bin.
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './graph/index.js';
