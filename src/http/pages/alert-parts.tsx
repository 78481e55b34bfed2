// The alert pages' parts: their style, deadline countdowns, level chips and
// the rendering of an opinion item as evidence (names and risk terms marked).

import type { AlertDto } from '../../alerts/alert-view.ts';
import type { OpinionEvidence } from '../../alerts/alerts-read.ts';
import { deadlineThatMatters } from '../../domain/alerts/deadlines.ts';
import { sanitizeFeedHtml } from '../../ingest/feeds/html.ts';
import { formatShanghai } from '../i18n/index.ts';
import type { Catalogue } from '../i18n/zh.ts';

export const PAGE_CSS = `
.lvl{display:inline-block;min-width:3.2em;text-align:center;border-radius:4px;padding:0 .3em;color:#fff;font-size:.85rem}
.lvl-red{background:#c62828}.lvl-orange{background:#e65100}.lvl-yellow{background:#f9a825;color:#1f2328}.lvl-blue{background:#1565c0}
.counts{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0}.counts a{text-decoration:none}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:.5rem 0 1rem}.filters label{margin:0}
.late{color:#c62828;font-weight:600}.countdown{font-variant-numeric:tabular-nums;display:inline-block;min-width:7.5em}
.bar{font-size:.8rem}mark.hl-alias{background:#cfe3ff}mark.hl-term{background:#ffe08a}mark.hl-alias.hl-term{background:#ffc48a}
.feed-item{border-left:3px solid #d0d7de;padding-left:.6rem;margin:.6rem 0}.feed-html{max-height:20em;overflow:auto;background:#f6f8fa;padding:.4rem}
.feed-html img{max-width:100%;height:auto}.timeline li{margin:.2rem 0}.actions form{display:inline-block;margin:.2rem .5rem .2rem 0}
.lvl,td.c-status,td.c-due,th{white-space:nowrap}td.c-alert{overflow-wrap:anywhere}td.c-alert a.open{font-weight:600;display:block}
.flash{padding:.5rem .8rem;border-radius:6px;margin:.5rem 0;overflow-wrap:anywhere}.flash.ok{background:#e8f5e9;border:1px solid #b7dfb9}.flash ul{margin:.2rem 0;padding-left:1.2rem}
.evidence li,.timeline li{overflow-wrap:anywhere}svg.bar{max-width:100%;height:auto}
@media (max-width:600px){
table.queue td.c-score,table.queue th.c-score,table.queue td.c-assignee,table.queue th.c-assignee,table.queue td.c-status,table.queue th.c-status{display:none}
table.queue td,table.queue th{padding:.35rem .25rem;white-space:normal}td.c-due small{display:block}td.c-alert a.open{padding:.2rem 0}.countdown{min-width:0}
.actions form{display:block;margin:.4rem 0}.filters>div{flex:1 1 40%}.filters select,.filters input:not([type=checkbox]){width:100%}
}
`;

export function Countdown(p: { due: string | null; now: Date; t: Catalogue }) {
  if (!p.due) return <span>—</span>;
  const ms = Date.parse(p.due) - p.now.getTime();
  const a = Math.abs(ms);
  const text = `${ms < 0 ? `${p.t.overdue} ` : ''}${Math.floor(a / 3_600_000)}:${String(Math.floor((a % 3_600_000) / 60_000)).padStart(2, '0')}${ms < 0 ? '' : ` ${p.t.remaining}`}`;
  return (
    <span
      class={`countdown${ms < 0 ? ' late' : ''}`}
      data-due={p.due}
      data-late={p.t.overdue}
      data-left={p.t.remaining}
      title={formatShanghai(new Date(p.due))}
    >
      {text}
    </span>
  );
}

/** The deadline that matters next (acknowledgement while unacknowledged, then handling), with its kind. */
export function NextDeadline(p: { a: AlertDto; now: Date; t: Catalogue; kinds: { ack: string; handle: string } }) {
  const d = deadlineThatMatters({
    status: p.a.status,
    ackDueAt: p.a.ack_due_at ? new Date(p.a.ack_due_at) : null,
    handleDueAt: p.a.handle_due_at ? new Date(p.a.handle_due_at) : null,
  });
  if (!d) return <span>—</span>;
  return (
    <span data-deadline-kind={d.kind}>
      <small>{p.kinds[d.kind]}</small> <Countdown due={d.at.toISOString()} now={p.now} t={p.t} />
    </span>
  );
}

