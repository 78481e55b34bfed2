// A Kysely plugin that adds up, per statement kind and table, the time from
// a query being handed to Kysely to its result coming back: compilation,
// parameter serialization, the round trip and the server's work. Whatever
// an import spends outside that is JavaScript between queries (parsing,
// hashing, sealing, building rows). BEGIN/COMMIT bypass plugins and so
// count as outside time too.

import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

export interface QueryStat {
  count: number;
  ms: number;
}

function tableOf(node: any): string {
  const ref = node.into ?? node.table ?? node.from?.froms?.[0];
  return ref?.table?.identifier?.name ?? ref?.identifier?.name ?? '?';
}

// sql`` statements (e.g. an unnest bulk insert) carry their text, not a
// tree; the table may itself be a fragment, hence the optional name.
const RAW_TARGET = /^\s*(insert\s+into|update|delete\s+from|select\b[\s\S]*?\bfrom)\s+"?([\w.]*)/i;

type ParamNode = { kind?: string; name?: string; sqlFragments?: readonly string[]; parameters?: readonly ParamNode[] };

/** The first table named through sql.id() (a RawNode around an IdentifierNode) among a statement's parameters. */
function namedTable(params: readonly ParamNode[]): string | undefined {
  for (const p of params) {
    if (p?.kind === 'IdentifierNode' && p.name) return p.name;
    if (p?.kind === 'RawNode' && p.parameters?.length === 1 && p.parameters[0]?.kind === 'IdentifierNode')
      return p.parameters[0].name;
  }
  return undefined;
}

function labelOf(node: RootOperationNode): string {
  if (node.kind === 'RawNode') {
    const m = RAW_TARGET.exec(node.sqlFragments.join('?'));
    const written = m?.[2] && m[2] !== 'unnest' ? m[2] : undefined;
    const inner = node.parameters[0] as ParamNode | undefined;
    const fragment =
      inner?.kind === 'RawNode' && inner.sqlFragments?.length === 1
        ? inner.sqlFragments[0]!.replace(/"/g, '')
        : undefined;
    const table = written ?? namedTable(node.parameters as readonly ParamNode[]) ?? fragment ?? '?';
    return m ? `${m[1]!.split(/\s/)[0]!.toLowerCase()} ${table} (sql)` : 'sql';
  }
  const verb = node.kind.replace(/QueryNode$/, '').toLowerCase();
  return `${verb} ${tableOf(node)}`;
}

export class QueryTimer implements KyselyPlugin {
  readonly stats = new Map<string, QueryStat>();
  private readonly open = new Map<unknown, { label: string; t0: number }>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.open.set(args.queryId, { label: labelOf(args.node), t0: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const q = this.open.get(args.queryId);
    if (q) {
      this.open.delete(args.queryId);
      const s = this.stats.get(q.label) ?? { count: 0, ms: 0 };
      s.count++;
      s.ms += performance.now() - q.t0;
      this.stats.set(q.label, s);
    }
    return args.result;
  }

  totalMs(): number {
    let ms = 0;
    for (const s of this.stats.values()) ms += s.ms;
    return ms;
  }

  /** Stats sorted by time, rounded for a report. */
  report(): Record<string, { count: number; seconds: number }> {
    return Object.fromEntries(
      [...this.stats]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([k, s]) => [k, { count: s.count, seconds: Number((s.ms / 1000).toFixed(2)) }]),
    );
  }
}
