// "Cài đặt thiết bị": every device setting in one form; on first run it is the setup screen.
// Each field is checked with the backend's own schema as the IT admin saves; the token can be
// replaced but is never shown (the backend only says whether one is set).
// The form is long, so Save sits in a bar that stays at the bottom of the screen with the outcome
// beside it; a refused Save also brings the error summary at the top into view and focuses it.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { DeviceSettings } from '../../../shared/device-settings';
import { DEFAULT_TIME_ZONE } from '../../../shared/local-time';
import type { KioskError } from '../../../shared/result';
import { scaleIds, scales, type ScaleId } from '../../../shared/scales';
import { roleLabels } from '../../../shared/staff';
import { useKioskApi } from '../api/kiosk-api-context';
import { useStaffSession } from '../staff/staff-session-context';
import { OpeningHoursFieldset } from './OpeningHoursFieldset';
import { ReasonRows } from './ReasonRows';
import { ReportContactFieldset } from './ReportContactFieldset';
import { DossierCodeFieldset } from './DossierCodeFieldset';
import { OfficerPinStep } from '../staff/OfficerPinStep';
import { checkSettingsForm, formFromSettings, recheckShownFields, type FieldErrors, type SettingsForm } from './settings-form';
import { fieldElementId, SettingsErrorSummary } from './SettingsErrorSummary';

export const SETTINGS_SAVED = 'Đã lưu cài đặt.';
export const SETUP_DONE = 'Đã cài đặt xong. Màn hình đánh giá đã sẵn sàng cho người dân.';
export const FORM_INVALID = 'Chưa lưu. Có giá trị chưa hợp lệ: bấm vào từng dòng dưới đây để tới ô cần sửa.';
export const INITIAL_PIN_SAVED = 'Trưởng bộ phận đăng nhập bằng mã PIN ban đầu vừa đặt và phải đổi mã ngay.';