export const Level = (p: { level: string; t: Catalogue }) => (
  <span class={`lvl lvl-${p.level}`}>{p.t.levels[p.level as 'red'] ?? p.level}</span>
);

/** Only http(s) URLs become links: feed links are hostile input. */
export const safeHref = (u: unknown): string | null => (typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null);

/**
 * `text` (a slice of the matched string starting at `start`) with the firm's
 * names and the risk terms marked; all text goes through JSX, so escaped.
 */
export function Highlighted(p: { text: string; start: number; e: OpinionEvidence }) {
  const end = p.start + p.text.length;
  const spans = [
    ...p.e.aliases.map((a) => ({ ...a, cls: 'hl-alias' })),
    ...p.e.terms.map((t) => ({ ...t, cls: 'hl-term' })),
  ]
    .map((x) => ({ from: Math.max(p.start, x.offset), to: Math.min(end, x.offset + x.length), cls: x.cls }))
    .filter((x) => x.from < x.to);
  if (spans.length === 0) return <>{p.text}</>;
  const cuts = [...new Set([p.start, end, ...spans.flatMap((x) => [x.from, x.to])])].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!,
      to = cuts[i + 1]!;
    const piece = p.text.slice(from - p.start, to - p.start);
    const cls = [...new Set(spans.filter((x) => x.from <= from && x.to >= to).map((x) => x.cls))].sort().join(' ');
    parts.push(cls ? <mark class={cls}>{piece}</mark> : piece);
  }
  return <>{parts}</>;
}

export function FeedEvidence(p: { e: OpinionEvidence; t: Catalogue }) {
  const { e, t } = p;
  const href = safeHref(e.link);
  const body = e.matched.slice(e.titleLength + 1);
  // Stored HTML was sanitized at ingest; sanitizing again at display means
  // a row written by anything else still renders inert.
  const html = e.html ? sanitizeFeedHtml(e.html, null) : '';
  return (
    <article class="feed-item" data-feed-item={String(e.id)}>
      <h3>
        <Highlighted text={e.title} start={0} e={e} />
      </h3>
      <p>
        <small>
          {t.feedName}
          {t.p.colon}
          {e.feed} · {e.publishedAt ? formatShanghai(new Date(e.publishedAt)) : '—'}
          {href ? (
            <>
              {' '}
              ·{' '}
              <a href={href} rel="noopener noreferrer nofollow" target="_blank">
                {t.openSource}
              </a>
            </>
          ) : null}
          {e.place ? (
            <>
              {' '}
              · {t.placeLabel}
              {t.p.colon}
              <span data-place={e.place}>{t.placeNames[e.place as keyof Catalogue['placeNames']] ?? e.place}</span>
              {e.places.length ? (
                <>
                  {t.p.open}
                  <span translate="no">{e.places.join(t.p.list)}</span>
                  {t.p.close}
                </>
              ) : (
                ''
              )}
            </>
          ) : null}
        </small>
      </p>
      {body ? (
        <p>
          <Highlighted text={body} start={e.titleLength + 1} e={e} />
        </p>
      ) : null}
      {e.copies.length > 0 ? (
        <details class="story-copies" data-copies={String(e.copies.length)}>
          <summary>
            {t.storyCopies}
            {t.p.open}
            {e.copies.length}
            {t.p.close}
          </summary>
          <ul>
            {e.copies.map((c) => {
              const ch = safeHref(c.link);
              return (
                <li>
                  {c.feed} · {c.publishedAt ? formatShanghai(new Date(c.publishedAt)) : '—'} ·{' '}
                  {ch ? (
                    <a href={ch} rel="noopener noreferrer nofollow" target="_blank">
                      {c.title}
                    </a>
                  ) : (
                    c.title
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      {html ? (
        <details>
          <summary>{t.originalLayout}</summary>
          <div class="feed-html" dangerouslySetInnerHTML={{ __html: html }} />
        </details>
      ) : null}
    </article>
  );
}
