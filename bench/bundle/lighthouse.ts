// Lighthouse 12 against the built app served by our relay (SERVE_APP=1), mobile preset (its
// default: simulated slow 4G and 4× CPU). Not a dependency yet: until `lighthouse@12.8.2` is
// a devDependency this says so instead of measuring. Lighthouse launches Debian's Chromium
// itself through CHROME_PATH, with the flags that keep it off the network.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startRelay } from '../relay/servers';
import type { SuiteOptions } from '../lib/types';

const run = promisify(execFile);
/** Each Lighthouse run is ~20–40 s here; three give a median without eating the budget. */
const MAX_RUNS = 3;
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
].join(' ');

export type LighthouseResult =
	{ ok: true; scores: number[]; notes: string } | { ok: false; reason: string };

export async function lighthouseScores(opts: SuiteOptions): Promise<LighthouseResult> {
	const cli = join(opts.root, 'node_modules', 'lighthouse', 'cli', 'index.js');
	if (!existsSync(cli)) {
		return {
			ok: false,
			reason: 'lighthouse is not installed (add lighthouse@12.8.2 as a devDependency)'
		};
	}
	if (!existsSync('/usr/bin/chromium')) return { ok: false, reason: '/usr/bin/chromium missing' };
	const relay = await startRelay('bangfu', opts.root, { SERVE_APP: '1' });
	try {
		const scores: number[] = [];
		const metrics: string[] = [];
		for (let i = 0; i < Math.min(opts.runs, MAX_RUNS); i++) {
			opts.log(`lighthouse: run ${i + 1}`);
			const { stdout } = await run(
				'node',
				[
					cli,
					`http://127.0.0.1:${relay.port}/`,
					'--output=json',
					'--output-path=stdout',
					'--only-categories=performance',
					'--quiet',
					`--chrome-flags=${CHROME_FLAGS}`
				],
				{
					cwd: opts.root,
					env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' },
					maxBuffer: 64 * 1024 * 1024,
					timeout: 120_000
				}
			);
			const report = JSON.parse(stdout) as {
				categories: { performance: { score: number | null } };
				audits: Record<string, { numericValue?: number }>;
			};
			const score = report.categories.performance.score;
			if (score === null) return { ok: false, reason: 'lighthouse returned no performance score' };
			scores.push(Math.round(score * 100));
			const lcp = report.audits['largest-contentful-paint']?.numericValue;
			if (lcp !== undefined) metrics.push(`${Math.round(lcp)}`);
		}
		return { ok: true, scores, notes: `LCP ${metrics.join(', ')} ms (simulated mobile)` };
	} finally {
		await relay.stop();
	}
}
