import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { AppError } from '../../domain/errors.ts';
import { errorText } from '../../domain/i18n/errors.ts';
import type { Principal } from '../../domain/jurisdiction.ts';
import { roleHas, type Permission } from '../../domain/roles.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { catalogue, formatShanghai } from '../i18n/index.ts';
import type { Catalogue } from '../i18n/zh.ts';
import { Layout } from './layout.tsx';

// What the console's smaller pages share: the page frame, the CSRF field,
// the error/notice box, permission guards and form-field readers.
// (hono/jsx escapes <style> text, so the CSS avoids > and quotes.)

export const KIT_CSS = `
.flash{padding:.5rem .8rem;border-radius:6px;margin:.5rem 0;overflow-wrap:anywhere}
.flash.err{background:#fdecea;border:1px solid #f5c2c0;color:#8a1c1c}.flash.ok{background:#e8f5e9;border:1px solid #b7dfb9}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}.scroll:focus-visible{outline:2px solid var(--accent,#1d4ed8);outline-offset:2px}.scroll table{min-width:36rem}
.stack{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:flex-end}.stack div{min-width:0}
fieldset{border:1px solid var(--line);border-radius:8px;margin:.6rem 0;padding:.4rem .8rem}
fieldset label.check{display:inline-block;margin:.2rem .8rem .2rem 0}
textarea{font:inherit;width:100%;max-width:48rem;border:1px solid var(--line);border-radius:6px;padding:.35rem .6rem}
input:not([type=checkbox]):not([type=hidden]),select{max-width:100%}
code.secret{display:inline-block;padding:.2rem .4rem;background:#f6f8fa;border:1px solid var(--line);border-radius:4px;word-break:break-all}
.muted{color:var(--muted)}main p,main li,main small{overflow-wrap:anywhere}pre.preview{white-space:pre-wrap;word-break:break-all;margin:0;font-size:.85rem}
td form{margin:0}
@media (max-width:600px){main{padding:.6rem}.stack{display:block}}
`;

export interface PageCtx {
  c: Context<AppEnv>;
  p: Principal;
  t: Catalogue;
  csrf: string;
  now: Date;
}

/** The page frame: layout, navigation mark, shared CSS. */
export function Page(props: { x: PageCtx; deps: AppDeps; title: string; current: string; children: Child }) {
  const { x } = props;
  return (
    <Layout
      t={x.t}
      lang={x.c.get('lang')}
      title={props.title}
      principal={x.p}
      csrfToken={x.csrf}
      demo={props.deps.config.demo}
      current={props.current}
    >
      <style>{KIT_CSS}</style>
      {props.children}
    </Layout>
  );
}

export const Csrf = (p: { x: PageCtx }) => <input type="hidden" name="_csrf" value={p.x.csrf} />;

/** A one-button form posting to `action` (enable, disable, cancel, replay …); `what` names its object for screen readers. */
export const ActionButton = (p: { x: PageCtx; action: string; label: string; what: string }) => (
  <form method="post" action={p.action}>
    <Csrf x={p.x} />
    <button type="submit" aria-label={`${p.label} ${p.what}`}>
      {p.label}
    </button>
  </form>
);

/** The outcome of the last action: an error (role=alert) or a notice (role=status). */
export function Flash(p: { x: PageCtx; error?: string | undefined; notice?: string | undefined }) {
  return (
    <>
      {p.error ? (
        <p class="flash err" role="alert">
          {p.x.t.common.failed}
          {p.error}
        </p>
      ) : null}
      {p.notice ? (
        <p class="flash ok" role="status">
          {p.notice}
        </p>
      ) : null}
    </>
  );
}

export const when = (d: Date | string | null | undefined, t: Catalogue): string =>
  d ? formatShanghai(typeof d === 'string' ? new Date(d) : d) : t.common.never;

/**
 * The page context of a signed-in caller holding `perm`; otherwise the
 * response to send instead (a redirect to the login page, or a 403 page).
 */
export function pageCtx(
  c: Context<AppEnv>,
  deps: AppDeps,
  perm: Permission,
  path: string,
): PageCtx | Response | Promise<Response> {
  const p = c.get('principal');
  if (!p) return c.redirect(`/login?next=${encodeURIComponent(path)}`, 303);
  const x: PageCtx = {
    c,
    p,
    t: catalogue(c.get('lang')),
    csrf: c.get('csrfToken') ?? '',
    now: deps.clock?.() ?? new Date(),
  };
  if (!roleHas(p.role, perm)) return forbidden(x, deps);
  return x;
}

/**
 * A page route for signed-in callers holding `perm`: the handler gets the
 * page context; everyone else gets the login redirect or the 403 page.
 */
export function onPage(
  deps: AppDeps,
  perm: Permission,
  path: string | ((c: Context<AppEnv>) => string),
  handle: (x: PageCtx, c: Context<AppEnv>) => Response | Promise<Response>,
) {
  return (c: Context<AppEnv>): Response | Promise<Response> => {
    const x = pageCtx(c, deps, perm, typeof path === 'string' ? path : path(c));
    return x instanceof Response || x instanceof Promise ? x : handle(x, c);
  };
}

export function forbidden(x: PageCtx, deps: AppDeps): Response | Promise<Response> {
  return x.c.html(
    <Page x={x} deps={deps} title={x.t.common.forbidden} current="">
      <h1>403</h1>
      <p class="flash err" role="alert">
        {x.t.common.forbidden}
      </p>
    </Page>,
    403,
  );
}

export const can = (x: PageCtx, perm: Permission) => roleHas(x.p.role, perm);

/** Runs a service call; an AppError becomes its message (to show on the page), anything else propagates. */
export async function attempt<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e };
    throw e;
  }
}

/** An error as the page's reader reads it: its keyed message in their language. */
export const errText = (x: PageCtx, e: AppError): string => errorText(e, x.c.get('lang'));

export type Form = Record<string, string | File | (string | File)[]>;

export async function readForm(c: Context<AppEnv>): Promise<Form> {
  return (await c.req.parseBody({ all: true })) as Form;
}

/** One text field, trimmed; '' when absent. */
export function field(form: Form, name: string): string {
  const v = form[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim() : '';
}

/** Every value of a repeated field (checkbox groups). */
export function fields(form: Form, name: string): string[] {
  const v = form[name];
  return ([] as unknown[])
    .concat(v ?? [])
    .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
    .map((s) => s.trim());
}

export function fileField(form: Form, name: string): File | null {
  const v = form[name];
  const f = Array.isArray(v) ? v[0] : v;
  return typeof f === 'object' && f !== null && 'arrayBuffer' in f && f.size > 0 ? f : null;
}

export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
