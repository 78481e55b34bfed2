import { sql, type Kysely } from 'kysely';
import { firmNameKeys } from '../src/domain/firm-name.ts';

// Issue 14, records side. Firm names resolve by a matching key (the name
// without legal form, its place moved to one position; see firmNameKeys),
// stored beside every firm name and alias and indexed, so that resolution is
// an equality in SQL, the same for row-by-row and bulk (COPY) imports.
// Existing rows are keyed here with the key function of this release; a
// later change of that function needs a migration that keys them again.

const KEYED = [
  ['firms', 'name'],
  ['firm_aliases', 'alias'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // 关联案号: what a follow-up inspection follows up (inspection-chains.ts).
  await db.schema.alterTable('inspections').addColumn('related', 'text').execute();
  // The instant a record was made when its file gave a time of day (item 2): the date columns stay (every
  // date rule reads them); these hold the instant, and a date alone is the start of its Shanghai day, which
  // is how existing rows are converted. Scoring counts a record as of an instant recorded at or before it.
  for (const [table, column, instant] of [
    ['petitions', 'received', 'received_at'],
    ['inspections', 'date', 'date_at'],
  ] as const) {
    await db.schema.alterTable(table).addColumn(instant, 'timestamptz').execute();
    await sql`update ${sql.table(table)} set ${sql.ref(instant)} = (${sql.ref(column)}::timestamp at time zone 'Asia/Shanghai')`.execute(
      db,
    );
  }
  for (const [table, column] of KEYED) {
    await db.schema
      .alterTable(table)
      .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('base_key', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    for (let after = 0; ; ) {
      const rows = (await db
        .selectFrom(table)
        .select(['id', column])
        .where('id', '>', after)
        .orderBy('id')
        .limit(2000)
        .execute()) as Array<{ id: number } & Record<string, string>>;
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      const values = rows.map((r) => {
        const k = firmNameKeys(r[column]!);
        return sql`(${r.id}::int, ${k.nameKey}::text, ${k.baseKey}::text)`;
      });
      await sql`update ${sql.table(table)} t set name_key = v.k, base_key = v.b from (values ${sql.join(values)}) v(id, k, b) where t.id = v.id`.execute(
        db,
      );
    }
    await db.schema.createIndex(`${table}_name_key`).on(table).column('name_key').execute();
    await db.schema.createIndex(`${table}_base_key`).on(table).column('base_key').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inspections').dropColumn('related').dropColumn('date_at').execute();
  await db.schema.alterTable('petitions').dropColumn('received_at').execute();
  for (const [table] of KEYED)
    await db.schema.alterTable(table).dropColumn('name_key').dropColumn('base_key').execute();
}
