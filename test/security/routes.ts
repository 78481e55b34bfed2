// The routes of the live OpenAPI document, for suites that must cover every
// route: a route added without a matching test entry fails them.

export interface ApiParam {
  in: 'path' | 'query';
  name: string;
  type: string;
}

export interface ApiRoute {
  method: string;
  /** OpenAPI template, e.g. /api/v1/alerts/{id}. */
  path: string;
  /** `METHOD path`: the key of the suites' tables. */
  key: string;
  params: ApiParam[];
  bodyTypes: string[];
}

type Requester = { request(path: string, init?: RequestInit): Response | Promise<Response> };

export async function openApiRoutes(app: Requester): Promise<ApiRoute[]> {
  const r = await app.request('/api/v1/openapi.json');
  if (r.status !== 200) throw new Error(`openapi.json answered ${r.status}`);
  const doc = (await r.json()) as {
    paths: Record<string, Record<string, { parameters?: any[]; requestBody?: { content?: Record<string, unknown> } }>>;
  };
  const routes: ApiRoute[] = [];
  for (const [raw, ops] of Object.entries(doc.paths)) {
    // The document once listed /api/v1/api/v1/imports/{kind} (issue 13, item 15): test the path that is served.
    const path = raw.replace(/^\/api\/v1\/api\/v1\//, '/api/v1/');
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query')
        .map((p) => ({ in: p.in, name: p.name, type: p.schema?.type ?? (p.schema?.enum ? 'string' : 'unknown') }));
      routes.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        params,
        bodyTypes: Object.keys(op.requestBody?.content ?? {}),
      });
    }
  }
  return routes;
}

/** Fills `{name}` placeholders from `value(name)` (already URL-safe). */
export function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => value(name));
}
