import { mkdirSync, writeFileSync } from 'node:fs';

/** Writes a benchmark's result to bench/results/NAME.json and prints it. */
export function writeResult(name: string, result: unknown): void {
  const out = new URL('../results/', import.meta.url);
  mkdirSync(out, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(new URL(`${name}.json`, out), text);
  process.stdout.write(text);
}
