import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { smallReport } from './fixture.js';

/** The JSON the report embeds for its viewer. */
function viewerData(html: string): { ranked: { rank: number; tied?: boolean }[] } {
  const m = /<script type="application\/json" id="vc-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no data section');
  return JSON.parse(m[1]);
}

describe('renderReport shows a shared rank as a tie', () => {
  it('two people ranked 1 (the same score) read "1=" in the list and the case-meeting summary', () => {
    const input = smallReport();
    input.ranked[1].rank = 1;
    input.ranked[1].score = input.ranked[0].score;
    const html = renderReport(input);
    // The list's cells (sortable by the number) and the summary's.
    expect(html.match(/<td class="vc-num" data-value="1">1=<\/td>/g)).toHaveLength(2);
    expect(html.match(/<tr><td class="vc-num">1=<\/td>/g)).toHaveLength(2);
    expect(html).toContain('aria-label="Rank 1 (tied), P1"');
    expect(html).toContain('2= is a tie: the same figure as others ranked 2=');
    expect(viewerData(html).ranked.map((r) => r.tied)).toEqual([true, true]);
  });

  it('ranks held by one person each carry no mark', () => {
    const html = renderReport(smallReport());
    expect(html).toContain('<td class="vc-num" data-value="1">1</td>');
    expect(html).toContain('<td class="vc-num" data-value="2">2</td>');
    expect(html).not.toMatch(/\d=<\/td>|aria-label="Rank \d+ \(tied\)|is a tie:/);
    expect(viewerData(html).ranked.map((r) => r.tied)).toEqual([undefined, undefined]);
  });
});
