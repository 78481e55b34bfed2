import type { Principal } from '../domain/jurisdiction.ts';
import type { FeedContext } from '../ingest/opinion/feeds-repo.ts';
import type { AppDeps } from './context.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DEMO_FEED_PATH = /^\/demo\/feeds\/([a-z0-9-]+)(\.xml)?$/;

/**
 * What feed changes through the API and console may do. In demo mode the
 * logins are public, so feeds may point only at the demo's own documents on
 * this server (never at another loopback port: `lastError` would make the
 * demo a port scanner).
 */
export function feedContext(deps: AppDeps, principal: Principal): FeedContext {
  return {
    secretKey: deps.secretKey,
    principal,
    allowUrl: deps.config.demo ? (u) => isDemoFeedUrl(deps, u) : undefined,
  };
}

function isDemoFeedUrl(deps: AppDeps, u: URL): boolean {
  const m = DEMO_FEED_PATH.exec(u.pathname);
  if (!m || u.search || u.username || u.password) return false;
  const slugs = deps.demoFeeds?.().map((d) => d.slug);
  if (slugs && !slugs.includes(m[1]!)) return false;
  const own = new URL(deps.config.publicUrl);
  if (u.origin === own.origin) return true;
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return LOOPBACK.has(u.hostname) && port === String(deps.config.port);
}
