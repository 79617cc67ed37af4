/** The report's inline style sheet: screen and print. */
export const REPORT_CSS = `
:root { --ink:#1d232a; --muted:#4f5a64; --line:#d5dbe0; --accent:#2a6f97; --harm:#c0392b;
  --recent:#e08e0b; --bg:#fbfcfd; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.4; }
main { max-width: 1180px; margin: 0 auto; padding: 0 1.25rem 3rem; }
.vc-purpose { background: #173f5f; color: #fff; padding: .6rem 1.25rem; font-weight: 600;
  letter-spacing: .01em; }
header { padding: 1rem 0 .5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: .2rem 0 .4rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; }
h3 { font-size: 1.05rem; margin: 0 0 .3rem; word-break: break-all; }
h4 { font-size: .95rem; margin: .8rem 0 .2rem; }
.vc-meta { color: var(--muted); margin: .2rem 0; }
.vc-params, .vc-summary { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; margin: .5rem 0; padding: 0; }
.vc-params div, .vc-summary div { display: flex; gap: .35rem; }
dt { color: var(--muted); }
dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef2f5; position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button::after { content: " ↕"; color: var(--muted); font-weight: 400; }
th[aria-sort="ascending"] button::after { content: " ↑"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: " ↓"; color: var(--ink); }
td.vc-num, th.vc-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.vc-list { max-height: 32rem; overflow: auto; border: 1px solid var(--line); background: #fff; }
.vc-list tbody tr { cursor: pointer; }
.vc-list tbody tr:hover { background: #f2f7fa; }
.vc-list tbody tr.vc-selected { background: #dcebf5; }
.vc-list tbody tr:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
.vc-id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
.vc-reason-list { margin: 0; padding-left: 1rem; }
.vc-explanation { margin-bottom: .15rem; }
.vc-more summary { cursor: pointer; color: var(--accent); font-size: .85rem; margin-left: 1rem; }
.vc-more summary:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible {
  outline: 2px solid var(--accent); outline-offset: 2px; }
.vc-more[open] summary { color: var(--muted); }
.vc-score .vc-chance { display: block; font-weight: 700; font-size: 1rem; }
.vc-score .vc-pct { display: block; color: var(--muted); font-size: .8rem; }
.vc-score[title] { cursor: help; }
th .vc-col-help { display: block; font-weight: 400; font-size: .75rem; color: var(--muted); max-width: 16rem;
  white-space: normal; }
th.vc-num .vc-col-help { margin-left: auto; }
.vc-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.vc-howto { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--accent);
  padding: .5rem 1rem; margin: .8rem 0; }
.vc-howto h2 { margin: .2rem 0 .3rem; font-size: 1.05rem; }
.vc-howto ul { margin: 0; padding-left: 1.1rem; }
.vc-howto li { margin: .15rem 0; }
.vc-banner { background: #fff6e0; border: 1px solid #e0b44c; border-left: 4px solid #9a6700; padding: .5rem 1rem;
  margin: .8rem 0; }
.vc-banner h2 { margin: .2rem 0 .3rem; font-size: 1.05rem; color: #5c3d00; }
.vc-banner ul { margin: 0; padding-left: 1.1rem; }
.vc-actions { display: flex; gap: .6rem; margin: .5rem 0 .2rem; }
.vc-actions button { font: inherit; font-size: .9rem; padding: .3rem .7rem; border: 1px solid var(--accent);
  background: #fff; color: var(--accent); border-radius: 4px; cursor: pointer; }
#vc-brief { display: none; }
.vc-print-label { display: none; }
/* Hover notes are for the screen; printed, where there is no hover, their print-only text instead. */
.vc-print-only { display: none; }
.vc-who { font-family: system-ui, sans-serif; color: var(--muted); font-size: .8em; }
.vc-controls { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; margin: .4rem 0; }
.vc-controls label { font-weight: 600; }
.vc-controls input { font: inherit; padding: .3rem .5rem; min-width: 18rem; border: 1px solid var(--line);
  border-radius: 4px; }
#vc-filter-status { color: var(--muted); }
[hidden] { display: none !important; }
.vc-switch { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; align-items: center; border: 1px solid var(--line);
  background: #fff; padding: .35rem .8rem; margin: .4rem 0; border-radius: 4px; }
.vc-switch legend { font-weight: 600; padding: 0 .3rem; }
.vc-switch label { cursor: pointer; }
.vc-switch input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.vc-list-intro { margin: .3rem 0 .4rem; font-size: .92rem; }
.vc-list-warnings { margin: 0 0 .4rem; padding-left: 1.1rem; font-size: .88rem; color: #5c3d00; }
.vc-stability { font-style: italic; }
.vc-panel { display: grid; grid-template-columns: minmax(16rem, 1fr) 2fr; gap: 1rem; margin-top: 1rem; }
#vc-person { background: #fff; border: 1px solid var(--line); padding: .8rem; }
.vc-facts { color: var(--muted); margin: 0 0 .4rem; }
.vc-figure { background: #fff; border: 1px solid var(--line); padding: .5rem; }
#vc-network { width: 100%; height: auto; display: block; }
#vc-network line, #vc-network circle { vector-effect: non-scaling-stroke; }
.vc-link { stroke: #9aa5ae; stroke-opacity: .7; }
.vc-link.vc-recent { stroke: var(--recent); stroke-opacity: .9; }
.vc-link.vc-path { stroke: var(--harm); stroke-opacity: 1; stroke-dasharray: 4 2; }
.vc-node circle { fill: #b8c4cc; stroke: #fff; stroke-width: 1.2; }
.vc-node.vc-listed circle { cursor: pointer; }
.vc-node:focus { outline: none; }
.vc-node:focus-visible circle { stroke: var(--ink); stroke-width: 3; }
.vc-node.vc-d1 circle { fill: #6f8797; }
.vc-node.vc-ego circle { fill: var(--accent); stroke: var(--ink); stroke-width: 2; }
.vc-node.vc-harmed circle { fill: var(--harm); }
.vc-node.vc-via circle { stroke: var(--harm); stroke-width: 2.5; }
.vc-node text { font-size: 9px; fill: var(--ink); pointer-events: none; }
.vc-legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .8rem; color: var(--muted);
  margin: .3rem 0 0; padding: 0; list-style: none; }
.vc-swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; vertical-align: -1px;
  margin-right: .25rem; }
.vc-swatch.vc-line { border-radius: 0; height: .2rem; vertical-align: 3px; }
#vc-network-note { color: var(--muted); font-size: .85rem; margin: .3rem 0 0; }
.vc-cascade { margin: .4rem 0 1rem; }
.vc-cascade h3 { font-size: .95rem; }
.vc-cascade svg { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); }
.vc-axis { stroke: #9aa5ae; }
.vc-axis-label { font-size: 10px; fill: var(--muted); }
.vc-edge { stroke: #6f8797; fill: none; }
.vc-sev0, .vc-sev1 { fill: #9aa5ae; }
.vc-sev2 { fill: var(--recent); }
.vc-sev3 { fill: var(--harm); }
.vc-sev4 { fill: #6d1a12; }
.vc-note { color: var(--muted); font-size: .9rem; }
.vc-key { display: inline-block; min-width: 1.1rem; text-align: center; border-radius: 50%; color: #fff;
  font-size: .75rem; }
.vc-key2 { background: var(--recent); }
.vc-key3 { background: var(--harm); }
.vc-key4 { background: #6d1a12; }
pre.vc-text { background: #fff; border: 1px solid var(--line); padding: .6rem; white-space: pre-wrap;
  font-size: .85rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line);
  padding-top: .6rem; }
.vc-chart { margin: .6rem 0 1.2rem; background: #fff; border: 1px solid var(--line); padding: .6rem .8rem; }
.vc-chart figcaption { margin-bottom: .4rem; }
.vc-chart-sentence { display: block; color: var(--ink); font-size: .9rem; margin-top: .2rem; }
.vc-chart svg { width: 100%; height: auto; display: block; }
.vc-chart h3 { font-size: .95rem; margin: .6rem 0 .2rem; }
.vc-grid { stroke: #e3e8ec; }
.vc-tick { font-size: 11px; fill: var(--muted); }
.vc-axis-title { font-size: 11px; fill: var(--ink); }
.vc-row-label { font-size: 11px; fill: var(--ink); }
.vc-marker { stroke: var(--ink); stroke-dasharray: 2 3; }
.vc-band { fill-opacity: .12; stroke: none; }
.vc-band.vc-ref-random, .vc-band.vc-ref-oracle { fill: #6b7680; fill-opacity: .1; }
.vc-line { fill: none; stroke-width: 1.8; }
.vc-line.vc-model { stroke-width: 3; }
.vc-line.vc-ref-random { stroke: #6b7680; stroke-dasharray: 5 4; }
.vc-line.vc-ref-oracle { stroke: #1d232a; stroke-dasharray: 1.5 3; stroke-linecap: round; }
.vc-line-key { border-radius: 0; height: .25rem; vertical-align: 3px; width: 1.2rem; }
.vc-line-key.vc-ref-random { background: repeating-linear-gradient(90deg, #6b7680 0 5px, transparent 5px 9px); }
.vc-line-key.vc-ref-oracle { background: repeating-linear-gradient(90deg, #1d232a 0 2px, transparent 2px 5px); }
.vc-band-key { background: #c9d3da; border-radius: 0; }
.vc-pop-tick { stroke: #4f5a64; stroke-width: 2; }
.vc-key-pop { background: #4f5a64; width: .2rem; height: .8rem; vertical-align: -1px; }
.vc-gap { stroke: #9aa5ae; stroke-width: 2; }
.vc-dot-list { fill: var(--accent); }
.vc-dot-victims { fill: #fff; stroke: var(--harm); stroke-width: 2; }
.vc-flag-bg { fill: #fff1d6; }
.vc-flag .vc-row-label { font-weight: 700; }
.vc-flag-label { font-size: 10.5px; fill: #7a4e00; font-weight: 600; }
.vc-key-list { background: var(--accent); }
.vc-key-victims { background: #fff; border: 2px solid var(--harm); }
.vc-key-flag { background: #fff1d6; border: 1px solid #e0b44c; border-radius: 0; }
.vc-bar { fill: #b8c4cc; }
.vc-key-bar { background: #b8c4cc; border-radius: 0; }
.vc-share-line { fill: none; stroke: var(--harm); stroke-width: 2; }
.vc-share-dot { fill: var(--harm); }
.vc-key-share { background: var(--harm); }
.vc-interval { stroke: var(--harm); stroke-width: 1.2; }
.vc-share-band { fill: var(--harm); fill-opacity: .12; }
.vc-share-overall { stroke: var(--harm); stroke-dasharray: 4 3; stroke-opacity: .7; }
.vc-key-share-band { background: #f2d4d0; border-radius: 0; }
.vc-toggle { margin: .4rem 0; }
.vc-toggle > summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.vc-table-wrap { max-height: 28rem; overflow: auto; border: 1px solid var(--line); background: #fff; margin: .3rem 0; }
.vc-column-guide { font-size: .85rem; margin: .4rem 0; }
.vc-column-guide div { display: flex; gap: .4rem; }
.vc-column-guide dd { font-weight: 400; }
.vc-chance-line { font-weight: 700; margin: 0 0 .1rem; }
.vc-exact { color: var(--muted); font-size: .85rem; margin: 0 0 .3rem; }
@media (max-width: 800px) { .vc-panel { grid-template-columns: 1fr; } }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .vc-purpose { background: none; color: #000; border: 2px solid #000; }
  .vc-controls, .vc-actions, .vc-switch, .vc-more summary::marker { display: none; }
  .vc-howto, .vc-banner { break-inside: avoid; }
  .vc-panel { grid-template-columns: 1fr 2fr; }
  .vc-list { max-height: none; overflow: visible; border: none; }
  th { position: static; }
  th button { display: none; }
  th .vc-print-label { display: block; font-weight: 600; }
  .vc-screen-only { display: none; }
  .vc-print-only { display: inline; }
  .vc-score .vc-range { display: block; color: var(--muted); font-size: .8rem; }
  .vc-ranked { font-size: 8.5pt; }
  .vc-ranked th .vc-col-help { font-size: 7pt; }
  .vc-ranked .vc-reasons-cell { width: 62%; }
  .vc-ranked .vc-score .vc-chance { font-size: 9pt; }
  .vc-ranked td, .vc-ranked th { padding: .15rem .3rem; }
  .vc-list tbody tr.vc-selected { background: none; }
  tr, .vc-cascade, figure, .vc-chart { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  details.vc-toggle:not([open]) { display: none; }
  .vc-table-wrap { max-height: none; overflow: visible; }
  #vc-brief { display: block; break-after: page; font-size: 9pt; }
  #vc-brief h2 { margin: 0 0 .2rem; font-size: 13pt; }
  #vc-brief h3 { font-size: 10.5pt; margin: .5rem 0 .2rem; }
  #vc-brief .vc-summary { gap: .1rem 1rem; margin: .2rem 0; }
  #vc-brief table { font-size: 8.5pt; }
  #vc-brief th, #vc-brief td { padding: .15rem .3rem; }
  #vc-brief ul { margin: 0; }
  body.vc-print-brief main > :not(#vc-brief), body.vc-print-brief > .vc-purpose { display: none; }
  body.vc-print-brief #vc-brief { break-after: auto; }
}
`;
