import { describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/db.ts';
import { audit } from '../../src/audit/audit.ts';

const db = useTestDb();

// PGlite is one connection; Kysely's runtime driver serializes callers for
// adapters without multiple connections. This holds it to that.
describe('concurrent work on one database handle', () => {
  it("a query made while another caller's transaction is open is not swept into it", async () => {
    const t = db();
    let inside!: () => void;
    const opened = new Promise<void>((r) => {
      inside = r;
    });
    const doomed = t.db.transaction().execute(async (trx) => {
      await audit(trx, { id: null, name: 'doomed' }, { action: 'in-transaction', objectType: 'test' });
      inside();
      await new Promise((r) => setTimeout(r, 200));
      throw new Error('roll back');
    });
    await opened;
    const lone = audit(t.db, { id: null, name: 'lone' }, { action: 'outside', objectType: 'test' });
    await expect(doomed).rejects.toThrow('roll back');
    await lone;
    const rows = await t.db.selectFrom('audit_log').select('actor_name').execute();
    expect(rows).toEqual([{ actor_name: 'lone' }]);
  });
});
