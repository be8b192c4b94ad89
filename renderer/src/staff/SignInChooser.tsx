// "Who are you?": the officers of this office (photo, name, title) and the two shared roles.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { roleLabels } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { Avatar } from '../components/Avatar';
import type { SignInChoice } from './sign-in-choice';

type Choices = MethodOutput<'listSignInChoices'>;

const sharedRoles = ['section-head', 'it-admin'] as const;

export function SignInChooser({ onChoose, notice }: { onChoose: (choice: SignInChoice) => void; notice: string | null }) {
  const api = useKioskApi();
  const [choices, setChoices] = useState<Choices | KioskError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void api.listSignInChoices({}).then((reply) => {
      if (current) setChoices(reply.ok ? reply.data : reply.error);
    });
    return () => {
      current = false;
    };
  }, [api, attempt]);

  return (
    <section className="sign-in-chooser" aria-labelledby="chooser-title">
      <h2 id="chooser-title" className="staff-title">
        Chọn người đăng nhập
      </h2>
      {notice !== null && (
        <p className="staff-message staff-message--problem" role="alert">
          {notice}
        </p>
      )}
      {choices === null && <p className="staff-note" aria-busy="true">Đang tải danh sách…</p>}
      {choices !== null && 'code' in choices && (
        <div className="staff-message staff-message--problem" role="alert">
          <p>{choices.message}</p>
          <button type="button" className="staff-button" onClick={() => setAttempt((n) => n + 1)}>
            Thử lại
          </button>
        </div>
      )}
      {choices !== null && !('code' in choices) && (
        <div className="choice-grid">
          {choices.officers.map((officer) => (
            <button
              key={officer.id}
              type="button"
              className="choice-tile"
              onClick={() =>
                onChoose({ subject: { kind: 'officer', officerId: officer.id }, name: officer.name, title: officer.title, photoDataUrl: officer.photoDataUrl })
              }
            >
              <Avatar name={officer.name} photoDataUrl={officer.photoDataUrl} />
              <span className="choice-name">{officer.name}</span>
              {officer.title !== '' && <span className="choice-title">{officer.title}</span>}
            </button>
          ))}
          {sharedRoles
            .filter((role) => choices.roles.includes(role))
            .map((role) => (
              <button
                key={role}
                type="button"
                className="choice-tile choice-tile--role"
                onClick={() => onChoose({ subject: { kind: 'role', role }, name: roleLabels[role], title: '', photoDataUrl: null })}
              >
                <span className="avatar avatar--medium avatar--role" aria-hidden="true">
                  {role === 'section-head' ? '★' : '⚙'}
                </span>
                <span className="choice-name">{roleLabels[role]}</span>
              </button>
            ))}
          {choices.officers.length === 0 && choices.roles.includes('section-head') && (
            <p className="staff-note choice-hint">Chưa có cán bộ nào trong danh sách. Trưởng bộ phận đăng nhập để thêm cán bộ.</p>
          )}
        </div>
      )}
    </section>
  );
}
