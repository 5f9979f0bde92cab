// AssemblyScript, not vdm86 code: a feasibility probe for issue 11 (see README.md here). A subset
// 8086 core (the forms roms/bench/mixed.asm uses and a few more, flags computed at once) to time a
// WebAssembly interpreter's first milliseconds against vdm86's JavaScript one. core.wasm is built
// from it with AssemblyScript 0.27:
//   npx -y -p assemblyscript@0.27 asc core.ts -O3 --runtime stub --memoryBase 1114112 \
//     --initialMemory 18 --noAssert --outFile core.wasm
// Guest memory is linear memory 0-FFFFFh, the registers follow at 100000h (the layout of
// src/cpu/state.ts's one buffer); --memoryBase keeps AssemblyScript's own data above them.
const REGS: u32 = 0x100000; // AX CX DX BX SP BP SI DI (words), then ES CS SS DS
const SREGS: u32 = 0x100010;

let ip: u32 = 0;
let fcf: i32 = 0;
let fof: i32 = 0;
let res: i32 = 0; // last result, sign-extended, for ZF SF PF
let halted: i32 = 0;

export function getIp(): u32 { return ip; }
export function setIp(v: u32): void { ip = v; }
export function isHalted(): i32 { return halted; }

@inline function r16(n: u32): u32 { return load<u16>(REGS + (n << 1)); }
@inline function w16(n: u32, v: u32): void { store<u16>(REGS + (n << 1), v); }
@inline function r8(n: u32): u32 { return load<u8>(REGS + (((n & 3) << 1) | (n >> 2))); }
@inline function w8(n: u32, v: u32): void { store<u8>(REGS + (((n & 3) << 1) | (n >> 2)), v); }
@inline function sreg(n: u32): u32 { return load<u16>(SREGS + (n << 1)); }
@inline function m8(a: u32): u32 { return load<u8>(a & 0xfffff); }
@inline function m16(a: u32): u32 { return load<u8>(a & 0xfffff) | (load<u8>((a + 1) & 0xfffff) << 8); }
@inline function sm8(a: u32, v: u32): void { store<u8>(a & 0xfffff, v); }
@inline function sm16(a: u32, v: u32): void { store<u8>(a & 0xfffff, v); store<u8>((a + 1) & 0xfffff, v >> 8); }

function alu(a: u32, x: u32, y: u32, wide: bool): u32 {
  const mask: u32 = wide ? 0xffff : 0xff;
  const sign: u32 = wide ? 0x8000 : 0x80;
  let r: u32 = 0;
  switch (a) {
    case 0: r = x + y; fcf = i32(r > mask); fof = i32(((r ^ x) & (r ^ y) & sign) != 0); break;
    case 2: r = x + y + u32(fcf); fcf = i32(r > mask); fof = i32(((r ^ x) & (r ^ y) & sign) != 0); break;
    case 3: { const c = u32(fcf); r = x - y - c; fcf = i32(x < y + c); fof = i32(((x ^ y) & (x ^ r) & sign) != 0); break; }
    case 5: case 7: r = x - y; fcf = i32(x < y); fof = i32(((x ^ y) & (x ^ r) & sign) != 0); break;
    case 1: r = x | y; fcf = 0; fof = 0; break;
    case 6: r = x ^ y; fcf = 0; fof = 0; break;
    default: r = x & y; fcf = 0; fof = 0; break;
  }
  r &= mask;
  res = wide ? i32(<i16>r) : i32(<i8>r);
  return r;
}

@inline function zf(): bool { return res == 0; }
@inline function sf(): bool { return res < 0; }
@inline function pf(): bool { return (popcnt<u32>(u32(res) & 0xff) & 1) == 0; }

function cond(c: u32): bool {
  let t: bool;
  switch (c >> 1) {
    case 0: t = fof != 0; break;
    case 1: t = fcf != 0; break;
    case 2: t = zf(); break;
    case 3: t = fcf != 0 || zf(); break;
    case 4: t = sf(); break;
    case 5: t = pf(); break;
    case 6: t = sf() != (fof != 0); break;
    default: t = zf() || sf() != (fof != 0); break;
  }
  return (c & 1) != 0 ? !t : t;
}

