#!/usr/bin/env node
// The vdm86 command: a thin shim over the bundled CLI in dist/cli.cjs, compiled through vm.Script
// with V8's code cache (dist/cli.cjs.cache) so a run starts without parsing and compiling the
// bundle again. The cache records the bundle's size and modification time it was made from; when
// it is missing, stale or refused by this Node (another V8), the run compiles from source and, as
// the process exits, writes a new one with every function that run reached (best effort: a
// read-only install just runs uncached).
// CommonJS (bin/package.json says so): Node then starts it without its ES module loader (~10 ms).
'use strict';
const { closeSync, fstatSync, openSync, readSync, renameSync, writeFileSync } = require('node:fs');
const { isAscii } = require('node:buffer');
// The loader's own createRequire: require('node:module') would load the ES module loader's
// modules as well (~0.5 ms).
const createRequire = module.constructor.createRequire || require('node:module').createRequire;
const { Script } = require('node:vm');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'cli.cjs');
const cacheFile = `${bundle}.cache`;

// Node's CommonJS wrapper around the bundle, read into one buffer with it: V8 compiles one flat
// string, where `wrapper + source` made a second 600 KB copy (flattened by the compiler) and,
// with the first, filled the young generation enough to force a scavenge (~5 ms a start).
const HEAD = Buffer.from('(function (exports, require, module, __filename, __dirname) {');
const TAIL = Buffer.from('\n})');

/** Reads `size` bytes of `fd` into `buf` from offset `at`; the count read. */
function readInto(fd, buf, at, size) {
  let got = 0;
  while (got < size) {
    const n = readSync(fd, buf, at + got, size - got, got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

// One buffer serves the bundle and then the cache: every page of fresh memory costs a page
// fault at its first touch (~11 us each on the 2-core VMs the bench runs on), and the source
// is copied into a V8 string before the cache is read, so the cache can reuse those pages.
let buf;
let source;
let stamp;
let cacheFd = -1;
try {
  const fd = openSync(bundle, 'r');
  const st = fstatSync(fd);
  let cacheSize = 0;
  try {
    cacheFd = openSync(cacheFile, 'r');
    cacheSize = fstatSync(cacheFd).size;
  } catch {
    // no cache yet (or none to be had): compiled from source, and a new one written at exit
  }
  buf = Buffer.allocUnsafe(Math.max(HEAD.length + st.size + TAIL.length, cacheSize));
  HEAD.copy(buf, 0);
  const got = readInto(fd, buf, HEAD.length, st.size);
  closeSync(fd);
  const end = HEAD.length + got;
  TAIL.copy(buf, end);
  const text = buf.subarray(0, end + TAIL.length);
  // The build makes the bundle pure ASCII: latin1 is then the same text in one copy, where utf8
  // would validate every byte (a bundle someone edited by hand still decodes as utf8).
  source = text.toString(isAscii(text) ? 'latin1' : 'utf8');
  stamp = `vdm86-code-cache ${process.version} ${st.size} ${st.mtimeMs}\n`;
} catch (err) {
  process.stderr.write(`vdm86: cannot start (${err && err.message ? err.message : err}); run "npm run build" first\n`);
  process.exit(70);
}

let cachedData;
if (cacheFd >= 0) {
  try {
    const got = readInto(cacheFd, buf, 0, buf.length);
    const head = Buffer.from(stamp);
    if (got > head.length && buf.subarray(0, head.length).equals(head)) cachedData = buf.subarray(head.length, got);
  } catch {
    // an unreadable cache: compiled from source, and a new one written at exit
  }
  closeSync(cacheFd);
}

const script = new Script(source, {
  filename: bundle,
  cachedData,
});
let cachePending = !cachedData || script.cachedDataRejected;
function writeCache() {
  if (!cachePending) return;
  cachePending = false;
  try {
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(stamp), script.createCachedData()]));
    renameSync(tmp, cacheFile);
  } catch {
    // read-only install: run uncached
  }
}
if (cachePending) process.on('exit', writeCache);
// V8 records its flags in a code cache and refuses one made under other flags; the command
// changes a flag once a run goes on (bin/cli.ts noOnStackReplacement), so a pending cache is
// written before that.
globalThis[Symbol.for('vdm86.beforeV8FlagChange')] = writeCache;
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, dist);
