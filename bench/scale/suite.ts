// `npm run bench -- scale`: DESIGN.md's scale-out row. The same fan-out load as the relay
// suite (1,000 clients in 100 rooms, 200 updates/s) against the embedded relay and against
// 1, 2 and 3 relay processes over one Postgres and one Redis (Debian's, started here), the
// clients of every room spread round-robin over the processes, so most deliveries cross
// Redis. On 2 cores this shows the overhead of scaling out more than any speed-up.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { fmt, info, measured, median } from '../lib/stats';
import type { Row, Suite, SuiteOptions } from '../lib/types';
import { startPostgres, startRedis } from '../../tests/services/engines';
import { Generator } from '../relay/generator';
import { fanout, type FanoutResult } from '../relay/scenarios';
import { startRelay, type RunningRelay } from '../relay/servers';

const WORKERS = 2;
const PROCESS_COUNTS = [1, 2, 3];

/** N relay processes presented as one: tokens through the first, clients spread over all. */
function spread(relays: RunningRelay[]): RunningRelay {
	let next = 0;
	const first = relays[0]!;
	return {
		...first,
		url: (room, token) => relays[next++ % relays.length]!.url(room, token),
		stop: async () => {
			for (const r of relays) await r.stop();
		}
	};
}

async function measure(
	opts: SuiteOptions,
	start: () => Promise<RunningRelay>,
	seconds: number
): Promise<FanoutResult> {
	const relay = await start();
	let gen: Generator | null = null;
	try {
		gen = await Generator.start(opts.root, WORKERS);
		return await fanout(relay, gen, { rooms: 100, perRoom: 10, rate: 200, seconds });
	} finally {
		await gen?.stop();
		await relay.stop();
	}
}

export const scaleSuite: Suite = {
	name: 'scale',
	describe: 'embedded relay vs 1, 2, 3 relay processes over Postgres + Redis Streams',
	async run(opts) {
		const seconds = opts.quick ? 5 : 30;
		const runs = Math.min(opts.runs, 2);
		const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
		const rows: Row[] = [];
		try {
			const secret = randomBytes(32).toString('base64url');
			let databases = 0;
			// A fresh database per start: the load registers the same workspace ids every time.
			const freshDatabase = async () => {
				const name = `bench_${++databases}`;
				const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
				await sql.unsafe(`CREATE DATABASE ${name}`);
				await sql.end();
				return pg.url.replace(/\/bangfu$/, `/${name}`);
			};
			const scaled = (n: number) => async () => {
				const url = await freshDatabase();
				return spread(
					await Promise.all(
						Array.from({ length: n }, () =>
							startRelay('bangfu', opts.root, {
								DATABASE_URL: url,
								REDIS_URL: redis.url,
								RELAY_SECRET: secret
							})
						)
					)
				);
			};
			const configs: [string, () => Promise<RunningRelay>][] = [
				['embedded (SQLite)', () => startRelay('bangfu', opts.root)],
				...PROCESS_COUNTS.map((n): [string, () => Promise<RunningRelay>] => [
					`${n} process${n > 1 ? 'es' : ''} over Postgres + Redis`,
					scaled(n)
				])
			];
			for (const [label, start] of configs) {
				const results: FanoutResult[] = [];
				for (let run = 0; run < runs; run++) {
					opts.log(`scale: ${label}, run ${run + 1}/${runs}`);
					results.push(await measure(opts, start, seconds));
				}
				const lost = results.map((r) => r.lost);
				const cpu = `generator ${results.map((r) => r.generatorCpu.map((c) => `${fmt(c)}%`).join(' + ')).join('; ')}, machine ${fmt(median(results.map((r) => r.machineCpu)))}%`;
				rows.push(
					measured(
						{
							suite: 'scale',
							figure: `${label}: lost updates`,
							target: '0',
							unit: 'updates',
							notes: `of ${fmt(median(results.map((r) => r.expected)))} deliveries`
						},
						lost,
						(m) => (m === 0 && Math.max(...lost) === 0 ? 'pass' : 'fail')
					),
					measured(
						{
							suite: 'scale',
							figure: `${label}: p99 fan-out latency`,
							target: 'reported',
							unit: 'ms',
							notes: `p50 ${fmt(median(results.map((r) => r.p50)))} ms; ${cpu}`
						},
						results.map((r) => r.p99),
						info
					),
					measured(
						{
							suite: 'scale',
							figure: `${label}: deliveries per second`,
							target: 'reported',
							unit: '/s',
							notes: `updates accepted ${fmt(median(results.map((r) => r.updatesPerSecond)))}/s`
						},
						results.map((r) => r.deliveriesPerSecond),
						info
					)
				);
			}
		} finally {
			await Promise.all([pg.stop(), redis.stop()]);
		}
		return rows;
	}
};
