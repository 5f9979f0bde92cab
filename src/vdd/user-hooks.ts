// VDDInstallUserHook / VDDDeInstallUserHook: per-VDD callbacks on DOS process creation and
// termination, and on the VDM being blocked and resumed. Create fires once the child's PSP is
// current (before its first instruction); terminate fires before the process's handles close,
// for a TSR exit too. Hooks of different VDDs fire in the order they were installed.
//
// Block and resume in vdm86: NTVDM calls them when the VDM is suspended for the Win32 side (a
// Win32 program started from the DOS prompt, a console switch). vdm86 has no Win32 side and never
// suspends a VDM on its own, so they fire only when the embedding host says it is pausing and
// continuing the machine, through VddBridge.block() and resume() — e.g. a debugger or UI that
// stops calling machine.run() for a while. Each hook gets the current PSP.

export type VddUserHook = (psp: number) => void;

export interface VddUserHooks {
  create?: VddUserHook;
  terminate?: VddUserHook;
  block?: VddUserHook;
  resume?: VddUserHook;
}

export type UserHookKind = keyof VddUserHooks;

export class UserHookList {
  private readonly entries: { owner: object; hooks: VddUserHooks }[] = [];
  private blocked = false;

  /** One set per VDD, as in NTVDM: a second install by the same VDD fails. */
  install(owner: object, hooks: VddUserHooks): boolean {
    if (this.entries.some((e) => e.owner === owner)) return false;
    this.entries.push({ owner, hooks: { ...hooks } });
    return true;
  }

  deinstall(owner: object): boolean {
    const i = this.entries.findIndex((e) => e.owner === owner);
    if (i < 0) return false;
    this.entries.splice(i, 1);
    return true;
  }

  /** Calls every installed hook of this kind (a copy of the list: a hook may deinstall itself). */
  fire(kind: UserHookKind, psp: number): void {
    if (kind === 'block' || kind === 'resume') {
      // Block and resume alternate: a second block before a resume is not news to the VDDs.
      if (this.blocked === (kind === 'block')) return;
      this.blocked = kind === 'block';
    }
    for (const e of [...this.entries]) e.hooks[kind]?.(psp);
  }
}
