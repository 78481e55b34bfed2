import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ROLES } from '../../domain/roles.ts';
import { createOwnToken, listActiveTokens, revokeToken } from '../../users/tokens.ts';
import { createUser, listUsers, setUserDisabled } from '../../users/users.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import {
  ActionButton,
  attempt,
  Csrf,
  field,
  fill,
  Flash,
  Page,
  onPage,
  type PageCtx,
  readForm,
  when,
  errText,
} from './console-kit.tsx';

// User administration (users:manage): the user list (disable/enable), a
// new user, the API tokens in use (revoke), and a new token of your own
// shown once (the same calls as /api/v1/users). Nobody mints a token for
// another user: it would let an admin act, and approve, as them.

const PATH = '/admin/users';

interface Extra {
  error?: string;
  notice?: string;
  token?: { user: string; token: string };
}

export function userPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(
    x: PageCtx,
    extra: Extra = {},
    status: ContentfulStatusCode = 200,
    draft: Record<string, string> = {},
  ) {
    const { t } = x;
    const u = t.usersPage;
    const [users, tokens] = await Promise.all([listUsers(deps.db), listActiveTokens(deps.db)]);
    return x.c.html(
      <Page x={x} deps={deps} title={u.title} current={PATH}>
        <h1>{u.title}</h1>
        <Flash x={x} error={extra.error} notice={extra.notice} />
        {extra.token ? (
          <section class="flash ok" aria-labelledby="new-token">
            <h2 id="new-token">{fill(u.newToken, { name: extra.token.user })}</h2>
            <p>
              <code class="secret" data-token="1">
                {extra.token.token}
              </code>
            </p>
            <p>{t.common.shownOnce}</p>
          </section>
        ) : null}
        <section>
          <h2>{u.list}</h2>
          <div class="scroll" role="region" tabindex={0} aria-label={u.list}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{u.name}</th>
                  <th scope="col">{u.displayName}</th>
                  <th scope="col">{u.role}</th>
                  <th scope="col">{t.jurisdiction}</th>
                  <th scope="col">{u.state}</th>
                  <th scope="col">{u.lastLogin}</th>
                  <th scope="col">{t.actions}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((row) => (
                  <tr data-user={row.name}>
                    <td>{row.name}</td>
                    <td>{row.display_name}</td>
                    <td>{t.roles[row.role as 'admin'] ?? row.role}</td>
                    <td>
                      {row.district ?? t.allDistricts}
                      {row.streets.length ? (
                        <>
                          <br />
                          <small>{row.streets.join(t.p.list)}</small>
                        </>
                      ) : null}
                    </td>
                    <td>{row.disabled ? u.disabledUser : u.active}</td>
                    <td>{when(row.last_login_at, t)}</td>
                    <td>
                      {row.name === x.p.name ? null : (
                        <ActionButton
                          x={x}
                          action={`${PATH}/${encodeURIComponent(row.name)}/${row.disabled ? 'enable' : 'disable'}`}
                          label={row.disabled ? u.enable : u.disable}
                          what={row.name}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section>
          <h2>{u.create}</h2>
          <form method="post" action={PATH}>
            <Csrf x={x} />
            <div class="stack">
              <div>
                <label for="u-name">{u.name}</label>
                <input
                  id="u-name"
                  name="name"
                  required
                  pattern="[a-z0-9_.\-]{2,64}"
                  autocomplete="off"
                  value={draft['name'] ?? ''}
                />
              </div>
              <div>
                <label for="u-display">
                  {u.displayName}
                  {t.common.optional}
                </label>
                <input id="u-display" name="displayName" maxlength={64} value={draft['displayName'] ?? ''} />
              </div>
              <div>
                <label for="u-role">{u.role}</label>
                <select id="u-role" name="role" required>
                  {ROLES.map((r) => (
                    <option value={r} selected={draft['role'] === r}>
                      {t.roles[r]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label for="u-district">{u.district}</label>
                <input id="u-district" name="district" maxlength={64} value={draft['district'] ?? ''} />
              </div>
              <div>
                <label for="u-streets">{u.streets}</label>
                <input id="u-streets" name="streets" size={30} value={draft['streets'] ?? ''} />
              </div>
              <div>
                <label for="u-password">{u.password}</label>
                <input
                  id="u-password"
                  name="password"
                  type="password"
                  required
                  minlength={10}
                  autocomplete="new-password"
                />
              </div>
              <div>
                <button type="submit">{u.createButton}</button>
              </div>
            </div>
          </form>
        </section>
        <section>
          <h2>{u.tokens}</h2>
          {tokens.length === 0 ? (
            <p>{u.noTokens}</p>
          ) : (
            <div class="scroll" role="region" tabindex={0} aria-label={u.tokens}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{u.name}</th>
                    <th scope="col">{u.tokenPrefix}</th>
                    <th scope="col">{u.tokenLabel}</th>
                    <th scope="col">{u.lastUsed}</th>
                    <th scope="col">{t.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((tk) => (
                    <tr data-token-id={String(tk.id)}>
                      <td>{tk.user}</td>
                      <td>
                        <code>{tk.prefix}…</code>
                      </td>
                      <td>{tk.label ?? ''}</td>
                      <td>{when(tk.lastUsedAt === null ? null : new Date(tk.lastUsedAt), t)}</td>
                      <td>
                        <ActionButton
                          x={x}
                          action={`${PATH}/tokens/${tk.id}/revoke`}
                          label={u.revoke}
                          what={`${tk.user} ${tk.prefix}`}
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
          <h2>{u.token}</h2>
          <form method="post" action={`${PATH}/tokens`} class="stack">
            <Csrf x={x} />
            <p class="muted">{u.tokenOwnOnly}</p>
            <div>
              <label for="tk-label">{u.tokenLabel}</label>
              <input id="tk-label" name="label" maxlength={100} />
            </div>
            <div>
              <button type="submit">{u.tokenButton}</button>
            </div>
          </form>
        </section>
      </Page>,
      status,
    );
  }

  app.get(
    PATH,
    onPage(deps, 'users:manage', PATH, async (x, c) => {
      const created = c.req.query('created');
      return render(x, created ? { notice: fill(x.t.usersPage.created, { name: created }) } : {});
    }),
  );

  app.post(
    PATH,
    onPage(deps, 'users:manage', PATH, async (x, c) => {
      const form = await readForm(c);
      const draft = {
        name: field(form, 'name'),
        displayName: field(form, 'displayName'),
        role: field(form, 'role'),
        district: field(form, 'district'),
        streets: field(form, 'streets'),
      };
      const out = await attempt(() =>
        createUser(
          deps.db,
          actorOf(c, deps),
          {
            name: draft.name,
            displayName: draft.displayName || undefined,
            role: draft.role as (typeof ROLES)[number],
            district: draft.district || null,
            streets: draft.streets
              .split(/[、,，;；|]/)
              .map((s) => s.trim())
              .filter(Boolean),
            password: typeof form['password'] === 'string' ? form['password'] : '',
          },
          x.now,
        ),
      );
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status, draft);
      return c.redirect(`${PATH}?created=${encodeURIComponent(out.value.name)}`, 303);
    }),
  );

  app.post(
    `${PATH}/tokens`,
    onPage(deps, 'users:manage', PATH, async (x, c) => {
      const form = await readForm(c);
      const user = x.p.name;
      const label = field(form, 'label').slice(0, 100);
      const out = await attempt(() => createOwnToken(deps.db, actorOf(c, deps), x.p, user, x.now, label || undefined));
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status);
      c.header('Cache-Control', 'no-store');
      // Answered directly: the token is shown this once and never travels in a URL.
      return render(x, { token: { user, token: out.value.token } }, 200);
    }),
  );

  app.post(
    `${PATH}/tokens/:id{[0-9]+}/revoke`,
    onPage(deps, 'users:manage', PATH, async (x, c) => {
      const out = await attempt(() => revokeToken(deps.db, actorOf(c, deps), c.req.param('id') ?? '', x.now));
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status);
      return render(x, { notice: fill(x.t.usersPage.revoked, { name: out.value.user }) });
    }),
  );

  app.post(
    `${PATH}/:name/:action{disable|enable}`,
    onPage(deps, 'users:manage', PATH, async (x, c) => {
      const disabled = c.req.param('action') === 'disable';
      const out = await attempt(() =>
        setUserDisabled(deps.db, actorOf(c, deps), c.req.param('name') ?? '', disabled, x.now),
      );
      if (!out.ok) return render(x, { error: errText(x, out.error) }, out.error.status);
      return render(x, {
        notice: fill(disabled ? x.t.usersPage.disabledNotice : x.t.usersPage.enabledNotice, { name: out.value.name }),
      });
    }),
  );

  return app;
}
