import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import type { Officer, ServiceArea, Shift } from '../../shared/staff';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { DashboardSettingsScreen } from '../../renderer/src/staff/DashboardSettingsScreen';
import { OfficersScreen } from '../../renderer/src/staff/OfficersScreen';
import { resizePhoto } from '../../renderer/src/staff/photo-resize';
import { ServiceAreasScreen } from '../../renderer/src/staff/ServiceAreasScreen';
import { StaffHome } from '../../renderer/src/staff/StaffHome';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, normalDayTallies, OFFICER_HUNG, OFFICER_LAN, session } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const head = session({ role: 'section-head', officerId: null, displayName: 'Trưởng bộ phận' });

const areas: ServiceArea[] = [
  { code: 'HO-TICH', name: 'Hộ tịch', active: true },
  { code: 'DAT-DAI', name: 'Đất đai', active: true },
  { code: 'XAY-DUNG', name: 'Xây dựng', active: false },
];
const shiftOf = (patch: Partial<Shift> = {}): Shift => ({
  id: '01900000-0000-7000-8000-0000000000f1',
  officerId: OFFICER_LAN,
  officerName: 'Nguyễn Thị Lan',
  officerTitle: 'Công chức',
  photoDataUrl: null,
  serviceCode: 'HO-TICH',
  serviceName: 'Hộ tịch',
  startedAt: '2026-11-25T07:45:00.000+07:00',
  ...patch,
});

function renderAs(node: ReactNode, methods: FakeMethods, signedIn = session()) {
  render(<KioskApiProvider api={fakeKioskApi(methods)}>{asStaff(node, signedIn)}</KioskApiProvider>);
}

