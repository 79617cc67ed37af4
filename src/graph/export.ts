import writeGexfXml from 'graphology-gexf/common/writer.js';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { InputError } from '../core/errors.js';
import { PURPOSE_LABEL } from '../core/purpose.js';

/**
 * One value as a file holds it: a Date as its ISO text (it was the engine's "Sun Jan 01 2023 …"),
 * an object as its JSON (it was "[object Object]"), NaN as a missing value (GraphML had "NaN");
 * `undefined` for one to leave out. ±Infinity and functions are refused first (refuseUnwritable).
 */
function scalar(v: unknown): unknown {
  if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'object')
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
  return v;
}

/** Array attributes (e.g. a tie's `incidents`) are written as `;`-joined text in GEXF/GraphML. */
function flatten(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attributes)) {
    const x = Array.isArray(v) ? v.map((e) => scalar(e) ?? '').join(';') : scalar(v);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/** Characters XML 1.0 cannot hold, even as a reference: C0 controls but tab, LF and CR; U+FFFE/F; lone surrogates. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a graph whose ids, attribute names or text hold a character XML cannot carry (a
 * control character such as U+0001, left by a database or a bad decoding): the file would be
 * written, and then no XML reader (Gephi, igraph, networkx) would open it. So for an attribute
 * holding ±Infinity (GraphML had "Infinity", which xsd:double readers refuse) or a function.
 */
function refuseNonXml(fn: string, graph: AbstractGraph): void {
  const check = (text: string, where: () => string) => {
    const m = NOT_XML.exec(text);
    if (!m) return;
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new InputError(
      fn,
      `${fn}: ${where()} holds U+${code}, a character XML cannot carry, so no reader (Gephi, igraph, networkx) would open the file; remove it from the records (or the graph) and export again`,
    );
  };
  const attributes = (a: Attributes, where: () => string) => {
    for (const [k, v] of Object.entries(a)) {
      check(k, () => `an attribute name of ${where()}`);
      for (const x of Array.isArray(v) ? v : [v]) {
        if (typeof x === 'string') check(x, () => `attribute '${k}' of ${where()}`);
        else if (
          x === Infinity ||
          x === -Infinity ||
          typeof x === 'function' ||
          typeof x === 'symbol'
        )
          throw new InputError(
            fn,
            typeof x === 'number'
              ? `${fn}: attribute '${k}' of ${where()} is ${x}: GEXF and GraphML readers (Gephi, igraph, networkx) take no infinite number; give a finite number, or leave the attribute out`
              : `${fn}: attribute '${k}' of ${where()} is a ${typeof x}, which a file cannot hold (it would be written as its source text); give a number or text, or leave the attribute out`,
          );
      }
    }
  };
  attributes(graph.getAttributes(), () => 'the graph');
  graph.forEachNode((n, a) => {
    const where = () => `node ${JSON.stringify(n)}`;
    check(n, where);
    attributes(a, where);
  });
  graph.forEachEdge((e, a, s, t) => {
    const where = () => `the tie ${JSON.stringify(s)}–${JSON.stringify(t)}`;
    check(e, () => `the key of ${where()}`);
    attributes(a, where);
  });
}

/**
 * Serialises any graph as GEXF 1.2draft (for Gephi; networkx's `read_gexf` reads it), via
 * graphology-gexf's writer. A tie's numeric `weight` is the edge's `weight` (Gephi's edge weight),
 * as networkx's `write_gexf` writes it; a non-numeric one an attribute value. A node's `label`
 * attribute is its GEXF label, as networkx's `write_gexf` writes it (its id when it has none or an
 * empty one), and so is a tie's; other attributes are attribute values. GraphML has no label:
 * `label` is a `<data>` attribute like any other (as networkx writes it). Array attributes become `;`-joined strings; NaN is left out (missing), a `Date` is ISO text, an
 * object its JSON, and ±Infinity or a function an `InputError` naming the node or tie. The purpose label comes first, as an XML comment,
 * and is the file's `meta` description (unless the graph has a `description` attribute). An id,
 * attribute name or text holding a character XML cannot carry (a control character such as
 * U+0001) is an `InputError` naming it: no reader would open the file.
 *
 * @example
 * const xml = toGexf(coOffendingGraph(data));
 */
export function toGexf(graph: AbstractGraph): string {
  refuseNonXml('toGexf', graph);
  const text: string = writeGexfXml(graph, {
    // A node's own label attribute is its GEXF label (Gephi shows it; networkx writes it so and
    // reads it back as the label attribute); its id when it has none. It was always the id, and
    // the label an attribute that networkx's reader dropped ('Alice' read back as 'a').
    formatNode: (key: string, attributes: Attributes) => {
      const { label, ...rest } = flatten(attributes);
      return { label: label === undefined || label === '' ? key : String(label), attributes: rest };
    },
    // A tie's label likewise (networkx's write_gexf); none when it has none. A numeric weight is
    // the edge's weight="…", as networkx writes it: Gephi takes only that as the edge weight (an
    // attribute value named weight, as it was, left every tie at Gephi's weight 1).
    formatEdge: (_key: string, attributes: Attributes) => {
      const { label, weight, ...rest } = flatten(attributes);
      const numeric = typeof weight === 'number';
      if (!numeric && weight !== undefined) rest.weight = weight;
      return {
        ...(label === undefined || label === '' ? {} : { label: String(label) }),
        ...(numeric ? { weight } : {}),
        attributes: rest,
      };
    },
  });
  // graphology-gexf declares GEXF 1.2draft with a viz namespace of three slashes; networkx
  // writes (and its reader expects) http://www.gexf.net/1.1draft/viz.
  return labelXml(text.replace('http:///www.gexf.net/', 'http://www.gexf.net/'), (tag) =>
    // GEXF: the label as a comment first, and as the file's description (shown by Gephi) unless
    // the graph has its own description attribute.
    graph.hasAttribute('description')
      ? tag
      : tag.endsWith('/>')
        ? `${tag.slice(0, -2)}><description>${xml(PURPOSE_LABEL)}</description></meta>`
        : `${tag}<description>${xml(PURPOSE_LABEL)}</description>`,
  );
}

/** The purpose label as an XML comment after the declaration, and `meta` rewritten by `onMeta`. */
function labelXml(text: string, onMeta: (tag: string) => string): string {
  const decl = /^<\?xml[^>]*\?>\s*/.exec(text);
  const head = decl ? decl[0].trimEnd() : '';
  const body = (decl ? text.slice(decl[0].length) : text).replace(/<meta\b[^>]*>/, onMeta);
  return `${head ? `${head}\n` : ''}<!-- ${PURPOSE_LABEL} -->\n${body}`;
}

// A tab, line feed or carriage return is written as a character reference: an XML parser turns
// each into a space in an attribute (a node id 'A\nB' read back as 'A B', one node with 'A B')
// and a carriage return into a line feed in text.
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const xml = (s: unknown) => String(s).replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]);

