// When an alert fires (issue 17). Every rule has subjects (a counter, a unit's day) and episodes:
// an alert fires when its condition becomes true for a subject and fires again only after the
// condition cleared and came back. The episode is a row (alerts), numbered per (rule, subject):
// the next episode takes the next ordinal, and the unique (rule, subject, ordinal) means two
// central instances deciding the same thing at once store — and send — it once. The loser of that
// race reads again and finds the winner's episode.
//
// - counter-run and unit-daily-rate and device-integrity: right after a batch (or a sync file's
//   batches) commits, only for the counters and local days it brought; bounded reads
//   (ratings_device_day). Misuse-flagged ratings (shared/rating-flags.ts) are left out, as the
//   dashboard leaves them out by default; "satisfied" and the rate are shared/rating-rules.ts.
// - device-silent: on a timer (`central serve`: every minute), against central's own clock.
// Evaluation never fails a batch: the caller logs and goes on (the batch is already stored).
import { randomUUID } from 'node:crypto';
import { alertWebhookBodySchema, isDissatisfied, type AlertFacts, type AlertRuleParams } from '../../shared/central-alerts';
import { isMisuseFlag } from '../../shared/rating-flags';
import { isSatisfied, rate } from '../../shared/rating-rules';
import { hierarchyOf, type Hierarchy } from '../dashboard/hierarchy';
import type { CentralStore } from '../store/central-store';
import type { AlertSubjectView, RatingPoint, StoredAlert, StoredAlertRule } from './alert-store';
import { counterRuns, localDayAt, offsetMinutesOf } from './counter-runs';

const DAY_MS = 86_400_000;
/** Tries at one subject when another instance took the ordinal meanwhile. */
const MAX_RACE_RETRIES = 3;

export interface AlertEvaluationDeps {
  store: CentralStore;
  now: () => Date;
  /** A webhook is configured: each new alert gets an outbox row. */
  webhookConfigured: boolean;
  newId?: () => string;
}

/** What a stored batch brought: the ratings central accepted (duplicates were evaluated when first stored). */
export interface IngestedRatings {
  deviceId: string;
  ratings: readonly { createdAt: string; localDay: string }[];
}

export interface EvaluationResult {
  /** Alerts this evaluation stored (a race lost or an episode already open: not counted). */
  fired: StoredAlert[];
}

const blankFacts: AlertFacts = { count: null, satisfied: null, rate: null, lastContactAt: null, missingSeqs: null, chainBreaks: null };
const counted = (r: RatingPoint) => !r.flags.some(isMisuseFlag);
const dayText = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
/** "08:05 ngày 23/11/2026" from an instant's local text (the kiosk's createdAt keeps its office's offset). */
const localTimeText = (iso: string) => `${iso.slice(11, 16)} ngày ${dayText(iso.slice(0, 10))}`;
const percent = (r: number) => `${Math.round(r * 1000) / 10}`.replace('.', ',');

type Kind<K extends AlertRuleParams['kind']> = StoredAlertRule & { params: Extract<AlertRuleParams, { kind: K }> };
const ofKind = <K extends AlertRuleParams['kind']>(rules: readonly StoredAlertRule[], kind: K) => rules.filter((r): r is Kind<K> => r.params.kind === kind);

