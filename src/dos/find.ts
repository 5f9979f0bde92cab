// Directory searches: INT 21h/4Eh find first and 4Fh find next with the DTA in the FIND layout,
// over the search core the FCB functions 11h/12h share (directory-searches.ts).
import type { FileSystem } from './filesystem';
import type { FoundEntry } from './directory-searches';
import { fillSegment, wr8, wr16, wr32, copyToSegment, writeAsciiz, rd16 } from '../cpu/guest-memory';
import { FIND } from './layout';
import { DOS_ERROR } from './errors';
import { pathAtDsDx } from './handle-functions';

const E = DOS_ERROR;

function writeFound(fs: FileSystem, seg: number, off: number, e: FoundEntry): void {
  wr8(fs.mem, seg, off + FIND.ATTRIBUTE, e.attribute);
  wr16(fs.mem, seg, off + FIND.TIME, e.time);
  wr16(fs.mem, seg, off + FIND.DATE, e.date);
  wr32(fs.mem, seg, off + FIND.SIZE, e.size);
  fillSegment(fs.mem, seg, off + FIND.NAME, FIND.LENGTH - FIND.NAME, 0);
  writeAsciiz(fs.mem, seg, off + FIND.NAME, e.name);
}

export function findFunctions(fs: FileSystem) {
  const searches = fs.searches;

  // 4Eh: find first match of DS:DX with attributes CX; results in the DTA.
  const int21_4E = () => {
    const c = fs.cpu;
    const r = fs.paths.resolve(pathAtDsDx(fs), { wildcards: true });
    if (typeof r === 'number') return fs.dos.fail(r === E.FILE_NOT_FOUND ? E.NO_MORE_FILES : r);
    const dta = fs.dos.getDta();
    if (r.device) {
      // MS-DOS finds a device by name, with the device attribute bit (40h) and no date.
      fillSegment(fs.mem, dta.seg, dta.off, FIND.LENGTH, 0);
      writeFound(fs, dta.seg, dta.off, { name: r.device.name, fcbName: '', attribute: 0x40, date: 0, time: 0, size: 0 });
      return fs.dos.ok();
    }
    const found = searches.first(r, c.cx & 0xff);
    if (typeof found === 'number') return fs.dos.fail(found);
    // Reserved part: drive (1 = A), the pattern, the attribute, and vdm86's search id.
    fillSegment(fs.mem, dta.seg, dta.off, FIND.ATTRIBUTE, 0);
    wr8(fs.mem, dta.seg, dta.off + FIND.DRIVE, r.drive.index + 1);
    copyToSegment(fs.mem, dta.seg, dta.off + FIND.TEMPLATE, [...r.fcbName].map((ch) => ch.charCodeAt(0)));
    wr8(fs.mem, dta.seg, dta.off + FIND.SEARCH_ATTRIBUTE, c.cx & 0xff);
    wr16(fs.mem, dta.seg, dta.off + FIND.SEARCH_ID, found.id);
    writeFound(fs, dta.seg, dta.off, found.entry);
    c.ax = 0;
    fs.dos.ok();
  };

  // 4Fh: find next, continuing the search whose state the DTA holds.
  const int21_4F = () => {
    const dta = fs.dos.getDta();
    const id = rd16(fs.mem, dta.seg, dta.off + FIND.SEARCH_ID);
    const found = searches.next(id);
    if (typeof found === 'number') return fs.dos.fail(found);
    writeFound(fs, dta.seg, dta.off, found);
    fs.cpu.ax = 0;
    fs.dos.ok();
  };
  return { int21_4E, int21_4F };
}
