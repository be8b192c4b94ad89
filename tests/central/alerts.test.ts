// Issue 17, alerts: on SQLite and PostgreSQL, real HTTP on 127.0.0.1, the webhook a real server on
// 127.0.0.1, clocks pinned. Acceptance 2 first (a counter run fires once, not again while it
// lasts, again after it cleared and recurred), then what could go wrong: ratings arriving late by
// USB, a webhook down, two instances deciding at once, a unit viewer, a webhook URL or body
// that would leak.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildCentralServer } from '../../central/central-server';
import { alertWebhookUrlFromEnv, createAlertService } from '../../central/alerts/alert-service';
import type { CentralStore } from '../../central/store/central-store';
import { openPostgresCentralStore } from '../../central/store/postgres-store';
import { openSqliteCentralStore } from '../../central/store/sqlite-store';
import { alertListResponseSchema, alertWebhookBodySchema, MAX_ALERT_RULES, type AlertView } from '../../shared/central-alerts';
import { toLocalIso } from '../../shared/local-time';
import type { WireRating } from '../../shared/sync/wire';
import { exportSyncFile } from '../../electron/backend/sync-files/sync-file-export';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { importSyncFiles } from '../../central/sync-file-commands';
import { batchOf, freshPostgresSchema, manualClock, onCleanup, postBatch, storeFactories, tempDir, testPostgresUrl, wireRating, type StoreFactory } from '../support/central-fixture';
import { ADMIN_PASSWORD, addTestAccount, errorCode, TEST_PASSWORD_COST, TestBrowser, VIEWER_PASSWORD } from '../support/account-fixture';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { enrolledKiosk, type Central } from '../support/sync-rig';
import { tempFolder } from '../support/sync-file-kiosk';

const HUE = 'H-HUE';
const PHU_LOC = 'H-PL';
const HUE_OFFICE = '000.00.21.H56';
const PHU_LOC_OFFICE = '000.00.22.H56';
const ZONE = 'Asia/Ho_Chi_Minh';
const at = (local: string) => toLocalIso(new Date(Date.parse(`${local}+07:00`)), ZONE);
const unlimited = { perAddressPerMinute: 1_000_000, perDevicePerMinute: 1_000_000 };

/** A rating of the device at a local time (2026-11-23 unless the text says otherwise), "Không hài lòng" unless told. */
const rated = (deviceId: string, seq: number, local: string, overrides: Partial<WireRating> = {}): WireRating =>
  wireRating(deviceId, seq, { createdAt: at(local), localDay: local.slice(0, 10), scale: 'vn-3', level: 3, ...overrides });

