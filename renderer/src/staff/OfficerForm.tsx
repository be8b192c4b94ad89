// Add or edit an officer: code, name, title, photo (resized here), active, and an initial PIN
// (required for a new officer; for an existing one it resets the PIN, to be changed at first use).
// The PIN is entered on the PIN pad (OfficerPinStep, twice), never in a text field; it is held
// only until "Lưu" sends it, and a PIN the backend refuses (PIN_TOO_WEAK) is asked for again.
import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { officerSchema, pinSchema, type Officer } from '../../../shared/staff';
import { useKioskApi } from '../api/kiosk-api-context';
import { Avatar } from '../components/Avatar';
import { OfficerPinStep } from './OfficerPinStep';
import { resizePhoto } from './photo-resize';
import { useStaffSession } from './staff-session-context';

export const INITIAL_PIN_MISSING = 'Hãy đặt mã PIN ban đầu (6 đến 8 chữ số).';

type Field = 'code' | 'name' | 'title' | 'photoDataUrl' | 'pin';

export function OfficerForm({ officer, onSaved, onCancel }: { officer: Officer | null; onSaved: (officer: Officer) => void; onCancel: () => void }) {
  const api = useKioskApi();
  const { handleSessionError } = useStaffSession();
  const id = useId();
  const [code, setCode] = useState(officer?.code ?? '');
  const [name, setName] = useState(officer?.name ?? '');
  const [title, setTitle] = useState(officer?.title ?? '');
  const [photoDataUrl, setPhoto] = useState<string | null>(officer?.photoDataUrl ?? null);
  const [active, setActive] = useState(officer?.active ?? true);
  /** The PIN entered twice on the pad, until it is sent; '' for none. */
  const [pin, setPin] = useState('');
  /** The pad is shown instead of the form; with why, when the backend refused the last PIN. */
  const [pinStep, setPinStep] = useState<{ problem: string | null } | null>(null);
  // Back from the pad, the form shows where it was left: the PIN row (the form is taller than the screen).
  const pinRow = useRef<HTMLDivElement>(null);
  const backFromPad = useRef(false);
  useEffect(() => {
    if (pinStep !== null || !backFromPad.current) return;
    backFromPad.current = false;
    pinRow.current?.scrollIntoView?.({ block: 'center' });
  }, [pinStep]);
  const closePad = () => {
    backFromPad.current = true;
    setPinStep(null);
  };
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choosePhoto = async (file: File | undefined) => {
    if (file === undefined) return;
    try {
      setPhoto(await resizePhoto(file));
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== 'photoDataUrl')));
    } catch {
      setErrors((e) => ({ ...e, photoDataUrl: 'Không đọc được ảnh này. Hãy chọn ảnh JPEG hoặc PNG khác.' }));
    }
  };

  const save = async () => {
    const found: Partial<Record<Field, string>> = {};
    const parsed = officerSchema.omit({ id: true }).safeParse({ code, name, title, photoDataUrl, active });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        found[field] ??= field === 'code' ? 'Mã cán bộ: 1 đến 32 ký tự' : issue.message;
      }
    }
    if (pin === '') {
      if (officer === null) found.pin = INITIAL_PIN_MISSING;
    } else {
      const pinCheck = pinSchema.safeParse(pin);
      if (!pinCheck.success) found.pin = pinCheck.error.issues[0]?.message ?? 'Mã PIN không hợp lệ';
    }
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    setBusy(true);
    setProblem(null);
    const reply = await api.saveOfficer({ officer: { ...parsed.data, id: officer?.id ?? null }, initialPin: pin === '' ? null : pin });
    setBusy(false);
    if (reply.ok) {
      setPin('');
      onSaved(reply.data);
    } else if (reply.error.code === 'PIN_TOO_WEAK') {
      // Nothing was saved: the pad again, with the backend's words.
      setPin('');
      setPinStep({ problem: reply.error.message });
    } else if (!handleSessionError(reply.error)) {
      setProblem(reply.error.code === 'CONFLICT' ? 'Mã cán bộ này đã có. Hãy dùng mã khác.' : reply.error.message);
    }
  };

  if (pinStep !== null) {
    return (
      <OfficerPinStep
        purpose={officer === null ? 'initial' : 'reset'}
        officerName={name}
        problem={pinStep.problem}
        onEntered={(entered) => {
          setPin(entered);
          closePad();
          setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== 'pin')));
        }}
        onCancel={closePad}
      />
    );
  }

  const field = (key: Field, label: string, input: ReactNode, hint?: string) => (
    <div className="form-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {hint !== undefined && <p className="form-hint">{hint}</p>}
      {errors[key] !== undefined && (
        <p className="form-error" role="alert">
          {errors[key]}
        </p>
      )}
    </div>
  );
  const text = (key: Field, value: string, set: (v: string) => void, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={`${id}-${key}`} className="form-input" value={value} onChange={(e) => set(e.target.value)} aria-invalid={errors[key] !== undefined} {...extra} />
  );

  return (
    <form
      className="officer-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 className="staff-subtitle">{officer === null ? 'Thêm cán bộ' : `Sửa thông tin: ${officer.name}`}</h3>
      {problem !== null && (
        <p className="staff-message staff-message--problem" role="alert">
          {problem}
        </p>
      )}
      {field('code', 'Mã cán bộ', text('code', code, setCode, { autoComplete: 'off', maxLength: 32 }))}
      {field('name', 'Họ và tên', text('name', name, setName, { autoComplete: 'off', maxLength: 100 }))}
      {field('title', 'Chức danh', text('title', title, setTitle, { autoComplete: 'off', maxLength: 100, placeholder: 'Ví dụ: Công chức Tư pháp – Hộ tịch' }))}
      <div className="form-field">
        <span className="form-label">Ảnh (không bắt buộc)</span>
        <div className="photo-row">
          <Avatar name={name} photoDataUrl={photoDataUrl} size="large" />
          <label className="staff-button" htmlFor={`${id}-photoDataUrl`}>
            Chọn ảnh
          </label>
          <input
            id={`${id}-photoDataUrl`}
            className="visually-hidden"
            type="file"
            accept="image/jpeg,image/png,image/*"
            onChange={(e) => void choosePhoto(e.target.files?.[0])}
          />
          {photoDataUrl !== null && (
            <button type="button" className="staff-button staff-button--quiet" onClick={() => setPhoto(null)}>
              Xoá ảnh
            </button>
          )}
        </div>
        {errors.photoDataUrl !== undefined && (
          <p className="form-error" role="alert">
            {errors.photoDataUrl}
          </p>
        )}
      </div>
      <div className="form-field">
        <span className="form-label">Trạng thái</span>
        <button type="button" className="toggle" role="switch" aria-checked={active} onClick={() => setActive((a) => !a)}>
          <span className="toggle-knob" aria-hidden="true" />
          {active ? 'Đang làm việc' : 'Đã nghỉ (không đăng nhập được)'}
        </button>
      </div>
      <div className="form-field" ref={pinRow}>
        <span className="form-label">{officer === null ? 'Mã PIN ban đầu' : 'Đặt lại mã PIN'}</span>
        <div className="officer-pin-row">
          <span className="officer-pin-state" data-testid="officer-pin-state">
            {pin === '' ? (officer === null ? 'Chưa đặt' : 'Không đổi') : officer === null ? 'Đã nhập · lưu khi bấm “Lưu”' : 'Mã PIN mới đã nhập · lưu khi bấm “Lưu”'}
          </span>
          <button
            type="button"
            className="staff-button"
            disabled={busy}
            onClick={() => setPinStep({ problem: null })}
            aria-describedby={errors.pin !== undefined ? `${id}-pin-error` : undefined}
          >
            {pin !== '' ? 'Nhập mã PIN khác' : officer === null ? 'Đặt mã PIN ban đầu' : 'Đặt lại mã PIN'}
          </button>
          {pin !== '' && (
            <button type="button" className="staff-button staff-button--quiet" onClick={() => setPin('')}>
              {officer === null ? 'Xoá mã đã nhập' : 'Không đặt lại'}
            </button>
          )}
        </div>
        <p className="form-hint">Nhập trên bàn phím số. Cán bộ phải đổi mã này khi đăng nhập lần đầu.</p>
        {errors.pin !== undefined && (
          <p id={`${id}-pin-error`} className="form-error" role="alert">
            {errors.pin}
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="staff-button staff-button--primary" disabled={busy}>
          Lưu
        </button>
        <button type="button" className="staff-button staff-button--quiet" onClick={onCancel}>
          Huỷ
        </button>
      </div>
    </form>
  );
}
