// The fan-out chosen from configuration: in-process for a single relay; Redis Streams between
// relay processes when REDIS_URL is set (fanout/redis.ts). The Redis client (~20 MB of RSS) is
// imported only when configured.
import type { RelayConfig } from '../config.ts';
import { log } from '../log.ts';
import { InProcessFanout } from './local.ts';
import type { Fanout } from './types.ts';

export type { Fanout } from './types.ts';

export async function openFanout(config: Pick<RelayConfig, 'redisUrl'>): Promise<Fanout> {
	if (config.redisUrl) {
		const { RedisStreamsFanout } = await import('./redis.ts');
		const fanout = new RedisStreamsFanout(config.redisUrl, {
			log: (event, err) => log(event, err ? { error: String(err) } : {})
		});
		// Connects in the background: a relay starts while Redis is down, serves its own clients
		// durably, and joins the others when Redis answers (subscribe() waits for it).
		fanout.start().catch((err: unknown) => log('fanout_start_failed', { error: String(err) }));
		return fanout;
	}
	return createFanout(config);
}

/** The in-process fan-out, synchronously (in-process relays in tests). */
export function createFanout(config: Pick<RelayConfig, 'redisUrl'>): Fanout {
	if (config.redisUrl) throw new Error('REDIS_URL is set: open the fan-out with openFanout()');
	return new InProcessFanout();
}
