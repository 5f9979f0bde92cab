// The compiled tier's last pass over a block's code (block-compiler.ts): the guest registers the
// block uses live in JavaScript locals (r0-r7 the general registers AX CX DX BX SP BP SI DI,
// r8-r11 the segment registers ES CS SS DS) instead of being loaded from and stored to the
// register file at every use. A block reads each register it uses once on entry and writes back
// the ones it changes once, at its single exit (every exit leaves through the same tail), so the
// optimised function keeps them in machine registers. Guest stores cannot reach the register
// file (linear addresses are below 100000h), so nothing else changes it while a block runs but
// the helpers that work on the CPU's registers (DIV/IDIV, REP string instructions): around those
// calls the block writes its changed registers back and reads the general registers again.
//
// The code generator writes register accesses as the run loop does, w[80000h + n] and
// b[100000h + i] (byte i of the general registers, AL = 0, AH = 1, ...), in hex or decimal; this
// pass rewrites them: reads into locals (bytes as the low or high half), assignments into a
// masked assignment of the local (a typed array store truncated the value; a local does not).

/** Around a helper that reads or writes the CPU's registers (the generator puts these in). */
export const REGS_OUT = '/*REGS_OUT*/';
export const REGS_IN = '/*REGS_IN*/';

const WORDS = 0x80000;
const BYTES = 0x100000;
const GENERAL = 8;
const ALL = 12;

/** A block's code with its register accesses on locals, and the statements around it. */
export interface RegisterLocals {
  body: string;
  /** Declares and loads the locals, for the top of the function. */
  load: string;
  /** Stores the changed ones back, for the exit. */
  store: string;
}

export function registersInLocals(body: string): RegisterLocals {
  const used = new Set<number>();
  const written = new Set<number>();
  let text = rewrite(body, used, written);
  // A helper may change any general register the block holds.
  if (text.includes(REGS_IN)) for (let n = 0; n < GENERAL; n++) if (used.has(n)) written.add(n);
  const ordered = (set: Set<number>): number[] => [...set].sort((p, q) => p - q);
  const storeOf = (regs: number[]): string => regs.map((n) => `w[${WORDS + n}] = r${n};`).join(' ');
  const store = storeOf(ordered(written));
  text = text.split(REGS_OUT).join(store);
  text = text.split(REGS_IN).join(ordered(used).filter((n) => n < GENERAL).map((n) => `r${n} = w[${WORDS + n}];`).join(' '));
  const regs = ordered(used);
  const load = regs.length > 0 ? `let ${regs.map((n) => `r${n} = w[${WORDS + n}]`).join(', ')};` : '';
  return { body: text, load, store };
}

/** A register access: its word register and which part (-1 the word, 0 low byte, 1 high). */
function registerAt(view: string, index: number): { word: number; half: number } | null {
  if (view === 'w' && index >= WORDS && index < WORDS + ALL) return { word: index - WORDS, half: -1 };
  if (view === 'b' && index >= BYTES && index < BYTES + 2 * GENERAL) return { word: (index - BYTES) >> 1, half: (index - BYTES) & 1 };
  return null;
}

const ACCESS = /\b([bw])\[(0x[0-9a-f]+|\d+)\]/g;
const ASSIGN = /^\s*=(?!=)\s*/;
const COMPOUND = /^\s*(?:[-+*/%&|^]|<<|>>>?|\*\*)=/;

function rewrite(src: string, used: Set<number>, written: Set<number>): string {
  let out = '';
  let pos = 0;
  const re = new RegExp(ACCESS.source, 'g');
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    const reg = registerAt(m[1], Number(m[2]));
    if (reg === null) continue;
    out += src.slice(pos, m.index);
    used.add(reg.word);
    const r = `r${reg.word}`;
    const after = m.index + m[0].length;
    const rest = src.slice(after);
    if (COMPOUND.test(rest)) throw new Error(`block-registers: compound assignment to ${m[0]}`);
    const assign = ASSIGN.exec(rest);
    if (assign !== null) {
      const start = after + assign[0].length;
      const end = expressionEnd(src, start);
      const e = rewrite(src.slice(start, end), used, written);
      written.add(reg.word);
      if (reg.half < 0) out += `${r} = (${e}) & 0xffff`;
      else if (reg.half === 0) out += `${r} = (${r} & 0xff00) | ((${e}) & 0xff)`;
      else out += `${r} = (${r} & 0xff) | (((${e}) & 0xff) << 8)`;
      pos = end;
      re.lastIndex = end;
    } else {
      out += reg.half < 0 ? r : reg.half === 0 ? `(${r} & 0xff)` : `(${r} >> 8)`;
      pos = after;
    }
  }
  return out + src.slice(pos);
}

/** Where the expression starting at `i` ends: a `;` or `,` outside brackets, or a closing
 *  bracket it did not open. */
function expressionEnd(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if ((c === ';' || c === ',') && depth === 0) return i;
  }
  return i;
}
