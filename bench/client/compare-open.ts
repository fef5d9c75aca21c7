// The county list's cold open on two builds in one run, paired run by run (order
// alternating), so a shared machine's load moves both: `node --import tsx
// bench/client/compare-open.ts BASE_ROOT [RUNS]` compares BASE_ROOT's build/ with this
// checkout's (SCHOOL=1: the school's student list instead of the county's households). Per build: the first open after seeding (no list index yet: the documents'
// path) at 4×, then RUNS repeat opens at 4× (painted from the index). Not a suite: a tool
// for docs/benchmarks.md.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import { killAll } from '../lib/procs';
import { median } from '../lib/stats';
import { startRelay, type RunningRelay } from '../relay/servers';
import { countyPayload, oneRun, seedCounty, STUDENTS } from './app';
import { CPU_SLOWDOWN, launch } from './browser';

async function main() {
	const ours = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
	const base = process.argv[2];
	if (!base) throw new Error('usage: compare-open.ts BASE_ROOT [RUNS]');
	const runs = Number(process.argv[3] ?? 5);
	// SCHOOL=1: the school data set opened to its student list (issue 11's row).
	const school = process.env['SCHOOL'] === '1';
	const probe = school ? STUDENTS : undefined;
	const payload = await countyPayload(1, school);
	const browser = await launch();
	const relays: RunningRelay[] = [];
	try {
		const sides: {
			name: string;
			context: BrowserContext;
			url: string;
			first: number;
			repeat: number[];
			dcl: number[];
		}[] = [];
		for (const [name, root] of [
			['base', base],
			['ours', ours]
		] as const) {
			const relay = await startRelay('bangfu', root, { SERVE_APP: '1' });
			relays.push(relay);
			const context = await browser.newContext();
			const origin = `http://127.0.0.1:${relay.port}`;
			const seeded = await seedCounty(context, origin, payload);
			sides.push({
				name,
				context,
				url: `${origin}${seeded.listPath}`,
				first: 0,
				repeat: [],
				dcl: []
			});
		}
		for (const s of sides)
			s.first = (await oneRun(s.context, s.url, CPU_SLOWDOWN, probe)).firstListMs;
		for (let i = 0; i < runs; i++) {
			const order = i % 2 ? [...sides].reverse() : sides;
			for (const s of order) {
				const r = await oneRun(s.context, s.url, CPU_SLOWDOWN, probe);
				s.repeat.push(r.firstListMs);
				s.dcl.push(r.dclMs);
				console.error(
					`${s.name} run ${i + 1}: ${Math.round(r.firstListMs)} ms (DCL ${Math.round(r.dclMs)})`
				);
			}
		}
		const [b, o] = sides as [(typeof sides)[0], (typeof sides)[0]];
		const ratios = b.repeat.map((v, i) => (o.repeat[i] ?? 0) / v);
		console.log(
			JSON.stringify(
				{
					first: { base: b.first, ours: o.first },
					repeat: {
						base: b.repeat,
						ours: o.repeat,
						medianBase: median(b.repeat),
						medianOurs: median(o.repeat)
					},
					dcl: { base: median(b.dcl), ours: median(o.dcl) },
					ratios,
					medianRatio: median(ratios)
				},
				null,
				1
			)
		);
	} finally {
		await browser.close();
		for (const r of relays) await r.stop();
	}
}

main().then(
	() => killAll(),
	(e: unknown) => {
		console.error(e);
		killAll();
		process.exit(1);
	}
);