describe("an officer's shift", () => {
  it('starts with a service area chosen among the active ones, then can be ended', async () => {
    const startShift = vi.fn(() => ok(shiftOf()));
    const endShift = vi.fn(() => ok({ ok: true as const }));
    renderAs(<StaffHome />, {
      getCurrentShift: () => ok(shiftOf({ officerId: OFFICER_HUNG, officerName: 'Trần Văn Hùng' })),
      listServiceAreas: () => ok(areas),
      startShift,
      endShift,
    });
    await settle();
    expect(screen.getByTestId('shift-state')).toHaveTextContent('Đang trong ca: Trần Văn Hùng (từ 07:45). Bắt đầu ca của bạn sẽ kết thúc ca này.');
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu ca làm việc' }));
    await settle();
    expect(screen.queryByRole('button', { name: 'Xây dựng' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Hộ tịch' }));
    await settle();
    expect(startShift).toHaveBeenCalledExactlyOnceWith({ serviceCode: 'HO-TICH' });
    expect(screen.getByTestId('shift-state')).toHaveTextContent('Bạn đang trong ca từ 07:45 · Lĩnh vực: Hộ tịch');
    fireEvent.click(screen.getByRole('button', { name: 'Kết thúc ca' }));
    await settle();
    expect(endShift).toHaveBeenCalledOnce();
    expect(screen.getByTestId('shift-state')).toHaveTextContent('Chưa có ca làm việc nào tại quầy.');
  });

  it('changes the service area of the open shift', async () => {
    const setShiftServiceArea = vi.fn(() => ok(shiftOf({ serviceCode: null, serviceName: null })));
    renderAs(<StaffHome />, { getCurrentShift: () => ok(shiftOf()), listServiceAreas: () => ok(areas), setShiftServiceArea });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Đổi lĩnh vực' }));
    await settle();
    expect(screen.getByRole('button', { name: 'Hộ tịch' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Không theo lĩnh vực' }));
    await settle();
    expect(setShiftServiceArea).toHaveBeenCalledExactlyOnceWith({ serviceCode: null });
    expect(screen.getByTestId('shift-state')).toHaveTextContent('Lĩnh vực: không chọn');
  });
});

describe('the service area picker while the areas load (issue 14)', () => {
  it('disables every choice, "Không theo lĩnh vực" included, and says it is loading', async () => {
    let answer: (r: Result<ServiceArea[]>) => void = () => {};
    const startShift = vi.fn(() => ok(shiftOf({ serviceCode: null, serviceName: null })));
    renderAs(<StaffHome />, {
      getCurrentShift: () => ok(null),
      listServiceAreas: () => new Promise<Result<ServiceArea[]>>((resolve) => (answer = resolve)),
      startShift,
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu ca làm việc' }));
    await settle();
    expect(screen.getByRole('status')).toHaveTextContent('Đang tải danh sách lĩnh vực…');
    expect(screen.getByRole('group', { busy: true })).toBeInTheDocument();
    const none = screen.getByRole('button', { name: 'Không theo lĩnh vực' });
    expect(none).toBeDisabled();
    fireEvent.click(none);
    await settle();
    expect(startShift).not.toHaveBeenCalled();

    await act(async () => answer(ok(areas)));
    expect(screen.queryByText('Đang tải danh sách lĩnh vực…')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hộ tịch' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Không theo lĩnh vực' })).toBeEnabled();
  });

  it('leaves "Không theo lĩnh vực" when the list cannot be read, so a shift can still start', async () => {
    const startShift = vi.fn(() => ok(shiftOf({ serviceCode: null, serviceName: null })));
    renderAs(<StaffHome />, {
      getCurrentShift: () => ok(null),
      listServiceAreas: () => ({ ok: false as const, error: kioskError('STORAGE_FAILED', 'Không đọc được danh sách lĩnh vực') }),
      startShift,
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu ca làm việc' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Không theo lĩnh vực' }));
    await settle();
    expect(startShift).toHaveBeenCalledExactlyOnceWith({ serviceCode: null });
  });
});

describe("the section head's officers", () => {
  const officers: Officer[] = [
    { id: OFFICER_HUNG, code: 'CB02', name: 'Trần Văn Hùng', title: 'Công chức Địa chính', photoDataUrl: null, active: true },
    { id: OFFICER_LAN, code: 'CB01', name: 'Đỗ Thị Lan', title: '', photoDataUrl: null, active: false },
  ];

  it('lists officers sorted the Vietnamese way and adds one with an initial PIN', async () => {
    const saveOfficer = vi.fn((input: unknown) => {
      const { officer } = input as { officer: Omit<Officer, 'id'> };
      return ok({ ...officer, id: '01900000-0000-7000-8000-0000000000c3' });
    });
    renderAs(<OfficersScreen />, { listOfficers: () => ok(officers), saveOfficer }, head);
    await settle();
    const rows = screen.getAllByRole('button', { name: /^Sửa thông tin/ });
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['Sửa thông tin Đỗ Thị Lan', 'Sửa thông tin Trần Văn Hùng']);
    expect(rows[0]).toHaveTextContent('Đã nghỉ');

    fireEvent.click(screen.getByRole('button', { name: '+ Thêm cán bộ' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await settle();
    expect(saveOfficer).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Họ và tên')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Hãy đặt mã PIN ban đầu (6 đến 8 chữ số).')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Mã cán bộ'), { target: { value: 'CB03' } });
    fireEvent.change(screen.getByLabelText('Họ và tên'), { target: { value: 'Lê Hoàng Yến' } });
    fireEvent.change(screen.getByLabelText('Chức danh'), { target: { value: 'Chuyên viên' } });
    // The initial PIN on the pad, twice (tests/renderer/officer-form.test.tsx has the details).
    fireEvent.click(screen.getByRole('button', { name: 'Đặt mã PIN ban đầu' }));
    for (let twice = 0; twice < 2; twice += 1) {
      for (const digit of '839127') fireEvent.click(screen.getByRole('button', { name: digit }));
      fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    }
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await settle();
    expect(saveOfficer).toHaveBeenCalledExactlyOnceWith({
      officer: { id: null, code: 'CB03', name: 'Lê Hoàng Yến', title: 'Chuyên viên', photoDataUrl: null, active: true },
      initialPin: '839127',
    });
    expect(screen.getByRole('status')).toHaveTextContent('Đã lưu cán bộ Lê Hoàng Yến.');
  });

  it('edits an officer without touching the PIN, and explains a duplicate code', async () => {
    const saveOfficer = vi
      .fn<(input: unknown) => Result<Officer>>()
      .mockReturnValueOnce({ ok: false, error: kioskError('CONFLICT') })
      .mockImplementation((input) => ok({ ...(input as { officer: Officer }).officer, id: OFFICER_HUNG }));
    renderAs(<OfficersScreen />, { listOfficers: () => ok(officers), saveOfficer }, head);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Sửa thông tin Trần Văn Hùng' }));
    fireEvent.click(screen.getByRole('switch', { name: /Đang làm việc/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await settle();
    expect(saveOfficer).toHaveBeenLastCalledWith({ officer: { ...officers[0], active: false }, initialPin: null });
    expect(screen.getByRole('alert')).toHaveTextContent('Mã cán bộ này đã có. Hãy dùng mã khác.');
  });
});

describe('service areas and the dashboard setting', () => {
  it('adds an area, deactivates another, and saves the whole list', async () => {
    const saveServiceAreas = vi.fn((input: unknown) => ok((input as { areas: ServiceArea[] }).areas));
    renderAs(<ServiceAreasScreen />, { listServiceAreas: () => ok(areas), saveServiceAreas }, head);
    await settle();
    fireEvent.click(screen.getByRole('switch', { name: 'Đất đai: đang dùng' }));
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm lĩnh vực' }));
    fireEvent.change(screen.getByLabelText('Mã lĩnh vực dòng 4'), { target: { value: 'tu-phap' } });
    fireEvent.change(screen.getByLabelText('Tên lĩnh vực dòng 4'), { target: { value: 'Tư pháp' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu thay đổi' }));
    await settle();
    expect(saveServiceAreas).toHaveBeenCalledExactlyOnceWith({
      areas: [areas[0], { ...areas[1], active: false }, areas[2], { code: 'TU-PHAP', name: 'Tư pháp', active: true }],
    });
    expect(screen.getByRole('status')).toHaveTextContent('Đã lưu danh sách lĩnh vực.');
  });

  it('refuses a duplicate code before asking the backend', async () => {
    const saveServiceAreas = vi.fn((input: unknown) => ok((input as { areas: ServiceArea[] }).areas));
    renderAs(<ServiceAreasScreen />, { listServiceAreas: () => ok(areas), saveServiceAreas }, head);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm lĩnh vực' }));
    fireEvent.change(screen.getByLabelText('Mã lĩnh vực dòng 4'), { target: { value: 'HO-TICH' } });
    fireEvent.change(screen.getByLabelText('Tên lĩnh vực dòng 4'), { target: { value: 'Hộ tịch 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu thay đổi' }));
    await settle();
    expect(saveServiceAreas).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Mã lĩnh vực HO-TICH bị trùng.');
  });

  it('sets the minimum number of ratings before an officer’s rate shows', async () => {
    const saveDashboardSettings = vi.fn((input: unknown) => ok(input as MethodOutput<'saveDashboardSettings'>));
    renderAs(<DashboardSettingsScreen today="2026-11-25" />, { getTallies: () => ok(normalDayTallies()), saveDashboardSettings }, head);
    await settle();
    const stepper = screen.getByRole('group', { name: 'Số đánh giá tối thiểu để hiện tỉ lệ theo cán bộ' });
    expect(within(stepper).getByText('5')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Tăng' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tăng' }));
    fireEvent.click(screen.getByRole('button', { name: 'Giảm' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await settle();
    expect(saveDashboardSettings).toHaveBeenCalledExactlyOnceWith({ officerMinimumRatings: 6 });
    expect(screen.getByText('Đã lưu cài đặt.')).toHaveAttribute('role', 'status');
  });
});

describe('resizePhoto', () => {
  const drawn: { width: number; height: number }[] = [];
  beforeEach(() => {
    drawn.length = 0;
    vi.stubGlobal('createImageBitmap', vi.fn(async () => ({ width: 1024, height: 768, close: vi.fn() })));
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
      const { width, height } = this;
      return {
        fillRect: vi.fn(),
        drawImage: vi.fn(() => drawn.push({ width, height })),
        fillStyle: '',
      } as unknown as CanvasRenderingContext2D;
    } as unknown as HTMLCanvasElement['getContext']);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation((type?: string) => `data:${type};base64,AAAA`);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('scales the longer side down to 256 px and encodes JPEG', async () => {
    expect(await resizePhoto(new Blob(['x'], { type: 'image/png' }))).toBe('data:image/jpeg;base64,AAAA');
    expect(drawn).toEqual([{ width: 256, height: 192 }]);
  });
});
