import { gunzipSync } from 'node:zlib';
import { OptionError } from '../core/errors.js';
import { closestName } from '../core/options.js';
import { IngestError } from '../ingest/ingest-error.js';
import { expectedText, MARKUP_FIX, MARKUP_JSON_FIX, markupKind } from '../ingest/markup.js';
import { lineNumberAt } from '../ingest/source-table.js';

/** Byte offset of the first byte that is not valid UTF-8, or -1 when all of it is. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Labels an encoding typo (`--encoding`, `ingestFiles`'s `encoding`) is matched against (the Encoding Standard's names
 * and a few labels). @internal
 */
export const COMMON_ENCODINGS = [
  'utf-8',
  'windows-1252',
  'latin1',
  'iso-8859-1',
  'iso-8859-15',
  'utf-16le',
  'utf-16be',
  'windows-1250',
  'windows-1251',
  'macintosh',
  'shift_jis',
  'gbk',
];

/**
 * Refuses an encoding label no decoder knows, naming the function, its option and the closest
 * common label, before any file is read (it was a `RangeError` naming neither). @internal
 */
export function checkEncodingLabel(fn: string, option: string, label: unknown): void {
  if (typeof label !== 'string' || label.toLowerCase().replace(/[-_]/g, '') === 'utf8') return;
  try {
    new TextDecoder(label);
  } catch {
    const near = closestName(label.toLowerCase(), COMMON_ENCODINGS);
    throw new OptionError(
      fn,
      option,
      `${fn}: option '${option}' '${label}' is not an encoding${near ? ` (did you mean '${near}'?)` : ''}; give a label such as 'windows-1252' (Excel on Windows), 'latin1', 'iso-8859-15' or 'utf-8'.`,
    );
  }
}

/**
 * A file's bytes as text. A byte-order mark names the encoding (UTF-8, UTF-16 LE or BE, as
 * Excel's "Unicode Text" writes), over `encoding`. Otherwise, with `encoding` (any WHATWG label:
 * `'latin1'`, `'windows-1252'`, `'iso-8859-15'`, `'utf-16le'`…) the bytes are decoded with it. Without, they must be UTF-8:
 * invalid UTF-8 is an {@link IngestError} (code `encoding`) naming the file, line and byte offset
 * and suggesting the option, never replacement characters that would merge ids such as `José`
 * and `Josè`. A NUL character is an {@link IngestError} too: with a hint at UTF-16 without a
 * byte-order mark when NULs are dense (a fifth of the first 1,000 characters or more), else a hint
 * to remove it (a database CHAR column's padding). The byte-order mark is removed. Bytes read with
 * another `encoding` that are valid UTF-8 with letters beyond ASCII get a warning in `warnings`
 * (see {@link mojibakeWarning}). Gzip-compressed bytes (`.csv.gz`) are decompressed first, and
 * refused as cut short or damaged when they cannot be. A Parquet or Arrow file is refused saying what to do with it in
 * the caller's terms, `columnar` (default: the library's `readParquet` and `tableFromIPC`).
 */
