import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { Forbidden } from '../../domain/errors.ts';
import { linkUnresolved, listUnresolved } from '../../ingest/unresolved.ts';
import { evidenceArrived } from '../../ingest/evidence-arrived.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import {
  attempt,
  can,
  Csrf,
  field,
  fill,
  Flash,
  forbidden,
  Page,
  onPage,
  type PageCtx,
  readForm,
  errText,
} from './console-kit.tsx';

// Records whose firm resolved to none or several, grouped by the name they
// give; a person links a name to a firm (the same calls as the API's).

const PATH = '/records/unresolved';

export function unresolvedPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(
    x: PageCtx,
    flash: { error?: string; notice?: string } = {},
    status: ContentfulStatusCode = 200,
  ) {
    const { t } = x;
    const u = t.unresolvedPage;
    const groups = await listUnresolved(deps.db, scopeOf(x.p));
    const canLink = can(x, 'firms:write');
    return x.c.html(
      <Page x={x} deps={deps} title={u.title} current={PATH}>
        <h1>{u.title}</h1>
        <p class="muted">{u.intro}</p>
        <Flash x={x} {...flash} />
        {groups.length === 0 ? (
          <p>{u.none}</p>
        ) : (
          <div class="scroll" role="region" tabindex={0} aria-label={u.title}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{u.name}</th>
                  <th scope="col">{t.common.kind}</th>
                  <th scope="col">{u.resolution}</th>
                  <th scope="col">{u.records}</th>
                  <th scope="col">{u.samples}</th>
                  {canLink ? <th scope="col">{u.link}</th> : null}
                </tr>
              </thead>
              <tbody>
                {groups.map((g, i) => (
                  <tr data-name={g.name}>
                    <td>
                      {g.name}
                      {g.uscc ? (
                        <>
                          <br />
                          <small>{g.uscc}</small>
                        </>
                      ) : null}
                    </td>
                    <td>{g.kind === 'inspections' ? t.inspectionsTitle : t.petitionsTitle}</td>
                    <td>{g.resolution === 'ambiguous' ? u.ambiguous : u.unresolved}</td>
                    <td>{g.records}</td>
                    <td>
                      <small>
                        {g.recordIds.slice(0, 5).join(t.p.list)}
                        {g.recordIds.length > 5 ? '…' : ''}
                      </small>
                    </td>
                    {canLink ? (
                      <td>
                        <form method="post" action={`${PATH}/link`} class="stack">
                          <Csrf x={x} />
                          <input type="hidden" name="name" value={g.name} />
                          <div>
                            <label for={`firm-${i}`}>{u.firm}</label>
                            <input
                              id={`firm-${i}`}
                              name="firm"
                              required
                              maxlength={40}
                              size={20}
                              aria-describedby={`name-${i}`}
                            />
                            <span id={`name-${i}`} hidden>
                              {g.name}
                            </span>
                          </div>
                          <div>
                            <button type="submit">{u.link}</button>
                          </div>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Page>,
      status,
    );
  }

  app.get(
    PATH,
    onPage(deps, 'records:read', PATH, async (x, c) => {
      const n = c.req.query('linked');
      const firm = c.req.query('firm');
      return render(
        x,
        n && firm ? { notice: fill(x.t.unresolvedPage.linked, { n: Number(n) || 0, firm: Number(firm) || 0 }) } : {},
      );
    }),
  );

  app.post(
    `${PATH}/link`,
    onPage(deps, 'firms:write', PATH, async (x, c) => {
      const form = await readForm(c);
      const input = { name: field(form, 'name').slice(0, 200), firm: field(form, 'firm').slice(0, 40) };
      const out = await attempt(async () => {
        const at = x.now;
        const actor = actorOf(c, deps);
        const r = await linkUnresolved(deps.db, actor, scopeOf(x.p), input, at);
        if (r.linked > 0) await evidenceArrived(deps, { firmIds: [r.firmId], at, reason: 'link', actor });
        return r;
      });
      if (!out.ok) {
        if (out.error instanceof Forbidden) return forbidden(x, deps);
        return render(x, { error: errText(x, out.error) }, out.error.status);
      }
      return c.redirect(`${PATH}?linked=${out.value.linked}&firm=${out.value.firmId}`, 303);
    }),
  );

  return app;
}
