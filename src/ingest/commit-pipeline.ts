/**
 * Runs an import's batches through two stages, prepare (look up, hash,
 * seal, build the columns) and commit (one transaction), so that
 * JavaScript and the database overlap: while batch N commits, batch N+1
 * is prepared and batch N+2 read and validated, and this thread never
 * sits waiting for a lookup or a commit while there is a row to read. On
 * PostgreSQL the server works on another core meanwhile; on PGlite, which
 * runs in this thread, nothing overlaps and nothing is lost.
 *
 * What keeps the result the same as storing batch after batch:
 * - commits run one at a time, in order, each after the one before has
 *   committed, so a failure leaves the earlier batches stored and nothing
 *   after it (a failed preparation counts as that batch failing);
 * - a batch naming a record id of a batch not committed yet waits for it
 *   before preparing, so its lookups see the stored record;
 * - at most one batch is being prepared and one waits to commit or
 *   commits, so memory stays bounded whichever side is slower.
 */
export class CommitPipeline {
  /** The last submitted batch's commit; it settles only after every earlier one. */
  private tail: Promise<void> = Promise.resolve();
  /** The commit of the batch before that. */
  private previousTail: Promise<void> = Promise.resolve();
  private preparing: Promise<unknown> = Promise.resolve();
  private uncommitted: Array<{ ids: ReadonlySet<string>; done: boolean }> = [];
  private failure: { error: unknown } | null = null;

  /**
   * Starts preparing a batch and queues its commit, returning at once
   * unless that would put more than one batch ahead of the database:
   * it first waits until the previous batch is prepared and the one
   * before that committed (rethrowing any failure so far). Without that
   * bound, a database slower than the reader would let prepared batches
   * pile up in memory.
   */
  async submit<W>(
    ids: ReadonlySet<string>,
    prepare: () => Promise<W>,
    commit: (prepared: W) => Promise<void>,
  ): Promise<void> {
    await this.preparing;
    await this.previousTail.catch(() => {});
    // A batch that failed to commit ends the import: nothing after it may commit.
    if (this.failure) throw this.failure.error;
    this.uncommitted = this.uncommitted.filter((b) => !b.done);
    if (this.uncommitted.some((b) => overlaps(ids, b.ids))) await this.tail;
    const prepared = prepare();
    // Both are observed through `tail` later; without these, a failure
    // while the caller reads on would count as an unhandled rejection.
    prepared.catch(() => {});
    const entry = { ids, done: false };
    const committed = this.tail
      .then(() => prepared)
      .then(commit)
      .then(() => {
        entry.done = true;
      });
    committed.catch((error) => {
      this.failure ??= { error };
    });
    this.uncommitted.push(entry);
    this.preparing = prepared;
    this.previousTail = this.tail;
    this.tail = committed;
  }

  /** Waits until every submitted batch is committed, rethrowing the first failure. */
  async drain(): Promise<void> {
    await this.tail;
  }

  /** After a failure elsewhere: lets whatever is in flight finish either way, so no transaction outlives the import. */
  async settle(): Promise<void> {
    await this.tail.catch(() => {});
  }
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}