export function decodeText(
  bytes: Uint8Array,
  file: string,
  encoding?: string,
  fix = "pass the file's encoding, e.g. { encoding: 'windows-1252' } (Excel on Windows) or 'latin1'",
  warnings?: string[],
  utf8 = "encoding: 'utf-8'",
  columnar: Columnar = LIBRARY_COLUMNAR,
): string {
  // A gzip-compressed export (`incidents.csv.gz`, as database dumps and portals ship large
  // tables) was refused as "decompress it first (gunzip)": its text is read as the file's.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let inflated: Uint8Array;
    try {
      inflated = gunzipSync(bytes);
    } catch (e) {
      throw new IngestError(
        'not-text',
        file,
        `'${file}' is not a text file but gzip-compressed, and cannot be decompressed (${(e as Error).message}): cut short or damaged? Copy or download it again in full`,
      );
    }
    return decodeText(inflated, file, encoding, fix, warnings, utf8, columnar);
  }
  const kind = binaryKind(bytes, columnar);
  if (kind !== undefined) {
    throw new IngestError(
      'not-text',
      file,
      `'${file}' is not a text file but ${kind[0]}; ${kind[1]}`,
    );
  }
  // A byte-order mark names the encoding, over any label (as the Encoding Standard decodes):
  // Excel's "Unicode Text" is UTF-16 LE with one. Read as UTF-8 it was refused with a hint at
  // windows-1252, which would have read every other byte as a NUL.
  const bom = sniffBom(bytes);
  if (bom !== undefined) encoding = bom;
  // UTF-16 without a mark (SQL Server's `bcp -w`, some database clients) was refused as "not
  // UTF-8 … e.g. windows-1252" at its first letter beyond ASCII, and read as windows-1252 then
  // refused as "is its encoding 'windows-1252'?": neither named the encoding it is in.
  // Named UTF-16 (either order), such bytes are read in the order they are in; bytes that are not
  // UTF-16 (the option names every file of a run; text read so was a line of CJK characters,
  // "a header but no records") are read as UTF-8, with a warning.
  const order = bom === undefined ? utf16Order(bytes) : undefined;
  const named = decoderName(encoding);
  const sixteen = named === 'utf-16le' || named === 'utf-16be';
  if (order !== undefined && sixteen) encoding = order;
  else if (bom === undefined && sixteen) {
    warnings?.push(
      `'${file}' was read as UTF-8, not ${encoding}: its bytes are not UTF-16 (no NUL byte beside its ASCII characters) and it has no byte-order mark; the encoding is used for the files that are`,
    );
    encoding = undefined;
  }
  if (order !== undefined && !sixteen) {
    const at = bytes.indexOf(0);
    let line = 1;
    for (let k = 0; k < at; k++) if (bytes[k] === 10) line++;
    const option = utf8.replace(/\s*\(.*\)$/, '').replace('utf-8', order);
    throw new IngestError(
      'encoding',
      file,
      `'${file}' holds a NUL character (line ${line}), which no CSV or JSON text does: its bytes are UTF-16 ${order === 'utf-16le' ? 'LE' : 'BE'} without a byte-order mark (a NUL byte beside every ASCII character, as SQL Server's bcp -w writes)` +
        `${encoding === undefined || named === 'utf-8' ? '' : `, not ${encoding}`}; give its encoding, ${option}, or save it as CSV UTF-8`,
      line,
    );
  }
  let text: string;
  // Every label of UTF-8 ('utf8', 'unicode-1-1-utf-8'…) is checked as UTF-8: decoded by a
  // TextDecoder, bytes that are not UTF-8 became U+FFFD without a word.
  if (
    encoding !== undefined &&
    encoding.toLowerCase().replace(/[-_]/g, '') !== 'utf8' &&
    decoderName(encoding) !== 'utf-8'
  ) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      throw new RangeError(
        `encoding '${encoding}' is not known; use a label such as 'utf-8', 'windows-1252', 'latin1' or 'iso-8859-15'`,
      );
    }
    text = decoder.decode(bytes);
    const w = bom === undefined ? mojibakeWarning(bytes, file, encoding, utf8) : undefined;
    if (w !== undefined) warnings?.push(w);
  } else {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      let line = 1;
      let lineStart = 0;
      // CRLF, LF and a lone CR (old Mac exports) each end a line.
      for (let k = 0; k < bad; k++)
        if (bytes[k] === 10 || (bytes[k] === 13 && bytes[k + 1] !== 10)) {
          line++;
          lineStart = k + 1;
        }
      throw new IngestError(
        'encoding',
        file,
        `'${file}' is not UTF-8: at byte offset ${bad} (line ${line}, byte ${bad - lineStart + 1} of the line) is 0x${bytes[bad].toString(16).padStart(2, '0')}; ` +
          `reading it as UTF-8 would turn letters such as é into the same replacement character and merge different ids; ${fix}`,
        line,
      );
    }
    text = new TextDecoder('utf-8').decode(bytes);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = lineNumberAt(text, nul);
    // UTF-16 text read as 8-bit has a NUL beside nearly every ASCII letter; a stray NUL or two
    // (a database CHAR column's padding) is not a wrong encoding, and the hint must not say so.
    const dense = nulShare(text) >= 0.2;
    throw new IngestError(
      'encoding',
      file,
      `'${file}' holds a NUL character (line ${line}), which no CSV or JSON text does: ` +
        (!dense
          ? `remove it (padding from a database CHAR column?); a NUL inside an id would make a person other than the same id without it`
          : encoding === undefined || /^utf-?8$/i.test(encoding)
            ? "a UTF-16 file without a byte-order mark? Save it as CSV UTF-8, or give its encoding ('utf-16le')"
            : `is its encoding '${encoding}'? Save it as CSV UTF-8`),
      line,
    );
  }
  // An HTML table or XML spreadsheet saved under a .csv (.xls) name, in any encoding.
  const markup = text.trimStart().charCodeAt(0) === 60 ? markupKind(text) : undefined;
  if (markup !== undefined) {
    // A .json file that is a page (a portal's sign-in or error page saved as the download) was
    // told "not CSV" and how to save an Excel export.
    const json = expectedText(file) === 'JSON';
    throw new IngestError(
      'not-text',
      file,
      `'${file}' is ${markup}, not ${json ? `JSON ${MARKUP_JSON_FIX}` : `CSV ${MARKUP_FIX}`}`,
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A warning when `bytes`, decoded with a non-UTF-8 `encoding` (`windows-1252`, `latin1`…), are
 * valid UTF-8 holding letters beyond ASCII: read so, each such letter is two or three
 * (`José` is `JosÃ©`), and the ids that hold one are not the ids of a UTF-8 file. Text in a
 * single-byte encoding is almost never valid UTF-8 by chance (its `é` is one byte, 0xE9, that
 * UTF-8 never has alone). `undefined` when there is nothing to warn of.
 */
export function mojibakeWarning(
  bytes: Uint8Array,
  file: string,
  encoding: string,
  utf8: string,
): string | undefined {
  if (/^utf-?16/i.test(encoding)) return undefined;
  let first = -1;
  let letters = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    if (first < 0) first = i;
    if (b >= 0xc2) letters++; // a UTF-8 lead byte: one letter
  }
  if (first < 0 || firstInvalidUtf8(bytes) >= 0) return undefined;
  // The line of the first such letter, as read and as UTF-8 (a lone CR ends a line too).
  let start = first;
  while (start > 0 && bytes[start - 1] !== 10 && bytes[start - 1] !== 13) start--;
  let end = first;
  while (end < bytes.length && bytes[end] !== 10 && bytes[end] !== 13) end++;
  const line = bytes.subarray(start, end);
  const asRead = new TextDecoder(encoding).decode(line);
  const asUtf8 = new TextDecoder('utf-8').decode(line);
  const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
  const lineNo = 1 + lineEnds(bytes, start);
  return (
    `'${file}' was read as ${encoding}, but it is valid UTF-8 with ${letters} letter${letters > 1 ? 's' : ''} beyond ASCII, ` +
    `each read as two or three characters (line ${lineNo}: '${clip(asRead)}', in UTF-8 '${clip(asUtf8)}'): ` +
    `if it was saved as UTF-8, read it with ${utf8}, or ids such as 'José' become 'JosÃ©'`
  );
}

/** The line ends in `bytes` before `end`: CRLF, LF and a lone CR (old Mac exports) each one. */
function lineEnds(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++)
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) n++;
  return n;
}

