// Applied to EVERY webContents the app creates ('web-contents-created'), not only the kiosk
// window's: a page can never leave the app — no navigation, frame navigation or redirect away
// from app://kiosk, no new window, no <webview>, no context menu. Nothing opens outside the
// kiosk either (no shell.openExternal anywhere: eslint.config.js forbids it).
import type { WebContents } from 'electron';

export type GuardedWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedWebContents): void {
  // The app is one page: every navigation is refused, even to another app:// URL (the shell's
  // own loadURL and reload are not navigations a page starts, so they still work).
  contents.on('will-navigate', (event) => event.preventDefault());
  // Every frame too (an <iframe> pointed anywhere; the app has none of its own), and redirects.
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('context-menu', (event) => event.preventDefault());
}
