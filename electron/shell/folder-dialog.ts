// The native "Chọn thư mục" dialog for the USB tab (a shell-only capability, shared/shell-bridge.ts).
// It only returns a path: whatever the IT admin then does with the folder goes through the
// backend's usual checks (requireFolder), exactly as for a typed path.
import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { ShellHandlers } from '../../shared/shell-bridge';
import { KioskFailure } from '../backend/dispatch';
import type { StaffSessions } from '../backend/staff/staff-session';

/** The one part of Electron's `dialog` used here; tests pass a recorder typed against it. */
export interface FolderDialog {
  showOpenDialog: (win: BrowserWindow, options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;
}

export function chooseFolderHandler(win: BrowserWindow, dialog: FolderDialog, staff: Pick<StaffSessions, 'require'>): ShellHandlers['chooseFolder'] {
  return async () => {
    // A file-system browser on a citizen-facing kiosk: only for the IT admin, as the USB tab is.
    staff.require(['it-admin']);
    const choice = await dialog.showOpenDialog(win, {
      title: 'Chọn thư mục USB',
      buttonLabel: 'Chọn thư mục này',
      properties: ['openDirectory', 'createDirectory'],
    });
    const path = choice.filePaths[0];
    if (choice.canceled || path === undefined) throw new KioskFailure('CANCELLED');
    return { path };
  };
}
