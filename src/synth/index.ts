export { synthCity } from './city.js';
export type * from './types.js';
