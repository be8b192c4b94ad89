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

  // Every choice waits for the list: "Không theo lĩnh vực" tapped before the areas appear would
  // start a shift the officer meant to give an area (issue 14). A list that failed to load
  // leaves that one choice, so a shift can still start.
  const loading = areas === null;
  return (
    <div className="area-picker" role="group" aria-label={title} aria-busy={loading}>
      <p className="staff-subtitle">{title}</p>
      {loading && (
        <p className="staff-note" role="status">
          Đang tải danh sách lĩnh vực…
        </p>
      )}
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
        <button type="button" className="choice-tile choice-tile--text" disabled={disabled || loading} onClick={() => onChoose(null)}>
          {NO_SERVICE_AREA}
        </button>
      </div>
      <button type="button" className="staff-button staff-button--quiet" onClick={onCancel}>
        Huỷ
      </button>
    </div>
  );
}
