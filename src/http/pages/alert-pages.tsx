import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.ts';
import { alertDetailPage } from './alert-detail-page.tsx';
import { alertQueuePage } from './alert-queue-page.tsx';

// The console's alert pages: the queue (the home page, alert-queue-page.tsx)
// and the alert detail with its actions (alert-detail-page.tsx).
export function alertPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.route('/', alertQueuePage(deps));
  app.route('/', alertDetailPage(deps));
  return app;
}
