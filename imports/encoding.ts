/**
 * The text of a CSV file as Dutch Excel saves it: UTF-8 with a byte-order mark ("CSV UTF-8"),
 * UTF-8 without one, or Windows-1252 ("CSV (gescheiden door lijstscheidingsteken)", the default
 * on a Dutch Windows). Strict UTF-8 is tried first: Windows-1252 text with any letter beyond
 * ASCII (ü, ë, é) is almost never valid UTF-8, and ASCII reads the same in both. What does not
 * decode as UTF-8 is read as Windows-1252, which maps every byte, so nothing is refused here;
 * the caller reports which encoding was used.
 *
 * Kept free of heavy imports: the providers-file reader and the CLI load it at start.
 */

/** How a file's bytes were read. */
export type TextEncoding = 'utf-8' | 'utf-8 (BOM)' | 'windows-1252';

/** The text of `data` and the encoding it was read in (a byte-order mark is not part of the text). */
export function decodeText(data: Uint8Array): { text: string; encoding: TextEncoding } {
  const bom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? data.subarray(3) : data);
    return { text, encoding: bom ? 'utf-8 (BOM)' : 'utf-8' };
  } catch {
    // Not UTF-8: Excel's "CSV" on a Dutch Windows is Windows-1252 (a superset of Latin-1 with € and quotes).
    return { text: decodeWindows1252(bom ? data.subarray(3) : data), encoding: 'windows-1252' };
  }
}

/**
 * Windows-1252 bytes 0x80 to 0x9F: €, the curly quotes, dashes, Š, Ž, Ÿ... (WHATWG's table; the
 * five unassigned bytes stay the control character of the same number).
 */
const HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Windows-1252 as text. Not `new TextDecoder('windows-1252')`: Node 20 decodes that label as
 * ISO-8859-1, so € (0x80) and Excel's curly quotes (0x91 to 0x94) became control characters.
 * Every other byte is the code point of the same number.
 */
export function decodeWindows1252(data: Uint8Array): string {
  let text = '';
  for (let i = 0; i < data.length; i += 8192) {
    const chunk = data.subarray(i, i + 8192);
    text += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? HIGH.charCodeAt(b - 0x80) : b)));
  }
  return text;
}
