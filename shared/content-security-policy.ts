// The Content-Security-Policy of every page the product serves: the kiosk's renderer over
// app://kiosk (electron/shell/app-protocol.ts) and central's web page with all of central's
// answers (central/web-page.ts). Nothing inline, nothing remote, never framed. style-src has no
// 'unsafe-inline': Vite writes the CSS to files, and React sets `style` through the CSSOM, which
// CSP does not govern.
export const STRICT_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
