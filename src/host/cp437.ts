// Code page 437, the IBM PC's character set, as Unicode: the glyphs the PC shows for every byte
// (control codes 01h-1Fh and 7Fh included, as they appear in video memory), and the reverse map
// for typing host text into the guest.

const LOW =
  '\u0020\u263a\u263b\u2665\u2666\u2663\u2660\u2022\u25d8\u25cb\u25d9\u2642\u2640\u266a\u266b\u263c' +
  '\u25ba\u25c4\u2195\u203c\u00b6\u00a7\u25ac\u21a8\u2191\u2193\u2192\u2190\u221f\u2194\u25b2\u25bc';
const HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
  'áíóúñÑªº¿⌐¬½¼¡«»' +
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩' +
  '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** CP437 byte -> the Unicode character the PC displays for it. */
export const CP437: readonly string[] = (() => {
  const t: string[] = [];
  for (let i = 0; i < 0x20; i++) t.push(LOW[i]);
  for (let i = 0x20; i < 0x7f; i++) t.push(String.fromCharCode(i));
  t.push('\u2302');
  for (let i = 0; i < 0x80; i++) t.push(HIGH[i]);
  return t;
})();

let reverse: Map<number, number> | null = null;

/** Unicode -> CP437 for what is not ASCII, made at its first use: most runs type no such text,
 *  and a start-up pays for every object it makes (see bin/vdm86.js). */
function reverseMap(): Map<number, number> {
  if (reverse) return reverse;
  const map = new Map<number, number>();
  // Each glyph maps to its byte (the lower byte where two show the same glyph), except that
  // 00h's blank does not take the space; ASCII is toCp437's own.
  for (let b = 1; b < 0x100; b++) {
    const cp = CP437[b].codePointAt(0) as number;
    if (cp >= 0x80 && !map.has(cp)) map.set(cp, b);
  }
  // Common look-alikes a host may produce.
  map.set(0x00b5, 0xe6); // micro sign -> mu
  map.set(0x03b2, 0xe1); // beta -> sharp s glyph
  map.set(0x2211, 0xe4); // n-ary summation -> Sigma
  map.set(0x2126, 0xea); // ohm -> Omega
  map.set(0x2205, 0xed); // empty set -> phi
  return (reverse = map);
}

/** The CP437 byte for a Unicode code point, or -1 when it has none. */
export function toCp437(codePoint: number): number {
  // ASCII (control codes included) stays itself.
  if (codePoint >= 0 && codePoint < 0x80) return codePoint;
  return reverseMap().get(codePoint) ?? -1;
}

/** The CP437 byte for a Unicode code point, or '?' (3Fh) when it has none. */
export function toCp437OrQuestionMark(codePoint: number): number {
  const b = toCp437(codePoint);
  return b < 0 ? 0x3f : b;
}

/** Decodes CP437 bytes to a string of the glyphs the PC displays. */
export function cp437ToString(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += CP437[bytes[i] & 0xff];
  return s;
}

/** Encodes text as CP437 (characters without a CP437 form become '?'). */
export function stringToCp437(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) out.push(toCp437OrQuestionMark(ch.codePointAt(0) as number));
  return Uint8Array.from(out);
}
