// "Đặt lại mã PIN bằng tệp": the section head's way to recover the IT admin's forgotten or locked
// PIN on a kiosk where nobody has a command line — central's signed reset file (.hlreset) from a
// USB stick. The IT admin imports the section head's file from the USB tab of the IT screen.
import { useState } from 'react';
import type { ImportableFileKind } from '../../../shared/contract/it-admin';
import { FolderPicker } from '../it/FolderPicker';
import { ImportFiles } from '../it/ImportFiles';

const resetFilesOnly: readonly ImportableFileKind[] = ['pin-reset'];

export function PinResetFileScreen() {
  const [folder, setFolder] = useState<string | null>(null);
  return (
    <section className="it-usb">
      <p className="staff-note">
        Khi Cán bộ CNTT quên mã PIN hoặc bị khóa: xin máy chủ trung tâm tệp đặt lại mã PIN cho máy này (kèm mã dùng một lần), chép tệp vào USB, cắm vào máy rồi nhập tệp
        dưới đây.
      </p>
      <div className="it-card">
        <FolderPicker folder={folder} onChoose={setFolder} />
      </div>
      <ImportFiles folder={folder} kinds={resetFilesOnly} />
    </section>
  );
}