export function createAlertEvaluation({ store, now, webhookConfigured, newId = randomUUID }: AlertEvaluationDeps) {
  const alerts = store.alerts;

  function deviceView(h: Hierarchy, deviceId: string): AlertSubjectView {
    const device = h.device(deviceId);
    return { deviceId, officeCode: device?.officeCode ?? null, counter: device?.counter ?? null, unitCode: h.unitOfDevice(deviceId), localDay: null };
  }

  /** Stores a new episode (and its outbox row); false when another evaluation took this ordinal first. */
  async function open(rule: StoredAlertRule, subject: string, ordinal: number, fields: {
    view: AlertSubjectView; occurredAt: string; facts: AlertFacts; message: string; run?: { fromMs: number; toMs: number };
  }): Promise<StoredAlert | null> {
    const detectedAt = now().toISOString();
    const alertId = newId();
    const body = alertWebhookBodySchema.parse({
      type: 'hai-long.alert', version: 1, alertId,
      rule: { ruleId: rule.ruleId, name: rule.name, kind: rule.params.kind },
      subject: fields.view, occurredAt: fields.occurredAt, detectedAt, facts: fields.facts, message: fields.message,
    });
    const alert: StoredAlert = {
      alertId, ruleId: rule.ruleId, subject, ordinal, unitCode: fields.view.unitCode, deviceId: fields.view.deviceId,
      runFromMs: fields.run?.fromMs ?? null, runToMs: fields.run?.toMs ?? null,
      occurredAt: fields.occurredAt, detectedAt, clearedAt: null, facts: fields.facts, subjectView: fields.view, message: fields.message,
    };
    const stored = await alerts.insertAlert({ ...alert, outboxBody: webhookConfigured ? JSON.stringify(body) : null, nextAttemptMs: now().getTime() });
    return stored ? alert : null;
  }

  /** A condition that holds or not for a subject now: open an episode, clear it, or leave it. */
  async function settle(rule: StoredAlertRule, subject: string, holds: boolean, describe: () => Parameters<typeof open>[3]): Promise<StoredAlert | null> {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const { episodes, nextOrdinal } = await alerts.episodes(rule.ruleId, subject, null);
      if (!holds) {
        for (const e of episodes) await alerts.clearAlert(e.alertId, now().toISOString());
        return null;
      }
      if (episodes.length > 0) return null;
      const fired = await open(rule, subject, nextOrdinal, describe());
      if (fired !== null) return fired;
    }
    return null;
  }

  async function counterRunRule(rule: Kind<'counter-run'>, h: Hierarchy, deviceId: string, points: readonly RatingPoint[], newMs: readonly number[]): Promise<StoredAlert[]> {
    const { count, minutes } = rule.params;
    const bad = points.filter((p) => counted(p) && isDissatisfied(p.scale, p.level)).map((p) => ({ ms: Date.parse(p.createdAt), createdAt: p.createdAt }));
    // Only runs holding one of the batch's ratings: older runs were decided when their ratings came.
    const runs = counterRuns(bad, count, minutes).filter((run) => newMs.some((ms) => ms >= run.fromMs && ms <= run.toMs));
    const fired: StoredAlert[] = [];
    const view = deviceView(h, deviceId);
    for (const run of runs) {
      const facts: AlertFacts = { ...blankFacts, count: run.count };
      const messageOf = (n: number, from: string) => `${n} đánh giá "Không hài lòng" trong ${minutes} phút tại quầy ${view.counter ?? '?'} (${view.officeCode ?? deviceId}), từ ${localTimeText(from)}`;
      // Stored and compared: the span in which the condition holds (from the rating that reached N),
      // so a run after a break, even one sharing ratings with the last, is another episode.
      const holds = { fromMs: run.reachedMs, toMs: run.toMs };
      for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
        const { episodes, nextOrdinal } = await alerts.episodes(rule.ruleId, `device:${deviceId}`, holds);
        const same = episodes[0];
        if (same !== undefined) {
          // The run goes on (or late ratings widened it): the same episode, not a new alert.
          const n = Math.max(run.count, same.facts.count ?? 0);
          await alerts.extendRun(same.alertId, holds.fromMs, holds.toMs, { ...blankFacts, count: n }, messageOf(n, same.occurredAt));
          break;
        }
        const alert = await open(rule, `device:${deviceId}`, nextOrdinal, { view, occurredAt: run.reachedAt, facts, message: messageOf(run.count, run.reachedAt), run: holds });
        if (alert !== null) {
          fired.push(alert);
          break;
        }
      }
    }
    return fired;
  }

  /** The local days a run around these ratings can reach: their own, and the day M minutes either side. */
  function daysAround(ratings: IngestedRatings['ratings'], minutes: number): string[] {
    const days = new Set<string>();
    for (const r of ratings) {
      days.add(r.localDay);
      const offset = offsetMinutesOf(r.createdAt);
      if (offset === null) continue;
      const ms = Date.parse(r.createdAt);
      days.add(localDayAt(ms - minutes * 60_000, offset));
      days.add(localDayAt(ms + minutes * 60_000, offset));
    }
    return [...days].sort();
  }

  async function unitRateRules(rules: readonly Kind<'unit-daily-rate'>[], h: Hierarchy, deviceId: string, days: readonly string[]): Promise<StoredAlert[]> {
    const unit = h.unitOfDevice(deviceId);
    if (unit === null) return [];
    const chain = [unit, ...h.ancestorsOf(unit)];
    const summaries = new Map<string, { total: number; satisfied: number; lastAt: string | null }>();
    const summaryOf = async (code: string, day: string) => {
      const key = `${code}|${day}`;
      const known = summaries.get(key);
      if (known !== undefined) return known;
      const units = h.subtree(code);
      const devices = h.devices().filter((d) => units.has(h.unitOfDevice(d.deviceId) ?? '')).map((d) => d.deviceId);
      const points = (await alerts.ratingsOn(devices, [day])).filter(counted);
      const summary = {
        total: points.length,
        satisfied: points.filter((p) => isSatisfied(p.scale, p.level)).length,
        lastAt: points.map((p) => p.createdAt).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1) ?? null,
      };
      summaries.set(key, summary);
      return summary;
    };
    const fired: StoredAlert[] = [];
    for (const rule of rules) {
      const { belowPercent, minimumRatings, unitCode } = rule.params;
      const subjects = unitCode === null ? chain : chain.filter((c) => c === unitCode);
      for (const code of subjects) {
        for (const day of days) {
          const s = await summaryOf(code, day);
          const r = rate(s.satisfied, s.total);
          const holds = s.total >= minimumRatings && r !== null && r < belowPercent / 100;
          const alert = await settle(rule, `unit:${code}|${day}`, holds, () => ({
            view: { deviceId: null, officeCode: null, counter: null, unitCode: code, localDay: day },
            occurredAt: s.lastAt ?? now().toISOString(),
            facts: { ...blankFacts, count: s.total, satisfied: s.satisfied, rate: r },
            message: `Tỷ lệ hài lòng ngày ${dayText(day)} của đơn vị ${h.unit(code)?.name ?? code}: ${percent(r ?? 0)}% (${s.satisfied}/${s.total}), dưới ${belowPercent}%`,
          }));
          if (alert !== null) fired.push(alert);
        }
      }
    }
    return fired;
  }

  async function integrityRules(rules: readonly Kind<'device-integrity'>[], h: Hierarchy, deviceId: string): Promise<StoredAlert[]> {
    if (rules.length === 0) return [];
    const { ratingCount, maxSeq, chainBreaks } = await alerts.deviceIntegrity(deviceId);
    const missing = maxSeq - ratingCount;
    const view = deviceView(h, deviceId);
    const fired: StoredAlert[] = [];
    for (const rule of rules) {
      const alert = await settle(rule, `device:${deviceId}`, missing > 0 || chainBreaks > 0, () => ({
        view,
        occurredAt: now().toISOString(),
        facts: { ...blankFacts, missingSeqs: missing, chainBreaks },
        message: `Thiết bị quầy ${view.counter ?? '?'} (${view.officeCode ?? deviceId}): thiếu ${missing} số thứ tự đánh giá, ${chainBreaks} chỗ đứt chuỗi bản ghi`,
      }));
      if (alert !== null) fired.push(alert);
    }
    return fired;
  }

  return {
    /** After a batch's (or a sync file batch's) transaction committed. */
    async afterIngest(ingested: IngestedRatings): Promise<EvaluationResult> {
      const rules = await alerts.listRules();
      const runRules = ofKind(rules, 'counter-run');
      const rateRules = ofKind(rules, 'unit-daily-rate');
      const integrity = ofKind(rules, 'device-integrity');
      if (runRules.length + rateRules.length + integrity.length === 0) return { fired: [] };
      const h = hierarchyOf(await store.directorySnapshot());
      const fired: StoredAlert[] = [];
      const { deviceId, ratings } = ingested;
      if (ratings.length > 0) {
        const widest = Math.max(0, ...runRules.map((r) => r.params.minutes));
        const points = runRules.length === 0 ? [] : await alerts.ratingsOn([deviceId], daysAround(ratings, widest));
        const newMs = ratings.map((r) => Date.parse(r.createdAt));
        for (const rule of runRules) fired.push(...(await counterRunRule(rule, h, deviceId, points, newMs)));
        fired.push(...(await unitRateRules(rateRules, h, deviceId, [...new Set(ratings.map((r) => r.localDay))].sort())));
      }
      fired.push(...(await integrityRules(integrity, h, deviceId)));
      return { fired };
    },

    /** Devices silent N days, against central's clock: `central serve` runs it every minute. */
    async evaluateSilentDevices(): Promise<EvaluationResult> {
      const rules = ofKind(await alerts.listRules(), 'device-silent');
      if (rules.length === 0) return { fired: [] };
      const h = hierarchyOf(await store.directorySnapshot());
      const contacts = await alerts.deviceContacts();
      const nowMs = now().getTime();
      const fired: StoredAlert[] = [];
      for (const rule of rules) {
        const openSubjects = new Set((await alerts.openEpisodes(rule.ruleId)).map((e) => e.subject));
        for (const device of contacts) {
          const subject = `device:${device.deviceId}`;
          const since = device.lastSeenAt ?? device.createdAt;
          const holds = !device.revoked && nowMs - Date.parse(since) >= rule.params.days * DAY_MS;
          // Cheap skip: nothing to open or clear (most devices, most minutes).
          if (holds === openSubjects.has(subject)) continue;
          const view = deviceView(h, device.deviceId);
          const alert = await settle(rule, subject, holds, () => ({
            view,
            occurredAt: new Date(Date.parse(since) + rule.params.days * DAY_MS).toISOString(),
            facts: { ...blankFacts, lastContactAt: device.lastSeenAt },
            message:
              device.lastSeenAt === null
                ? `Thiết bị quầy ${device.counter} (${device.officeCode}) chưa liên lạc lần nào sau ${rule.params.days} ngày kể từ khi đăng ký`
                : `Thiết bị quầy ${device.counter} (${device.officeCode}) không liên lạc từ ${device.lastSeenAt.slice(0, 10)} (${rule.params.days} ngày trở lên)`,
          }));
          if (alert !== null) fired.push(alert);
        }
      }
      return { fired };
    },
  };
}

export type AlertEvaluation = ReturnType<typeof createAlertEvaluation>;
