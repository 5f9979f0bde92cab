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

/** MD and RD: one path argument, the DOS call, and the message its failure prints. */
function* makeOrRemoveDirectory(sh: Shell, tail: string, make: boolean): Syscall<void> {
  const arg = tail.trim();
  if (!arg) {
    yield* sh.println(MSG.REQUIRED_PARAMETER);
    return;
  }
  const result = make ? yield* sh.dos.mkdir(arg) : yield* sh.dos.rmdir(arg);
  if (result < 0) yield* sh.println(make ? MSG.UNABLE_TO_CREATE_DIRECTORY : MSG.INVALID_PATH);
}

const mkdir = (sh: Shell, tail: string): Syscall<void> => makeOrRemoveDirectory(sh, tail, true);
const rmdir = (sh: Shell, tail: string): Syscall<void> => makeOrRemoveDirectory(sh, tail, false);

export const DIRECTORY_COMMANDS: Record<string, Internal> = {
  CD: chdir,
  CHDIR: chdir,
  MD: mkdir,
  MKDIR: mkdir,
  RD: rmdir,
  RMDIR: rmdir,
};
