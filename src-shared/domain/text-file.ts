/**
 * Whether text read from a file is really text. A spreadsheet (.xlsx is a zip), a PDF or an image
 * chosen by mistake decodes to NUL characters, control characters and U+FFFD replacement
 * characters; a CSV file a person saved has none of those, or a stray few.
 *
 * The renderer checks before it sends a file (escaped into JSON, such bytes would grow six-fold),
 * and the main process checks again, because it never trusts the page.
 */

/** Above this share of suspicious characters, the file is not text. */
const suspiciousShare = 0.1;

export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Tab, line feed, form feed and carriage return are ordinary in text files.
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || (code >= 0x7f && code < 0xa0);
    if (control || code === 0xfffd) suspicious++;
  }
  return suspicious > text.length * suspiciousShare;
}
