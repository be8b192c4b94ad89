// Central's page, "Cảnh báo" (issue 17): the alerts central answers (open ones marked), and for
// the province admin only the rules with the form; a rule is sent as the shared schema's params,
// central's refusal is said, a unit viewer gets no rules section at all.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AlertRuleView, AlertView } from '../../shared/central-alerts';
import type { DirectoryResponse } from '../../shared/central-directory';
import type { AlertsApi } from '../../central/web/src/alerts-api';
import { AlertsView } from '../../central/web/src/AlertsView';

const directory: DirectoryResponse = { units: [{ code: 'H56-TL', name: 'Huyện Tân Lạc', offices: [], units: [] }], unassignedOffices: [] };
const facts = { count: 3, satisfied: null, rate: null, lastContactAt: null, missingSeqs: null, chainBreaks: null };
const alert: AlertView = {
  alertId: 'a-1', ruleId: 'r-1', ruleName: 'Ba lần trong 30 phút', kind: 'counter-run',
  subject: { deviceId: 'd-1', officeCode: '000.00.21.H56', counter: 2, unitCode: 'H56-TL', localDay: null },
  occurredAt: '2026-11-23T08:10:00.000+07:00', detectedAt: '2026-11-23T01:10:30.000Z', open: true, clearedAt: null, facts,
  message: '3 đánh giá "Không hài lòng" trong 30 phút tại quầy 2 (000.00.21.H56), từ 08:10 ngày 23/11/2026',
};
const rule: AlertRuleView = { ruleId: 'r-1', name: 'Ba lần trong 30 phút', params: { kind: 'counter-run', count: 3, minutes: 30 }, createdAt: '2026-11-23T00:00:00.000Z', createdBy: 'sonoivu' };

function fakeApi(overrides: Partial<AlertsApi> = {}): AlertsApi {
  return {
    alerts: vi.fn(async () => ({ ok: true as const, value: [alert] })),
    rules: vi.fn(async () => ({ ok: true as const, value: [rule] })),
    addRule: vi.fn(async (r) => ({ ok: true as const, value: { ...rule, ruleId: 'r-2', name: r.name } })),
    removeRule: vi.fn(async () => ({ ok: true as const, value: null })),
    ...overrides,
  };
}

const view = (api: AlertsApi, admin: boolean) =>
  render(<AlertsView api={api} admin={admin} directory={async () => ({ ok: true, value: directory })} onSignInRequired={vi.fn()} confirm={() => true} />);

describe('Cảnh báo', () => {
  it('lists the alerts with their state; a unit viewer sees no rules', async () => {
    const api = fakeApi();
    view(api, false);
    const table = await screen.findByTestId('alerts-table');
    expect(within(table).getByText(alert.message)).toBeTruthy();
    expect(within(table).getByText('Đang diễn ra')).toBeTruthy();
    expect(screen.queryByText('Quy tắc cảnh báo')).toBeNull();
    expect(api.rules).not.toHaveBeenCalled();
  });

  it('the admin adds a unit rate rule with its minimum and unit, and hears central refuse a bad one', async () => {
    const api = fakeApi({
      addRule: vi.fn().mockResolvedValueOnce({ ok: true, value: rule }).mockResolvedValueOnce({ ok: false, refusal: { code: 'INVALID_INPUT', message: 'Thông tin quy tắc cảnh báo chưa đúng.', detail: 'params.days: Số ngày từ 1 đến 365' } }),
    });
    view(api, true);
    expect(await screen.findByTestId('alert-rules-table')).toBeTruthy();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Tên quy tắc'), 'Tân Lạc dưới 70%');
    await user.selectOptions(screen.getByLabelText('Loại'), 'unit-daily-rate');
    await user.clear(screen.getByLabelText('Tỷ lệ hài lòng dưới (%)'));
    await user.type(screen.getByLabelText('Tỷ lệ hài lòng dưới (%)'), '70');
    await screen.findByRole('option', { name: /Huyện Tân Lạc/ });
    await user.selectOptions(screen.getByLabelText('Đơn vị'), 'H56-TL');
    await user.click(screen.getByRole('button', { name: 'Thêm quy tắc' }));
    expect(api.addRule).toHaveBeenCalledWith({ name: 'Tân Lạc dưới 70%', params: { kind: 'unit-daily-rate', belowPercent: 70, minimumRatings: 20, unitCode: 'H56-TL' } });
    expect(await screen.findByText('Đã thêm quy tắc "Tân Lạc dưới 70%".')).toBeTruthy();

    await user.type(screen.getByLabelText('Tên quy tắc'), 'Im lặng');
    await user.selectOptions(screen.getByLabelText('Loại'), 'device-silent');
    await user.click(screen.getByRole('button', { name: 'Thêm quy tắc' }));
    expect(await screen.findByText(/Số ngày từ 1 đến 365/)).toBeTruthy();
  });
});
