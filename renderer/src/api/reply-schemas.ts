// Everything that crossed the process boundary is parsed here, against the contract: each
// method's reply (in its Result envelope), and each pushed event.
// It is the one renderer module that imports the contract's schemas, and so zod: the entry
// chunk stays small (react-dom is most of it), and this chunk is fetched the moment the client
// is created, in parallel with the first calls (kiosk-client.ts). One declaration per method
// still: the schemas are the contract's own, imported, never restated.
import { contract, contractEvents, type EventName, type MethodName } from '../../../shared/contract';
import { kioskError } from '../../../shared/errors';
import { resultSchema, type Result } from '../../../shared/result';

type Envelope = ReturnType<typeof resultSchema>;
const envelopes = new Map<string, Envelope>();

function parseResult(key: string, data: Parameters<typeof resultSchema>[0], reply: unknown, what: string): Result<unknown> {
  let envelope = envelopes.get(key);
  if (envelope === undefined) envelopes.set(key, (envelope = resultSchema(data)));
  const parsed = envelope.safeParse(reply);
  return parsed.success ? (parsed.data as Result<unknown>) : { ok: false, error: kioskError('INTERNAL', `reply did not match the ${what}`) };
}

export function parseReply(name: MethodName, reply: unknown): Result<unknown> {
  return parseResult(`method:${name}`, contract[name].output, reply, 'contract');
}

/** The parsed payload, or undefined for a payload off the contract (dropped). */
export function parseEvent(name: EventName, payload: unknown): { payload: unknown } | undefined {
  const parsed = contractEvents[name].safeParse(payload);
  return parsed.success ? { payload: parsed.data } : undefined;
}
