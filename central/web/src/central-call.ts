// One way the page's views call central over fetch (administration, alerts, fleet health): same
// origin, the session cookie, JSON asked for; the answer parsed with the schema central answers
// with, a refusal with central's typed code, Vietnamese message, detail and (a spreadsheet) its
// problems. Central not answering, or answering something that is not its schema, is
// `refusal: null`: the view says central cannot be reached, never shows a half-parsed answer.
import { z } from 'zod';

export interface CentralRefusal {
  code: string;
  message: string;
  detail?: string | undefined;
  /** A spreadsheet's (or a unit change's) problems, each naming its line. */
  problems?: string[] | undefined;
}

export type CentralOutcome<T> = { ok: true; value: T } | { ok: false; refusal: CentralRefusal | null };

const refusalSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), detail: z.string().optional(), problems: z.array(z.string()).optional() }),
});

/** `schema` null: the answer's body does not matter (a change central acknowledges). */
export async function callCentral<T>(schema: z.ZodType<T> | null, path: string, init: RequestInit = {}): Promise<CentralOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    return { ok: false, refusal: null };
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    return { ok: false, refusal: null };
  }
  if (!response.ok) {
    const refusal = refusalSchema.safeParse(body);
    return { ok: false, refusal: refusal.success ? refusal.data.error : null };
  }
  if (schema === null) return { ok: true, value: null as T };
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, refusal: null };
}
