// Resolving a reference code at central (issue 15, the report path): a citizen quotes the code
// the kiosk showed after a report-path reason; an inspector looks it up with `central lookup`
// or GET /api/v1/references/<code> (admin token). The code is derived from the rating id, so the
// wire carries nothing new: central stores it on each reason answer at ingest (migration 7).
import { z } from 'zod';
import { parseReferenceCode } from '../shared/reference-code-text';
import type { CentralStore, ReferencedAnswer } from './store/central-store';

const matchSchema = z.strictObject({
  ratingId: z.string(),
  deviceId: z.string(),
  /** The device as registered at central; null if it was never registered (cannot happen for synced data). */
  officeCode: z.string().nullable(),
  counter: z.number().int().nullable(),
  deviceLabel: z.string().nullable(),
  /** The rating, when central holds it (an answer may arrive before its rating). */
  rating: z
    .strictObject({
      createdAt: z.string(),
      scale: z.string(),
      level: z.number().int(),
      officerId: z.string().nullable(),
      serviceCode: z.string().nullable(),
      dossierCode: z.string().nullable(),
      flags: z.array(z.string()),
    })
    .nullable(),
  reasons: z.array(z.strictObject({ code: z.string(), label: z.string() })),
  answeredAt: z.string(),
  receivedAt: z.string(),
});

/** The admin API's answer; `matches` empty when no stored answer has the code. */
export const referenceLookupResponseSchema = z.strictObject({ referenceCode: z.string(), matches: z.array(matchSchema) });
export type ReferenceLookupResponse = z.infer<typeof referenceLookupResponseSchema>;

/** Thrown for text that cannot be a code (the CLI prints it, the API answers 400). */
export class MalformedReferenceError extends Error {
  override name = 'MalformedReferenceError';
  constructor(typed: string) {
    super(`Mã phản ánh không đúng dạng: "${typed.slice(0, 60)}" (cần HL và 10 chữ hoặc số, ví dụ HL-7Q2MV-K0D9X)`);
  }
}

/** Reads the typed code forgivingly (as the kiosk does) and returns every stored match. */
export async function lookUpReference(store: CentralStore, typed: string): Promise<ReferenceLookupResponse> {
  const referenceCode = parseReferenceCode(typed);
  if (referenceCode === null) throw new MalformedReferenceError(typed);
  const found = await store.findByReference(referenceCode);
  return referenceLookupResponseSchema.parse({ referenceCode, matches: found.map(toMatch) });
}

function toMatch({ answer, rating, device }: ReferencedAnswer): z.infer<typeof matchSchema> {
  return {
    ratingId: answer.answer.ratingId,
    deviceId: answer.answer.deviceId,
    officeCode: device?.officeCode ?? null,
    counter: device?.counter ?? null,
    deviceLabel: device?.label ?? null,
    rating:
      rating === null
        ? null
        : {
            createdAt: rating.rating.createdAt,
            scale: rating.rating.scale,
            level: rating.rating.level,
            officerId: rating.rating.officerId,
            serviceCode: rating.rating.serviceCode,
            dossierCode: rating.rating.dossierCode,
            flags: rating.rating.flags,
          },
    reasons: answer.answer.reasons,
    answeredAt: answer.answer.createdAt,
    receivedAt: answer.receivedAt,
  };
}

/** `central lookup`'s output: KEY=value lines a person reads and a script greps. */
export function formatReferenceLookup(result: ReferenceLookupResponse): string {
  if (result.matches.length === 0) return `REFERENCE=${result.referenceCode} FOUND=0\nKhông có đánh giá nào có mã phản ánh này ở máy chủ trung tâm.\n`;
  const lines = [`REFERENCE=${result.referenceCode} FOUND=${result.matches.length}`];
  for (const m of result.matches) {
    lines.push(
      `RATING=${m.ratingId} DEVICE=${m.deviceId} OFFICE=${m.officeCode ?? '?'} COUNTER=${m.counter ?? '?'}` +
        (m.rating === null
          ? ' (đánh giá chưa về máy chủ trung tâm)'
          : ` AT=${m.rating.createdAt} SCALE=${m.rating.scale} LEVEL=${m.rating.level} OFFICER=${m.rating.officerId ?? '-'} SERVICE=${m.rating.serviceCode ?? '-'} DOSSIER=${m.rating.dossierCode ?? '-'}`),
      `  Lý do: ${m.reasons.map((r) => `${r.label} (${r.code})`).join('; ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
