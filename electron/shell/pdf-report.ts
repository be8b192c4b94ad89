// savePdfReport (host: 'electron'; access checked by dispatch): print the window (showing the
// report's print view) to an A4 PDF the official chooses where to save. Browser mode has no
// handler, so dispatch answers NOT_SUPPORTED and the page opens the print dialog instead.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElectronHandlers } from '../../shared/contract';
import { KioskFailure } from '../backend/dispatch';
import type { ShellApp, ShellDialog, ShellWindow } from './shell-electron';

export function pdfReportHandler<W extends Pick<ShellWindow, 'webContents'>>(
  win: W,
  dialog: Pick<ShellDialog<W>, 'showSaveDialog'>,
  app: Pick<ShellApp, 'getPath'>,
): ElectronHandlers['savePdfReport'] {
  return async ({ fileName }) => {
    const choice = await dialog.showSaveDialog(win, {
      defaultPath: join(app.getPath('documents'), fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (choice.canceled || choice.filePath === undefined) throw new KioskFailure('CANCELLED');
    // preferCSSPageSize: the print stylesheet's `@page { size: A4 }` decides the page.
    const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
    await writeFile(choice.filePath, pdf);
    return { path: choice.filePath };
  };
}
