// An officer's shift at this counter: start it (choosing the service area), change the area,
// end it. From the start on, every rating carries the officer; the citizen screen names them.
import { useEffect, useState } from 'react';
import type { Shift } from '../../../shared/staff';
import type { KioskError, Result } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { formatTime } from '../dashboard/figures-format';
import { ServiceAreaPicker } from './ServiceAreaPicker';
import { useStaffSession } from './staff-session-context';

type Picking = 'start' | 'change' | null;

export function ShiftPanel() {
  const api = useKioskApi();
  const { session, handleSessionError } = useStaffSession();
  const [shift, setShift] = useState<Shift | null | undefined>(undefined);
  const [picking, setPicking] = useState<Picking>(null);
  const [problem, setProblem] = useState<KioskError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void api.getCurrentShift({}).then((reply) => {
      if (!current) return;
      if (reply.ok) setShift(reply.data);
      else setProblem(reply.error);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const run = async (call: () => Promise<Result<Shift | null>>) => {
    setBusy(true);
    const reply = await call();
    setBusy(false);
    setPicking(null);
    if (reply.ok) {
      setShift(reply.data);
      setProblem(null);
    } else if (!handleSessionError(reply.error)) setProblem(reply.error);
  };

  const choose = (serviceCode: string | null) =>
    void run(() => (picking === 'start' ? api.startShift({ serviceCode }) : api.setShiftServiceArea({ serviceCode })));
  const end = () =>
    void run(async () => {
      const reply = await api.endShift({});
      return reply.ok ? { ok: true, data: null } : reply;
    });

  const mine = shift != null && shift.officerId === session.officerId;

  return (
    <section className="shift-panel" aria-labelledby="shift-title">
      <h2 id="shift-title" className="staff-section-title">
        Ca làm việc
      </h2>
      {problem !== null && (
        <p className="staff-message staff-message--problem" role="alert">
          {problem.message}
        </p>
      )}
      {shift === undefined && problem === null && <p className="staff-note">Đang tải…</p>}
      {shift !== undefined && picking === null && (
        <>
          {mine ? (
            <p className="shift-state" data-testid="shift-state">
              Bạn đang trong ca từ <strong>{formatTime(new Date(shift.startedAt))}</strong>
              {' · '}Lĩnh vực: <strong>{shift.serviceName ?? 'không chọn'}</strong>
            </p>
          ) : (
            <p className="shift-state" data-testid="shift-state">
              {shift === null
                ? 'Chưa có ca làm việc nào tại quầy.'
                : `Đang trong ca: ${shift.officerName} (từ ${formatTime(new Date(shift.startedAt))}). Bắt đầu ca của bạn sẽ kết thúc ca này.`}
            </p>
          )}
          <div className="button-row">
            {mine ? (
              <>
                <button type="button" className="staff-button" disabled={busy} onClick={() => setPicking('change')}>
                  Đổi lĩnh vực
                </button>
                <button type="button" className="staff-button staff-button--danger" disabled={busy} onClick={end}>
                  Kết thúc ca
                </button>
              </>
            ) : (
              <button type="button" className="staff-button staff-button--primary" disabled={busy} onClick={() => setPicking('start')}>
                Bắt đầu ca làm việc
              </button>
            )}
          </div>
        </>
      )}
      {picking !== null && (
        <ServiceAreaPicker
          title={picking === 'start' ? 'Chọn lĩnh vực cho ca làm việc' : 'Chọn lĩnh vực mới'}
          current={mine ? shift.serviceCode : null}
          disabled={busy}
          onChoose={choose}
          onCancel={() => setPicking(null)}
        />
      )}
    </section>
  );
}
