// The key combinations a citizen at a keyboard left plugged in could use to leave or break the
// kiosk page, refused in 'before-input-event' (before the page or Chromium sees them). The menu
// that would otherwise carry the accelerators is removed too (Menu.setApplicationMenu(null)).
import type { Input } from 'electron';

export type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'shift' | 'alt'>;

/** Why a key combination is refused, or undefined when the page may have it. */
export function blockedKey(input: KeyInput): 'reload' | 'devtools' | 'close' | 'zoom' | 'fullscreen' | undefined {
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  if (key === 'f5' || (command && key === 'r')) return 'reload';
  if (key === 'f12' || (command && input.shift && ['i', 'j', 'c'].includes(key)) || (input.meta && input.alt && ['i', 'j', 'c'].includes(key))) return 'devtools';
  if ((input.alt && key === 'f4') || (command && ['w', 'q'].includes(key))) return 'close';
  if (command && ['+', '=', '-', '_', '0'].includes(key)) return 'zoom';
  if (command && ['NumpadAdd', 'NumpadSubtract', 'Numpad0'].includes(input.code)) return 'zoom';
  if (key === 'f11' || (input.meta && input.control && key === 'f')) return 'fullscreen';
  return undefined;
}
