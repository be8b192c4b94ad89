// Applied to EVERY webContents the app creates ('web-contents-created'), not only the kiosk
// window's: a page can never leave the app — no navigation, frame navigation or redirect away
// from app://kiosk, no new window, no <webview>, no context menu. Nothing opens outside the
// kiosk either (no shell.openExternal anywhere: eslint.config.js forbids it).
import type { WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

export type GuardedWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedWebContents): void {
  // The app is one page: even another app:// URL is refused (a reload goes through `reload`).
  contents.on('will-navigate', (event) => event.preventDefault());
  // Subframes too (an <iframe> pointed anywhere); the app has none of its own.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('context-menu', (event) => event.preventDefault());
}
