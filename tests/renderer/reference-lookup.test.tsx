// "Tra cứu mã phản ánh" (issue 15): the staff screen that resolves a citizen's reference code,
// reached from the section head's tiles and the IT admin's tabs, as the contract's access says.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { kioskError } from '../../shared/errors';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { ItHome } from '../../renderer/src/it/ItHome';
import { CODE_MALFORMED, ReferenceLookupScreen } from '../../renderer/src/staff/ReferenceLookupScreen';
import { StaffHome } from '../../renderer/src/staff/StaffHome';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, itAdminSession, session } from '../support/renderer-fixtures';

const settle = () => act(async () => {});
const CODE = 'HL-2EBVB-WKQ1P';
const rating = {
  ratingId: '01900000-0000-7000-8000-000000000001',
  deviceId: '01900000-0000-7000-8000-0000000000d1',
  createdAt: '2026-11-25T09:05:07.000+07:00',
  scale: 'vn-3' as const,
  level: 3,
  officerName: 'Trần Thị Mai',
  serviceCode: 'HO-TICH',
  serviceName: 'Hộ tịch',
  dossierCode: null,
  reasons: [{ code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu' }],
  flags: [],
};
const head = session({ role: 'section-head', officerId: null, displayName: 'Trưởng bộ phận' });

function renderLookup(methods: FakeMethods) {
  render(<KioskApiProvider api={fakeKioskApi(methods)}>{asStaff(<ReferenceLookupScreen />, head)}</KioskApiProvider>);
}
const lookUp = async (typed: string) => {
  fireEvent.change(screen.getByLabelText('Mã phản ánh'), { target: { value: typed } });
  fireEvent.click(screen.getByRole('button', { name: 'Tra cứu' }));
  await settle();
};

describe('ReferenceLookupScreen', () => {
  it('sends the code as typed and shows the rating it names', async () => {
    const findRatingByReference = vi.fn(() => ({ ok: true as const, data: { referenceCode: CODE, ratings: [rating] } }));
    renderLookup({ findRatingByReference });
    await lookUp('hl 2ebvb wkq1p');
    expect(findRatingByReference).toHaveBeenCalledExactlyOnceWith({ referenceCode: 'hl 2ebvb wkq1p' });
    const table = within(screen.getByRole('table', { name: `Đánh giá có mã ${CODE}` }));
    expect(table.getByRole('rowheader', { name: 'Thời điểm' }).closest('tr')).toHaveTextContent('25/11/2026 09:05:07');
    expect(table.getByRole('rowheader', { name: 'Mức đánh giá' }).closest('tr')).toHaveTextContent('Không hài lòng');
    expect(table.getByRole('rowheader', { name: 'Cán bộ tiếp nhận' }).closest('tr')).toHaveTextContent('Trần Thị Mai');
    expect(table.getByRole('rowheader', { name: 'Lĩnh vực' }).closest('tr')).toHaveTextContent('Hộ tịch');
    expect(table.getByRole('rowheader', { name: 'Lý do' }).closest('tr')).toHaveTextContent('Gây phiền hà, sách nhiễu');
  });

  it('says so when no rating has the code, and refuses a malformed code without asking', async () => {
    const findRatingByReference = vi.fn(() => ({ ok: false as const, error: kioskError('REFERENCE_NOT_FOUND') }));
    renderLookup({ findRatingByReference });
    await lookUp('HL-00000-00000');
    expect(screen.getByRole('alert')).toHaveTextContent('Không tìm thấy đánh giá nào có mã phản ánh này trên máy.');
    await lookUp('HL-123');
    expect(screen.getByRole('alert')).toHaveTextContent(CODE_MALFORMED);
    expect(findRatingByReference).toHaveBeenCalledOnce();
  });
});

describe('where staff find it', () => {
  it("a section head's tile opens it", async () => {
    const api = fakeKioskApi({ findRatingByReference: () => ({ ok: true, data: { referenceCode: CODE, ratings: [rating] } }) });
    render(<KioskApiProvider api={api}>{asStaff(<StaffHome />, head)}</KioskApiProvider>);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Tra cứu mã phản ánh' }));
    expect(screen.getByRole('heading', { name: 'Tra cứu mã phản ánh' })).toBeInTheDocument();
    expect(screen.getByLabelText('Mã phản ánh')).toBeInTheDocument();
  });

  it("the IT admin's tab opens it", async () => {
    const api = fakeKioskApi({ getSetupState: () => ({ ok: true, data: { needsSetup: false } }), getDiagnostics: () => ({ ok: false, error: kioskError('INTERNAL') }) });
    render(<KioskApiProvider api={api}>{asStaff(<ItHome />, itAdminSession())}</KioskApiProvider>);
    await settle();
    fireEvent.click(screen.getByRole('tab', { name: 'Tra cứu mã phản ánh' }));
    expect(screen.getByLabelText('Mã phản ánh')).toBeInTheDocument();
  });
});
