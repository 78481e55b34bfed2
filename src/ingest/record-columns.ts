import type { Sealer } from '../crypto/sealer.ts';
import { maskIdNumber, maskName, maskPhone, maskPiiInText } from '../domain/pii.ts';
import type { InspectionRow, PetitionRow } from './rows/index.ts';
import type { Resolution } from './resolve-firms.ts';

// Normalized rows → table columns. Petition personal data is sealed
// (AES-256-GCM) with a masked copy beside it for display.

export function firmRefColumns(row: { firm: string | null; firmKey: string | null; uscc: string | null }, r: Resolution) {
  return { firm_id: r.firmId, firm_name: row.firm, firm_name_norm: row.firmKey, firm_uscc: row.uscc, resolution: r.status };
}

export function inspectionColumns(row: InspectionRow) {
  return {
    date: row.date, kind: row.kind, violations: row.violations, workers: row.workers, amount: row.amount, order: row.order,
    due: row.due, rectified: row.rectified, status: row.status, inspector: row.inspector, notes: row.notes,
    district: row.district, street: row.street, extra: JSON.stringify(row.extra),
  };
}

const sealed = (sealer: Sealer, v: string | null) => (v === null ? null : sealer.seal(v));

export function petitionColumns(row: PetitionRow, sealer: Sealer) {
  return {
    received: row.received, channel: row.channel, categories: row.categories, petitioners: row.petitioners, repeat: row.repeat,
    summary_masked: row.summary === null ? null : maskPiiInText(row.summary), summary_sealed: sealed(sealer, row.summary),
    name_masked: row.petitionerName === null ? null : maskName(row.petitionerName), name_sealed: sealed(sealer, row.petitionerName),
    phone_masked: row.phone === null ? null : maskPhone(row.phone), phone_sealed: sealed(sealer, row.phone),
    id_number_masked: row.idNumber === null ? null : maskIdNumber(row.idNumber), id_number_sealed: sealed(sealer, row.idNumber),
    id_number_valid: row.idNumber === null ? null : row.idNumberValid,
    status: row.status, closed: row.closed, district: null, street: null, extra: JSON.stringify(row.extra),
  };
}
