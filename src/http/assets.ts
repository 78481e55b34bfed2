import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from './context.ts';

// Scripts the pages load, served by the app itself: the CSP allows scripts
// from 'self' only (no inline script, no CDN), so every script is a file
// here. The API reference's bundle is a vendored, pinned copy of
// @scalar/api-reference's browser build, so /api/docs works offline.

/** Ticks the deadline countdowns of the alert pages (data-due, data-late, data-left). */
const COUNTDOWN_JS = `for (const el of document.querySelectorAll('[data-due]')) {
  const due = Date.parse(el.dataset.due), late = el.dataset.late, left = el.dataset.left;
  const tick = () => { const ms = due - Date.now(), a = Math.abs(ms), h = Math.floor(a / 3600000), m = Math.floor(a % 3600000 / 60000);
    el.textContent = (ms < 0 ? late + ' ' : '') + h + ':' + String(m).padStart(2, '0') + (ms < 0 ? '' : ' ' + left);
    el.classList.toggle('late', ms < 0); };
  tick(); setInterval(tick, 30000);
}
`;

/** Mounts the reference on #api-reference, reading the document's URL from its data-url. */
const API_DOCS_JS = `const el = document.getElementById('api-reference');
Scalar.createApiReference(el, { url: el.dataset.url, hideClientButton: true, withDefaultFonts: false, telemetry: false });
`;

export const COUNTDOWN_SRC = '/assets/countdown.js';
const API_DOCS_SRC = '/assets/api-docs.js';

interface Bundle {
  version: string;
  body: Buffer;
  integrity: string;
}
let scalar: Bundle | null | undefined;

/**
 * The @scalar/api-reference browser bundle, vendored with its version
 * (vendor/scalar-api-reference/README.md at the checkout's root says why and how to update it);
 * null when the file is missing.
 */
export function scalarBundle(): Bundle | null {
  if (scalar !== undefined) return scalar;
  try {
    const dir = join(projectDir(), 'vendor', 'scalar-api-reference');
    const version = readFileSync(join(dir, 'VERSION'), 'utf8').trim();
    const body = readFileSync(join(dir, 'standalone.js'));
    scalar = { version, body, integrity: `sha384-${createHash('sha384').update(body).digest('base64')}` };
  } catch {
    scalar = null;
  }
  return scalar;
}

/** The checkout's root, found upwards from this module (src/http/ from source, dist/ from the build). */
function projectDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const js = (body: string | Buffer, cache: string) =>
  new Response(body, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': cache } });

export function assetRoutes() {
  const app = new Hono<AppEnv>();
  app.get(COUNTDOWN_SRC, () => js(COUNTDOWN_JS, 'public, max-age=3600'));
  app.get(API_DOCS_SRC, () => js(API_DOCS_JS, 'public, max-age=3600'));
  // The version is part of the path, so the file can be cached for good.
  app.get('/assets/scalar/:version/standalone.js', (c) => {
    const b = scalarBundle();
    if (!b || c.req.param('version') !== b.version)
      return c.json({ error: { code: 'not_found', message: 'no such asset' } }, 404);
    return js(b.body, 'public, max-age=31536000, immutable');
  });
  app.get('/api/docs', (c) => {
    const b = scalarBundle();
    if (!b)
      return c.text(
        'The API reference bundle (vendor/scalar-api-reference) is missing; the OpenAPI document is at /api/v1/openapi.json',
        503,
      );
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Qianshao API</title></head>
<body><div id="api-reference" data-url="/api/v1/openapi.json"></div>
<script src="/assets/scalar/${b.version}/standalone.js" integrity="${b.integrity}"></script>
<script src="${API_DOCS_SRC}"></script>
</body></html>`);
  });
  return app;
}
