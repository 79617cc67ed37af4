import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';

// ingest of JSON text holding an object (an API's { "data": [...] }) was told "incidents must be
// an array of row objects, an arquero table, or CSV/JSON text; got object", though it was given
// JSON text, with no word of where the rows are.
describe('JSON text holding an object, not an array of rows', () => {
  it('is refused naming its keys', () => {
    const text = JSON.stringify({
      total: 1,
      data: [{ incident_id: 'I1', date: '2023-01-05', severity: 2 }],
    });
    expect(() => ingest({ incidents: text })).toThrow(
      'incidents holds a JSON object (keys total, data), not an array of rows: pass the array of rows',
    );
    // A TypeError before: an IngestError with its code, as readTable's refusal of such a file.
    expect(() => ingest({ incidents: text })).toThrow(
      expect.objectContaining({ name: 'IngestError', code: 'json-rows', table: 'incidents' }),
    );
    // The array itself is read.
    const rows = JSON.parse(text).data;
    expect(
      ingest({ incidents: rows }, { now: '2025-01-01' }).data.incidents.map((i) => i.incident_id),
    ).toEqual(['I1']);
  });
});
