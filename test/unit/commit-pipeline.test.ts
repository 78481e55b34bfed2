import { describe, expect, it } from 'vitest';
import { CommitPipeline } from '../../src/ingest/commit-pipeline.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A step that finishes when told to, logging when it starts and ends. */
function gate(log: string[], name: string) {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  const run = async () => {
    log.push(`start ${name}`);
    await done;
    log.push(`end ${name}`);
  };
  return { run, open, fail };
}

describe('CommitPipeline', () => {
  it('prepares the next batch while one commits, and commits in order', async () => {
    const log: string[] = [];
    const p = new CommitPipeline();
    const commitA = gate(log, 'commit a');
    const prepareB = gate(log, 'prepare b');
    const commitB = gate(log, 'commit b');
    await p.submit(new Set(['1']), async () => 'a', commitA.run);
    await tick();
    await p.submit(new Set(['2']), prepareB.run, commitB.run);
    await tick();
    expect(log).toEqual(['start commit a', 'start prepare b']);
    prepareB.open();
    await tick();
    expect(log).toEqual(['start commit a', 'start prepare b', 'end prepare b']); // b waits for a
    commitA.open();
    await tick();
    commitB.open();
    await p.drain();
    expect(log).toEqual([
      'start commit a',
      'start prepare b',
      'end prepare b',
      'end commit a',
      'start commit b',
      'end commit b',
    ]);
  });

  it('prepares one batch at a time: submit returns once the batch before is prepared', async () => {
    const log: string[] = [];
    const p = new CommitPipeline();
    const prepareA = gate(log, 'prepare a');
    await p.submit(new Set(['1']), prepareA.run, async () => {});
    const second = p
      .submit(
        new Set(['2']),
        async () => {
          log.push('prepare b');
        },
        async () => {},
      )
      .then(() => log.push('b submitted'));
    await tick();
    expect(log).toEqual(['start prepare a']);
    prepareA.open();
    await second;
    await p.drain();
    expect(log).toEqual(['start prepare a', 'end prepare a', 'prepare b', 'b submitted']);
  });

  it('keeps at most one prepared batch waiting for the database', async () => {
    const log: string[] = [];
    const p = new CommitPipeline();
    const commitA = gate(log, 'commit a');
    await p.submit(new Set(['1']), async () => {}, commitA.run);
    await p.submit(
      new Set(['2']),
      async () => {},
      async () => {
        log.push('commit b');
      },
    );
    const third = p.submit(
      new Set(['3']),
      async () => {
        log.push('prepare c');
      },
      async () => {},
    );
    await tick();
    expect(log).toEqual(['start commit a']);
    commitA.open();
    await third;
    await p.drain();
    expect(log.slice(0, 2)).toEqual(['start commit a', 'end commit a']);
    expect(log.slice(2).sort()).toEqual(['commit b', 'prepare c']);
  });

  it('holds back a batch naming a record id of a batch not committed yet', async () => {
    const log: string[] = [];
    const p = new CommitPipeline();
    const commitA = gate(log, 'commit a');
    await p.submit(new Set(['I-1', 'I-2']), async () => {}, commitA.run);
    await tick();
    await p.submit(
      new Set(['I-3']),
      async () => {
        log.push('prepare disjoint');
      },
      async () => {},
    );
    const overlapping = p.submit(
      new Set(['I-4', 'I-2']),
      async () => {
        log.push('prepare overlapping');
      },
      async () => {},
    );
    await tick();
    expect(log).toEqual(['start commit a', 'prepare disjoint']);
    commitA.open();
    await overlapping;
    await p.drain();
    expect(log).toEqual(['start commit a', 'prepare disjoint', 'end commit a', 'prepare overlapping']);
  });

  it('after a failed commit, commits nothing more and reports the failure at the next submit', async () => {
    const log: string[] = [];
    const p = new CommitPipeline();
    const commitA = gate(log, 'commit a');
    await p.submit(new Set(['1']), async () => {}, commitA.run);
    await p.submit(
      new Set(['2']),
      async () => {},
      async () => {
        log.push('commit b');
      },
    );
    commitA.fail(new Error('disk full'));
    await tick(); // a failure while the caller reads on is not an unhandled rejection
    await expect(
      p.submit(
        new Set(['3']),
        async () => {},
        async () => {
          log.push('commit c');
        },
      ),
    ).rejects.toThrow('disk full');
    await expect(p.drain()).rejects.toThrow('disk full');
    expect(log).toEqual(['start commit a']);
  });

  it('a failed preparation fails its batch; the batch before still commits', async () => {
    const log: string[] = [];
    const p = new CommitPipeline();
    const commitA = gate(log, 'commit a');
    await p.submit(new Set(['1']), async () => {}, commitA.run);
    await p.submit(
      new Set(['2']),
      async () => {
        throw new Error('bad batch');
      },
      async () => {
        log.push('commit b');
      },
    );
    await expect(
      p.submit(
        new Set(['3']),
        async () => {},
        async () => {},
      ),
    ).rejects.toThrow('bad batch');
    const settled = p.settle().then(() => log.push('settled'));
    await tick();
    expect(log).toEqual(['start commit a']);
    commitA.open();
    await settled;
    expect(log).toEqual(['start commit a', 'end commit a', 'settled']);
  });
});
