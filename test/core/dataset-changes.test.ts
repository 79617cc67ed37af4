import { describe, expect, it } from 'vitest';
import { indexDataset } from '../../src/core/dataset-index.js';
import { profileData } from '../../src/core/profile.js';
import { toDay } from '../../src/core/time.js';
import { coOffendingGraph } from '../../src/graph/index.js';
import { synthCity } from '../../src/synth/index.js';

describe('a dataset changed after a first analysis', () => {
  it('records pushed after indexing are seen by the next analysis (the cached index is rebuilt)', () => {
    const { data } = synthCity({ people: 80, years: 1, seed: 3 });
    const before = indexDataset(data);
    expect(indexDataset(data)).toBe(before); // cached while unchanged
    const g1 = coOffendingGraph(data);
    expect(g1.hasNode('NEW-1')).toBe(false);
    const date = data.incidents[data.incidents.length - 1].date.slice(0, 10);
    data.incidents.push({ incident_id: 'NEW', date, day: toDay(date), offence: '', severity: 1 });
    data.involvements.push(
      { incident_id: 'NEW', person_id: 'NEW-1', role: 'offender' },
      { incident_id: 'NEW', person_id: 'NEW-2', role: 'offender' },
    );
    const after = indexDataset(data);
    expect(after).not.toBe(before);
    expect(after.incidents).toHaveLength(before.incidents.length + 1);
    expect(after.personIndex.has('NEW-1')).toBe(true);
    const g2 = coOffendingGraph(data, { asOf: toDay(date) + 1 });
    expect(g2.hasEdge('NEW-1', 'NEW-2')).toBe(true);
    expect(profileData(data).incidents).toBe(before.incidents.length + 1);
  });

  it('a replaced array is noticed too', () => {
    const { data } = synthCity({ people: 60, years: 1, seed: 4 });
    const before = indexDataset(data);
    data.incidents = data.incidents.slice(0, 10);
    expect(indexDataset(data).incidents).toHaveLength(10);
    expect(indexDataset(data)).not.toBe(before);
  });
});
