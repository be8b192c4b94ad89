// The native "Chọn thư mục" dialog for the USB tab: the contract's `chooseFolder` (host:
// 'electron', access it-admin — checked by dispatch, like every method). It only returns a path:
// whatever the IT admin then does with the folder goes through the backend's usual checks
// (requireFolder), exactly as for a typed path.
import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { ElectronHandlers } from '../../shared/contract';
import { KioskFailure } from '../backend/dispatch';

/** The one part of Electron's `dialog` used here; tests pass a recorder typed against it. */
export interface FolderDialog<W = BrowserWindow> {
  showOpenDialog: (win: W, options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;
}

export function chooseFolderHandler<W>(win: W, dialog: FolderDialog<W>): ElectronHandlers['chooseFolder'] {
  return async () => {
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
