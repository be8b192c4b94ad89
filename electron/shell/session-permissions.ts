// Electron grants every permission request by default (camera, microphone, geolocation,
// notifications, HID/USB/serial/Bluetooth pickers…). The kiosk page needs none: all are denied,
// asked or merely checked.
import type { ShellSession } from './shell-electron';

export function denyAllPermissions(session: ShellSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
  // A device picker left unhandled would let Chromium pick; preventDefault + no device = refused.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}
