/**
 * violence-contagion/node: Node-only helpers (file-system readers and writers).
 * @packageDocumentation
 */
export * from '../index.js';
export { type IngestFileEncodings, type IngestFilePaths, ingestFiles } from './ingest-files.js';
export { type BetweennessParallelOptions, betweennessParallel } from './parallel-betweenness.js';
export {
  type HawkesInferenceParallelOptions,
  hawkesInferenceParallel,
} from './parallel-hawkes-inference.js';
export { readTable, readTableText, type TableFileType } from './read-table.js';
export { reportScripts } from './report-scripts.js';
