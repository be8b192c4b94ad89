// The section head's dashboard setting: how many ratings an officer needs before the
// dashboard shows their satisfaction rate ("chưa đủ dữ liệu" below it).
import { useEffect, useState } from 'react';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { kioskToday } from '../time/kiosk-time-zone';
import { useStaffSession } from './staff-session-context';

const MIN = 1;
const MAX = 100;

export function DashboardSettingsScreen({ today = kioskToday() }: { today?: string }) {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const [value, setValue] = useState<number | null>(null);
  const [problem, setProblem] = useState<KioskError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The contract has no getter for this setting; every tally carries the value in force.
  useEffect(() => {
    let live = true;
    void api.getTallies({ range: { from: today, to: today }, includeFlagged: false }).then((reply) => {
      if (!live) return;
      if (reply.ok) setValue(reply.data.officerMinimumRatings);
      else if (!handleSessionError(reply.error)) setProblem(reply.error);
    });
    return () => {
      live = false;
    };
  }, [api, today, handleSessionError]);

  const step = (delta: number) => {
    setNotice(null);
    setValue((v) => (v === null ? v : Math.min(MAX, Math.max(MIN, v + delta))));
  };

  const save = async () => {
    if (value === null) return;
    setBusy(true);
    const reply = await api.saveDashboardSettings({ officerMinimumRatings: value });
    setBusy(false);
    if (reply.ok) {
      setValue(reply.data.officerMinimumRatings);
      setProblem(null);
      setNotice('Đã lưu cài đặt.');
    } else if (!handleSessionError(reply.error)) setProblem(reply.error);
  };

  return (
    <section className="dashboard-settings">
      <p className="staff-subtitle" id="minimum-label">
        Số đánh giá tối thiểu để hiện tỉ lệ theo cán bộ
      </p>
      <p className="staff-note">
        Dưới số này, bảng theo cán bộ ghi “chưa đủ dữ liệu”, để một vài đánh giá không quyết định nhận xét về một người.
      </p>
      {problem !== null && (
        <p className="staff-message staff-message--problem" role="alert">
          {problem.message}
        </p>
      )}
      {notice !== null && (
        <p className="staff-message staff-message--ok" role="status">
          {notice}
        </p>
      )}
      {value !== null && (
        <div className="stepper" role="group" aria-labelledby="minimum-label">
          <button type="button" className="stepper-button" aria-label="Giảm" disabled={value <= MIN} onClick={() => step(-1)}>
            −
          </button>
          <output className="stepper-value" aria-live="polite">
            {value}
          </output>
          <button type="button" className="stepper-button" aria-label="Tăng" disabled={value >= MAX} onClick={() => step(1)}>
            +
          </button>
        </div>
      )}
      <button type="button" className="staff-button staff-button--primary" disabled={busy || value === null} onClick={() => void save()}>
        Lưu
      </button>
    </section>
  );
}
