// The section head's list of service areas (lĩnh vực). An area in use is deactivated, never
// deleted: stored ratings keep its code. Codes of saved areas are fixed for the same reason.
import { useEffect, useId, useState } from 'react';
import { serviceAreaSchema, type ServiceArea } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { useStaffSession } from './staff-session-context';

interface Row extends ServiceArea {
  saved: boolean;
}

export function ServiceAreasScreen() {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const id = useId();
  const [rows, setRows] = useState<Row[] | KioskError | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.listServiceAreas({}).then((reply) => {
      if (!live) return;
      if (reply.ok) setRows(reply.data.map((a) => ({ ...a, saved: true })));
      else if (!handleSessionError(reply.error)) setRows(reply.error);
    });
    return () => {
      live = false;
    };
  }, [api, handleSessionError]);

  if (rows === null) return <p className="staff-note">Đang tải…</p>;
  if (!Array.isArray(rows))
    return (
      <p className="staff-message staff-message--problem" role="alert">
        {rows.message}
      </p>
    );

  const update = (index: number, patch: Partial<ServiceArea>) => {
    setNotice(null);
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  };

  const save = async () => {
    const found: string[] = [];
    const areas: ServiceArea[] = [];
    rows.forEach((row, i) => {
      const parsed = serviceAreaSchema.safeParse({ code: row.code.toUpperCase(), name: row.name, active: row.active });
      if (parsed.success) areas.push(parsed.data);
      else found.push(`Dòng ${i + 1}: ${parsed.error.issues[0]?.message ?? 'không hợp lệ'}`);
    });
    const codes = areas.map((a) => a.code);
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i) found.push(`Mã lĩnh vực ${code} bị trùng.`);
    });
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    const reply = await api.saveServiceAreas({ areas });
    setBusy(false);
    if (reply.ok) {
      setRows(reply.data.map((a) => ({ ...a, saved: true })));
      setNotice('Đã lưu danh sách lĩnh vực.');
    } else if (!handleSessionError(reply.error)) setErrors([reply.error.message]);
  };

  return (
    <section className="service-areas-screen">
      {notice !== null && (
        <p className="staff-message staff-message--ok" role="status">
          {notice}
        </p>
      )}
      {errors.length > 0 && (
        <div className="staff-message staff-message--problem" role="alert">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      <table className="staff-table">
        <thead>
          <tr>
            <th scope="col">Mã</th>
            <th scope="col">Tên lĩnh vực</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                {row.saved ? (
                  <span className="area-code">{row.code}</span>
                ) : (
                  <input
                    className="form-input form-input--code"
                    aria-label={`Mã lĩnh vực dòng ${i + 1}`}
                    value={row.code}
                    maxLength={32}
                    onChange={(e) => update(i, { code: e.target.value.toUpperCase() })}
                  />
                )}
              </td>
              <td>
                <input
                  id={`${id}-name-${i}`}
                  className="form-input"
                  aria-label={`Tên lĩnh vực dòng ${i + 1}`}
                  value={row.name}
                  maxLength={100}
                  onChange={(e) => update(i, { name: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="toggle"
                  role="switch"
                  aria-checked={row.active}
                  aria-label={`${row.name || `Dòng ${i + 1}`}: đang dùng`}
                  onClick={() => update(i, { active: !row.active })}
                >
                  <span className="toggle-knob" aria-hidden="true" />
                  {row.active ? 'Đang dùng' : 'Ngừng dùng'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button
          type="button"
          className="staff-button"
          disabled={rows.length >= 50}
          onClick={() => setRows([...rows, { code: '', name: '', active: true, saved: false }])}
        >
          + Thêm lĩnh vực
        </button>
        <button type="button" className="staff-button staff-button--primary" disabled={busy} onClick={() => void save()}>
          Lưu thay đổi
        </button>
      </div>
    </section>
  );
}
