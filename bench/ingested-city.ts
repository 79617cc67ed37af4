// The city most bench scripts measure on: bench/pipeline.ts's synthetic city (seed 1, 100 rivalries),
// ingested from its export rows (every row validated) and indexed, as the pipeline makes it.

import { indexDataset } from '../src/core/dataset-index.js';
import type { Dataset } from '../src/core/types.js';
import { ingest } from '../src/ingest/ingest.js';
import { synthCity } from '../src/synth/city.js';

/** The pipeline's city of `people` at `rate` incidents per person-year, ingested and indexed. */
export function ingestedCity(people: number, rate: number): Dataset {
  const city = synthCity({
    people,
    incidentsPerPersonYear: rate,
    seed: 1,
    feud: { rivalries: 100 },
  });
  const { data } = ingest(
    {
      incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
      involvements: city.data.involvements,
      people: city.data.people,
    },
    { now: '2030-01-01' },
  );
  indexDataset(data);
  return data;
}
