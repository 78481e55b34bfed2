// Instants written as Shanghai wall-clock time, the way the issue states them.
export function sh(local: string): Date {
  const iso = local.includes('T') ? local : local.replace(' ', 'T');
  const withSeconds = /T\d{2}:\d{2}$/.test(iso) ? `${iso}:00` : iso;
  const d = new Date(`${withSeconds}+08:00`);
  if (Number.isNaN(d.getTime())) throw new Error(`bad test instant ${local}`);
  return d;
}

export const minutes = (n: number) => n * 60_000;
export const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