describe.each(storeFactories)('alerts on $storage', (factory: StoreFactory) => {
  async function setUp(options: { receiver?: WebhookReceiver | null } = {}) {
    const clock = manualClock('2026-11-23T04:00:00.000Z');
    const store = await factory.open({ now: clock.now });
    await store.changeUnits(
      [
        { line: 0, code: HUE, name: 'Thành phố Huế', parentCode: null, officeCodes: [HUE_OFFICE] },
        { line: 0, code: PHU_LOC, name: 'Huyện Phú Lộc', parentCode: null, officeCodes: [PHU_LOC_OFFICE] },
      ],
      'add',
    );
    await addTestAccount(store, 'sonoivu', 'province-admin', [], ADMIN_PASSWORD);
    await addTestAccount(store, 'phuloc', 'unit-viewer', [PHU_LOC], VIEWER_PASSWORD);
    const receiver = options.receiver === undefined ? await startWebhookReceiver() : options.receiver;
    if (receiver !== null) onCleanup(() => receiver.close());
    const server = buildCentralServer({
      store, log: pino({ level: process.env.ALERTS_TEST_LOG ?? 'silent' }), now: clock.now, version: 'test', passwordCost: TEST_PASSWORD_COST, rateLimits: unlimited,
      alertWebhookUrl: receiver?.url ?? null,
    });
    await server.listen({ host: '127.0.0.1', port: 0 });
    onCleanup(() => server.close());
    const address = server.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    const admin = new TestBrowser(url);
    expect((await admin.signIn('sonoivu', ADMIN_PASSWORD)).status).toBe(200);
    const hue = await store.addDevice({ officeCode: HUE_OFFICE, counter: 3 });
    const phuLoc = await store.addDevice({ officeCode: PHU_LOC_OFFICE, counter: 1 });
    const send = async (device: { token: string }, ratings: WireRating[]) => {
      const answer = await postBatch({ url }, batchOf(ratings), { token: device.token });
      expect(answer.status).toBe(200);
    };
    const alertsAs = async (browser: TestBrowser): Promise<AlertView[]> => {
      const answer = await browser.request('GET', '/api/v1/alerts');
      expect(answer.status).toBe(200);
      return alertListResponseSchema.parse(answer.body).alerts;
    };
    const addRule = async (name: string, params: unknown) => {
      const answer = await admin.request('POST', '/api/v1/admin/alert-rules', { name, params });
      expect(answer.status).toBe(201);
      return (answer.body as { ruleId: string }).ruleId;
    };
    return { clock, store, server, url, admin, receiver, hue, phuLoc, send, alertsAs, addRule };
  }

  it('acceptance 2: a counter run fires once to the webhook, not again while it lasts, again after it cleared and recurred', async () => {
    const { server, admin, receiver, hue, send, alertsAs, addRule, clock } = await setUp();
    await addRule('Ba lần không hài lòng trong 30 phút', { kind: 'counter-run', count: 3, minutes: 30 });

    await send(hue, [rated(hue.deviceId, 1, '2026-11-23T08:00:00'), rated(hue.deviceId, 2, '2026-11-23T08:05:00')]);
    await server.alerts.deliverDue();
    expect(receiver?.calls).toHaveLength(0);

    clock.set('2026-11-23T01:10:30.000Z');
    await send(hue, [rated(hue.deviceId, 3, '2026-11-23T08:10:00')]);
    await server.alerts.deliverDue();
    expect(receiver?.delivered()).toHaveLength(1);
    const first = alertWebhookBodySchema.parse(receiver?.delivered()[0]);
    expect(first).toMatchObject({ rule: { kind: 'counter-run' }, subject: { deviceId: hue.deviceId, officeCode: HUE_OFFICE, counter: 3, unitCode: HUE }, facts: { count: 3 } });
    expect(first.occurredAt).toBe(at('2026-11-23T08:10:00'));
    expect(first.detectedAt).toBe('2026-11-23T01:10:30.000Z');
    expect(receiver?.calls[0]?.headers['idempotency-key']).toBe(first.alertId);

    // The run goes on: a fourth within the window, another one later still inside it.
    await send(hue, [rated(hue.deviceId, 4, '2026-11-23T08:20:00'), rated(hue.deviceId, 5, '2026-11-23T08:35:00')]);
    // A satisfied rating does not end or start anything.
    await send(hue, [rated(hue.deviceId, 6, '2026-11-23T09:30:00', { level: 1 })]);
    await server.alerts.deliverDue();
    expect(receiver?.delivered()).toHaveLength(1);
    const lasting = await alertsAs(admin);
    expect(lasting).toHaveLength(1);
    expect(lasting[0]?.facts.count).toBe(5);

    // Cleared (more than 30 minutes without three), then three again.
    clock.set('2026-11-23T03:02:30.000Z');
    await send(hue, [rated(hue.deviceId, 7, '2026-11-23T10:00:00'), rated(hue.deviceId, 8, '2026-11-23T10:01:00'), rated(hue.deviceId, 9, '2026-11-23T10:02:00')]);
    await server.alerts.deliverDue();
    expect(receiver?.delivered()).toHaveLength(2);
    const second = alertWebhookBodySchema.parse(receiver?.delivered()[1]);
    expect(second.alertId).not.toBe(first.alertId);
    expect(second.occurredAt).toBe(at('2026-11-23T10:02:00'));
    // A resend of the same batch (a kiosk retry) is a duplicate: nothing new.
    await send(hue, [rated(hue.deviceId, 7, '2026-11-23T10:00:00'), rated(hue.deviceId, 8, '2026-11-23T10:01:00'), rated(hue.deviceId, 9, '2026-11-23T10:02:00')]);
    await server.alerts.deliverDue();
    expect(receiver?.calls).toHaveLength(2);
    expect((await alertsAs(admin)).map((a) => a.occurredAt)).toEqual([at('2026-11-23T10:02:00'), at('2026-11-23T08:10:00')]);
  });

  it('a run after a break of a minute is another episode, though it shares ratings with the last', async () => {
    const { server, receiver, hue, send, addRule } = await setUp();
    await addRule('Ba lần không hài lòng trong 30 phút', { kind: 'counter-run', count: 3, minutes: 30 });
    await send(hue, ['08:00', '08:05', '08:10', '08:20'].map((t, i) => rated(hue.deviceId, i + 1, `2026-11-23T${t}:00`)));
    // Holding until 08:35 (08:05 + 30); from 08:35 to 08:36 only two lie in the window.
    await send(hue, [rated(hue.deviceId, 5, '2026-11-23T08:36:00')]);
    await server.alerts.deliverDue();
    expect(receiver?.delivered().map((b) => alertWebhookBodySchema.parse(b).occurredAt)).toEqual([at('2026-11-23T08:10:00'), at('2026-11-23T08:36:00')]);
  });

  it.each(['the page\'s upload route', 'central import'] as const)('ratings arriving late by USB (%s) count at their own times: the alert says when it happened and when central saw it', async (path) => {
    const { store, url, receiver, server, addRule, clock, admin, alertsAs } = await setUp();
    await addRule('Ba lần không hài lòng trong 30 phút', { kind: 'counter-run', count: 3, minutes: 30 });
    let kioskNow = Date.parse('2026-11-23T07:00:00+07:00');
    const rig = { store, url, proxy: undefined as never, close: async () => undefined } satisfies Central;
    const kiosk = await enrolledKiosk(rig, { direct: true, now: () => new Date(kioskNow) });
    onCleanup(() => kiosk.close());
    await store.assignOffice(HUE_OFFICE, HUE);
    for (const minute of [0, 7, 14]) {
      kioskNow = Date.parse(`2026-11-23T07:${String(minute).padStart(2, '0')}:00+07:00`);
      await kiosk.backend.handlers.submitRating({ scale: 'vn-3', level: 3 });
    }
    const file = await exportSyncFile({ db: kiosk.backend.context.db, secrets: fileSecretStore(kiosk.dataDir), outDir: tempFolder(), now: () => new Date(kioskNow), appVersion: '0.1.0' });
    // The stick reaches the province two days later.
    clock.set('2026-11-25T02:00:00.000Z');
    if (path === 'central import') {
      // The CLI stores the alert and its outbox row; the running central's timer sends it.
      const out: string[] = [];
      const sink = { write: (text: string) => out.push(text) };
      const io = { stdout: sink, stderr: sink, now: clock.now, env: { CENTRAL_ALERT_WEBHOOK_URL: receiver?.url } };
      expect(await importSyncFiles({ command: 'import', files: [file.path], ackDir: tempFolder(), dataDir: '' }, store, io)).toBe(0);
      expect(receiver?.calls).toHaveLength(0);
      await server.alerts.tick();
    } else {
      const adminToken = await store.addAdminToken('kiểm thử');
      const imported = await fetch(`${url}/api/v1/sync-files`, {
        method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(readFileSync(file.path)),
      });
      expect(imported.status).toBe(200);
      await server.alerts.deliverDue();
    }
    expect(receiver?.delivered()).toHaveLength(1);
    const body = alertWebhookBodySchema.parse(receiver?.delivered()[0]);
    expect(body.occurredAt).toBe(at('2026-11-23T07:14:00'));
    expect(body.detectedAt).toBe('2026-11-25T02:00:00.000Z');
    expect(body.subject.deviceId).toBe(kiosk.deviceId);
    // Two days on, the run is long over: listed, not open.
    await admin.signIn('sonoivu', ADMIN_PASSWORD);
    expect((await alertsAs(admin))[0]).toMatchObject({ open: false, occurredAt: at('2026-11-23T07:14:00') });
  });

  it('a webhook down, then up: delivered once, the same idempotency key on every attempt, after a restart too', async () => {
    const { store, server, receiver, hue, send, addRule, clock } = await setUp();
    await addRule('Hai lần trong 10 phút', { kind: 'counter-run', count: 2, minutes: 10 });
    receiver?.setUp(false);
    await send(hue, [rated(hue.deviceId, 1, '2026-11-23T08:00:00'), rated(hue.deviceId, 2, '2026-11-23T08:01:00')]);
    await server.alerts.deliverDue();
    expect(receiver?.calls.map((c) => c.status)).toEqual([503]);
    const alertId = String(receiver?.calls[0]?.headers['idempotency-key']);
    expect(await store.alerts.outboxRow(alertId)).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'HTTP 503' });
    // Not before the backoff.
    await server.alerts.deliverDue();
    expect(receiver?.calls).toHaveLength(1);

    // Central restarts (a new service on the same database) and the webhook is back.
    await server.close();
    const restarted = createAlertService({ store, log: pino({ level: 'silent' }), now: clock.now, webhookUrl: receiver?.url ?? null });
    clock.set(new Date(clock.now().getTime() + 31_000).toISOString());
    receiver?.setUp(true);
    expect(await restarted.deliverDue()).toBe(1);
    expect(await restarted.deliverDue()).toBe(0);
    expect(receiver?.calls.map((c) => [c.status, c.headers['idempotency-key']])).toEqual([[503, alertId], [200, alertId]]);
    expect(receiver?.calls[0]?.body).toBe(receiver?.calls[1]?.body);
    expect((await store.alerts.outboxRow(alertId))?.deliveredAt).toBe(clock.now().toISOString());
  });

  it('a webhook that never answers is cut off by the timeout and retried later, the ingest never waiting for it', async () => {
    const { store, receiver, hue, send, addRule, clock } = await setUp({ receiver: null });
    const hanging = await startWebhookReceiver();
    onCleanup(() => hanging.close());
    hanging.setHung(true);
    await addRule('Hai lần trong 10 phút', { kind: 'counter-run', count: 2, minutes: 10 });
    expect(receiver).toBeNull();
    // The server here has no webhook; a second service on the store has one, with a short timeout.
    const service = createAlertService({ store, log: pino({ level: 'silent' }), now: clock.now, webhookUrl: hanging.url, webhookTimeoutMs: 1000 });
    await send(hue, [rated(hue.deviceId, 1, '2026-11-23T08:00:00'), rated(hue.deviceId, 2, '2026-11-23T08:01:00')]);
    const [alert] = await store.alerts.listAlerts(null, 10);
    if (alert === undefined) throw new Error('no alert');
    // Raised while no webhook was configured: no outbox row, nothing to flood a webhook added later.
    expect(await store.alerts.outboxRow(alert.alertId)).toBeUndefined();
    const batch = batchOf([rated(hue.deviceId, 3, '2026-11-23T09:00:00'), rated(hue.deviceId, 4, '2026-11-23T09:01:00')]);
    const ack = await store.ingestBatch(batch, { receivedAt: clock.now(), now: clock.now() });
    const started = Date.now();
    const fired = await service.afterBatch(batch, ack);
    expect(fired.fired).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await service.deliverDue()).toBe(0);
    expect(hanging.calls).toHaveLength(0);
    expect((await store.alerts.outboxRow(fired.fired[0]?.alertId ?? ''))?.lastError).toMatch(/TimeoutError/);
  });

  it('a unit viewer cannot create or remove rules (403), and sees only the alerts of their units', async () => {
    const { url, admin, hue, phuLoc, send, alertsAs, addRule, server } = await setUp({ receiver: null });
    const ruleId = await addRule('Hai lần trong 10 phút', { kind: 'counter-run', count: 2, minutes: 10 });
    await send(hue, [rated(hue.deviceId, 1, '2026-11-23T08:00:00'), rated(hue.deviceId, 2, '2026-11-23T08:01:00')]);
    await send(phuLoc, [rated(phuLoc.deviceId, 1, '2026-11-23T09:00:00'), rated(phuLoc.deviceId, 2, '2026-11-23T09:01:00')]);
    expect(await server.alerts.deliverDue()).toBe(0);
    expect((await alertsAs(admin)).map((a) => a.subject.unitCode).sort()).toEqual([HUE, PHU_LOC]);

    const viewer = new TestBrowser(url);
    await viewer.signIn('phuloc', VIEWER_PASSWORD);
    expect((await alertsAs(viewer)).map((a) => a.subject.unitCode)).toEqual([PHU_LOC]);
    const create = await viewer.request('POST', '/api/v1/admin/alert-rules', { name: 'x', params: { kind: 'device-silent', days: 1 } });
    expect([create.status, errorCode(create)]).toEqual([403, 'FORBIDDEN']);
    expect((await viewer.request('GET', '/api/v1/admin/alert-rules')).status).toBe(403);
    expect((await viewer.request('DELETE', `/api/v1/admin/alert-rules/${ruleId}`)).status).toBe(403);
    // Not signed in: nothing at all; another origin cannot use the admin's session.
    expect((await new TestBrowser(url).request('GET', '/api/v1/alerts')).status).toBe(401);
    const forged = new TestBrowser(url, 'https://evil.example');
    forged.cookie = admin.cookie;
    const crossSite = await forged.request('POST', '/api/v1/admin/alert-rules', { name: 'x', params: { kind: 'device-silent', days: 1 } });
    expect([crossSite.status, errorCode(crossSite)]).toEqual([403, 'ORIGIN_REFUSED']);
    const rules = await admin.request('GET', '/api/v1/admin/alert-rules');
    expect((rules.body as { rules: unknown[] }).rules).toHaveLength(1);
    // Bad rules are refused with a typed code and Vietnamese text.
    const bad = await admin.request('POST', '/api/v1/admin/alert-rules', { name: 'x', params: { kind: 'counter-run', count: 1, minutes: 0 } });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'INVALID_INPUT']);
    expect(JSON.stringify(bad.body)).toContain('Số đánh giá từ 2 đến 100');
    const unknownUnit = await admin.request('POST', '/api/v1/admin/alert-rules', { name: 'x', params: { kind: 'unit-daily-rate', belowPercent: 80, unitCode: 'KHONG-CO' } });
    expect([unknownUnit.status, errorCode(unknownUnit)]).toEqual([404, 'UNKNOWN_UNIT']);
    expect((await admin.request('DELETE', `/api/v1/admin/alert-rules/${ruleId}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/v1/admin/alert-rules/${ruleId}`)).status).toBe(404);
  });

  it('at most MAX_ALERT_RULES rules are in force: one more is refused (409) until one is removed', async () => {
    const { store, admin, addRule } = await setUp({ receiver: null });
    const at = '2026-11-23T01:00:00.000Z';
    for (let i = 1; i < MAX_ALERT_RULES; i += 1) {
      const audit = { at, event: 'alert-rule-added' as const, username: 'sonoivu', actor: 'sonoivu', address: null, detail: null };
      await store.alerts.addRule({ ruleId: randomUUID(), name: `Quy tắc ${i}`, params: { kind: 'device-silent', days: i }, createdAt: at, createdBy: 'sonoivu' }, audit);
    }
    const last = await addRule('Quy tắc cuối', { kind: 'device-integrity' });
    const over = await admin.request('POST', '/api/v1/admin/alert-rules', { name: 'Thêm nữa', params: { kind: 'device-integrity' } });
    expect([over.status, errorCode(over)]).toEqual([409, 'TOO_MANY_RULES']);
    expect(JSON.stringify(over.body)).toContain('mức tối đa');
    expect((await admin.request('DELETE', `/api/v1/admin/alert-rules/${last}`)).status).toBe(204);
    await addRule('Thêm nữa', { kind: 'device-integrity' });
  });

  it('the webhook body names the counter, never the officer, the dossier or the reasons', async () => {
    const { server, receiver, hue, send, addRule } = await setUp();
    await addRule('Hai lần trong 10 phút', { kind: 'counter-run', count: 2, minutes: 10 });
    const personal = { officerId: 'can-bo-nguyen-van-a', dossierCode: '000.00.21.H56-231123-0001', reasons: ['THAI-DO'] };
    await send(hue, [rated(hue.deviceId, 1, '2026-11-23T08:00:00', personal), rated(hue.deviceId, 2, '2026-11-23T08:01:00', personal)]);
    await server.alerts.deliverDue();
    const raw = receiver?.calls[0]?.body ?? '';
    expect(alertWebhookBodySchema.safeParse(JSON.parse(raw)).success).toBe(true);
    for (const secret of ['can-bo-nguyen-van-a', '231123-0001', 'THAI-DO', 'pin', 'PIN']) expect(raw).not.toContain(secret);
  });

  it('a unit\'s day fires below the rate only from its minimum of ratings, clears above it', async () => {
    const { server, receiver, hue, send, addRule, admin, alertsAs } = await setUp();
    await addRule('Dưới 80% trong ngày', { kind: 'unit-daily-rate', belowPercent: 80, minimumRatings: 5 });
    await send(hue, [rated(hue.deviceId, 1, '2026-11-23T07:01:00')]);
    await server.alerts.deliverDue();
    expect(receiver?.calls).toHaveLength(0);
    await send(hue, [2, 3, 4, 5].map((seq) => rated(hue.deviceId, seq, `2026-11-23T07:1${seq}:00`, { level: seq % 2 === 0 ? 1 : 3 })));
    await server.alerts.deliverDue();
    const body = alertWebhookBodySchema.parse(receiver?.delivered()[0]);
    expect(body).toMatchObject({ rule: { kind: 'unit-daily-rate' }, subject: { unitCode: HUE, localDay: '2026-11-23' }, facts: { count: 5, satisfied: 2, rate: 0.4 } });
    expect(body.message).toContain('40%');
    // Misuse-flagged taps (a child pressing) count for nothing; good ratings lift the day above 80%.
    await send(hue, [rated(hue.deviceId, 6, '2026-11-23T08:00:00', { level: 3, flags: ['burst'] })]);
    await send(hue, Array.from({ length: 12 }, (_, i) => rated(hue.deviceId, 7 + i, `2026-11-23T09:${String(10 + i)}:00`, { level: 1 })));
    await server.alerts.deliverDue();
    expect(receiver?.delivered()).toHaveLength(1);
    expect((await alertsAs(admin))[0]).toMatchObject({ open: false });
  });

  it('a device silent N days fires on the timer, clears when it calls, fires again after another silence', async () => {
    const { server, receiver, hue, phuLoc, send, addRule, clock, store } = await setUp();
    await store.revokeDevice(phuLoc.deviceId);
    await addRule('Ba ngày không liên lạc', { kind: 'device-silent', days: 3 });
    await send(hue, [rated(hue.deviceId, 1, '2026-11-23T08:00:00', { level: 1 })]);
    clock.set('2026-11-26T03:59:00.000Z');
    expect((await server.alerts.tick()).fired).toHaveLength(0);
    clock.set('2026-11-26T04:00:00.000Z');
    expect((await server.alerts.tick()).fired).toHaveLength(1);
    expect((await server.alerts.tick()).fired).toHaveLength(0);
    await send(hue, [rated(hue.deviceId, 2, '2026-11-26T11:00:00', { level: 1 })]);
    await server.alerts.tick();
    clock.set('2026-11-30T04:00:00.000Z');
    expect((await server.alerts.tick()).fired).toHaveLength(1);
    // The revoked device never fires.
    expect(receiver?.delivered().map((b) => alertWebhookBodySchema.parse(b).subject.deviceId)).toEqual([hue.deviceId, hue.deviceId]);
  });

  it('a gap in seq fires once and clears when the missing rating arrives', async () => {
    const { server, receiver, hue, send, addRule, admin, alertsAs } = await setUp();
    await addRule('Thiếu bản ghi', { kind: 'device-integrity' });
    await send(hue, [rated(hue.deviceId, 1, '2026-11-23T08:00:00', { level: 1 }), rated(hue.deviceId, 3, '2026-11-23T08:02:00', { level: 1 })]);
    await send(hue, [rated(hue.deviceId, 4, '2026-11-23T08:03:00', { level: 1 })]);
    await server.alerts.deliverDue();
    expect(receiver?.delivered().map((b) => alertWebhookBodySchema.parse(b).facts.missingSeqs)).toEqual([1]);
    await send(hue, [rated(hue.deviceId, 2, '2026-11-23T08:01:00', { level: 1 })]);
    expect((await alertsAs(admin))[0]?.open).toBe(false);
  });
});