export function DeviceSettingsScreen({ onSaved, onOpenUsb }: { onSaved?: (settings: DeviceSettings) => void; onOpenUsb?: () => void }) {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const id = useId();
  const [settings, setSettings] = useState<DeviceSettings | null>(null);
  const [loadProblem, setLoadProblem] = useState<KioskError | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<KioskError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The section head's initial PIN typed on the pad (first setup), sent with the next save. */
  const [initialPin, setInitialPin] = useState<string | null>(null);
  const [pinStep, setPinStep] = useState(false);
  /** Fields that have shown an error since the last successful save: re-checked as they change. */
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  /** Counts refused saves, so each one brings the summary into view again. */
  const [refusals, setRefusals] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (refusals === 0) return;
    summary.current?.focus({ preventScroll: true });
    summary.current?.scrollIntoView?.({ block: 'start' });
  }, [refusals]);

  useEffect(() => {
    let live = true;
    void api.getDeviceSettings({}).then((reply) => {
      if (!live) return;
      if (reply.ok) {
        setSettings(reply.data);
        setForm(formFromSettings(reply.data));
      } else if (!handleSessionError(reply.error)) setLoadProblem(reply.error);
    });
    return () => {
      live = false;
    };
  }, [api, handleSessionError]);

  if (loadProblem !== null)
    return (
      <p className="staff-message staff-message--problem" role="alert">
        {loadProblem.message}
      </p>
    );
  if (settings === null || form === null) return <p className="staff-note">Đang tải…</p>;
  if (pinStep)
    return (
      // The same twice-on-the-pad step the section head uses for an officer's first PIN. The pad
      // listens to the keyboard, so it replaces the form while shown.
      <OfficerPinStep
        purpose="initial"
        officerName={roleLabels['section-head']}
        problem={null}
        onEntered={(pin) => {
          setInitialPin(pin);
          setPinStep(false);
          setNotice(null);
        }}
        onCancel={() => setPinStep(false)}
      />
    );

  const set = (patch: Partial<SettingsForm>) => {
    setNotice(null);
    const next = { ...form, ...patch };
    setForm(next);
    if (shown.size === 0) return;
    const still = recheckShownFields(next, settings.tokenSet, shown);
    setErrors(still);
    // The summary goes with the last error it listed; a refusal by the backend stays until the next Save.
    if (Object.keys(still).length === 0 && problem?.code === 'INVALID_INPUT' && problem.message === FORM_INVALID) setProblem(null);
  };

  const save = async () => {
    const { input, errors: found } = checkSettingsForm(form, settings.tokenSet);
    setErrors(found);
    setProblem(null);
    setNotice(null);
    if (Object.keys(found).length > 0) {
      setShown(new Set([...shown, ...Object.keys(found)]));
      setProblem({ code: 'INVALID_INPUT', message: FORM_INVALID });
      setRefusals((n) => n + 1);
      return;
    }
    setBusy(true);
    const reply = await api.saveDeviceSettings(initialPin === null ? input : { ...input, sectionHeadInitialPin: initialPin });
    setBusy(false);
    if (reply.ok) {
      setNotice(settings.needsSetup ? (initialPin === null ? SETUP_DONE : `${SETUP_DONE} ${INITIAL_PIN_SAVED}`) : SETTINGS_SAVED);
      setInitialPin(null);
      setShown(new Set());
      setSettings(reply.data);
      setForm(formFromSettings(reply.data));
      onSaved?.(reply.data);
    } else if (!handleSessionError(reply.error)) {
      setProblem(reply.error);
      setRefusals((n) => n + 1);
    }
  };

  const errorOf = (key: string) => errors[key];
  const field = (key: keyof SettingsForm & string, label: string, input: ReactNode, hint?: string) => (
    <div className="form-field">
      <label htmlFor={fieldElementId(id, key)}>{label}</label>
      {input}
      {hint !== undefined && <p className="form-hint">{hint}</p>}
      {errorOf(key) !== undefined && (
        <p className="form-error" id={`${id}-${key}-error`}>
          {errorOf(key)}
        </p>
      )}
    </div>
  );
  const text = (key: 'officeCode' | 'officeName' | 'counterNumber' | 'kioskLabel' | 'timeZone' | 'thankYouSeconds' | 'burstMaxPerMinute' | 'endpoint' | 'newToken', extra: object = {}, errorKey: string = key) => (
    <input
      id={fieldElementId(id, key)}
      className="form-input"
      value={form[key]}
      onChange={(e) => set({ [key]: e.target.value })}
      aria-invalid={errorOf(errorKey) !== undefined}
      aria-describedby={errorOf(errorKey) === undefined ? undefined : `${id}-${errorKey}-error`}
      {...extra}
    />
  );

  return (
    <section className="it-settings">
      {settings.needsSetup && (
        <div className="it-setup-intro">
          <h3 className="staff-subtitle">Cài đặt lần đầu</h3>
          <p className="staff-note">Nhập thông tin của quầy rồi bấm “Lưu cài đặt”. Cho đến lúc đó, màn hình người dân báo máy chưa được cài đặt.</p>
          {onOpenUsb !== undefined && (
            <p className="staff-note">
              Có tệp cấu hình (.hlprov) từ máy chủ trung tâm?{' '}
              <button type="button" className="staff-button" onClick={onOpenUsb}>
                Nhập tệp cấu hình từ USB
              </button>
            </p>
          )}
        </div>
      )}
      {problem !== null && <SettingsErrorSummary ref={summary} idPrefix={id} problem={problem} errors={errors} />}

      {settings.needsSetup && (
        <fieldset className="it-fieldset">
          <legend>Trưởng bộ phận</legend>
          <p className="staff-note">
            {initialPin === null
              ? 'Sau khi cài đặt, máy không còn mã PIN mặc định 123456. Đặt mã PIN ban đầu cho Trưởng bộ phận (phải đổi khi đăng nhập lần đầu); nếu bỏ qua, Trưởng bộ phận cần mã dùng một lần từ lệnh reset-pin.'
              : 'Đã nhập mã PIN ban đầu cho Trưởng bộ phận: mã được lưu cùng cài đặt.'}
          </p>
          <button type="button" className="staff-button" onClick={() => setPinStep(true)}>
            {initialPin === null ? 'Đặt mã PIN ban đầu cho Trưởng bộ phận' : 'Nhập lại mã PIN ban đầu'}
          </button>
        </fieldset>
      )}

      <fieldset className="it-fieldset">
        <legend>Đơn vị và quầy</legend>
        <div className="it-form-grid">
          {field('officeCode', 'Mã đơn vị', text('officeCode', { autoComplete: 'off' }), 'Mã định danh của cơ quan, ví dụ 000.00.21.H56')}
          {field('officeName', 'Tên cơ quan (hiện trên màn hình)', text('officeName', { maxLength: 120 }))}
          {field('counterNumber', 'Số quầy', text('counterNumber', { inputMode: 'numeric', className: 'form-input it-input--short' }))}
          {field('kioskLabel', 'Nhãn máy (không bắt buộc)', text('kioskLabel', { maxLength: 200 }), 'Ví dụ: Quầy 3 – Hộ tịch')}
        </div>
      </fieldset>

      <fieldset className="it-fieldset">
        <legend>Màn hình đánh giá</legend>
        <div className="form-field">
          <span className="form-label" id={`${id}-scale-label`}>
            Thang đánh giá
          </span>
          <div className="it-choices" role="radiogroup" id={fieldElementId(id, 'scaleId')} aria-labelledby={`${id}-scale-label`}>
            {scaleIds.map((scale: ScaleId) => (
              <button key={scale} type="button" role="radio" aria-checked={form.scaleId === scale} className="choice-tile choice-tile--text it-choice" onClick={() => set({ scaleId: scale })}>
                {scales[scale].length} mức
                <span className="choice-title">{scales[scale].map((l) => l.label).join(' · ')}</span>
              </button>
            ))}
          </div>
        </div>
        <div className="it-form-grid">
          {field('thankYouSeconds', 'Thời gian lời cảm ơn (giây)', text('thankYouSeconds', { inputMode: 'numeric', className: 'form-input it-input--short' }), 'Từ 2 đến 30 giây')}
          {field(
            'burstMaxPerMinute',
            'Số đánh giá tối đa trong một phút',
            text('burstMaxPerMinute', { inputMode: 'numeric', className: 'form-input it-input--short' }),
            'Từ 2 đến 60. Đánh giá vượt quá, hoặc gửi sớm hơn thời gian lời cảm ơn, vẫn được lưu nhưng đánh dấu nghi ngờ',
          )}
          {field('timeZone', 'Múi giờ', text('timeZone', { autoComplete: 'off' }), `Việt Nam: ${DEFAULT_TIME_ZONE}`)}
        </div>
        <div className="form-field">
          <span className="form-label" id={`${id}-languages-label`}>
            Ngôn ngữ cho người dân
          </span>
          <div className="it-choices" role="radiogroup" id={fieldElementId(id, 'languages')} aria-labelledby={`${id}-languages-label`}>
            <button type="button" role="radio" aria-checked={!form.englishOffered} className="choice-tile choice-tile--text it-choice" onClick={() => set({ englishOffered: false })}>
              Chỉ tiếng Việt
            </button>
            <button type="button" role="radio" aria-checked={form.englishOffered} className="choice-tile choice-tile--text it-choice" onClick={() => set({ englishOffered: true })}>
              Tiếng Việt và tiếng Anh
              <span className="choice-title">Nút “English” trên màn hình; mỗi lượt đánh giá bắt đầu bằng tiếng Việt</span>
            </button>
          </div>
        </div>
      </fieldset>

      <fieldset className="it-fieldset" id={fieldElementId(id, 'reasons')}>
        <legend>Lý do chưa hài lòng</legend>
        <ReasonRows idPrefix={id} rows={form.reasons} errors={errors} onChange={(reasons) => set({ reasons })} />
        {errorOf('reasons') !== undefined && <p className="form-error">{errorOf('reasons')}</p>}
      </fieldset>

      <ReportContactFieldset idPrefix={id} contact={form.reportContact} errors={errors} onChange={(reportContact) => set({ reportContact })} />
      <DossierCodeFieldset idPrefix={id} form={form.dossier} errors={errors} onChange={(dossier) => set({ dossier })} />
      <OpeningHoursFieldset idPrefix={id} hours={form.openingHours} errors={errors} onChange={(openingHours) => set({ openingHours })} />

      <fieldset className="it-fieldset" id={fieldElementId(id, 'serviceAreas')}>
        <legend>Lĩnh vực</legend>
        <ServiceAreaRows idPrefix={id} form={form} errors={errors} onChange={(serviceAreas) => set({ serviceAreas })} />
        {errorOf('serviceAreas') !== undefined && <p className="form-error">{errorOf('serviceAreas')}</p>}
      </fieldset>

      <fieldset className="it-fieldset">
        <legend>Đồng bộ với máy chủ trung tâm</legend>
        <div className="it-choices" role="radiogroup" aria-label="Kết nối">
          <button type="button" role="radio" aria-checked={form.network === 'online'} className="choice-tile choice-tile--text it-choice" onClick={() => set({ network: 'online' })}>
            Có mạng
            <span className="choice-title">Gửi đánh giá tới máy chủ trung tâm</span>
          </button>
          <button type="button" role="radio" aria-checked={form.network === 'offline'} className="choice-tile choice-tile--text it-choice" onClick={() => set({ network: 'offline' })}>
            Văn phòng không có mạng
            <span className="choice-title">Chỉ dùng tệp đồng bộ qua USB</span>
          </button>
        </div>
        {/* Without network there is no server to name and no token to send (never sent then). */}
        {form.network === 'offline' ? (
          <p className="form-hint">Không cần địa chỉ máy chủ hay token: đánh giá được chuyển bằng tệp đồng bộ qua USB (thẻ “Tệp đồng bộ (USB)”).</p>
        ) : (
          <>
            {field('endpoint', 'Địa chỉ máy chủ trung tâm', text('endpoint', { inputMode: 'url', autoComplete: 'off', placeholder: 'https://…' }))}
            {field(
              'newToken',
              settings.tokenSet ? 'Token thiết bị mới (để trống: giữ token đang dùng)' : 'Token thiết bị',
              text('newToken', { type: 'password', autoComplete: 'off' }, 'deviceToken'),
              settings.tokenSet ? 'Đã có token. Token không bao giờ được hiển thị lại.' : 'Chưa có token. Token do máy chủ trung tâm cấp.',
            )}
            {errorOf('deviceToken') !== undefined && (
              <p className="form-error" id={`${id}-deviceToken-error`}>
                {errorOf('deviceToken')}
              </p>
            )}
          </>
        )}
      </fieldset>

      <fieldset className="it-fieldset">
        <legend>Khởi động</legend>
        <SwitchSetting id={`${id}-startAtLogin`} label="Tự khởi động khi đăng nhập" on={form.startAtLogin} onToggle={() => set({ startAtLogin: !form.startAtLogin })}>
          Chỉ bật trên máy không dùng Shell Launcher, Assigned Access hay cage (docs/deploy.md): những cách đó đã tự khởi động ứng dụng.
        </SwitchSetting>
      </fieldset>

      <fieldset className="it-fieldset">
        <legend>Danh bạ gửi máy chủ trung tâm</legend>
        <SwitchSetting id={`${id}-directoryPhotos`} label="Gửi ảnh cán bộ về máy chủ trung tâm" on={form.directoryPhotos} onToggle={() => set({ directoryPhotos: !form.directoryPhotos })}>
          Tên cơ quan, lĩnh vực, tên và chức danh cán bộ luôn được gửi để máy chủ trung tâm gọi đúng tên; không bao giờ gửi mã PIN. Ảnh chỉ gửi khi đơn vị cho phép (ảnh nhỏ, tối đa khoảng 36 KB).
        </SwitchSetting>
      </fieldset>

      <div className="it-save-bar">
        <button type="button" className="staff-button staff-button--primary" disabled={busy} onClick={() => void save()}>
          {busy ? 'Đang lưu…' : 'Lưu cài đặt'}
        </button>
        {/* Always in the page, so screen readers hear the success when it arrives. */}
        <p className="it-save-outcome it-save-outcome--ok" role="status">
          {notice !== null && (
            <>
              <span className="it-save-icon" aria-hidden="true">
                ✓
              </span>
              {notice}
            </>
          )}
        </p>
        {problem !== null && (
          <p className="it-save-outcome it-save-outcome--problem">
            <span className="it-save-icon" aria-hidden="true">
              !
            </span>
            {Object.keys(errors).length > 0 ? `Chưa lưu: còn ${Object.keys(errors).length} ô chưa hợp lệ.` : 'Chưa lưu.'}{' '}
            <button type="button" className="staff-button staff-button--quiet" onClick={() => setRefusals((n) => n + 1)}>
              Xem lỗi
            </button>
          </p>
        )}
      </div>
    </section>
  );
}

