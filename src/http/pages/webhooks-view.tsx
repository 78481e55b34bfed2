// The webhooks page's body: the endpoints of the caller's jurisdiction, the
// registration form and the dead-letter list (webhooks-page.tsx serves it).

import { actorName, codeLabel } from '../../domain/i18n/codes.ts';
import { CHANNEL_KINDS, EVENT_TYPES } from '../../delivery/channels/index.ts';
import type { listDeliveries, listEndpoints } from '../../delivery/endpoints.ts';
import type { AppDeps } from '../context.ts';
import { ActionButton, Csrf, Flash, Page, type PageCtx, when } from './console-kit.tsx';

export const PATH = '/webhooks';
export const LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;

export interface Extra {
  error?: string;
  notice?: string;
  secret?: string | null;
}

interface ViewProps {
  x: PageCtx;
  deps: AppDeps;
  endpoints: Awaited<ReturnType<typeof listEndpoints>>;
  dead: Awaited<ReturnType<typeof listDeliveries>>;
  extra: Extra;
  draft: Record<string, string>;
}

export function WebhooksView({ x, deps, endpoints, dead, extra, draft }: ViewProps) {
  const { t } = x;
  const w = t.webhooksPage;
  return (
    <Page x={x} deps={deps} title={w.title} current={PATH}>
      <h1>{w.title}</h1>
      <Flash x={x} error={extra.error} notice={extra.notice} />
      {extra.secret ? (
        <section class="flash ok" aria-labelledby="new-secret">
          <h2 id="new-secret">{w.newSecret}</h2>
          <p>
            <code class="secret" data-secret="1">
              {extra.secret}
            </code>
          </p>
          <p>{t.common.shownOnce}</p>
        </section>
      ) : null}
      <section>
        <h2>{w.endpoints}</h2>
        {endpoints.length === 0 ? (
          <p>{w.none}</p>
        ) : (
          <div class="scroll" role="region" tabindex={0} aria-label={w.endpoints}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.common.id}</th>
                  <th scope="col">{w.url}</th>
                  <th scope="col">{w.kind}</th>
                  <th scope="col">{w.events}</th>
                  <th scope="col">{w.levels}</th>
                  <th scope="col">{t.common.status}</th>
                  <th scope="col">{t.actions}</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr data-endpoint-id={String(e.id)}>
                    <td>{e.id}</td>
                    <td>
                      {e.label ? (
                        <>
                          <strong>{e.label}</strong>
                          <br />
                        </>
                      ) : null}
                      <small>{e.url}</small>
                      <br />
                      <small class="muted">
                        {w.district} {e.district ?? t.allDistricts} · {t.common.createdBy}{' '}
                        {actorName(x.c.get('lang'), e.createdBy)} · {when(e.createdAt, t)}
                        {e.hasSecret ? ` · ${w.hasSecret}` : ''}
                      </small>
                    </td>
                    <td>
                      {codeLabel(x.c.get('lang'), 'channelKind', e.kind)}
                      <br />
                      <small class="muted">
                        {w.lang}
                        {t.p.colon}
                        {codeLabel(x.c.get('lang'), 'language', e.lang)}
                      </small>
                    </td>
                    <td>
                      {e.events.length
                        ? e.events.map((ev) => codeLabel(x.c.get('lang'), 'eventType', ev)).join(t.p.list)
                        : t.common.any}
                    </td>
                    <td>
                      {e.levels.length ? e.levels.map((l) => t.levels[l as 'red'] ?? l).join(t.p.list) : t.common.any}
                    </td>
                    <td>
                      {e.enabled ? (
                        t.common.enabled
                      ) : (
                        <>
                          {t.common.disabled}
                          {e.disabledReason ? (
                            <>
                              <br />
                              <small>{e.disabledReason}</small>
                            </>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td>
                      <ActionButton
                        x={x}
                        action={`${PATH}/${e.id}/${e.enabled ? 'disable' : 'enable'}`}
                        label={e.enabled ? t.common.disable : t.common.enable}
                        what={`#${e.id}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section>
        <h2>{w.register}</h2>
        <form method="post" action={PATH}>
          <Csrf x={x} />
          <div class="stack">
            <div>
              <label for="wh-url">{w.url}</label>
              <input id="wh-url" name="url" type="url" required size={40} maxlength={2000} value={draft['url'] ?? ''} />
            </div>
            <div>
              <label for="wh-kind">{w.kind}</label>
              <select id="wh-kind" name="kind" required>
                {CHANNEL_KINDS.map((k) => (
                  <option value={k} selected={draft['kind'] === k}>
                    {codeLabel(x.c.get('lang'), 'channelKind', k)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="wh-lang">{w.lang}</label>
              <select id="wh-lang" name="lang" aria-describedby="wh-lang-hint">
                {(['zh', 'en'] as const).map((l) => (
                  <option value={l} selected={draft['lang'] === l}>
                    {codeLabel(x.c.get('lang'), 'language', l)}
                  </option>
                ))}
              </select>
              <br />
              <small id="wh-lang-hint" class="muted">
                {w.langHint}
              </small>
            </div>
            <div>
              <label for="wh-label">
                {w.label}
                {t.common.optional}
              </label>
              <input id="wh-label" name="label" maxlength={200} value={draft['label'] ?? ''} />
            </div>
            <div>
              <label for="wh-secret">
                {w.secret}
                {t.common.optional}
              </label>
              <input
                id="wh-secret"
                name="secret"
                maxlength={500}
                autocomplete="off"
                aria-describedby="wh-secret-hint"
              />
              <br />
              <small id="wh-secret-hint" class="muted">
                {w.secretHint}
              </small>
            </div>
          </div>
          <fieldset>
            <legend>
              {w.events}{' '}
              <small class="muted">
                {t.p.open}
                {w.allEvents}
                {t.p.close}
              </small>
            </legend>
            {EVENT_TYPES.map((e) => (
              <label class="check">
                <input type="checkbox" name="events" value={e} /> {codeLabel(x.c.get('lang'), 'eventType', e)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>
              {w.levels}{' '}
              <small class="muted">
                {t.p.open}
                {w.allLevels}
                {t.p.close}
              </small>
            </legend>
            {LEVELS.map((l) => (
              <label class="check">
                <input type="checkbox" name="levels" value={l} /> {t.levels[l]}
              </label>
            ))}
          </fieldset>
          <button type="submit">{w.registerButton}</button>
        </form>
      </section>
      <section>
        <h2>{w.deadLetters}</h2>
        {dead.length === 0 ? (
          <p>{w.deadNone}</p>
        ) : (
          <div class="scroll" role="region" tabindex={0} aria-label={w.deadLetters}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.common.id}</th>
                  <th scope="col">{w.message}</th>
                  <th scope="col">{w.alert}</th>
                  <th scope="col">{w.attempts}</th>
                  <th scope="col">{w.lastStatus}</th>
                  <th scope="col">{w.lastError}</th>
                  <th scope="col">{t.actions}</th>
                </tr>
              </thead>
              <tbody>
                {dead.map((d) => (
                  <tr data-delivery-id={String(d.id)}>
                    <td>
                      {d.id}
                      <br />
                      <small class="muted">→ #{d.endpointId}</small>
                    </td>
                    <td>
                      {codeLabel(x.c.get('lang'), 'eventType', d.eventType)}
                      <br />
                      <small class="muted">{d.messageId}</small>
                    </td>
                    <td>{d.alertId !== null ? <a href={`/alerts/${d.alertId}`}>#{d.alertId}</a> : '—'}</td>
                    <td>
                      {d.attempts}
                      <br />
                      <small class="muted">{when(d.lastAttemptAt, t)}</small>
                    </td>
                    <td>{d.lastStatus ?? '—'}</td>
                    <td>
                      <small>{d.lastError ?? '—'}</small>
                    </td>
                    <td>
                      <ActionButton
                        x={x}
                        action={`${PATH}/deliveries/${d.id}/replay`}
                        label={w.replay}
                        what={`#${d.id}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}
