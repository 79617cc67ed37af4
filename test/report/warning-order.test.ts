import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/outreach/analyse.js';
import { renderReport } from '../../src/report/render-report.js';
import { reportInput } from '../../src/report/report-input.js';
import { synthCity } from '../../src/synth/city.js';
import { smallReport } from './fixture.js';

describe("the report's warnings", () => {
  it("put the list's own warnings first, so the printed summary's first four hold 'do not act on this list'", () => {
    // A list as of 2018-06-01 on records to 2020: it rests on records past retention.
    const { data } = synthCity({ people: 600, seed: 5, years: 9, start: '2012-01-01' });
    const a = analyse(data, { asOf: '2018-06-01', limit: 20 });
    expect(a.profile.warnings).toEqual([]); // the warning is the list's own, not the profile's
    // Real fits carry several caveats of their own (here four, as a real city's can).
    const caveats = [1, 2, 3, 4].map((i) => `Model caveat ${i}.`);
    const input = reportInput({ ...a, model: { ...a.model, warnings: caveats } });
    // The list's warnings: its model's as it ranked (here the last trend bin's few events), then
    // its own (records past retention).
    expect(input.warnings?.[0]).toMatch(
      /^Only 3 serious-violence events fall in the last trend bin/,
    );
    expect(input.warnings?.[1]).toMatch(
      /past the 6-year retention horizon .*; do not act on this list\.$/,
    );
    expect(input.warnings?.slice(2)).toEqual(caveats);
    const html = renderReport(input);
    const brief = html.slice(
      html.indexOf('id="vc-brief"'),
      html.indexOf('</section>', html.indexOf('id="vc-brief"')),
    );
    // Before: the brief printed the four model caveats and "and 1 more warnings in the full report".
    expect(brief).toContain('do not act on this list');
    expect(brief).toContain('and 2 more warnings in the full report');
  });

  it('count one warning left out of the printed summary in the singular', () => {
    // Found by userhunt3: a UK export's report with five warnings printed "and 1 more warnings in
    // the full report".
    const input = smallReport();
    const html = renderReport({ ...input, warnings: [1, 2, 3, 4, 5].map((i) => `Caveat ${i}.`) });
    const brief = html.slice(
      html.indexOf('id="vc-brief"'),
      html.indexOf('</section>', html.indexOf('id="vc-brief"')),
    );
    expect(brief).toContain('and 1 more warning in the full report');
    expect(brief).not.toContain('1 more warnings');
  });
});
