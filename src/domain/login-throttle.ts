// Login throttling, decided from counts the caller reads (pure).
//
// Failures count per (user name, address): an attacker elsewhere cannot lock
// a colleague out, since only their own pair slows down. Past `maxFailures`
// the pair waits `backoffMs`, doubling with each further failure, capped by
// the window. Each address also has a ceiling on failures for any name, so
// one address cannot sweep many names; it is high enough that an office
// behind one NAT address keeps working through its users' typos.

export interface LoginLimits {
  /** Failures of one (name, address) pair before backoff starts. */
  maxFailures: number;
  /** Failures are forgotten after this long. */
  windowMs: number;
  /** The first wait after maxFailures; doubles with each further failure. */
  backoffMs: number;
  /** Failures from one address, for any name, within the window, before it is refused. */
  addressMaxFailures: number;
}

export interface RecentFailures {
  /** Failures of this name from this address in the window, and the last one's time. */
  pair: number;
  lastPairAt: Date | null;
  /** Failures from this address for any name in the window. */
  address: number;
}

/** How long this attempt must still wait (0: it may go ahead). */
export function loginWaitMs(recent: RecentFailures, limits: LoginLimits, now: Date): number {
  if (recent.address >= limits.addressMaxFailures) return limits.windowMs;
  if (recent.pair < limits.maxFailures || recent.lastPairAt === null) return 0;
  const backoff = Math.min(limits.windowMs, limits.backoffMs * 2 ** Math.min(30, recent.pair - limits.maxFailures));
  return Math.max(0, recent.lastPairAt.getTime() + backoff - now.getTime());
}
