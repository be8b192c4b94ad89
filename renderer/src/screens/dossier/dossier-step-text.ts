// What the citizen reads in the dossier step (issue 15) — the keypad, the refusals, the request
// for a code — in each language the kiosk offers. Beside citizen-text.ts (which has the words
// shown with the faces), because it travels in the step's own chunk: the entry chunk keeps its
// budget (tests/e2e/bundle-budget.test.ts).
import type { Language } from '../../../../shared/citizen-options';

export interface DossierStepText {
  keypadTitle: string;
  scanHint: string;
  erase: string;
  cancel: string;
  done: string;
  invalidTitle: string;
  invalid: string;
  retry: string;
  alreadyRatedTitle: string;
  alreadyRated: string;
  close: string;
  requiredTitle: string;
  requiredHint: string;
  noCode: string;
}

export const dossierStepText: Record<Language, DossierStepText> = {
  vi: {
    keypadTitle: 'Nhập mã hồ sơ trên phiếu hẹn',
    scanHint: 'Hoặc đưa mã QR trên phiếu hẹn vào máy quét',
    erase: 'Xóa ký tự cuối',
    cancel: 'Hủy',
    done: 'Xong',
    invalidTitle: 'Mã hồ sơ chưa đúng',
    invalid: 'Xin Ông/Bà kiểm tra lại mã in trên phiếu hẹn, hoặc hỏi cán bộ tại quầy.',
    retry: 'Nhập lại',
    alreadyRatedTitle: 'Hồ sơ này đã được đánh giá',
    alreadyRated: 'Cảm ơn Ông/Bà. Mỗi hồ sơ chỉ đánh giá một lần.',
    close: 'Đóng',
    requiredTitle: 'Xin Ông/Bà quét mã QR trên phiếu hẹn',
    requiredHint: 'Hoặc nhập mã hồ sơ in trên phiếu hẹn',
    noCode: 'Không có mã hồ sơ',
  },
  en: {
    keypadTitle: 'Type the dossier code from your receipt',
    scanHint: 'Or hold the QR code on your receipt to the scanner',
    erase: 'Delete last character',
    cancel: 'Cancel',
    done: 'Done',
    invalidTitle: 'That dossier code is not right',
    invalid: 'Please check the code printed on your receipt, or ask the officer at the counter.',
    retry: 'Type again',
    alreadyRatedTitle: 'This dossier has already been rated',
    alreadyRated: 'Thank you. Each dossier is rated once.',
    close: 'Close',
    requiredTitle: 'Please scan the QR code on your receipt',
    requiredHint: 'Or type the dossier code printed on your receipt',
    noCode: 'I have no dossier code',
  },
};