/** Two central instances on one database: a SQLite file opened twice, or one PostgreSQL schema with two pools. */
const twoInstances: { storage: string; open: (now: () => Date) => Promise<[CentralStore, CentralStore]> }[] = [
  {
    storage: 'sqlite',
    open: async (now) => {
      const dir = tempDir();
      const a = openSqliteCentralStore(dir, { now });
      const b = openSqliteCentralStore(dir, { now });
      onCleanup(() => b.close());
      onCleanup(() => a.close());
      return [a, b];
    },
  },
  {
    storage: 'postgres',
    open: async (now) => {
      const schema = await freshPostgresSchema('alerts');
      const a = await openPostgresCentralStore({ connectionString: testPostgresUrl(), schema }, { now });
      const b = await openPostgresCentralStore({ connectionString: testPostgresUrl(), schema }, { now });
      onCleanup(() => b.close());
      onCleanup(() => a.close());
      return [a, b];
    },
  },
];

describe.each(twoInstances)('two instances evaluating at once on $storage', ({ open }) => {
  it('store one alert and one outbox row per episode', async () => {
    const clock = manualClock('2026-11-23T04:00:00.000Z');
    const [a, b] = await open(clock.now);
    await a.alerts.addRule(
      { ruleId: '0193a1b2-c3d4-7e5f-8a6b-00000000aaaa', name: 'Hai lần trong 10 phút', params: { kind: 'counter-run', count: 2, minutes: 10 }, createdAt: clock.now().toISOString(), createdBy: 'sonoivu' },
      { at: clock.now().toISOString(), event: 'alert-rule-added', username: 'sonoivu', actor: 'sonoivu', address: null, detail: null },
    );
    const log = pino({ level: 'silent' });
    const instances = [a, b].map((store) => createAlertService({ store, log, now: clock.now, webhookUrl: 'http://127.0.0.1:9/never-called' }));
    const devices = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((counter) => a.addDevice({ officeCode: HUE_OFFICE, counter })));
    const batches = devices.map((d) => batchOf([rated(d.deviceId, 1, '2026-11-23T08:00:00'), rated(d.deviceId, 2, '2026-11-23T08:01:00')]));
    const stored = await Promise.all(batches.map(async (batch) => ({ batch, ack: await a.ingestBatch(batch, { receivedAt: clock.now(), now: clock.now() }) })));
    // Each batch evaluated by both instances at the same moment (two kiosk retries landing on two instances).
    await Promise.all(stored.flatMap(({ batch, ack }) => instances.map((instance) => instance.afterBatch(batch, ack))));
    const listed = await b.alerts.listAlerts(null, 100);
    expect(listed.map((x) => x.deviceId).sort()).toEqual(devices.map((d) => d.deviceId).sort());
    // Join the deliveries the alerts kicked off (to a port where nothing listens): each alert has its one outbox row.
    await Promise.all(instances.map((instance) => instance.deliverDue()));
    for (const alert of listed) expect(await a.alerts.outboxRow(alert.alertId)).toMatchObject({ attempts: 1, deliveredAt: null });
    // The constraint itself: the same (rule, subject, ordinal) a second time is refused, nothing written.
    const [one] = listed;
    if (one === undefined) throw new Error('no alert');
    const again = await b.alerts.insertAlert({ ...one, alertId: '0193a1b2-c3d4-7e5f-8a6b-00000000bbbb', outboxBody: '{}', nextAttemptMs: 0 });
    expect(again).toBe(false);
    expect(await b.alerts.outboxRow('0193a1b2-c3d4-7e5f-8a6b-00000000bbbb')).toBeUndefined();
  });
});

describe('docs/central-alerts.md', () => {
  it('its webhook body example is the schema central sends', () => {
    const doc = readFileSync(new URL('../../docs/central-alerts.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(alertWebhookBodySchema.safeParse(JSON.parse(example ?? 'null')).success).toBe(true);
  });
});

describe('the webhook address', () => {
  it('must be http or https, without credentials; unset is none', () => {
    expect(alertWebhookUrlFromEnv({})).toBeNull();
    expect(alertWebhookUrlFromEnv({ CENTRAL_ALERT_WEBHOOK_URL: ' ' })).toBeNull();
    expect(alertWebhookUrlFromEnv({ CENTRAL_ALERT_WEBHOOK_URL: 'https://hooks.example.vn/hai-long' })).toBe('https://hooks.example.vn/hai-long');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.vn/x', 'https://user:secret@example.vn/x', 'not a url']) {
      expect(() => alertWebhookUrlFromEnv({ CENTRAL_ALERT_WEBHOOK_URL: bad })).toThrow(/CENTRAL_ALERT_WEBHOOK_URL/);
    }
  });
});
