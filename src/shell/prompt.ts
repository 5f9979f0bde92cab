// PROMPT's $-codes as MS-DOS 5 expands them: $P drive and directory, $G >, $L <, $B |, $Q =,
// $$ $, $N drive, $D date, $T time, $V version, $_ CR LF, $E Esc, $H backspace.
import type { Syscall } from './protocol';
import type { Shell } from './shell';
import { formatDate, formatTime } from './internal/clock';
import { versionText } from './internal/system';

export function* expandPrompt(sh: Shell, spec: string): Syscall<string> {
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== '$' || i + 1 >= spec.length) {
      out += spec[i];
      continue;
    }
    const code = spec[++i].toUpperCase();
    switch (code) {
      case 'P':
        out += yield* sh.currentDirectory();
        break;
      case 'N':
        out += String.fromCharCode(0x41 + (yield* sh.dos.getDrive()));
        break;
      case 'G':
        out += '>';
        break;
      case 'L':
        out += '<';
        break;
      case 'B':
        out += '|';
        break;
      case 'Q':
        out += '=';
        break;
      case '$':
        out += '$';
        break;
      case '_':
        out += '\r\n';
        break;
      case 'E':
        out += '\x1b';
        break;
      case 'H':
        out += '\b \b';
        break;
      case 'D':
        out += yield* formatDate(sh);
        break;
      case 'T':
        out += yield* formatTime(sh);
        break;
      case 'V':
        out += yield* versionText(sh);
        break;
      default:
        break; // unknown codes show nothing
    }
  }
  return out;
}
