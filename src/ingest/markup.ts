// A web page or an XML document where a table's CSV was expected. Records systems' "Export to
// Excel" often writes an HTML table under an .xls or .csv name (Excel opens it without a word),
// and Excel 2003 saves its "XML Spreadsheet"; read as CSV, its first line was taken as a header
// of one column and the file as "a header but no records", or its tags as rows. Browser-safe.

// After any comments (`<!-- saved from url=… -->`, as a browser's "Save page" writes first), a
// page's first tag: a page may start with a fragment (`<div>`, `<p>`, `<title>`), as an error or
// sign-in page served in place of the data does. A CSV header never starts so.
const MARKUP =
  /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta|style|div|span|p|title|script|link|form|h[1-6]|br|center|font|noscript|\?xml)\b/i;

/**
 * What `text` is when it is a web page or an XML document ("an HTML page", "an XML document"),
 * else `undefined`.
 */
export function markupKind(text: string): string | undefined {
  const m = MARKUP.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  if (m === null) return undefined;
  return /^\s*<\?xml/i.test(m[0])
    ? /<\?mso-application[^>]*Excel/i.test(text.slice(0, 4096))
      ? 'an Excel 2003 XML Spreadsheet'
      : 'an XML document'
    : 'an HTML page';
}

/**
 * What to do with a JSON file that is such a page, after "… is an HTML page, not JSON": a web
 * service or portal answers with a page in place of its data.
 */
export const MARKUP_JSON_FIX =
  '(a web service or data portal answers with a page, a sign-in, an error or a notice, in place of its data): open it to read what the page says, then download the data again';

/** The table a file named `file` was expected to hold, by its name: JSON or CSV. */
export const expectedText = (file: string) =>
  /\.(?:json|jsonl|ndjson|geojson)(?:\.gz)?$/i.test(file) ? 'JSON' : 'CSV';

/** What to do with such a file, after "… is an HTML page, not CSV". */
export const MARKUP_FIX =
  '(a report tool\'s "Export to Excel" often writes one under an .xls or .csv name): open it in Excel and save it as CSV UTF-8 (File › Save As), or export the table as CSV';
