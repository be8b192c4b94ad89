// "Cán bộ tiếp nhận: …" under the office bar: who is serving at this counter (the open shift).
import type { HomeScreen } from '../../../shared/contract';
import { Avatar } from '../components/Avatar';

export const OFFICER_ON_DUTY = 'Cán bộ tiếp nhận:';

export function OfficerOnDuty({ officer, label = OFFICER_ON_DUTY }: { officer: NonNullable<HomeScreen['officer']>; label?: string }) {
  return (
    <p className="officer-on-duty" data-testid="officer-on-duty">
      <Avatar name={officer.name} photoDataUrl={officer.photoDataUrl} size="small" />
      <span>
        {label} <strong>{officer.name}</strong>
        {officer.title !== '' && <span className="officer-on-duty-title"> · {officer.title}</span>}
      </span>
    </p>
  );
}
