import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ROLES } from '../../domain/roles.ts';
import { createToken } from '../../users/tokens.ts';
import { createUser, listUsers } from '../../users/users.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { attempt, Csrf, field, fill, Flash, Page, onPage, type PageCtx, readForm, when } from './console-kit.tsx';

// User administration (users:manage): the user list, a new user, and a new
// API token shown once (the same calls as /api/v1/users).

const PATH = '/admin/users';

interface Extra {
  error?: string;
  notice?: string;
  token?: { user: string; token: string };
}

export function userPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(x: PageCtx, extra: Extra = {}, status: ContentfulStatusCode = 200, draft: Record<string, string> = {}) {
    const { t } = x;
    const u = t.usersPage;
    const users = await listUsers(deps.db);
    return x.c.html(
      <Page x={x} deps={deps} title={u.title} current={PATH}>
        <h1>{u.title}</h1>
        <Flash x={x} error={extra.error} notice={extra.notice} />
        {extra.token ? (
          <section class="flash ok" aria-labelledby="new-token">
            <h2 id="new-token">{fill(u.newToken, { name: extra.token.user })}</h2>
            <p><code class="secret" data-token="1">{extra.token.token}</code></p>
            <p>{t.common.shownOnce}</p>
          </section>
        ) : null}
        <section>
          <h2>{u.list}</h2>
          <div class="scroll" role="region" tabindex={0} aria-label={u.list}>
            <table>
              <thead><tr>
                <th scope="col">{u.name}</th><th scope="col">{u.displayName}</th><th scope="col">{u.role}</th><th scope="col">{t.jurisdiction}</th>
                <th scope="col">{u.state}</th><th scope="col">{u.lastLogin}</th>
              </tr></thead>
              <tbody>
                {users.map((row) => (
                  <tr data-user={row.name}>
                    <td>{row.name}</td>
                    <td>{row.display_name}</td>
                    <td>{t.roles[row.role as 'admin'] ?? row.role}</td>
                    <td>{row.district ?? t.allDistricts}{row.streets.length ? <><br /><small>{row.streets.join('、')}</small></> : null}</td>
                    <td>{row.disabled ? u.disabledUser : u.active}</td>
                    <td>{when(row.last_login_at, t)}</td>
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
              <div><label for="u-name">{u.name}</label><input id="u-name" name="name" required pattern="[a-z0-9_.\-]{2,64}" autocomplete="off" value={draft['name'] ?? ''} /></div>
              <div><label for="u-display">{u.displayName}{t.common.optional}</label><input id="u-display" name="displayName" maxlength={64} value={draft['displayName'] ?? ''} /></div>
              <div><label for="u-role">{u.role}</label>
                <select id="u-role" name="role" required>{ROLES.map((r) => <option value={r} selected={draft['role'] === r}>{t.roles[r]}</option>)}</select></div>
              <div><label for="u-district">{u.district}</label><input id="u-district" name="district" maxlength={64} value={draft['district'] ?? ''} /></div>
              <div><label for="u-streets">{u.streets}</label><input id="u-streets" name="streets" size={30} value={draft['streets'] ?? ''} /></div>
              <div><label for="u-password">{u.password}</label><input id="u-password" name="password" type="password" required minlength={10} autocomplete="new-password" /></div>
              <div><button type="submit">{u.createButton}</button></div>
            </div>
          </form>
        </section>
        <section>
          <h2>{u.token}</h2>
          <form method="post" action={`${PATH}/tokens`} class="stack">
            <Csrf x={x} />
            <div><label for="tk-user">{u.tokenUser}</label>
              <select id="tk-user" name="user" required>{users.filter((row) => !row.disabled).map((row) => <option value={row.name}>{row.name}</option>)}</select></div>
            <div><label for="tk-label">{u.tokenLabel}</label><input id="tk-label" name="label" maxlength={100} /></div>
            <div><button type="submit">{u.tokenButton}</button></div>
          </form>
        </section>
      </Page>,
      status,
    );
  }

  app.get(PATH, onPage(deps, 'users:manage', PATH, async (x, c) => {
    const created = c.req.query('created');
    return render(x, created ? { notice: fill(x.t.usersPage.created, { name: created }) } : {});
  }));

  app.post(PATH, onPage(deps, 'users:manage', PATH, async (x, c) => {
    const form = await readForm(c);
    const draft = {
      name: field(form, 'name'), displayName: field(form, 'displayName'), role: field(form, 'role'), district: field(form, 'district'), streets: field(form, 'streets'),
    };
    const out = await attempt(() => createUser(deps.db, actorOf(c, deps), {
      name: draft.name, displayName: draft.displayName || undefined, role: draft.role as (typeof ROLES)[number],
      district: draft.district || null, streets: draft.streets.split(/[、,，;；|]/).map((s) => s.trim()).filter(Boolean),
      password: typeof form['password'] === 'string' ? form['password'] : '',
    }, x.now));
    if (!out.ok) return render(x, { error: out.error.message }, out.error.status, draft);
    return c.redirect(`${PATH}?created=${encodeURIComponent(out.value.name)}`, 303);
  }));

  app.post(`${PATH}/tokens`, onPage(deps, 'users:manage', PATH, async (x, c) => {
    const form = await readForm(c);
    const user = field(form, 'user');
    const label = field(form, 'label').slice(0, 100);
    const out = await attempt(() => createToken(deps.db, actorOf(c, deps), user, x.now, label || undefined));
    if (!out.ok) return render(x, { error: out.error.message }, out.error.status);
    c.header('Cache-Control', 'no-store');
    // Answered directly: the token is shown this once and never travels in a URL.
    return render(x, { token: { user, token: out.value.token } }, 200);
  }));

  return app;
}
