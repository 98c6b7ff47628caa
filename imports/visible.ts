/**
 * Text from a file quoted in a message, so that staff see what is in it. Kept free of imports:
 * the providers-file reader uses it too.
 */

/** Characters a reader cannot see: controls (NUL, a line break, a tab), format characters (a zero-width space, a direction mark), line and paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** How long a quoted text may be in a message before it is cut. */
const QUOTE_LENGTH = 60;

/**
 * `text` in quotes, an invisible character shown as its code: '0100\u00000001'. A NUL, a
 * zero-width space or a line break is why such a cell is wrong, and as it is, the terminal, the
 * browser and Excel drop it or stop at it ('0100'). The code, not a picture such as ␀: plain ASCII
 * reads the same in every font, terminal and CSV, and it names the character exactly. A long text
 * is cut (…) before the codes are written, never inside one.
 */
export function quote(text: string): string {
  const chars = [...text];
  const shown = chars
    .slice(0, QUOTE_LENGTH)
    .join('')
    .replace(INVISIBLE, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return `'${shown}${chars.length > QUOTE_LENGTH ? '…' : ''}'`;
}
