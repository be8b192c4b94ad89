// Lists edited by hand (service areas, reasons) are keyed by code: a repeated code is refused
// on the row that repeats it, with the code in the message.
import type { z } from 'zod';

export function refuseRepeatedCodes(message: (code: string) => string) {
  return (rows: readonly { code: string }[], ctx: z.core.$RefinementCtx<readonly { code: string }[]>): void => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (seen.has(row.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: message(row.code) });
      seen.add(row.code);
    });
  };
}
