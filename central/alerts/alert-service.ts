// The alerts as central runs them (issue 17): evaluation after each stored batch, the timer for
// silent devices and the outbox, and the webhook. `central serve` starts the timer (every
// minute); tests call `afterBatch`, `tick` and `deliverDue` themselves with a pinned clock.
import type { Logger } from '../central-logger';
import type { CentralStore } from '../store/central-store';
import type { SyncAck, SyncBatch } from '../../shared/sync/wire';
import { alertWebhookUrlSchema } from '../../shared/central-alerts';
import { createAlertEvaluation, type EvaluationResult } from './alert-evaluation';
import { createWebhookDelivery } from './webhook-delivery';

export const ALERT_TIMER_MS = 60_000;

export interface AlertServiceOptions {
  store: CentralStore;
  log: Logger;
  now: () => Date;
  /** CENTRAL_ALERT_WEBHOOK_URL, already checked (alertWebhookUrlFromEnv); null: alerts are only shown on the page. */
  webhookUrl: string | null;
  newId?: () => string;
  webhookTimeoutMs?: number;
}

/** CENTRAL_ALERT_WEBHOOK_URL: unset or empty → none; anything but an http(s) URL stops `serve` (zod's message). */
export function alertWebhookUrlFromEnv(env: Readonly<Record<string, string | undefined>>): string | null {
  const value = env.CENTRAL_ALERT_WEBHOOK_URL?.trim();
  if (value === undefined || value === '') return null;
  const parsed = alertWebhookUrlSchema.safeParse(value);
  if (!parsed.success) throw new Error(`CENTRAL_ALERT_WEBHOOK_URL: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

export function createAlertService({ store, log, now, webhookUrl, newId, webhookTimeoutMs }: AlertServiceOptions) {
  const evaluation = createAlertEvaluation({ store, now, webhookConfigured: webhookUrl !== null, ...(newId === undefined ? {} : { newId }) });
  const delivery = webhookUrl === null ? null : createWebhookDelivery({ store: store.alerts, url: webhookUrl, now, log, ...(webhookTimeoutMs === undefined ? {} : { timeoutMs: webhookTimeoutMs }) });
  let timer: NodeJS.Timeout | null = null;

  const announce = (result: EvaluationResult) => {
    for (const alert of result.fired) log.info({ alertId: alert.alertId, ruleId: alert.ruleId, subject: alert.subject, occurredAt: alert.occurredAt }, 'alert raised');
    // Sent after the answer's work, never awaited by a batch: the outbox keeps it if this fails.
    if (result.fired.length > 0 && delivery !== null) void delivery.deliverDue();
  };

  const service = {
    /**
     * After a batch committed: the ratings it stored for the first time. Never throws (the batch
     * is stored whatever happens here); a failure is logged and the next batch evaluates again.
     */
    async afterBatch(batch: SyncBatch, ack: SyncAck): Promise<EvaluationResult> {
      try {
        const accepted = new Set(ack.accepted);
        const ratings = batch.ratings.filter((r) => accepted.has(r.id));
        const result = await evaluation.afterIngest({ deviceId: batch.deviceId, ratings });
        announce(result);
        return result;
      } catch (error) {
        log.error({ err: error, deviceId: batch.deviceId, batchId: batch.batchId }, 'alert evaluation after a batch failed');
        return { fired: [] };
      }
    },
    /** The timer's work: silent devices, then whatever the outbox has due. */
    async tick(): Promise<EvaluationResult> {
      let result: EvaluationResult = { fired: [] };
      try {
        result = await evaluation.evaluateSilentDevices();
        announce(result);
      } catch (error) {
        log.error({ err: error }, 'silent device evaluation failed');
      }
      await delivery?.deliverDue();
      return result;
    },
    /** Sends what is due (none configured: 0). */
    deliverDue: (): Promise<number> => delivery?.deliverDue() ?? Promise.resolve(0),
    start(intervalMs = ALERT_TIMER_MS): void {
      if (timer !== null) return;
      timer = setInterval(() => void service.tick(), intervalMs);
      timer.unref();
      void service.tick();
    },
    stop(): void {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
  return service;
}

export type AlertService = ReturnType<typeof createAlertService>;
