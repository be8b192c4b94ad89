// The section head's list of officers: who may sign in and be credited with ratings.
import { useEffect, useState } from 'react';
import type { Officer } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { Avatar } from '../components/Avatar';
import { OfficerForm } from './OfficerForm';
import { useStaffSession } from './staff-session-context';

const byName = new Intl.Collator('vi');

export function OfficersScreen() {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const [officers, setOfficers] = useState<Officer[] | KioskError | null>(null);
  const [editing, setEditing] = useState<Officer | 'new' | null>(null);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.listOfficers({}).then((reply) => {
      if (!live) return;
      if (reply.ok) setOfficers([...reply.data].sort((a, b) => byName.compare(a.name, b.name)));
      else if (!handleSessionError(reply.error)) setOfficers(reply.error);
    });
    return () => {
      live = false;
    };
  }, [api, reload, handleSessionError]);

  if (editing !== null) {
    return (
      <OfficerForm
        officer={editing === 'new' ? null : editing}
        onSaved={(saved) => {
          setEditing(null);
          setNotice(`Đã lưu cán bộ ${saved.name}.`);
          setReload((n) => n + 1);
        }}
        onCancel={() => setEditing(null)}
      />
    );
  }

  return (
    <section className="officers-screen">
      {notice !== null && (
        <p className="staff-message staff-message--ok" role="status">
          {notice}
        </p>
      )}
      <button type="button" className="staff-button staff-button--primary" onClick={() => setEditing('new')}>
        + Thêm cán bộ
      </button>
      {officers === null && <p className="staff-note">Đang tải…</p>}
      {officers !== null && !Array.isArray(officers) && (
        <p className="staff-message staff-message--problem" role="alert">
          {officers.message}
        </p>
      )}
      {Array.isArray(officers) && officers.length === 0 && <p className="staff-note">Chưa có cán bộ nào. Hãy thêm cán bộ đầu tiên.</p>}
      {Array.isArray(officers) && officers.length > 0 && (
        <ul className="officer-list">
          {officers.map((officer) => (
            <li key={officer.id}>
              <button
                type="button"
                className="officer-row"
                aria-label={`Sửa thông tin ${officer.name}`}
                onClick={() => {
                  setNotice(null);
                  setEditing(officer);
                }}
              >
                <Avatar name={officer.name} photoDataUrl={officer.photoDataUrl} size="small" />
                <span className="officer-row-name">{officer.name}</span>
                <span className="officer-row-meta">
                  {officer.code}
                  {officer.title !== '' && ` · ${officer.title}`}
                </span>
                <span className={officer.active ? 'badge badge--ok' : 'badge badge--off'}>{officer.active ? 'Đang làm việc' : 'Đã nghỉ'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
