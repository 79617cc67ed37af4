/**
 * The report's in-page script. {@link viewer} is inlined into the HTML with
 * `Function.prototype.toString`, so it must stay self-contained: it may use only its parameters
 * and browser globals, never anything imported or declared elsewhere in this module.
 * Every piece of data text reaches the page through `textContent` / d3 `.text()`, never as HTML.
 */

/** The parts of d3 the viewer draws with (d3-selection + d3-force, UMD builds). */
export interface ViewerD3 {
  // biome-ignore lint/suspicious/noExplicitAny: d3's UMD global, typed loosely on purpose
  select: (node: Element) => any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  forceSimulation: (nodes: any[]) => any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  forceLink: (links: any[]) => any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  forceManyBody: () => any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  forceCenter: (x: number, y: number) => any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  forceCollide: (r: number) => any;
}

/** The JSON embedded in the report (`<script type="application/json" id="vc-data">`). */
export interface ViewerData {
  /** "As of" day as ISO date; recency is measured back from it. */
  asOf: string;
  recentDays: number;
  minSeverity: number;
  maxNetworkNodes: number;
  ranked: {
    rank: number;
    /** Other rows share the rank (tied scores): shown "2=". */
    tied?: boolean;
    person_id: string;
    score: number;
    explanation?: string;
    group?: string;
    area?: string;
    reasons: { text: string; value: number; kind?: string; via?: string; incidentId?: string }[];
    context?: string[];
  }[];
  /** The outreach plan's list ("most harm prevented"), when the report has one. */
  plan?: ViewerData['ranked'];
  /** The list shown first when there is a plan. */
  list?: 'risk' | 'plan';
  people: {
    person_id: string;
    group?: string;
    incidents?: number;
    victimisations?: number;
    lastSeen?: string;
  }[];
  /** Ties as `[source, target, shared incidents, last shared date]`, compact because they are many. */
  ties: [string, string, number, string][];
  incidents: {
    incident_id: string;
    date: string;
    severity: number;
    offence?: string;
    area?: string;
    offenders: string[];
    victims: string[];
  }[];
}

