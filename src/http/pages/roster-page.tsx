import { Hono } from 'hono';
import { codeLabel, PUNCT } from '../../domain/i18n/codes.ts';
import { reasonText } from '../../domain/i18n/reasons.ts';
import { DAY_MS, shanghaiWeekStart } from '../../domain/time/shanghai.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { loadRoster } from '../../alerts/duty.ts';
import { importRoster, listShifts, type RosterImportResult } from '../../alerts/roster-repo.ts';
import { rosterGaps } from '../../alerts/roster-gaps.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { DUTY_CATEGORIES as CATEGORIES, districtOnDuty } from '../../alerts/on-duty-read.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import {
  attempt,
  can,
  Csrf,
  field,
  fileField,
  fill,
  Flash,
  Page,
  onPage,
  type PageCtx,
  readForm,
  when,
  errText,
} from './console-kit.tsx';

// The duty roster: who is on duty now per tier in the user's district, the
// week's shifts, and a CSV import (the same importRoster as the API's).

const PATH = '/roster';
/** Monday 00:00 Shanghai time of the week holding `at`. */
export const weekStart = shanghaiWeekStart;

export function rosterPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(
    x: PageCtx,
    extra: { error?: string; notice?: string; result?: RosterImportResult; csv?: string } = {},
    status: ContentfulStatusCode = 200,
  ) {
    const { t } = x;
    const r = t.rosterPage;
    const from = weekStart(x.now);
    const to = new Date(from.getTime() + 7 * DAY_MS);
    const [duty, shifts, gaps] = await Promise.all([
      loadRoster(deps.db, x.now).then((roster) => districtOnDuty(deps.db, roster, x.p, x.now)),
      listShifts(deps.db, x.p, from, to),
      rosterGaps(deps.db, x.now, scopeOf(x.p)),
    ]);
    const tierName = (n: number) => (n === 1 ? r.tier1 : n === 2 ? r.tier2 : n === 3 ? r.tier3 : `${r.tier} ${n}`);
    const via = (s: string) => (s === 'override' ? r.viaOverride : s === 'shift' ? r.viaShift : r.viaRotation);
    return x.c.html(
      <Page x={x} deps={deps} title={r.title} current={PATH}>
        <h1>{r.title}</h1>
        <Flash x={x} error={extra.error} notice={extra.notice} />
        {extra.result && extra.result.rejected.length > 0 ? (
          <section class="flash err" aria-labelledby="rejected-lines">
            <h2 id="rejected-lines">{r.rejected}</h2>
            <ul>
              {extra.result.rejected.map((l) => (
                <li data-line={String(l.line)}>
                  {t.common.line} {l.line}
                  {PUNCT[x.c.get('lang')].colon}
                  {l.reasons
                    .map(
                      (why) =>
                        (why.field
                          ? `${codeLabel(x.c.get('lang'), 'field', why.field)}${PUNCT[x.c.get('lang')].colon}`
                          : '') + reasonText(x.c.get('lang'), why.message),
                    )
                    .join(PUNCT[x.c.get('lang')].sep)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section>
          <h2>
            {r.onDutyNow} <small class="muted">{when(x.now, t)}</small>
          </h2>
          {duty.map((d, i) => (
            <div class="scroll" role="region" tabindex={0} aria-label={r.onDutyNow}>
              <h3 id={`duty-${i}`}>{d.district ?? t.allDistricts}</h3>
              <table data-district={d.district ?? ''} aria-labelledby={`duty-${i}`}>
                <thead>
                  <tr>
                    <th scope="col">{r.tier}</th>
                    {CATEGORIES.map((cat) => (
                      <th scope="col">{r[cat]}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.tiers.map((tier) => (
                    <tr>
                      <th scope="row">{tierName(tier.tier)}</th>
                      {CATEGORIES.map((cat) => {
                        const people = tier.byCategory[cat] ?? [];
                        return (
                          <td>
                            {people.length === 0 ? (
                              <span class="muted">{r.nobody}</span>
                            ) : (
                              people.map((pp, i) => (
                                <>
                                  {i > 0 ? t.p.list : ''}
                                  {pp.user}{' '}
                                  <small class="muted">
                                    {t.p.open}
                                    {via(pp.source)}
                                    {pp.streets.length ? ` · ${pp.streets.join(t.p.list)}` : ''}
                                    {t.p.close}
                                  </small>
                                </>
                              ))
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
        <section>
          <h2>{r.gaps}</h2>
          {gaps.length === 0 ? (
            <p>{r.noGaps}</p>
          ) : (
            <div class="scroll" role="region" tabindex={0} aria-label={r.gaps}>
              <table class="gaps">
                <thead>
                  <tr>
                    <th scope="col">{r.district}</th>
                    <th scope="col">{r.gapCategory}</th>
                    <th scope="col">{r.start}</th>
                    <th scope="col">{r.end}</th>
                  </tr>
                </thead>
                <tbody>
                  {gaps.map((g) => (
                    <tr data-gap={g.category}>
                      <td>{g.district ?? t.allDistricts}</td>
                      <td>{r[g.category as 'labor' | 'opinion'] ?? g.category}</td>
                      <td>{when(g.start, t)}</td>
                      <td>{when(g.end, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section>
          <h2>
            {r.week}{' '}
            <small class="muted">
              {when(from, t).slice(0, 10)} – {when(new Date(to.getTime() - 1), t).slice(0, 10)}
            </small>
          </h2>
          {shifts.length === 0 ? (
            <p>{r.noShifts}</p>
          ) : (
            <div class="scroll" role="region" tabindex={0} aria-label={r.week}>
              <table class="shifts">
                <thead>
                  <tr>
                    <th scope="col">{r.user}</th>
                    <th scope="col">{r.tier}</th>
                    <th scope="col">{r.start}</th>
                    <th scope="col">{r.end}</th>
                    <th scope="col">{r.district}</th>
                    <th scope="col">{r.categories}</th>
                    <th scope="col">{r.note}</th>
                  </tr>
                </thead>
                <tbody>
                  {shifts.map((s) => (
                    <tr data-shift-id={String(s.id)}>
                      <td>
                        {s.user}
                        {s.override ? (
                          <>
                            <br />
                            <small>{r.override}</small>
                          </>
                        ) : null}
                      </td>
                      <td>{tierName(s.tier)}</td>
                      <td>{when(s.start, t)}</td>
                      <td>{when(s.end, t)}</td>
                      <td>
                        {s.district ?? t.allDistricts}
                        {s.streets.length ? (
                          <>
                            <br />
                            <small>{s.streets.join(t.p.list)}</small>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {s.categories.length
                          ? s.categories.map((c) => codeLabel(x.c.get('lang'), 'alertCategory', c)).join(t.p.list)
                          : t.common.any}
                      </td>
                      <td>{s.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {can(x, 'roster:manage') ? (
          <section>
            <h2>{r.import}</h2>
            <p class="muted" id="roster-hint">
              {r.importHint.split('{columns}')[0]}
              <code>user,start,end,district,streets,categories,tier[,override,note]</code>
              {r.importHint.split('{columns}')[1]}
            </p>
            <form method="post" action={`${PATH}/import`} enctype="multipart/form-data">
              <Csrf x={x} />
              <label for="roster-file">{r.file}</label>
              <input id="roster-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="roster-hint" />
              <label for="roster-csv">{r.text}</label>
              <textarea
                id="roster-csv"
                name="csv"
                rows={5}
                aria-describedby="roster-hint"
                placeholder="user,start,end,district,streets,categories,tier"
              >
                {extra.csv ?? ''}
              </textarea>
              <p>
                <button type="submit">{r.importButton}</button>
              </p>
            </form>
          </section>
        ) : null}
      </Page>,
      status,
    );
  }

  app.get(
    PATH,
    onPage(deps, 'roster:read', PATH, async (x, _c) => {
      return render(x);
    }),
  );

  app.post(
    `${PATH}/import`,
    onPage(deps, 'roster:manage', PATH, async (x, c) => {
      const form = await readForm(c);
      const file = fileField(form, 'file');
      const text = field(form, 'csv');
      const bytes = file ? new Uint8Array(await file.arrayBuffer()) : text ? new TextEncoder().encode(text) : null;
      if (!bytes) return render(x, { error: x.t.rosterPage.noInput }, 400);
      const out = await attempt(() => importRoster(deps.db, x.p, actorOf(c, deps), [bytes], x.now));
      if (!out.ok) return render(x, { error: errText(x, out.error), csv: text }, out.error.status);
      // Answered directly: the rejected lines are this import's, not something to keep in a URL.
      return render(
        x,
        {
          notice: fill(x.t.rosterPage.accepted, { n: out.value.accepted }),
          result: out.value,
          csv: out.value.rejected.length > 0 ? text : '',
        },
        200,
      );
    }),
  );

  return app;
}