const SAVE_AS_CSV = 'open it and save it as CSV UTF-8 (File › Save As), or export the table as CSV';

/** What to do with a Parquet or an Arrow file, in the caller's terms (the library's, the CLI's). */
export interface Columnar {
  parquet: string;
  arrow: string;
}

const LIBRARY_COLUMNAR: Columnar = {
  parquet: 'read it with readParquet and pass the table to ingest, or export it as CSV',
  arrow: 'read it with tableFromIPC and pass the table to ingest, or export it as CSV',
};

/**
 * What a file is, by its first bytes, when it is one of the binary files met where a CSV is
 * expected: [what it is, what to do]. Read as text it was refused as "not UTF-8" with a hint at
 * windows-1252, which cannot help.
 */
function binaryKind(b: Uint8Array, columnar: Columnar): [string, string] | undefined {
  const starts = (...m: number[]) => m.every((x, k) => b[k] === x);
  const ends = (...m: number[]) => m.every((x, k) => b[b.length - m.length + k] === x);
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // A ZIP of exports (its first file a .csv, .json…) was told to be opened and saved as CSV,
    // as a workbook is: say what it holds, and to unzip it.
    const first = zipFirstName(b);
    if (first !== undefined && /\.(?:csv|tsv|tab|txt|json|jsonl|ndjson)$/i.test(first))
      return [`a ZIP archive holding '${first}'`, 'unzip it and pass the file inside'];
    return ['a ZIP archive (an Excel workbook, .xlsx?)', SAVE_AS_CSV];
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))
    return ['an Excel 97–2003 workbook (.xls)', SAVE_AS_CSV];
  // Parquet begins and ends with PAR1 (a CSV whose first id is `PAR1…` only begins so).
  if (b.length >= 12 && starts(0x50, 0x41, 0x52, 0x31) && ends(0x50, 0x41, 0x52, 0x31))
    return ['a Parquet file', columnar.parquet];
  // A Parquet file cut short (an interrupted download or copy, or one still being written)
  // begins with PAR1 and binary page headers (0x15…), but lacks the closing PAR1; it was refused
  // as "not UTF-8" with a hint at windows-1252. A CSV whose first id is `PAR1…` has no control
  // bytes after it.
  if (starts(0x50, 0x41, 0x52, 0x31) && hasControlByte(b, 4, 1024))
    return [
      'a Parquet file cut short: it begins like one (PAR1) but does not end like one (an interrupted download or copy, or a file still being written?)',
      `copy or download it again in full, or wait until it is written; then ${columnar.parquet}`,
    ];
  if (starts(0x41, 0x52, 0x52, 0x4f, 0x57, 0x31) || starts(0xff, 0xff, 0xff, 0xff))
    return ['an Apache Arrow file', columnar.arrow];
  return undefined;
}

