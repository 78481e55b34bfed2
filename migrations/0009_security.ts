import { sql, type Kysely } from 'kysely';
import { maskPiiInText } from '../src/domain/pii.ts';

// Security and jurisdiction (issue 13, second part).
// - audit_log gets the place (district, street) of what each entry is about,
//   derived on insert from the entity it names (else the actor's district),
//   so audit reads are scoped like every other read. The derivation lives in
//   one SQL function, used by the insert trigger and by the backfill here.
// - feeds get a district (null: city-wide) and sealed URLs; webhook
//   endpoints get sealed URLs (`url` then holds the masked display form).
// - petitions get `extra_sealed` (unknown columns are personal data too).
// - quarantine reasons that quoted a phone, ID number or e-mail address
//   are masked in place (new ones are masked before they are stored).
// Values that need QIANSHAO_SECRET_KEY to seal are sealed by
// src/security/seal-legacy.ts when the service or `migrate` next runs.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column district text, add column street text`.execute(db);
  await sql`alter table feeds add column district text, add column url_sealed text`.execute(db);
  await sql`alter table webhook_endpoints add column url_sealed text`.execute(db);
  await sql`alter table petitions add column extra_sealed text`.execute(db);

  await sql
    .raw(`
    create function audit_place(kind text, object_id text, actor_id integer, out district text, out street text) language plpgsql stable as $$
    declare oid bigint;
    begin
      if object_id ~ '^[0-9]{1,18}$' then
        oid := object_id::bigint;
        case kind
          when 'firm' then select f.district, f.street into district, street from firms f where f.id = oid;
          when 'alert' then select f.district, f.street into district, street from alerts a join firms f on f.id = a.firm_id where a.id = oid;
          when 'credit_case' then select f.district, f.street into district, street from credit_cases c join firms f on f.id = c.firm_id where c.id = oid;
          when 'petition' then select coalesce(p.district, f.district), case when p.district is null then f.street else p.street end into district, street
            from petitions p left join firms f on f.id = p.firm_id where p.id = oid;
          when 'inspection' then select coalesce(p.district, f.district), case when p.district is null then f.street else p.street end into district, street
            from inspections p left join firms f on f.id = p.firm_id where p.id = oid;
          when 'silence' then select s.district into district from silences s where s.id = oid;
          when 'webhook' then select e.district into district from webhook_endpoints e where e.id = oid;
          when 'delivery' then select e.district into district from deliveries d join webhook_endpoints e on e.id = d.endpoint_id where d.id = oid;
          when 'shift' then select s.district into district from roster_shifts s where s.id = oid;
          when 'rotation' then select r.district into district from roster_rotations r where r.id = oid;
          when 'user' then select u.district into district from users u where u.id = oid;
          when 'feed' then select f.district into district from feeds f where f.id = oid;
          else null;
        end case;
      end if;
      -- Nothing placed by the entity: the action belongs where its actor works
      -- (a city-level actor leaves it city-level, visible to city-level readers only).
      if district is null and actor_id is not null then
        select u.district into district from users u where u.id = actor_id;
        street := null;
      end if;
    end $$;
  `)
    .execute(db);
  // One statement per call: PGlite (extended protocol) refuses several at once.
  await sql
    .raw(`
    create function audit_log_place() returns trigger language plpgsql as $$
    begin
      if new.district is null then
        select p.district, p.street into new.district, new.street from audit_place(new.object_type, new.object_id, new.actor_id) p;
      end if;
      return new;
    end $$;
  `)
    .execute(db);
  await sql
    .raw(`
    create trigger audit_log_place before insert on audit_log for each row execute function audit_log_place();
  `)
    .execute(db);

  // Backfill: the append-only guard is lifted for this one statement only.
  await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(db);
  await sql`update audit_log a set district = p.district, street = p.street
    from (select id, (audit_place(object_type, object_id, actor_id)).* from audit_log) p where p.id = a.id`.execute(db);
  await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(db);
  await sql`create index audit_log_district on audit_log (district, id desc)`.execute(db);
  await maskQuarantineReasons(db);
}

async function maskQuarantineReasons(db: Kysely<any>): Promise<void> {
  type Reason = { field: string; column: string; message: string };
  let after = 0;
  for (;;) {
    const rows: Array<{ id: number; reasons: Reason[] }> = await db
      .selectFrom('quarantine')
      .select(['id', 'reasons'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    for (const r of rows) {
      const masked = r.reasons.map((x) => ({ ...x, message: maskPiiInText(x.message) }));
      if (JSON.stringify(masked) !== JSON.stringify(r.reasons)) {
        await db
          .updateTable('quarantine')
          .set({ reasons: JSON.stringify(masked) })
          .where('id', '=', r.id)
          .execute();
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists audit_log_place on audit_log`.execute(db);
  await sql`drop function if exists audit_log_place()`.execute(db);
  await sql`drop function if exists audit_place(text, text, integer)`.execute(db);
  await sql`drop index if exists audit_log_district`.execute(db);
  await sql`alter table audit_log drop column if exists district, drop column if exists street`.execute(db);
  await sql`alter table feeds drop column if exists district, drop column if exists url_sealed`.execute(db);
  await sql`alter table webhook_endpoints drop column if exists url_sealed`.execute(db);
  await sql`alter table petitions drop column if exists extra_sealed`.execute(db);
}
