import { describe, expect, it } from 'vitest';
import { importsOf, importsOfFile, sourceFiles, within } from './imports.ts';

// ARCHITECTURE: "Outbound is one way down: alerts, credit and digest build
// events and hand them to delivery/; delivery imports none of them."
const ABOVE = ['src/alerts', 'src/credit', 'src/digest'];

describe('the import graph: delivery below alerts, credit and digest', () => {
  it('no file under src/delivery imports from src/alerts, src/credit or src/digest', () => {
    const files = sourceFiles('src/delivery');
    expect(files.length).toBeGreaterThan(10);
    const up = files.flatMap(importsOfFile).filter((i) => ABOVE.some((d) => within(i.target, d)));
    expect(up.map((i) => `${i.file} → ${i.specifier}`)).toEqual([]);
  });

  it('alerts, credit and digest reach delivery through its outbox, not by writing deliveries themselves', () => {
    const files = ABOVE.flatMap(sourceFiles);
    const users = files.filter((f) => importsOfFile(f).some((i) => i.target === 'src/delivery/outbox.ts'));
    expect(users).toEqual(
      expect.arrayContaining(['src/alerts/lifecycle.ts', 'src/credit/workflow.ts', 'src/digest/publish.ts']),
    );
  });

  it('the reader finds every form of import, and only imports', () => {
    const text = [
      "import { a } from '../alerts/x.ts';",
      'import type { B } from "../credit/y.ts";',
      "export { c } from '../digest/z.ts';",
      "import '../side-effect.ts';",
      "const m = await import('../alerts/lazy.ts');",
      "// import { no } from '../alerts/commented.ts';",
      "/* import { no } from '../alerts/block.ts'; */",
      "import {\n  d,\n  e,\n} from './multi.ts';",
      "const s = 'from \\'../alerts/string.ts\\'';",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      '../alerts/x.ts',
      '../credit/y.ts',
      '../digest/z.ts',
      '../side-effect.ts',
      '../alerts/lazy.ts',
      './multi.ts',
    ]);
  });
});