function ServiceAreaRows({ idPrefix, form, errors, onChange }: { idPrefix: string; form: SettingsForm; errors: FieldErrors; onChange: (areas: SettingsForm['serviceAreas']) => void }) {
  const rows = form.serviceAreas;
  const update = (index: number, patch: Partial<SettingsForm['serviceAreas'][number]>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <>
      <table className="staff-table it-areas">
        <thead>
          <tr>
            <th scope="col">Mã</th>
            <th scope="col">Tên lĩnh vực</th>
            <th scope="col">Đang dùng</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const problem = errors[`serviceAreas.${i}.code`] ?? errors[`serviceAreas.${i}.name`];
            return (
              <tr key={i}>
                <td>
                  <input
                    id={fieldElementId(idPrefix, `serviceAreas.${i}.code`)}
                    className="form-input form-input--code"
                    aria-label={`Mã lĩnh vực dòng ${i + 1}`}
                    value={row.code}
                    maxLength={32}
                    aria-invalid={errors[`serviceAreas.${i}.code`] !== undefined}
                    onChange={(e) => update(i, { code: e.target.value.toUpperCase() })}
                  />
                </td>
                <td>
                  <input id={fieldElementId(idPrefix, `serviceAreas.${i}.name`)} className="form-input" aria-label={`Tên lĩnh vực dòng ${i + 1}`} value={row.name} maxLength={100} aria-invalid={errors[`serviceAreas.${i}.name`] !== undefined} onChange={(e) => update(i, { name: e.target.value })} />
                  {problem !== undefined && <p className="form-error">{problem}</p>}
                </td>
                <td>
                  <button type="button" className="toggle" role="switch" aria-checked={row.active} aria-label={`Dòng ${i + 1} đang dùng`} onClick={() => update(i, { active: !row.active })}>
                    <span className="toggle-knob" aria-hidden="true" />
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="staff-button" onClick={() => onChange([...rows, { code: '', name: '', active: true }])}>
        + Thêm lĩnh vực
      </button>
    </>
  );
}

/** An on/off setting: a switch tile saying its state, and its hint below. */
function SwitchSetting({ id, label, on, onToggle, children }: { id: string; label: string; on: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <>
      <button type="button" role="switch" aria-checked={on} aria-label={label} aria-describedby={`${id}-hint`} className="choice-tile choice-tile--text it-choice" onClick={onToggle}>
        {label}
        <span className="choice-title">{on ? 'Đang bật' : 'Đang tắt'}</span>
      </button>
      <p className="form-hint" id={`${id}-hint`}>
        {children}
      </p>
    </>
  );
}