export function run(budget: i32): i32 {
  let n = 0;
  let csBase: u32 = sreg(1) << 4;
  while (n < budget) {
    if (halted) break;
    n++;
    let ovr: i32 = -1;
    let op = m8(csBase + ip); ip = (ip + 1) & 0xffff;
    while (op == 0x26 || op == 0x2e || op == 0x36 || op == 0x3e) {
      ovr = i32((op >> 3) & 3);
      op = m8(csBase + ip); ip = (ip + 1) & 0xffff;
    }
    let modrm: u32 = 0;
    let ea: u32 = 0;
    // ModRM forms: 00-3B (low 3 bits < 4), 80-8F, D0-D3
    if ((op < 0x40 && (op & 7) < 4) || (op >= 0x80 && op <= 0x8f) || (op >= 0xd0 && op <= 0xd3)) {
      modrm = m8(csBase + ip); ip = (ip + 1) & 0xffff;
      if (modrm < 0xc0) {
        let off: u32 = 0;
        let seg: u32 = 3;
        switch (modrm & 7) {
          case 0: off = r16(3) + r16(6); break;
          case 1: off = r16(3) + r16(7); break;
          case 2: off = r16(5) + r16(6); seg = 2; break;
          case 3: off = r16(5) + r16(7); seg = 2; break;
          case 4: off = r16(6); break;
          case 5: off = r16(7); break;
          case 6:
            if (modrm < 0x40) { off = m16(csBase + ip); ip = (ip + 2) & 0xffff; }
            else { off = r16(5); seg = 2; }
            break;
          default: off = r16(3); break;
        }
        if (modrm >= 0x80) { off += m16(csBase + ip); ip = (ip + 2) & 0xffff; }
        else if (modrm >= 0x40) { off += u32(i32(<i8>m8(csBase + ip))); ip = (ip + 1) & 0xffff; }
        ea = (sreg(ovr >= 0 ? u32(ovr) : seg) << 4) + (off & 0xffff);
      }
    }
    switch (op) {
      case 0x00: case 0x08: case 0x10: case 0x18: case 0x20: case 0x28: case 0x30: case 0x38:
      case 0x02: case 0x0a: case 0x12: case 0x1a: case 0x22: case 0x2a: case 0x32: case 0x3a: {
        const a = op >> 3;
        const g = (modrm >> 3) & 7;
        const e = modrm >= 0xc0 ? r8(modrm & 7) : m8(ea);
        if (op & 2) { const r = alu(a, r8(g), e, false); if (a != 7) w8(g, r); }
        else { const r = alu(a, e, r8(g), false); if (a != 7) { if (modrm >= 0xc0) w8(modrm & 7, r); else sm8(ea, r); } }
        break;
      }
      case 0x01: case 0x09: case 0x11: case 0x19: case 0x21: case 0x29: case 0x31: case 0x39:
      case 0x03: case 0x0b: case 0x13: case 0x1b: case 0x23: case 0x2b: case 0x33: case 0x3b: {
        const a = op >> 3;
        const g = (modrm >> 3) & 7;
        const e = modrm >= 0xc0 ? r16(modrm & 7) : m16(ea);
        if (op & 2) { const r = alu(a, r16(g), e, true); if (a != 7) w16(g, r); }
        else { const r = alu(a, e, r16(g), true); if (a != 7) { if (modrm >= 0xc0) w16(modrm & 7, r); else sm16(ea, r); } }
        break;
      }
      case 0x04: case 0x0c: case 0x14: case 0x1c: case 0x24: case 0x2c: case 0x34: case 0x3c: {
        const r = alu(op >> 3, r8(0), m8(csBase + ip), false); ip = (ip + 1) & 0xffff;
        if ((op >> 3) != 7) w8(0, r);
        break;
      }
      case 0x05: case 0x0d: case 0x15: case 0x1d: case 0x25: case 0x2d: case 0x35: case 0x3d: {
        const r = alu(op >> 3, r16(0), m16(csBase + ip), true); ip = (ip + 2) & 0xffff;
        if ((op >> 3) != 7) w16(0, r);
        break;
      }
      case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46: case 0x47: {
        const v = r16(op & 7); const r = (v + 1) & 0xffff; w16(op & 7, r);
        fof = i32(r == 0x8000); res = i32(<i16>r); break;
      }
      case 0x48: case 0x49: case 0x4a: case 0x4b: case 0x4c: case 0x4d: case 0x4e: case 0x4f: {
        const v = r16(op & 7); const r = (v - 1) & 0xffff; w16(op & 7, r);
        fof = i32(r == 0x7fff); res = i32(<i16>r); break;
      }
      case 0x50: case 0x51: case 0x52: case 0x53: case 0x54: case 0x55: case 0x56: case 0x57: {
        const v = r16(op & 7); const sp = (r16(4) - 2) & 0xffff; w16(4, sp); sm16((sreg(2) << 4) + sp, v); break;
      }
      case 0x58: case 0x59: case 0x5a: case 0x5b: case 0x5c: case 0x5d: case 0x5e: case 0x5f: {
        const sp = r16(4); const v = m16((sreg(2) << 4) + sp); w16(4, (sp + 2) & 0xffff); w16(op & 7, v); break;
      }
      case 0x70: case 0x71: case 0x72: case 0x73: case 0x74: case 0x75: case 0x76: case 0x77:
      case 0x78: case 0x79: case 0x7a: case 0x7b: case 0x7c: case 0x7d: case 0x7e: case 0x7f: {
        const d = u32(i32(<i8>m8(csBase + ip))); ip = (ip + 1) & 0xffff;
        if (cond(op & 15)) ip = (ip + d) & 0xffff;
        break;
      }
      case 0x80: case 0x82: case 0x81: case 0x83: {
        const wide = (op & 1) != 0;
        const a = (modrm >> 3) & 7;
        const e = modrm >= 0xc0 ? (wide ? r16(modrm & 7) : r8(modrm & 7)) : (wide ? m16(ea) : m8(ea));
        let y: u32 = m8(csBase + ip); ip = (ip + 1) & 0xffff;
        if (op == 0x81) { y |= m8(csBase + ip) << 8; ip = (ip + 1) & 0xffff; }
        else if (op == 0x83) y = u32(i32(<i8>y)) & 0xffff;
        const r = alu(a, e, y, wide);
        if (a != 7) {
          if (modrm >= 0xc0) { if (wide) w16(modrm & 7, r); else w8(modrm & 7, r); }
          else if (wide) sm16(ea, r); else sm8(ea, r);
        }
        break;
      }
      case 0x88: if (modrm >= 0xc0) w8(modrm & 7, r8((modrm >> 3) & 7)); else sm8(ea, r8((modrm >> 3) & 7)); break;
      case 0x89: if (modrm >= 0xc0) w16(modrm & 7, r16((modrm >> 3) & 7)); else sm16(ea, r16((modrm >> 3) & 7)); break;
      case 0x8a: w8((modrm >> 3) & 7, modrm >= 0xc0 ? r8(modrm & 7) : m8(ea)); break;
      case 0x8b: w16((modrm >> 3) & 7, modrm >= 0xc0 ? r16(modrm & 7) : m16(ea)); break;
      case 0x8c: { const v = sreg((modrm >> 3) & 3); if (modrm >= 0xc0) w16(modrm & 7, v); else sm16(ea, v); break; }
      case 0x8e: {
        const v = modrm >= 0xc0 ? r16(modrm & 7) : m16(ea);
        store<u16>(SREGS + (((modrm >> 3) & 3) << 1), v);
        csBase = sreg(1) << 4;
        break;
      }
      case 0xb0: case 0xb1: case 0xb2: case 0xb3: case 0xb4: case 0xb5: case 0xb6: case 0xb7:
        w8(op & 7, m8(csBase + ip)); ip = (ip + 1) & 0xffff; break;
      case 0xb8: case 0xb9: case 0xba: case 0xbb: case 0xbc: case 0xbd: case 0xbe: case 0xbf:
        w16(op & 7, m16(csBase + ip)); ip = (ip + 2) & 0xffff; break;
      case 0xd0: case 0xd1: {
        const wide = op == 0xd1;
        const a = (modrm >> 3) & 7;
        const x = modrm >= 0xc0 ? (wide ? r16(modrm & 7) : r8(modrm & 7)) : (wide ? m16(ea) : m8(ea));
        const top: u32 = wide ? 0x8000 : 0x80;
        let r: u32 = 0;
        if (a == 4 || a == 6) { r = (x << 1) & (wide ? 0xffff : 0xff); fcf = i32((x & top) != 0); fof = i32(((x ^ r) & top) != 0); }
        else if (a == 5) { r = x >> 1; fcf = i32(x & 1); fof = i32((x & top) != 0); }
        else { halted = 2; break; }
        res = wide ? i32(<i16>r) : i32(<i8>r);
        if (modrm >= 0xc0) { if (wide) w16(modrm & 7, r); else w8(modrm & 7, r); }
        else if (wide) sm16(ea, r); else sm8(ea, r);
        break;
      }
      case 0xe2: {
        const d = u32(i32(<i8>m8(csBase + ip))); ip = (ip + 1) & 0xffff;
        const c = (r16(1) - 1) & 0xffff; w16(1, c);
        if (c != 0) ip = (ip + d) & 0xffff;
        break;
      }
      case 0xe8: {
        const d = m16(csBase + ip); ip = (ip + 2) & 0xffff;
        const sp = (r16(4) - 2) & 0xffff; w16(4, sp); sm16((sreg(2) << 4) + sp, ip);
        ip = (ip + d) & 0xffff; break;
      }
      case 0xc3: { const sp = r16(4); ip = m16((sreg(2) << 4) + sp); w16(4, (sp + 2) & 0xffff); break; }
      case 0xe9: { const d = m16(csBase + ip); ip = (ip + 2 + d) & 0xffff; break; }
      case 0xeb: { const d = u32(i32(<i8>m8(csBase + ip))); ip = (ip + 1 + d) & 0xffff; break; }
      case 0xf4: halted = 1; break;
      default: halted = 2; ip = (ip - 1) & 0xffff; break;
    }
  }
  return n;
}
