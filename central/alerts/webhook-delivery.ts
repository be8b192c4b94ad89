// Sends the alert outbox to the configured webhook (issue 17). At least once: a row is marked
// delivered only after a 2xx answer, so a webhook down, a timeout or central stopping mid-send
// leaves it due, and it goes again after a backoff (30 s doubling, at most an hour, for ever —
// an alert is not dropped because a receiver was down for a weekend). Each attempt carries the
// same bytes and `Idempotency-Key: <alertId>`, so a receiver that already has it can ignore a
// repeat. Rows are leased while sent: another instance (or a second pass here) skips them. Never
// called on the ingest path: a batch's answer never waits for a webhook.
import type { Logger } from '../central-logger';
import type { AlertStore } from './alert-store';

export const WEBHOOK_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** Longer than one attempt's timeout: a lease never runs out under a send still in flight. */
const LEASE_MS = 3 * WEBHOOK_TIMEOUT_MS;
const BATCH = 20;

/** The wait after the n-th failed attempt (n ≥ 1). */
export const retryDelayMs = (attempts: number): number => Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));

export interface WebhookDeliveryDeps {
  store: AlertStore;
  url: string;
  now: () => Date;
  log: Logger;
  timeoutMs?: number;
}

export function createWebhookDelivery({ store, url, now, log, timeoutMs = WEBHOOK_TIMEOUT_MS }: WebhookDeliveryDeps) {
  let running: Promise<number> | null = null;
  let again = false;

  async function send(alertId: string, body: string): Promise<string | null> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': alertId, 'user-agent': 'hai-long-central' },
        body,
        // A redirect is not followed: the body goes only where the province configured.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }

  async function pass(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const due = await store.claimDeliveries(now().getTime(), now().getTime() + LEASE_MS, BATCH);
      if (due.length === 0) return delivered;
      for (const item of due) {
        const failure = await send(item.alertId, item.body);
        if (failure === null) {
          await store.deliveryDone(item.alertId, now().toISOString());
          delivered++;
          log.info({ alertId: item.alertId, attempts: item.attempts + 1 }, 'alert delivered to webhook');
        } else {
          const attempts = item.attempts + 1;
          await store.deliveryFailed(item.alertId, attempts, now().getTime() + retryDelayMs(attempts), failure);
          log.warn({ alertId: item.alertId, attempts, failure }, 'alert webhook failed; will retry');
        }
      }
    }
  }

  return {
    /**
     * Sends every due row; one pass at a time in this process (a call meanwhile runs one more pass
     * after it, so a row written during a pass is not left for the next timer). Never throws.
     */
    deliverDue(): Promise<number> {
      if (running !== null) {
        again = true;
        return running;
      }
      const run = async () => {
        let total = 0;
        do {
          again = false;
          try {
            total += await pass();
          } catch (error) {
            log.error({ err: error }, 'alert delivery pass failed');
          }
        } while (again);
        return total;
      };
      running = run().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
