// The shape docs/DESIGN.md promises, read from the sources' own import lines: imports only point
// down the layers (host, cpu, hw, bios, dos, vdd, then the files that wire them), and the files of
// src/dos import each other in no circle, type-only imports included.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/folders';

const SRC = join(ROOT, 'src');
const LAYERS = ['host', 'cpu', 'hw', 'bios', 'dos', 'vdd'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The files a source imports (type-only imports too), as paths from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|[\w*\s]+?)\s+from\s+'(\.[^']+)'/gm)) {
    const target = relative(ROOT, resolve(dirname(file), m[1])).replaceAll('\\', '/');
    // './x' is x.ts, or x/index.ts for a folder.
    const isFolder = !target.endsWith('.ts') && existsSync(join(ROOT, target, 'index.ts'));
    out.push(target.endsWith('.ts') ? target : isFolder ? `${target}/index.ts` : `${target}.ts`);
  }
  return out;
}

/** A file's layer rank (LAYERS order); files outside the layer folders rank above them all. */
function rank(path: string): number {
  const m = /^src\/([^/]+)\//.exec(path);
  const i = m ? LAYERS.indexOf(m[1]) : -1;
  return i < 0 ? LAYERS.length : i;
}

const files = sources(SRC).map((f) => relative(ROOT, f).replaceAll('\\', '/'));
const graph = new Map(files.map((f) => [f, importsOf(join(ROOT, f))]));

describe('architecture', () => {
  it('imports only point down the layers', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) if (rank(target) > rank(file)) upward.push(`${file} -> ${target}`);
    }
    expect(upward).toEqual([]);
  });

  it('src/dos has no import circle', () => {
    const dos = files.filter((f) => f.startsWith('src/dos/'));
    const next = (f: string) => (graph.get(f) ?? []).filter((t) => t.startsWith('src/dos/'));
    // Depth-first search for a back edge; report the circle it closes.
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const circles: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      path.push(f);
      for (const t of next(f)) {
        if (state.get(t) === 'open') circles.push([...path.slice(path.indexOf(t)), t].join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      path.pop();
      state.set(f, 'done');
    };
    for (const f of dos) if (!state.has(f)) visit(f);
    expect(circles).toEqual([]);
  });
});
