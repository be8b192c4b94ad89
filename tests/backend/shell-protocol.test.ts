// The app:// protocol (electron/shell/app-protocol.ts) as the shell registers it, asked through
// the stand-in like Chromium would: the built renderer only, from its one folder, each response
// with the strict CSP header; traversal, other hosts, other methods refused.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAppFile } from '../../electron/shell/app-protocol';
import { INDEX_HTML, rendererBundle, startTestShell } from '../support/shell-fixture';

describe('app:// protocol', () => {
  it('serves index.html with the CSP header, its type and no sniffing', async () => {
    const { electron } = await startTestShell();
    const response = await electron.protocol.fetch('app://kiosk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX_HTML);
    expect(await (await electron.protocol.fetch('app://kiosk/')).text()).toBe(INDEX_HTML);
  });

  it('serves the bundle with the types a module script and a stylesheet need', async () => {
    const { electron } = await startTestShell();
    expect((await electron.protocol.fetch('app://kiosk/assets/index.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await electron.protocol.fetch('app://kiosk/assets/index.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('the CSP allows nothing remote, no inline script or style, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|unsafe-|\*/);
  });

  it.each([
    ['app://kiosk/../../etc/passwd', 404], // Chromium folds the dots: /etc/passwd, not in the renderer
    ['app://kiosk/..%2f..%2fsecret.txt', 400],
    ['app://kiosk/assets/..%2f..%2fsecret.txt', 400],
    ['app://kiosk/%2e%2e/secret.txt', 404],
    ['app://kiosk/..%5csecret.txt', 400],
    ['app://kiosk/index.html%00.js', 400],
    ['app://kiosk/%E0%A4%A', 400],
    ['app://evil/index.html', 400],
    ['app://kiosk/missing.html', 404],
    ['app://kiosk/assets/notes.unknown', 404],
    ['app://kiosk/assets', 404],
  ])('%s is refused (%i), with the CSP header', async (url, status) => {
    const { electron } = await startTestShell();
    const response = await electron.protocol.fetch(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('answers GET only', async () => {
    const { electron } = await startTestShell();
    expect((await electron.protocol.fetch('app://kiosk/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('never resolves a path outside the renderer folder, whatever the URL', () => {
    const { rendererDir } = rendererBundle();
    const segment = fc.constantFrom('..', '.', 'a', '%2e%2e', '..%2f', '%2e%2e%2f', '%5c', '\\', 'index.html', '', '%00', '%2f', 'assets');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const file = resolveAppFile(rendererDir, `app://kiosk/${segments.join('/')}`);
        return file === undefined || file.startsWith(join(rendererDir, '/'));
      }),
    );
  });
});
