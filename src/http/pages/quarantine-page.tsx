import { Hono } from 'hono';
import { codeLabel, fieldName, PUNCT } from '../../domain/i18n/codes.ts';
import { reasonText } from '../../domain/i18n/reasons.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { Page, onPage, when } from './console-kit.tsx';
import { listImports, listQuarantine, unknownColumnsOf } from '../../ingest/quarantine-read.ts';
import { importTexts } from '../i18n/import-texts.ts';

// Rows rejected on import, with every reason, and the recent imports that
// had columns matching no header: the same reads as GET /api/v1/quarantine
// and /imports (src/ingest/quarantine-read.ts says who sees what).

const PATH = '/quarantine';
const LIMIT = 100;

export function quarantinePages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get(
    PATH,
    onPage(deps, 'imports:write', PATH, async (x, c) => {
      const { t, p } = x;
      const q = t.quarantinePage;
      const before = Number.parseInt(c.req.query('before') ?? '', 10);
      const importId = Number.parseInt(c.req.query('import') ?? '', 10);
      const [found, imports] = await Promise.all([
        listQuarantine(deps.db, p, {
          importId: importId > 0 ? importId : undefined,
          before: before > 0 ? before : undefined,
          limit: LIMIT + 1,
        }),
        listImports(deps.db, p, 20),
      ]);
      const u = importTexts(c.get('lang'));
      const withUnknown = imports
        .map((i) => ({ ...i, unknown: unknownColumnsOf(i.summary) }))
        .filter((i) => i.unknown.length > 0);
      const rows = found.slice(0, LIMIT);
      const more = found.length > LIMIT;
      return c.html(
        <Page x={x} deps={deps} title={q.title} current={PATH}>
          <h1>{q.title}</h1>
          <p class="muted">{q.intro}</p>
          {withUnknown.length > 0 ? (
            <section class="flash err" role="note" aria-labelledby="unknown-columns">
              <h2 id="unknown-columns">{u.unknownTitle}</h2>
              <p>{u.unknownIntro}</p>
              <ul>
                {withUnknown.map((i) => (
                  <li data-import-id={String(i.id)}>
                    {i.source} · {when(i.started_at, t)} · {u.unknownColumns}
                    {i.unknown.join('、')}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {rows.length === 0 ? (
            <p>{q.none}</p>
          ) : (
            <div class="scroll" role="region" tabindex={0} aria-label={q.title}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.common.kind}</th>
                    <th scope="col">{t.common.source}</th>
                    <th scope="col">{t.common.line}</th>
                    <th scope="col">{q.preview}</th>
                    <th scope="col">{q.reasons}</th>
                    <th scope="col">{t.common.createdAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr data-quarantine-id={String(r.id)}>
                      <td>{codeLabel(x.c.get('lang'), 'importKind', r.kind)}</td>
                      <td>
                        {r.source}
                        {r.import_id !== null ? (
                          <>
                            <br />
                            <small>
                              {q.importId} #{r.import_id}
                            </small>
                          </>
                        ) : null}
                      </td>
                      <td>{r.line}</td>
                      <td>
                        <pre class="preview">{r.raw_preview}</pre>
                      </td>
                      <td>
                        <ul class="reasons">
                          {r.reasons.map((why) => (
                            <li>
                              {fieldName(x.c.get('lang'), why) ? (
                                <>
                                  <strong>{fieldName(x.c.get('lang'), why)}</strong>
                                  {PUNCT[x.c.get('lang')].colon}
                                </>
                              ) : null}
                              {reasonText(x.c.get('lang'), why.message)}
                            </li>
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
          {more ? (
            <nav aria-label={q.title}>
              <a
                href={`${PATH}?before=${rows[rows.length - 1]!.id}${Number.isInteger(importId) && importId > 0 ? `&import=${importId}` : ''}`}
              >
                {t.common.older}
              </a>
            </nav>
          ) : null}
        </Page>,
      );
    }),
  );

  return app;
}
