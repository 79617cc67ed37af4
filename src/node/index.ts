/**
 * violence-contagion/node: Node-only helpers (file-system readers and writers).
 * @packageDocumentation
 */
export * from '../index.js';
