import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFormatsDoc } from '../../src/ingest/rows/formats-doc.ts';
import { COLUMNS, mapHeader, type RowKind } from '../../src/ingest/rows/columns.ts';

// Issue 15 item 12: docs/formats.md is generated from the column tables;
// this fails when either changes without the other (npm run docs:formats).
describe('docs/formats.md', () => {
  it('is what the column tables render', () => {
    const doc = readFileSync(new URL('../../docs/formats.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderFormatsDoc());
  });

  it('every header it lists maps to its column', () => {
    for (const kind of Object.keys(COLUMNS) as RowKind[]) {
      for (const c of COLUMNS[kind]) {
        for (const h of [c.name, c.zh, ...(c.aliases ?? [])]) expect(mapHeader(kind, h), `${kind} ${h}`).toBe(c.name);
      }
    }
  });

  it('knows the headers inspectors write for violations and orders', () => {
    expect(mapHeader('inspections', '违法行为')).toBe('violations');
    expect(mapHeader('inspections', '处理决定')).toBe('order');
    expect(mapHeader('inspections', '被检查单位')).toBe('firm');
    expect(mapHeader('inspections', '拖欠金额')).toBe('amount');
    expect(mapHeader('petitions', '反映内容')).toBe('summary');
    expect(mapHeader('petitions', '工单编号')).toBe('record_id');
    expect(mapHeader('firms', '所属平台')).toBe('parent');
    expect(mapHeader('inspections', '检查结论')).toBeNull();
  });
});
