import { Hono } from 'hono';
import { formatShanghaiIso } from '../../domain/time/shanghai.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { cancelSilence, createSilence, listSilences } from '../../alerts/silences-repo.ts';
import { firmNamesOf } from '../../firms/firms-repo.ts';
import { silenceInputSchema } from '../../domain/alerts/index.ts';
import { Invalid } from '../../domain/errors.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import {
  ActionButton,
  attempt,
  can,
  Csrf,
  field,
  Flash,
  Page,
  onPage,
  type PageCtx,
  readForm,
  when,
  errText,
} from './console-kit.tsx';
import { msg } from '../../domain/i18n/messages.ts';
import { issueMessage } from '../../domain/i18n/errors.ts';

// Silences in force or scheduled; silences:manage creates (firm, rule or
// level, until, reason — the API's schema and service) and cancels them.

const PATH = '/silences';
const LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
const RULES = [
  'major_opinion',
  'collective_action',
  'collective_wage_petition',
  'overdue_wage_order',
  'risk_level',
] as const;

/** A datetime-local value (Shanghai wall time) a day from now, as the form's default. */
function localInput(d: Date): string {
  return formatShanghaiIso(d).slice(0, 16);
}

export function silencePages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(
    x: PageCtx,
    flash: { error?: string; notice?: string } = {},
    status: ContentfulStatusCode = 200,
    draft: Record<string, string> = {},
  ) {
    const { t } = x;
    const s = t.silencesPage;
    const list = await listSilences(deps.db, x.p, x.now);
    const manage = can(x, 'silences:manage');
    const firmNames = await firmNamesOf(
      deps.db,
      list.flatMap((v) => (v.firmId === null ? [] : [v.firmId])),
    );
    return x.c.html(
      <Page x={x} deps={deps} title={s.title} current={PATH}>
        <h1>{s.title}</h1>
        <p class="muted">{s.intro}</p>
        <Flash x={x} {...flash} />
        <section>
          <h2>{s.list}</h2>
          {list.length === 0 ? (
            <p>{s.none}</p>
          ) : (
            <div class="scroll" role="region" tabindex={0} aria-label={s.list}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{s.target}</th>
                    <th scope="col">{s.scope}</th>
                    <th scope="col">{s.from}</th>
                    <th scope="col">{s.until}</th>
                    <th scope="col">{s.reason}</th>
                    <th scope="col">{t.common.status}</th>
                    {manage ? <th scope="col">{t.actions}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {list.map((v) => (
                    <tr data-silence-id={String(v.id)}>
                      <td>
                        {v.firmId !== null ? (
                          <div>
                            {t.firm}
                            {t.p.colon}
                            <a href={`/firms/${v.firmId}`}>{firmNames.get(v.firmId) ?? `#${v.firmId}`}</a>
                          </div>
                        ) : null}
                        {v.rule !== null ? (
                          <div>
                            {s.rule}
                            {t.p.colon}
                            {t.rules[v.rule as 'risk_level'] ?? v.rule}
                          </div>
                        ) : null}
                        {v.level !== null ? (
                          <div>
                            {s.level}
                            {t.p.colon}
                            {t.levels[v.level as 'red'] ?? v.level}
                          </div>
                        ) : null}
                      </td>
                      <td data-scope={v.scope.kind}>
                        {v.scope.kind === 'city'
                          ? s.scopeCity
                          : s.scopeDistrict.replace(
                              '{district}',
                              v.scope.district + (v.scope.streets.length ? ` · ${v.scope.streets.join(t.p.list)}` : ''),
                            )}
                      </td>
                      <td>{when(v.startsAt, t)}</td>
                      <td>{when(v.endsAt, t)}</td>
                      <td>
                        {v.reason}
                        <br />
                        <small class="muted">
                          {t.common.createdBy} {v.createdBy}
                        </small>
                      </td>
                      <td>{v.active ? s.active : s.scheduled}</td>
                      {manage ? (
                        <td>
                          <ActionButton x={x} action={`${PATH}/${v.id}/cancel`} label={s.cancel} what={`#${v.id}`} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {manage ? (
          <section>
            <h2>{s.create}</h2>
            <form method="post" action={PATH}>
              <Csrf x={x} />
              <fieldset>
                <legend>{s.target}</legend>
                <div class="stack">
                  <div>
                    <label for="si-firm">{s.firm}</label>
                    <input
                      id="si-firm"
                      name="firmId"
                      inputmode="numeric"
                      pattern="[0-9]*"
                      size={10}
                      value={draft['firmId'] ?? ''}
                    />
                  </div>
                  <div>
                    <label for="si-rule">{s.rule}</label>
                    <select id="si-rule" name="rule">
                      <option value="">{t.common.any}</option>
                      {RULES.map((r) => (
                        <option value={r} selected={draft['rule'] === r}>
                          {t.rules[r]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label for="si-level">{s.level}</label>
                    <select id="si-level" name="level">
                      <option value="">{t.common.any}</option>
                      {LEVELS.map((l) => (
                        <option value={l} selected={draft['level'] === l}>
                          {t.levels[l]}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
              </fieldset>
              <div class="stack">
                <div>
                  <label for="si-until">{s.until}</label>
                  <input
                    id="si-until"
                    name="until"
                    type="datetime-local"
                    required
                    value={draft['until'] ?? localInput(new Date(x.now.getTime() + 86_400_000))}
                  />
                </div>
                <div>
                  <label for="si-reason">{s.reason}</label>
                  <input
                    id="si-reason"
                    name="reason"
                    required
                    maxlength={500}
                    size={40}
                    value={draft['reason'] ?? ''}
                  />
                </div>
                <div>
                  <button type="submit">{s.createButton}</button>
                </div>
              </div>
            </form>
          </section>
        ) : null}
      </Page>,
      status,
    );
  }

  app.get(
    PATH,
    onPage(deps, 'alerts:read', PATH, async (x, c) => {
      const done = c.req.query('done');
      return render(
        x,
        done === 'created'
          ? { notice: x.t.silencesPage.created }
          : done === 'cancelled'
            ? { notice: x.t.silencesPage.cancelled }
            : {},
      );
    }),
  );

  app.post(
    PATH,
    onPage(deps, 'silences:manage', PATH, async (x, c) => {
      const form = await readForm(c);
      const draft = {
        firmId: field(form, 'firmId'),
        rule: field(form, 'rule'),
        level: field(form, 'level'),
        until: field(form, 'until'),
        reason: field(form, 'reason'),
      };
      const out = await attempt(async () => {
        if (draft.firmId && !/^\d{1,9}$/.test(draft.firmId))
          throw new Invalid('firmId: a firm number', undefined, msg('silence.firm_number'));
        const parsed = silenceInputSchema.safeParse({
          firmId: draft.firmId ? Number(draft.firmId) : null,
          rule: draft.rule || null,
          level: draft.level || null,
          startsAt: x.now,
          endsAt: draft.until,
          reason: draft.reason,
        });
        if (!parsed.success) {
          const i = parsed.error.issues[0]!;
          throw new Invalid(`${i.path.join('.') || 'input'}: ${i.message}`, undefined, issueMessage([i]));
        }
        return createSilence(deps.db, x.p, actorOf(c, deps), parsed.data, x.now);
      });
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status, draft);
      return c.redirect(`${PATH}?done=created`, 303);
    }),
  );

  app.post(
    `${PATH}/:id{[0-9]+}/cancel`,
    onPage(deps, 'silences:manage', PATH, async (x, c) => {
      const out = await attempt(() => cancelSilence(deps.db, x.p, actorOf(c, deps), Number(c.req.param('id')), x.now));
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status);
      return c.redirect(`${PATH}?done=cancelled`, 303);
    }),
  );

  return app;
}
