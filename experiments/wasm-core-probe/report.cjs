// Prints how many guest instructions a core had run 10, 25, 50 and 100 ms after it was ready,
// its whole time, and the state it left (registers and a checksum of the program's 128 KB), so
// the two probes can be checked against each other.
'use strict';
function report(name, ready, marks, total, mem, regs) {
  let sum = 0;
  for (let i = 0; i < 0x20000; i++) sum = (sum * 31 + mem[0x10000 + i]) >>> 0;
  const by = (ms) => {
    let n = 0;
    for (const [t, k] of marks) if (t - ready <= ms) n = k;
    return n;
  };
  const end = marks[marks.length - 1][0] - ready;
  console.log(
    `${name}: run after 10/25/50/100 ms: ${[10, 25, 50, 100].map(by).join(' / ')} instructions; ` +
      `${total} in ${end.toFixed(0)} ms (${(total / end / 1000).toFixed(0)} MIPS); ` +
      `BX=${regs[3].toString(16)} DI=${regs[7].toString(16)} memory ${sum.toString(16)}`,
  );
}
module.exports = { report };
