// CD/CHDIR, MD/MKDIR, RD/RMDIR with MS-DOS 5's messages.
import type { Syscall } from '../protocol';
import type { Internal, Shell } from '../shell';
import { MSG } from '../messages';

function* chdir(sh: Shell, tail: string): Syscall<void> {
  const arg = tail.trim();
  const drv = /^([A-Za-z]):$/.exec(arg);
  if (!arg || drv) {
    // CD or CD X: prints that drive's current directory.
    const drive = drv ? drv[1].toUpperCase().charCodeAt(0) - 0x41 : yield* sh.dos.getDrive();
    const cwd = yield* sh.dos.getCwd(drive);
    if (typeof cwd === 'number') {
      yield* sh.println(MSG.INVALID_DRIVE);
      return;
    }
    yield* sh.println(`${String.fromCharCode(0x41 + drive)}:\\${cwd}`);
    return;
  }
  if ((yield* sh.dos.chdir(arg)) < 0) yield* sh.println(MSG.INVALID_DIRECTORY);
}

function* mkdir(sh: Shell, tail: string): Syscall<void> {
  const arg = tail.trim();
  if (!arg) {
    yield* sh.println(MSG.REQUIRED_PARAMETER);
    return;
  }
  if ((yield* sh.dos.mkdir(arg)) < 0) yield* sh.println(MSG.UNABLE_TO_CREATE_DIRECTORY);
}

function* rmdir(sh: Shell, tail: string): Syscall<void> {
  const arg = tail.trim();
  if (!arg) {
    yield* sh.println(MSG.REQUIRED_PARAMETER);
    return;
  }
  if ((yield* sh.dos.rmdir(arg)) < 0) yield* sh.println(MSG.INVALID_PATH);
}

export const DIRECTORY_COMMANDS: Record<string, Internal> = {
  CD: chdir,
  CHDIR: chdir,
  MD: mkdir,
  MKDIR: mkdir,
  RD: rmdir,
  RMDIR: rmdir,
};
