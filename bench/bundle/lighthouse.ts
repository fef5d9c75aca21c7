// Lighthouse 12 (devDependency lighthouse@12.8.2) against the built app served by our relay
// (SERVE_APP=1), mobile preset (its default: simulated slow 4G and 4× CPU, empty cache).
// Lighthouse launches Debian's Chromium itself through CHROME_PATH, with the flags that keep
// it off the network. The notes carry the metrics behind the score and the largest savings
// Lighthouse names, so a miss says where it comes from.
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
		const misses: string[] = [];
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
				audits: Record<
					string,
					{ numericValue?: number; score?: number | null; displayValue?: string }
				>;
			};
			const score = report.categories.performance.score;
			if (score === null) return { ok: false, reason: 'lighthouse returned no performance score' };
			scores.push(Math.round(score * 100));
			const a = report.audits;
			const v = (k: string) => Math.round(a[k]?.numericValue ?? NaN);
			metrics.push(
				`FCP ${v('first-contentful-paint')} LCP ${v('largest-contentful-paint')} TBT ${v('total-blocking-time')} ms CLS ${(a['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(2)}`
			);
			// Opportunities that failed, with Lighthouse's own estimate ("Est savings of …").
			if (i === 0) {
				for (const k of [
					'uses-text-compression',
					'render-blocking-resources',
					'unused-javascript'
				]) {
					if ((a[k]?.score ?? 1) < 0.9 && a[k]?.displayValue)
						misses.push(`${k}: ${a[k].displayValue}`);
				}
			}
		}
		return {
			ok: true,
			scores,
			notes: `simulated mobile; per run ${metrics.join('; ')}${misses.length ? `; run 1 flags ${misses.join(', ')}` : ''}`
		};
	} finally {
		await relay.stop();
	}
}
