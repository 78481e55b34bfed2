import { Hono } from 'hono';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { firmRelations, getFirm } from '../../firms/firms-repo.ts';
import { recentFirmRecords } from '../../firms/firm-records-read.ts';
import { firmRisk, riskHistory, type RiskPoint } from '../../scoring/risk-read.ts';
import { listAlerts } from '../../alerts/alerts-read.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { codeLabel, PUNCT } from '../../domain/i18n/codes.ts';
import { describeFacts } from '../../domain/i18n/describe.ts';
import { alertTitle } from '../../domain/i18n/alert-text.ts';
import { catalogue, formatShanghai } from '../i18n/index.ts';
import type { Catalogue } from '../i18n/zh.ts';
import { Layout } from './layout.tsx';
import { fill } from './console-kit.tsx';
import { firmTexts } from '../i18n/firm-texts.ts';

// The firm profile: identity, score with its history (inline SVG, level
// bands), platforms and partners, recent records by source, and alerts.

const W = 640;
const H = 180;
const PAD = 28;
const BANDS = [
  { from: 80, to: 100, fill: '#fde0dc' },
  { from: 60, to: 80, fill: '#ffe8d1' },
  { from: 40, to: 60, fill: '#fff6cc' },
  { from: 20, to: 40, fill: '#e3eefc' },
];

function HistoryChart(p: { points: RiskPoint[]; until: Date; t: Catalogue }) {
  if (p.points.length === 0) return <p>{p.t.noScore}</p>;
  const t0 = Date.parse(p.points[0]!.at);
  const t1 = Math.max(p.until.getTime(), t0 + 86_400_000);
  const x = (ms: number) => PAD + ((ms - t0) / (t1 - t0)) * (W - 2 * PAD);
  const y = (score: number) => H - PAD - (score / 100) * (H - 2 * PAD);
  // A step line: each stored point holds until the next one.
  let d = '';
  p.points.forEach((pt, i) => {
    const px = x(Date.parse(pt.at));
    d += i === 0 ? `M${px.toFixed(1)},${y(pt.score).toFixed(1)}` : `H${px.toFixed(1)}V${y(pt.score).toFixed(1)}`;
  });
  d += `H${x(t1).toFixed(1)}`;
  return (
    <svg role="img" aria-label={p.t.scoreHistory} width="100%" viewBox={`0 0 ${W} ${H}`} style="max-width:640px">
      {BANDS.map((b) => (
        <rect x={PAD} y={y(b.to)} width={W - 2 * PAD} height={y(b.from) - y(b.to)} fill={b.fill} />
      ))}
      {[0, 20, 40, 60, 80, 100].map((v) => (
        <text x="2" y={y(v) + 4} font-size="10">
          {v}
        </text>
      ))}
      <path d={d} fill="none" stroke="#0b5cad" stroke-width="2" />
      <text x={PAD} y={H - 6} font-size="10">
        {formatShanghai(new Date(t0)).slice(0, 10)}
      </text>
      <text x={W - PAD - 60} y={H - 6} font-size="10">
        {formatShanghai(new Date(t1)).slice(0, 10)}
      </text>
    </svg>
  );
}

function Relations(p: {
  name: string;
  platforms: Array<{ id: number; name: string }>;
  partners: Array<{ id: number; name: string }>;
}) {
  const left = p.platforms.slice(0, 6);
  const right = p.partners.slice(0, 12);
  const rows = Math.max(left.length, right.length, 1);
  const h = rows * 22 + 10;
  const cy = h / 2;
  return (
    <svg role="img" aria-label={p.name} width="100%" viewBox={`0 0 720 ${h}`} style="max-width:720px">
      {left.map((f, i) => (
        <g>
          <line x1="200" y1={15 + i * 22} x2="270" y2={cy} stroke="#8b949e" />
          <a href={`/firms/${f.id}`}>
            <text x="0" y={19 + i * 22} font-size="12">
              {f.name.slice(0, 16)}
            </text>
          </a>
        </g>
      ))}
      {right.map((f, i) => (
        <g>
          <line x1="450" y1={cy} x2="520" y2={15 + i * 22} stroke="#8b949e" />
          <a href={`/firms/${f.id}`}>
            <text x="525" y={19 + i * 22} font-size="12">
              {f.name.slice(0, 16)}
            </text>
          </a>
        </g>
      ))}
      <rect x="270" y={cy - 14} width="180" height="28" rx="6" fill="#0b5cad" />
      <text x="360" y={cy + 5} font-size="12" fill="#fff" text-anchor="middle">
        {p.name.slice(0, 14)}
      </text>
    </svg>
  );
}

