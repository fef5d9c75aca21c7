// Where the main thread spends the rules' worker path (page.ts `rulesWorker`): the bench page
// at 4× with the V8 sampling profiler on, self time by function and the longest stretches
// of back-to-back samples (≈ tasks). Not a suite: a tool for docs/benchmarks.md.
//
//   node --import tsx bench/client/profile-rules.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CPU_SLOWDOWN, launch, throttled } from './browser';
import { bundlePage, RULES_WORKER, servePage } from './bundle-page';

type Node = {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
};

async function main() {
	const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
	const page = await servePage(
		await bundlePage(root, 'bench/client/page.ts', false),
		await bundlePage(root, RULES_WORKER)
	);
	const browser = await launch();
	try {
		const tab = await (await browser.newContext()).newPage();
		tab.setDefaultTimeout(300_000);
		await tab.goto(page.url);
		const t0 = Date.now();
		const step = (what: string) =>
			console.error(`${Math.round((Date.now() - t0) / 1000)} s: ${what}`);
		const seeded = await tab.evaluate(() => window.__bangfuDocBench!.seed(1));
		step(`seeded (${JSON.stringify(seeded)})`);
		await tab.reload();
		const cdp = await throttled(tab, CPU_SLOWDOWN);
		await tab.evaluate((id) => window.__bangfuDocBench!.openWorkspace(id), seeded.workspaceId);
		step('opened');
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
		await cdp.send('Profiler.start');
		const r = await tab.evaluate(() => window.__bangfuDocBench!.rulesWorker(5, '2026-11-29'));
		step('rules done');
		const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
			profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
		};
		console.log(JSON.stringify({ ...r, edits: r.edits.map(Math.round) }));
		const byId = new Map(profile.nodes.map((n) => [n.id, n]));
		const parent = new Map<number, number>();
		for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
		const name = (n: Node) => `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
		const self = new Map<string, number>();
		const total = new Map<string, number>();
		// Stretches of non-idle samples: a task boundary shows as (idle)/(program) in between.
		const stretches: { ms: number; at: number; top: Map<string, number> }[] = [];
		let cur: { ms: number; at: number; top: Map<string, number> } | undefined;
		let clock = 0;
		profile.samples.forEach((id, i) => {
			const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
			clock += (profile.timeDeltas[i] ?? 0) / 1000;
			const n = byId.get(id)!;
			const fn = name(n);
			self.set(fn, (self.get(fn) ?? 0) + dt);
			const seen = new Set<string>();
			for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
				const k = name(byId.get(p)!);
				if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt);
				seen.add(k);
			}
			const idle = /^\((idle|program|root)\)/.test(fn);
			if (idle) cur = undefined;
			else {
				if (!cur) stretches.push((cur = { ms: 0, at: clock, top: new Map() }));
				cur.ms += dt;
				// the second frame from the root names the task's entry
				const chain: string[] = [];
				for (let p: number | undefined = id; p !== undefined; p = parent.get(p))
					chain.unshift(name(byId.get(p)!));
				const k = chain.slice(1, 4).join(' > ');
				cur.top.set(k, (cur.top.get(k) ?? 0) + dt);
			}
		});
		const top = (m: Map<string, number>, k = 25) =>
			[...m]
				.sort((a, b) => b[1] - a[1])
				.slice(0, k)
				.map(([f, t]) => `${t.toFixed(1)} ${f}`);
		console.log('SELF\n' + top(self).join('\n'));
		console.log('TOTAL\n' + top(total, 40).join('\n'));
		const phase = (s: { at: number }) => (s.at < r.fullMs ? 'opening' : 'editing');
		for (const s of stretches.sort((a, b) => b.ms - a.ms).slice(0, 10))
			console.log(
				`STRETCH ${s.ms.toFixed(1)} ms at ${Math.round(s.at)} (${phase(s)})\n  ` +
					top(s.top, 6).join('\n  ')
			);
	} finally {
		await browser.close();
		page.server.close();
	}
}

void main();
