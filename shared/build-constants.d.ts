/** Injected at build time from package.json (esbuild/vite `define`). */
declare const KIOSK_APP_VERSION: string;