export function firmPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/firms/:id{[0-9]+}', async (c) => {
    const p = c.get('principal');
    if (!p) return c.redirect(`/login?next=/firms/${c.req.param('id')}`, 303);
    const lang = c.get('lang');
    const t = catalogue(lang);
    const scope = scopeOf(p);
    const firm = await getFirm(deps.db, scope, c.req.param('id'));
    const [risk, history, rel, alerts, { inspections, petitions, mentions }] = await Promise.all([
      firmRisk(deps.db, scope, String(firm.id)),
      riskHistory(deps.db, scope, String(firm.id), { limit: 365 }),
      firmRelations(deps.db, scope, firm.id),
      listAlerts(deps.db, scope, { status: 'all', firmId: firm.id, limit: 50 }, deps.config.publicUrl),
      recentFirmRecords(deps.db, firm.id),
    ]);
    const ft = firmTexts(lang);
    const _list = (xs: string[]) => (xs.length ? xs.join('、') : '—');
    return c.html(
      <Layout t={t} lang={lang} title={firm.name} principal={p} csrfToken={c.get('csrfToken')} demo={deps.config.demo}>
        <p>
          <a href="/">{t.back}</a> · <a href="/firms">{t.firmsLink}</a>
        </p>
        <h1>{firm.name}</h1>
        <dl>
          <dt>{t.uscc}</dt>
          <dd>{firm.uscc ?? '—'}</dd>
          <dt>
            {t.sector} / {t.firmRole}
          </dt>
          <dd>
            {codeLabel(lang, 'sector', firm.sector)} / {codeLabel(lang, 'firmRole', firm.role)}
          </dd>
          <dt>{t.address}</dt>
          <dd>{[firm.district, firm.street, firm.address].filter(Boolean).join(' ') || '—'}</dd>
          <dt>{t.score}</dt>
          <dd>
            {risk.score
              ? `${risk.score.score.toFixed(1)}${PUNCT[lang].open}${risk.score.level ? t.levels[risk.score.level] : t.none}${PUNCT[lang].close}`
              : '—'}
          </dd>
        </dl>
        <h2>{t.scoreHistory}</h2>
        <HistoryChart
          points={history.points}
          until={history.checkedAt ? new Date(history.checkedAt) : new Date()}
          t={t}
        />
        <h2>{t.relations}</h2>
        {rel.platforms.length + rel.partners.length > 0 ? (
          <Relations name={firm.name} platforms={rel.platforms} partners={rel.partners} />
        ) : rel.outside.platforms + rel.outside.partners === 0 ? (
          <p>{t.none}</p>
        ) : null}
        {rel.outside.platforms > 0 ? (
          <p class="muted" data-outside="platforms">
            {fill(ft.outsidePlatforms, { n: rel.outside.platforms })}
          </p>
        ) : null}
        {rel.outside.partners > 0 ? (
          <p class="muted" data-outside="partners">
            {fill(ft.outsidePartners, { n: rel.outside.partners })}
          </p>
        ) : null}
        <h2>{t.alertsOfFirm}</h2>
        {alerts.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul>
            {alerts.map((a) => (
              <li>
                <a href={`/alerts/${a.id}`}>{alertTitle(lang, a)}</a> · {t.statuses[a.status as 'open'] ?? a.status} ·{' '}
                {formatShanghai(new Date(a.raised_at))}
              </li>
            ))}
          </ul>
        )}
        <h2>{t.records}</h2>
        <h3>{t.inspectionsTitle}</h3>
        {inspections.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul>
            {inspections.map((r) => (
              <li>
                {r.record_id} · {r.date} · {describeFacts(lang, 'inspection', r) || '—'}
              </li>
            ))}
          </ul>
        )}
        <h3>{t.petitionsTitle}</h3>
        {petitions.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul>
            {petitions.map((r) => (
              <li>
                {r.record_id} · {r.received} ·{' '}
                {describeFacts(lang, 'petition', { ...r, summary: r.summary_masked }) || '—'}
              </li>
            ))}
          </ul>
        )}
        <h3>{t.opinionTitle}</h3>
        {mentions.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul>
            {mentions.map((m) => {
              // Feed links are hostile input: only http(s) becomes a link; the title is text (JSX escapes it).
              const href = m.link && /^https?:\/\//i.test(m.link) ? m.link : null;
              return (
                <li>
                  {m.published_at ? formatShanghai(m.published_at) : '—'} ·{' '}
                  {href ? (
                    <a href={href} rel="noopener noreferrer nofollow">
                      {m.title}
                    </a>
                  ) : (
                    m.title
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Layout>,
    );
  });
  return app;
}
