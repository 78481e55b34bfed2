// Reads the import statements of source files (static, `export … from` and
// dynamic), resolved to paths relative to the repository root, so layer
// tests can say which directory may not reach which.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** Every .ts/.tsx file under `dir` (relative to the root), recursively. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(join(ROOT, d), { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const IMPORT =
  /(?:^|[;\s])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The module specifiers a source text imports (comments stripped first). */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

export interface Import {
  file: string;
  specifier: string;
  /** Root-relative path of a relative import; the bare specifier of a package. */
  target: string;
}

/** The imports of one root-relative file. */
export function importsOfFile(file: string): Import[] {
  return importsOf(readFileSync(join(ROOT, file), 'utf8')).map((specifier) => ({
    file,
    specifier,
    target: specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : specifier,
  }));
}

/** `target` is `dir` or inside it. */
export const within = (target: string, dir: string) => target === dir || target.startsWith(`${dir}/`);
