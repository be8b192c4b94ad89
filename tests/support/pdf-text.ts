// Reads a PDF back as text, one string per page, with Debian's pdftotext (poppler-utils, installed
// by .ci/run like Chromium). A missing pdftotext throws: the test fails, it never skips.
import { execFileSync } from 'node:child_process';

/** Each page's text in the order it was drawn (-raw: a table row stays one line), whitespace folded to one space. */
export function pdfPageTexts(pdfPath: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', pdfPath, '-'], { encoding: 'utf8' });
  // Pages end with a form feed; the text after the last one is empty.
  return text
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s+/g, ' ').trim());
}
