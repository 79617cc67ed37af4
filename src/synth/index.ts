export { synthCity } from './city.js';
export {
  MISSPECIFIED_WORLDS,
  type MisspecifiedWorldName,
  misspecifiedWorld,
  WORLD_CONTAGION,
} from './presets.js';
export { type TrueExpectedEventsOptions, trueExpectedEvents } from './true-expected-events.js';
export type * from './types.js';
