import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Principal } from '../../domain/jurisdiction.ts';
import type { Catalogue } from '../i18n/zh.ts';
import type { Lang } from '../i18n/index.ts';
import { Nav, NAV_CSS } from './nav.tsx';

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--accent:#0b5cad;--red:#c62828}
*{box-sizing:border-box}body{margin:0;font:15px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--fg);background:#fff}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--bg)}
header .brand{font-weight:700;color:var(--accent);text-decoration:none}header .who{margin-left:auto;color:var(--muted)}
main{max-width:72rem;margin:0 auto;padding:1rem}
.demo{background:#fff4e5;border-bottom:1px solid #f0c36d;padding:.3rem 1rem;font-size:.9rem}
.error{color:var(--red)}form.inline{display:inline}label{display:block;margin:.6rem 0 .2rem}
input,button,select{font:inherit;padding:.35rem .6rem;border:1px solid var(--line);border-radius:6px}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}button.link{background:none;color:var(--accent);border:none;padding:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
.card{max-width:24rem;margin:3rem auto;padding:1.5rem;border:1px solid var(--line);border-radius:10px}
a:focus,button:focus,input:focus{outline:3px solid #f0c36d;outline-offset:1px}
input,select,textarea{max-width:100%}main{overflow-wrap:break-word}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}.scroll table{min-width:36rem}
@media (max-width:600px){header .who{margin-left:0}main{padding:.6rem}}
`;

export interface LayoutProps {
  t: Catalogue;
  lang: Lang;
  title: string;
  principal?: Principal | undefined;
  csrfToken?: string | undefined;
  demo: boolean;
  /** The page's path, marked as current in the navigation. */
  current?: string | undefined;
  children: Child;
}

export function Layout(p: LayoutProps) {
  const other = p.lang === 'zh' ? 'en' : 'zh';
  // The doctype puts browsers in standards mode (without it, quirks mode).
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={p.lang === 'zh' ? 'zh-CN' : 'en'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${p.title} · ${p.t.appName}`}</title>
          {/* Raw: hono/jsx would escape the quotes in font names. The CSS is a constant of ours. */}
          <style>{raw(CSS + NAV_CSS)}</style>
        </head>
        <body>
          {p.demo && (
            <div class="demo" role="note">
              {p.t.demoBanner}
            </div>
          )}
          <header>
            <a class="brand" href="/">
              {p.t.appName}
            </a>
            <a href={`?lang=${other}`} hreflang={other}>
              {p.t.language}
            </a>
            {p.principal && (
              <span class="who">
                {p.principal.name} · {p.t.roles[p.principal.role]} · {p.principal.district ?? p.t.allDistricts}
                {p.principal.streets.length > 0
                  ? `${p.t.p.open}${p.principal.streets.join(p.t.p.list)}${p.t.p.close}`
                  : ''}{' '}
                <form class="inline" method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={p.csrfToken ?? ''} />
                  <button class="link" type="submit">
                    {p.t.logout}
                  </button>
                </form>
              </span>
            )}
          </header>
          {p.principal && <Nav t={p.t} principal={p.principal} demo={p.demo} current={p.current} />}
          <main>{p.children}</main>
        </body>
      </html>
    </>
  );
}
