import type { JobDefinition } from './job.ts';
import { resolveSecretKey } from '../src/config/secret-key.ts';
import { createDeliverySender } from '../src/delivery/worker.ts';

/**
 * Every minute: one delivery pass. `serve` also runs a delivery loop that
 * is woken the moment deliveries are committed; this tick is the safety
 * net, and the only sender where no loop runs (the Workers runtime).
 */
export const deliveriesSend: JobDefinition = {
  name: 'deliveries',
  description: 'Send due webhook deliveries (retries, and anything the live loop missed)',
  cron: '* * * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 5 * 60_000,
  async run({ db, log, config }) {
    const sender = createDeliverySender(
      {
        db,
        log,
        secretKey: resolveSecretKey(config, log),
        allowPrivateNetworks: config.allowPrivateNetworks,
        publicUrl: config.publicUrl,
      },
      { leaseMs: config.deliveryLeaseMs },
    );
    let total = 0;
    for (;;) {
      const r = await sender.runOnce();
      total += r.claimed;
      if (r.claimed < 100) break;
    }
    return { items: total };
  },
};