/**
 * The name of the first file of a ZIP archive, from its first local file header (the name's
 * length at byte 26, the name from byte 30); `undefined` when the header is cut short.
 */
function zipFirstName(b: Uint8Array): string | undefined {
  if (b.length < 30) return undefined;
  const n = b[26] | (b[27] << 8);
  if (n === 0 || 30 + n > b.length) return undefined;
  return new TextDecoder('utf-8').decode(b.subarray(30, 30 + n));
}

/** Whether `b[from..to)` holds a control byte no text file holds (not a tab, CR or LF). */
function hasControlByte(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < Math.min(to, b.length); i++) {
    const x = b[i];
    if ((x < 0x20 && x !== 9 && x !== 10 && x !== 13) || x === 0x7f) return true;
  }
  return false;
}

/**
 * `'utf-16le'` or `'utf-16be'` when `b` (with no byte-order mark) reads as UTF-16 text: among its
 * first 2,000 bytes, a NUL is at least a third of the bytes at odd (LE) or even (BE) offsets — a
 * NUL beside every ASCII character — and almost none at the others (a stray NUL or two, a
 * database CHAR column's padding, is not UTF-16).
 */
function utf16Order(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, 2000) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs / 3 && even <= pairs / 20) return 'utf-16le';
  if (even >= pairs / 3 && odd <= pairs / 20) return 'utf-16be';
  return undefined;
}

/** The Encoding Standard's name of `label` (`'utf-16le'` for `'utf-16'`), UTF-8 by default. */
function decoderName(label: string | undefined): string {
  if (label === undefined) return 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return label;
  }
}

/** The encoding a byte-order mark names (UTF-8, UTF-16 LE or BE), or `undefined`. */
function sniffBom(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The 1-based line of character `at` of `text`. */
/** The share of NUL characters among the first 1,000 of `text`. */
function nulShare(text: string): number {
  const n = Math.min(text.length, 1000);
  let k = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) k++;
  return n === 0 ? 0 : k / n;
}
