// Keys a case types, by name as people write them ("Enter", "F1", "Alt-X", "Ctrl-C", "Shift-Tab",
// "a"), as the HostKeys the BIOS keyboard model turns into scan codes (src/hw/scancodes.ts), the
// same keys a terminal would have produced (src/host/keyboard.ts).
import { KEY_NAMES, type HostKey, type KeyName } from '../host/keys';
import { toCp437 } from '../host/cp437';

/** Other spellings people use for the named keys. */
const ALIASES: Record<string, KeyName> = {
  esc: 'Escape', return: 'Enter', bksp: 'Backspace', ins: 'Insert', del: 'Delete', pgup: 'PageUp', pgdn: 'PageDown',
  arrowup: 'Up', arrowdown: 'Down', arrowleft: 'Left', arrowright: 'Right',
};
const BY_LOWER = new Map<string, KeyName>(KEY_NAMES.map((k) => [k.toLowerCase(), k]));
const MODIFIERS = ['shift', 'ctrl', 'alt'] as const;

/** A key name as a HostKey; throws an Error for a name it does not know. */
export function parseKey(spec: string): HostKey {
  const key: HostKey = {};
  let rest = spec;
  for (;;) {
    const m = /^(shift|ctrl|alt)[-+](.+)$/i.exec(rest);
    if (!m) break;
    key[m[1].toLowerCase() as (typeof MODIFIERS)[number]] = true;
    rest = m[2];
  }
  const named = BY_LOWER.get(rest.toLowerCase()) ?? ALIASES[rest.toLowerCase()];
  if (named) return { ...key, name: named };
  const chars = [...rest];
  if (chars.length !== 1) throw new Error(`unknown key "${spec}"`);
  const code = toCp437(chars[0].codePointAt(0) as number);
  if (code < 0) throw new Error(`key "${spec}" has no CP437 character`);
  // Ctrl+letter is the control code a terminal sends for it (scancodes.ts types it with Ctrl held).
  if (key.ctrl && /^[a-z]$/i.test(chars[0]) && !key.alt) return { char: chars[0].toUpperCase().charCodeAt(0) - 0x40, shift: key.shift };
  // Alt+letter: the key's own (lower-case) character with Alt held, as the PC keyboard sends it.
  if (key.alt && /^[A-Z]$/.test(chars[0]) && !key.shift) return { ...key, char: chars[0].toLowerCase().charCodeAt(0) };
  return { ...key, char: code };
}
