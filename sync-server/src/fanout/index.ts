// The fan-out chosen from configuration. Today only the in-process one exists: a single relay
// process needs nothing else. REDIS_URL is the place for the Redis Streams fan-out.
import type { RelayConfig } from '../config.ts';
import { InProcessFanout } from './local.ts';
import type { Fanout } from './types.ts';

export type { Fanout } from './types.ts';

export function createFanout(config: Pick<RelayConfig, 'redisUrl'>): Fanout {
	if (config.redisUrl) {
		// Scale-out: return new RedisStreamsFanout(config.redisUrl) here (fanout/redis.ts).
		throw new Error('REDIS_URL is set but this relay has no Redis fan-out yet');
	}
	return new InProcessFanout();
}
