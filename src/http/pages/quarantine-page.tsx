import { Hono } from 'hono';
import { codeLabel, fieldName, PUNCT } from '../../domain/i18n/codes.ts';
import { reasonText } from '../../domain/i18n/reasons.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { Page, onPage, when } from './console-kit.tsx';

// Rows rejected on import, with every reason: the same query as
// GET /api/v1/quarantine (an importer sees their own rows, an admin all).

const PATH = '/quarantine';
const LIMIT = 100;

export function quarantinePages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get(PATH, onPage(deps, 'imports:write', PATH, async (x, c) => {
    const { t, p } = x;
    const q = t.quarantinePage;
    const before = Number.parseInt(c.req.query('before') ?? '', 10);
    const importId = Number.parseInt(c.req.query('import') ?? '', 10);
    let query = deps.db.selectFrom('quarantine').selectAll('quarantine').orderBy('quarantine.id', 'desc').limit(LIMIT + 1);
    if (p.role !== 'admin') query = query.innerJoin('imports', 'imports.id', 'quarantine.import_id').where('imports.actor_name', '=', p.name);
    if (Number.isInteger(importId) && importId > 0) query = query.where('quarantine.import_id', '=', importId);
    if (Number.isInteger(before) && before > 0) query = query.where('quarantine.id', '<', before);
    const found = await query.execute();
    const rows = found.slice(0, LIMIT);
    const more = found.length > LIMIT;
    return c.html(
      <Page x={x} deps={deps} title={q.title} current={PATH}>
        <h1>{q.title}</h1>
        <p class="muted">{q.intro}</p>
        {rows.length === 0 ? <p>{q.none}</p> : (
          <div class="scroll" role="region" tabindex={0} aria-label={q.title}>
            <table>
              <thead><tr>
                <th scope="col">{t.common.kind}</th><th scope="col">{t.common.source}</th><th scope="col">{t.common.line}</th>
                <th scope="col">{q.preview}</th><th scope="col">{q.reasons}</th><th scope="col">{t.common.createdAt}</th>
              </tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-quarantine-id={String(r.id)}>
                    <td>{codeLabel(x.c.get('lang'), 'importKind', r.kind)}</td>
                    <td>{r.source}{r.import_id !== null ? <><br /><small>{q.importId} #{r.import_id}</small></> : null}</td>
                    <td>{r.line}</td>
                    <td><pre class="preview">{r.raw_preview}</pre></td>
                    <td>
                      <ul class="reasons">
                        {r.reasons.map((why) => (
                          <li>{fieldName(x.c.get('lang'), why) ? <><strong>{fieldName(x.c.get('lang'), why)}</strong>{PUNCT[x.c.get('lang')].colon}</> : null}{reasonText(x.c.get('lang'), why.message)}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{when(r.created_at, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {more ? <nav aria-label={q.title}><a href={`${PATH}?before=${rows[rows.length - 1]!.id}${Number.isInteger(importId) && importId > 0 ? `&import=${importId}` : ''}`}>{t.common.older}</a></nav> : null}
      </Page>,
    );
  }));

  return app;
}
