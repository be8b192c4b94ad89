// The active service areas as large tiles, plus "no particular area".
import { useEffect, useState } from 'react';
import type { ServiceArea } from '../../../shared/staff';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';

export const NO_SERVICE_AREA = 'Không theo lĩnh vực';

export function ServiceAreaPicker({
  title,
  current,
  disabled,
  onChoose,
  onCancel,
}: {
  title: string;
  current: string | null;
  disabled: boolean;
  onChoose: (serviceCode: string | null) => void;
  onCancel: () => void;
}) {
  const api = useKioskApi();
  const [areas, setAreas] = useState<ServiceArea[] | KioskError | null>(null);
  useEffect(() => {
    let live = true;
    void api.listServiceAreas({}).then((reply) => {
      if (live) setAreas(reply.ok ? reply.data.filter((a) => a.active) : reply.error);
    });
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <div className="area-picker" role="group" aria-label={title}>
      <p className="staff-subtitle">{title}</p>
      {areas === null && <p className="staff-note">Đang tải…</p>}
      {areas !== null && !Array.isArray(areas) && (
        <p className="staff-message staff-message--problem" role="alert">
          {areas.message}
        </p>
      )}
      <div className="choice-grid choice-grid--compact">
        {Array.isArray(areas) &&
          areas.map((area) => (
            <button
              key={area.code}
              type="button"
              className="choice-tile choice-tile--text"
              aria-pressed={current === area.code}
              disabled={disabled}
              onClick={() => onChoose(area.code)}
            >
              {area.name}
            </button>
          ))}
        <button type="button" className="choice-tile choice-tile--text" disabled={disabled} onClick={() => onChoose(null)}>
          {NO_SERVICE_AREA}
        </button>
      </div>
      <button type="button" className="staff-button staff-button--quiet" onClick={onCancel}>
        Huỷ
      </button>
    </div>
  );
}
