import { Hono } from 'hono';
import { formatMinutes } from '../../domain/i18n/codes.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { addFeed, listFeeds, mayChangeFeed, setFeedEnabled } from '../../ingest/opinion/feeds-repo.ts';
import { actorOf } from '../auth.ts';
import { feedContext } from '../feed-context.ts';
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

// The public-opinion feed registry with its health; feeds:manage adds,
// enables and disables (the same calls as /api/v1/feeds).

const PATH = '/feeds';

export function feedPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(
    x: PageCtx,
    flash: { error?: string; notice?: string } = {},
    status: ContentfulStatusCode = 200,
    draft: Record<string, string> = {},
  ) {
    const { t } = x;
    const f = t.feedsPage;
    const feeds = await listFeeds(deps.db, x.p);
    const manage = can(x, 'feeds:manage');
    return x.c.html(
      <Page x={x} deps={deps} title={f.title} current={PATH}>
        <h1>{f.title}</h1>
        <p class="muted">{f.intro}</p>
        <Flash x={x} {...flash} />
        {feeds.length === 0 ? (
          <p>{f.none}</p>
        ) : (
          <div class="scroll" role="region" tabindex={0} aria-label={f.title}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{f.name}</th>
                  <th scope="col">{t.common.status}</th>
                  <th scope="col">{f.lastSuccess}</th>
                  <th scope="col">{f.lastError}</th>
                  <th scope="col">{f.failures}</th>
                  <th scope="col">{f.nextPoll}</th>
                  {manage ? <th scope="col">{t.actions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {feeds.map((feed) => (
                  <tr data-feed={feed.name}>
                    <td>
                      {feed.name}
                      <br />
                      <small class="muted">
                        {feed.url ?? '—'} · {f.credibility} {feed.credibility} ·{' '}
                        {formatMinutes(x.c.get('lang'), feed.poll_interval_min)}
                      </small>
                    </td>
                    <td>{feed.enabled ? t.common.enabled : t.common.disabled}</td>
                    <td>{when(feed.last_success_at, t)}</td>
                    <td>{feed.last_error ? <span class="error">{feed.last_error}</span> : '—'}</td>
                    <td>
                      {feed.consecutive_failures > 0 ? <span class="error">{feed.consecutive_failures}</span> : '0'}
                    </td>
                    <td>{feed.enabled ? when(feed.next_poll_at, t) : '—'}</td>
                    {manage ? (
                      <td>
                        {mayChangeFeed(x.p, feed) ? (
                          <ActionButton
                            x={x}
                            action={`${PATH}/${feed.id}/${feed.enabled ? 'disable' : 'enable'}`}
                            label={feed.enabled ? t.common.disable : t.common.enable}
                            what={feed.name}
                          />
                        ) : (
                          '—'
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manage ? (
          <section>
            <h2>{f.add}</h2>
            <form method="post" action={PATH} class="stack">
              <Csrf x={x} />
              <div>
                <label for="feed-name">{f.name}</label>
                <input id="feed-name" name="name" required maxlength={100} value={draft['name'] ?? ''} />
              </div>
              <div>
                <label for="feed-url">{f.url}</label>
                <input id="feed-url" name="url" type="url" required size={40} value={draft['url'] ?? ''} />
              </div>
              <div>
                <label for="feed-cred">{f.credibility}</label>
                <input
                  id="feed-cred"
                  name="credibility"
                  type="number"
                  min={0}
                  max={5}
                  step="0.1"
                  value={draft['credibility'] ?? '1'}
                />
              </div>
              <div>
                <label for="feed-interval">{f.interval}</label>
                <input
                  id="feed-interval"
                  name="interval"
                  type="number"
                  min={1}
                  max={1440}
                  step={1}
                  value={draft['interval'] ?? '15'}
                />
              </div>
              <div>
                <button type="submit">{f.addButton}</button>
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
    onPage(deps, 'records:read', PATH, async (x, c) => {
      return render(x, c.req.query('added') ? { notice: x.t.feedsPage.added } : {});
    }),
  );

  app.post(
    PATH,
    onPage(deps, 'feeds:manage', PATH, async (x, c) => {
      const form = await readForm(c);
      const draft = {
        name: field(form, 'name'),
        url: field(form, 'url'),
        credibility: field(form, 'credibility'),
        interval: field(form, 'interval'),
      };
      const out = await attempt(() =>
        addFeed(
          deps.db,
          actorOf(c, deps),
          {
            name: draft.name,
            url: draft.url,
            credibility: draft.credibility ? Number(draft.credibility) : undefined,
            pollIntervalMin: draft.interval ? Number(draft.interval) : undefined,
          },
          x.now,
          feedContext(deps, x.p),
        ),
      );
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status, draft);
      return c.redirect(`${PATH}?added=1`, 303);
    }),
  );

  app.post(
    `${PATH}/:id{[0-9]+}/:action{enable|disable}`,
    onPage(deps, 'feeds:manage', PATH, async (x, c) => {
      const out = await attempt(() =>
        setFeedEnabled(deps.db, actorOf(c, deps), c.req.param('id')!, c.req.param('action') === 'enable', x.now, x.p),
      );
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status);
      return c.redirect(PATH, 303);
    }),
  );

  return app;
}