type KeyType = 'boolean' | 'int' | 'double' | 'string';
function keyType(values: unknown[]): KeyType {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (values.every((v) => typeof v === 'number')) return 'double';
  return 'string';
}

/**
 * Serialises any graph as GraphML (for Gephi, igraph, networkx `read_graphml`), with typed
 * `<key>` declarations inferred from the attribute values. Array attributes become `;`-joined strings; NaN is left out
 * (missing), a `Date` is ISO text, an object its JSON, and ±Infinity or a function an `InputError`.
 * The purpose label comes first, as an XML comment, and as the `<desc>` of the file; the graph's
 * own attributes (a co-offending graph's `asOf`, `since`, `halfLifeDays`; `null` ones left out)
 * are `<data>` of the `<graph>` element, as readers take graph attributes. Tabs, line
 * breaks and carriage returns in ids and text are written as character references, so that they
 * read back as written (a parser reads them as spaces otherwise). An id, attribute name or text
 * holding a character XML cannot carry (a control character such as U+0001) is an `InputError`
 * naming it: no reader would open the file.
 *
 * @example
 * const xml = toGraphml(victimisationGraph(data));
 */
export function toGraphml(graph: AbstractGraph): string {
  refuseNonXml('toGraphml', graph);
  const declare = (domain: 'graph' | 'node' | 'edge', rows: Attributes[]) => {
    const values = new Map<string, unknown[]>();
    for (const r of rows) {
      for (const [k, v] of Object.entries(r)) {
        if (!values.has(k)) values.set(k, []);
        values.get(k)!.push(v);
      }
    }
    return [...values].map(([name, vs], i) => ({
      id: `${domain[0]}${i}`,
      name,
      type: keyType(vs),
    }));
  };
  const nodeRows = graph.mapNodes((_n, a) => flatten(a));
  const edgeRows = graph.mapEdges((_e, a) => flatten(a));
  const nodeKeys = declare('node', nodeRows);
  const edgeKeys = declare('edge', edgeRows);
  // The graph's own attributes (a co-offending graph's asOf, since and halfLifeDays): GraphML
  // files carried none, so they did not say which records or half-life the weights came from.
  const graphRow = Object.fromEntries(
    Object.entries(flatten(graph.getAttributes())).filter(([, v]) => v !== null && v !== undefined),
  );
  const graphKeys = declare('graph', [graphRow]);
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${PURPOSE_LABEL} -->`,
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    `  <desc>${xml(PURPOSE_LABEL)}</desc>`,
  ];
  for (const [domain, keys] of [
    ['graph', graphKeys],
    ['node', nodeKeys],
    ['edge', edgeKeys],
  ] as const) {
    for (const k of keys) {
      lines.push(
        `  <key id="${k.id}" for="${domain}" attr.name="${xml(k.name)}" attr.type="${k.type}"/>`,
      );
    }
  }
  const data = (keys: typeof nodeKeys, a: Attributes) =>
    keys
      .filter((k) => a[k.name] !== undefined)
      .map((k) => `<data key="${k.id}">${xml(a[k.name])}</data>`)
      .join('');
  lines.push(`  <graph edgedefault="${graph.type === 'directed' ? 'directed' : 'undirected'}">`);
  for (const k of graphKeys) {
    lines.push(`    <data key="${k.id}">${xml(graphRow[k.name])}</data>`);
  }
  let i = 0;
  graph.forEachNode((n) => {
    lines.push(`    <node id="${xml(n)}">${data(nodeKeys, nodeRows[i++])}</node>`);
  });
  let j = 0;
  graph.forEachEdge((e, _a, s, t, _sa, _ta, undirected) => {
    const dir = graph.type === 'mixed' ? ` directed="${!undirected}"` : '';
    lines.push(
      `    <edge id="${xml(e)}" source="${xml(s)}" target="${xml(t)}"${dir}>${data(edgeKeys, edgeRows[j++])}</edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