/** Runs in the page: sortable/filterable list, person details and the ego-network drawing. */
export function viewer(d3: ViewerD3 | undefined, data: ViewerData, doc: Document): void {
  const DAY = 86400000;
  const asOfMs = Date.parse(`${data.asOf}T00:00:00Z`);
  const recentFrom = asOfMs - data.recentDays * DAY;
  const isRecent = (iso: string) => {
    const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
    return t >= recentFrom && t < asOfMs;
  };
  const el = (tag: string, text?: string, cls?: string) => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };

  // ---- indexes -------------------------------------------------------------------------------
  const riskById = new Map(data.ranked.map((r) => [r.person_id, r]));
  const planById = new Map((data.plan ?? []).map((r) => [r.person_id, r]));
  let active: 'risk' | 'plan' = data.plan && data.list === 'plan' ? 'plan' : 'risk';
  /** The people of the list shown, by id. */
  const listed = () => (active === 'plan' ? planById : riskById);
  const personById = new Map(data.people.map((p) => [p.person_id, p]));
  const adjacency = new Map<string, Map<string, { count: number; last: string }>>();
  const addTie = (a: string, b: string, tie: { count: number; last: string }) => {
    let m = adjacency.get(a);
    if (!m) adjacency.set(a, (m = new Map()));
    m.set(b, tie);
  };
  for (const [a, b, count, last] of data.ties) {
    const tie = { count, last };
    addTie(a, b, tie);
    addTie(b, a, tie);
  }
  const incidentsOf = new Map<string, ViewerData['incidents']>();
  const harmedRecently = new Set<string>();
  for (const inc of data.incidents) {
    for (const p of inc.offenders.concat(inc.victims)) {
      let list = incidentsOf.get(p);
      if (!list) incidentsOf.set(p, (list = []));
      if (list.indexOf(inc) < 0) list.push(inc);
    }
    if (inc.severity >= data.minSeverity && isRecent(inc.date)) {
      for (const v of inc.victims) harmedRecently.add(v);
    }
  }

  // ---- tables: sort and filter ---------------------------------------------------------------
  // One table per list: `#vc-ranked` (highest risk) and, with a plan, `#vc-planned`.
  const tables: { name: 'risk' | 'plan'; table: HTMLTableElement; rows: HTMLTableRowElement[] }[] =
    [];
  for (const [name, id] of [
    ['risk', 'vc-ranked'],
    ['plan', 'vc-planned'],
  ] as const) {
    const table = doc.getElementById(id) as HTMLTableElement | null;
    if (table) tables.push({ name, table, rows: Array.from(table.tBodies[0]?.rows ?? []) });
  }
  const current = () => tables.find((t) => t.name === active) ?? tables[0];
  const status = doc.getElementById('vc-filter-status');
  const filterInput = doc.getElementById('vc-filter') as HTMLInputElement | null;
  // What the filter searches: the person, their group and area, and every reason (also the ones
  // folded under "and N more"), so typing a group id shows that group's people.
  const searchText = new Map<HTMLTableRowElement, string>();
  for (const t of tables) {
    const byId = t.name === 'plan' ? planById : riskById;
    for (const row of t.rows) {
      const id = row.getAttribute('data-person') ?? '';
      const r = byId.get(id);
      const parts = [id, r?.group ?? personById.get(id)?.group ?? '', r?.area ?? ''];
      if (r?.explanation) parts.push(r.explanation);
      for (const reason of r?.reasons ?? []) parts.push(reason.text);
      for (const c of r?.context ?? []) parts.push(c);
      searchText.set(row, parts.join('\n').toLowerCase());
    }
  }
  const applyFilter = () => {
    const q = (filterInput?.value ?? '').trim().toLowerCase();
    for (const t of tables) {
      let shown = 0;
      for (const row of t.rows) {
        const text = searchText.get(row) ?? (row.textContent ?? '').toLowerCase();
        const match = q === '' || text.indexOf(q) >= 0;
        row.hidden = !match;
        if (match) shown++;
      }
      if (status && t === current()) status.textContent = `${shown} of ${t.rows.length} shown`;
    }
  };
  filterInput?.addEventListener('input', applyFilter);
  applyFilter();

  for (const t of tables) {
    const tbody = t.table.tBodies[0];
    const headers = Array.from(t.table.tHead?.rows[0]?.cells ?? []);
    headers.forEach((th, col) => {
      const button = th.querySelector('button');
      if (!button || !tbody) return;
      button.addEventListener('click', () => {
        const numeric = th.getAttribute('data-type') === 'number';
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of headers) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const key = (row: HTMLTableRowElement) => {
          const cell = row.cells[col];
          return cell?.getAttribute('data-value') ?? cell?.textContent ?? '';
        };
        const sorted = t.rows.slice().sort((a, b) => {
          const ka = key(a);
          const kb = key(b);
          const c = numeric ? Number(ka) - Number(kb) : ka < kb ? -1 : ka > kb ? 1 : 0;
          return ascending ? c : -c;
        });
        for (const row of sorted) tbody.appendChild(row);
      });
    });
  }

  // ---- person details --------------------------------------------------------------------------
  const details = doc.getElementById('vc-person');
  const showDetails = (id: string) => {
    if (!details) return;
    details.textContent = '';
    const r = listed().get(id);
    const p = personById.get(id);
    details.appendChild(el('h3', r ? `#${r.rank}${r.tied ? '=' : ''} ${id}` : id));
    const facts: string[] = [];
    const shownTable = current()?.table;
    const scoreCell = shownTable?.querySelector(`tr[data-person="${CSS.escape(id)}"] .vc-score`);
    const exact = scoreCell?.getAttribute('title');
    if (r && !exact) facts.push(`score ${r.score.toPrecision(3)}`);
    const group = r?.group ?? p?.group;
    if (group) facts.push(`group ${group}`);
    if (p?.incidents !== undefined)
      facts.push(`${p.incidents} incident${p.incidents === 1 ? '' : 's'} in the window`);
    if (p?.lastSeen) facts.push(`last record ${p.lastSeen}`);
    if (exact && scoreCell) {
      const label = shownTable?.getAttribute('data-score-label') ?? 'Chance';
      // "1 in 4" for a chance; "0.031 events prevented, in the plan in 94% of refits" for a plan.
      const spans = Array.from(scoreCell.querySelectorAll('span')).map((x) => x.textContent ?? '');
      const figure =
        label === 'Chance'
          ? spans[0]
          : [`${spans[0]} ${spans[1] ?? ''}`.trim()].concat(spans.slice(2)).join(', ');
      details.appendChild(el('p', `${label}: ${figure}`, 'vc-chance-line'));
      details.appendChild(el('p', `Exact: ${exact}.`, 'vc-exact'));
    }
    details.appendChild(el('p', facts.join(' · '), 'vc-facts'));
    if (r?.explanation) details.appendChild(el('p', r.explanation, 'vc-explanation'));
    if (r && r.reasons.length > 0) {
      const shown = 8;
      const ul = el('ul', undefined, 'vc-reasons');
      for (const reason of r.reasons.slice(0, shown)) ul.appendChild(el('li', reason.text));
      details.appendChild(ul);
      if (r.reasons.length > shown) {
        const more = el('details');
        const k = r.reasons.length - shown;
        more.appendChild(el('summary', `${k} more reason${k === 1 ? '' : 's'}`));
        const rest = el('ul', undefined, 'vc-reasons');
        for (const reason of r.reasons.slice(shown)) rest.appendChild(el('li', reason.text));
        more.appendChild(rest);
        details.appendChild(more);
      }
    }
    if (r?.context && r.context.length > 0) {
      details.appendChild(el('h4', active === 'plan' ? 'What their own risk rests on' : 'More'));
      const ul = el('ul', undefined, 'vc-reasons');
      for (const c of r.context) ul.appendChild(el('li', c));
      details.appendChild(ul);
    }
    const own = (incidentsOf.get(id) ?? []).slice().sort((a, b) => (a.date < b.date ? 1 : -1));
    if (own.length > 0) {
      details.appendChild(el('h4', 'Recent records'));
      const ul = el('ul', undefined, 'vc-incidents');
      for (const inc of own.slice(0, 8)) {
        const role = inc.victims.indexOf(id) >= 0 ? 'harmed' : 'involved';
        const what = inc.offence ? ` ${inc.offence}` : '';
        ul.appendChild(
          el('li', `${inc.date.slice(0, 10)} ${role}:${what} (severity ${inc.severity})`),
        );
      }
      details.appendChild(ul);
    }
  };

  // ---- ego network -----------------------------------------------------------------------------
  const svgEl = doc.getElementById('vc-network');
  const networkNote = doc.getElementById('vc-network-note');
  const drawNetwork = (ego: string) => {
    if (!svgEl) return;
    while (svgEl.firstChild) svgEl.removeChild(svgEl.firstChild);
    if (!d3) {
      if (networkNote) {
        networkNote.textContent =
          'The network drawing needs d3, which was not bundled into this report.';
      }
      return;
    }
    // Breadth-first to distance 2; keep the nearest and strongest when the cap bites.
    const dist = new Map<string, number>([[ego, 0]]);
    const ring1 = Array.from(adjacency.get(ego)?.entries() ?? []).sort(
      (a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1),
    );
    const cap = data.maxNetworkNodes;
    for (const [n] of ring1) if (dist.size < cap) dist.set(n, 1);
    const ring2: [string, number][] = [];
    for (const [n] of ring1) {
      if (!dist.has(n)) continue;
      for (const [m, tie] of adjacency.get(n) ?? []) {
        if (!dist.has(m)) ring2.push([m, tie.count]);
      }
    }
    ring2.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [m] of ring2) if (dist.size < cap && !dist.has(m)) dist.set(m, 2);
    const within2 = new Set([ego]);
    for (const [n] of ring1) {
      within2.add(n);
      for (const [m] of adjacency.get(n) ?? []) within2.add(m);
    }

    // Exposure paths: shortest paths (inside the drawing) from the person to each `via`.
    const pathEdges = new Set<string>();
    const viaSet = new Set<string>();
    const edgeKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
    const r = listed().get(ego);
    // Exposure paths come from the risk list's reasons (the plan's reasons are not per associate).
    const pathReasons = (r?.reasons ?? []).concat(
      active === 'plan' ? (riskById.get(ego)?.reasons ?? []) : [],
    );
    for (const reason of pathReasons) {
      if (!reason.via || !dist.has(reason.via)) continue;
      viaSet.add(reason.via);
      const prev = new Map<string, string>();
      const queue = [ego];
      const visited = new Set([ego]);
      while (queue.length > 0) {
        const u = queue.shift() as string;
        if (u === reason.via) break;
        for (const [v] of adjacency.get(u) ?? []) {
          if (!dist.has(v) || visited.has(v)) continue;
          visited.add(v);
          prev.set(v, u);
          queue.push(v);
        }
      }
      let cur = reason.via;
      while (prev.has(cur)) {
        const p = prev.get(cur) as string;
        pathEdges.add(edgeKey(p, cur));
        cur = p;
      }
    }

    const nodes: { id: string; d: number; x?: number; y?: number }[] = Array.from(
      dist.entries(),
    ).map(([id, d]) => ({ id, d }));
    const links: { source: string; target: string; count: number; last: string }[] = [];
    for (const [id] of dist) {
      for (const [m, tie] of adjacency.get(id) ?? []) {
        if (id < m && dist.has(m))
          links.push({ source: id, target: m, count: tie.count, last: tie.last });
      }
    }
    const sim = d3
      .forceSimulation(nodes)
      .force(
        'link',
        d3
          .forceLink(links)
          .id((n: { id: string }) => n.id)
          .distance(30),
      )
      .force('charge', d3.forceManyBody().strength(-45))
      .force('center', d3.forceCenter(0, 0))
      .force('collide', d3.forceCollide(7))
      .stop();
    // A fixed number of ticks, then a static drawing: the same picture on screen and on paper.
    for (let i = 0; i < 300; i++) sim.tick();
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const { x = 0, y = 0 } of nodes) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
    // Fit the view to the layout (with room for labels), keeping the 4:3 frame.
    const pad = 40;
    let w = x1 - x0 + 2 * pad;
    let h = y1 - y0 + 2 * pad;
    if (w / h < 4 / 3) w = (h * 4) / 3;
    else h = (w * 3) / 4;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    svgEl.setAttribute(
      'viewBox',
      `${(cx - w / 2).toFixed(1)} ${(cy - h / 2).toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`,
    );
    // One screen pixel of the 640-wide figure, in layout units: sizes stay constant on screen.
    const unit = w / 640;
    const r1 = (v: number) => Math.round(v * 10) / 10;

    const svg = d3.select(svgEl);
    svg
      .append('g')
      .attr('class', 'vc-links')
      .selectAll('line')
      .data(links)
      .join('line')
      .attr('class', (l: { source: { id: string }; target: { id: string }; last: string }) => {
        const classes = ['vc-link'];
        if (isRecent(l.last)) classes.push('vc-recent');
        if (pathEdges.has(edgeKey(l.source.id, l.target.id))) classes.push('vc-path');
        return classes.join(' ');
      })
      .attr('stroke-width', (l: { count: number }) => Math.min(1 + Math.log2(l.count), 5))
      .attr('x1', (l: { source: { x: number } }) => r1(l.source.x))
      .attr('y1', (l: { source: { y: number } }) => r1(l.source.y))
      .attr('x2', (l: { target: { x: number } }) => r1(l.target.x))
      .attr('y2', (l: { target: { y: number } }) => r1(l.target.y))
      .append('title')
      .text(
        (l: { source: { id: string }; target: { id: string }; count: number; last: string }) =>
          `${l.source.id} – ${l.target.id}: ${l.count} shared incident${l.count === 1 ? '' : 's'}, last ${l.last}`,
      );
    const node = svg
      .append('g')
      .attr('class', 'vc-nodes')
      .selectAll('g')
      .data(nodes)
      .join('g')
      .attr('class', (n: { id: string; d: number }) => {
        const classes = ['vc-node', `vc-d${n.d}`];
        if (n.id === ego) classes.push('vc-ego');
        if (harmedRecently.has(n.id)) classes.push('vc-harmed');
        if (viaSet.has(n.id)) classes.push('vc-via');
        if (listed().has(n.id)) classes.push('vc-listed');
        return classes.join(' ');
      })
      .attr('transform', (n: { x: number; y: number }) => `translate(${r1(n.x)},${r1(n.y)})`)
      // Only listed people re-centre the drawing: the embedded ties reach two steps from them.
      .on('click', (_event: Event, n: { id: string }) => {
        if (listed().has(n.id)) select(n.id);
      })
      // Keyboard: listed people in the drawing are buttons (Tab to them, Enter to re-centre).
      .on('keydown', (event: KeyboardEvent, n: { id: string }) => {
        if ((event.key === 'Enter' || event.key === ' ') && listed().has(n.id)) {
          event.preventDefault();
          select(n.id);
        }
      });
    node
      .filter((n: { id: string }) => listed().has(n.id) && n.id !== ego)
      .attr('tabindex', 0)
      .attr('role', 'button')
      .attr('aria-label', (n: { id: string; d: number }) => {
        const r = listed().get(n.id);
        return `${n.id}, rank ${r?.rank}${r?.tied ? ' (tied)' : ''}, distance ${n.d}${harmedRecently.has(n.id) ? ', seriously harmed recently' : ''}: show their network`;
      });
    node
      .append('circle')
      .attr('r', (n: { id: string; d: number }) => r1((n.d === 0 ? 9 : n.d === 1 ? 6 : 4) * unit));
    node.append('title').text((n: { id: string; d: number }) => {
      const parts = [n.id, n.d === 0 ? 'selected person' : `distance ${n.d}`];
      if (harmedRecently.has(n.id))
        parts.push(
          `seriously harmed in the last ${data.recentDays} day${data.recentDays === 1 ? '' : 's'}`,
        );
      return parts.join(' · ');
    });
    // Labels only where they carry the story (the person and the associates behind their five
    // largest reasons); everyone else is named on hover.
    const labelled = new Set<string>([ego]);
    for (const reason of pathReasons) {
      if (labelled.size > 5) break;
      if (reason.via && dist.has(reason.via)) labelled.add(reason.via);
    }
    node
      .filter((n: { id: string }) => labelled.has(n.id))
      .append('text')
      .attr('dx', r1(8 * unit))
      .attr('dy', r1(3 * unit))
      .style('font-size', `${r1(10 * unit)}px`)
      .text((n: { id: string }) => n.id);
    if (networkNote) {
      // Others than the person: both sets hold the person too, who was counted among the people
      // "within distance 2" (a person without ties read "1 person within distance 2").
      const shown = nodes.length - 1;
      const all = within2.size - 1;
      networkNote.textContent =
        `${ego}: ${all === 0 ? 'no one' : `${all} ${all === 1 ? 'person' : 'people'}`} within distance 2` +
        (all > shown
          ? ` (${shown === 0 ? 'none' : `the ${shown} nearest and strongest`} drawn)`
          : '') +
        `; ${links.length} tie${links.length === 1 ? '' : 's'}.`;
    }
  };

  let selected = '';
  const select = (id: string) => {
    selected = id;
    for (const t of tables)
      for (const row of t.rows)
        row.classList.toggle('vc-selected', row.getAttribute('data-person') === id);
    showDetails(id);
    drawNetwork(id);
  };
  // Keyboard: Enter or Space selects the focused row; arrows, Home and End move between the
  // rows shown. Keys pressed inside a row's own controls ("and N more") are left to them.
  for (const t of tables) {
    const visibleRows = () =>
      Array.from(t.table.tBodies[0]?.rows ?? []).filter((row) => !row.hidden);
    for (const row of t.rows) {
      row.addEventListener('click', () => select(row.getAttribute('data-person') ?? ''));
      row.addEventListener('keydown', (event) => {
        if (event.target !== row) return;
        const key = event.key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          select(row.getAttribute('data-person') ?? '');
          return;
        }
        const shown = visibleRows();
        const at = shown.indexOf(row);
        let next: HTMLTableRowElement | undefined;
        if (key === 'ArrowDown') next = shown[at + 1];
        else if (key === 'ArrowUp') next = shown[at - 1];
        else if (key === 'Home') next = shown[0];
        else if (key === 'End') next = shown[shown.length - 1];
        else return;
        event.preventDefault();
        next?.focus();
      });
    }
  }

  // The list switch (radio buttons, so arrows and Tab work natively): shows one list, its
  // summary for print, and keeps the selected person when they are on the list switched to.
  const firstOf = () => (active === 'plan' ? data.plan?.[0] : data.ranked[0])?.person_id;
  const show = (name: 'risk' | 'plan') => {
    active = name;
    for (const view of Array.from(doc.querySelectorAll('[data-list]')))
      (view as HTMLElement).hidden = view.getAttribute('data-list') !== name;
    applyFilter();
    const keep = listed().has(selected) ? selected : firstOf();
    if (keep) select(keep);
  };
  for (const input of Array.from(doc.querySelectorAll('input[name="vc-list"]'))) {
    input.addEventListener('change', () => {
      const value = (input as HTMLInputElement).value;
      if ((input as HTMLInputElement).checked && (value === 'risk' || value === 'plan'))
        show(value);
    });
  }

  // Printing: the whole report, or only the one-page case-meeting summary.
  const body = doc.body;
  doc.getElementById('vc-print-all')?.addEventListener('click', () => {
    body.classList.remove('vc-print-brief');
    doc.defaultView?.print();
  });
  doc.getElementById('vc-print-brief')?.addEventListener('click', () => {
    body.classList.add('vc-print-brief');
    doc.defaultView?.print();
  });
  doc.defaultView?.addEventListener('afterprint', () => body.classList.remove('vc-print-brief'));
  const first = firstOf();
  if (first) select(first);
}
