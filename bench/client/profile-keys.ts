// Where a keystroke in a county household's notes spends the main thread: the household file
// of the production build at 4×, the V8 sampling profiler on while KEYS keys are pressed, self
// time by source file and function (source-mapped when build/ has maps: `npx vite build
// --sourcemap`). Not a suite: a tool for docs/benchmarks.md.
//
//   node --import tsx bench/client/profile-keys.ts [ROOT]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAll, sleep } from '../lib/procs';
import { startRelay } from '../relay/servers';
import { countyPayload, seedCounty } from './app';
import { CPU_SLOWDOWN, launch } from './browser';
import { sourceMapper } from './profile';

type Node = {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
};
const KEYS = 20;

async function main() {
	const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');
	const payload = await countyPayload(1);
	const relay = await startRelay('bangfu', root, { SERVE_APP: '1' });
	const browser = await launch();
	try {
		const context = await browser.newContext();
		const origin = `http://127.0.0.1:${relay.port}`;
		const seeded = await seedCounty(context, origin, payload);
		const page = await context.newPage();
		await page.goto(`${origin}/w/${seeded.workspaceId}/households/${payload.firstId}`);
		await page.locator('#household-notes').click();
		await sleep(8_000); // the rules and the visit shards are loaded by then
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
		await cdp.send('Profiler.start');
		for (let i = 0; i < KEYS; i++) {
			await page.keyboard.press('KeyA');
			await sleep(250);
		}
		const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
			profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
		};
		const map = sourceMapper(join(root, 'build'));
		const byId = new Map(profile.nodes.map((n) => [n.id, n]));
		const parent = new Map<number, number>();
		for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
		const self = new Map<string, number>();
		const total = new Map<string, number>();
		profile.samples.forEach((id, i) => {
			const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
			const label = (n: Node) => {
				const f = n.callFrame.url
					? map(n.callFrame)
					: { source: '(native)', name: n.callFrame.functionName };
				return `${f.name || '(anon)'} ${f.source}`;
			};
			const k = label(byId.get(id)!);
			self.set(k, (self.get(k) ?? 0) + dt);
			const seen = new Set<string>();
			for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
				const l = label(byId.get(p)!);
				if (!seen.has(l)) total.set(l, (total.get(l) ?? 0) + dt);
				seen.add(l);
			}
		});
		const top = (m: Map<string, number>, k: number) =>
			[...m]
				.sort((a, b) => b[1] - a[1])
				.slice(0, k)
				.map(([f, t]) => `${(t / KEYS).toFixed(2)} ms/key ${f}`);
		console.log('SELF per key\n' + top(self, 30).join('\n'));
		console.log('TOTAL per key\n' + top(total, 50).join('\n'));
	} finally {
		await browser.close();
		await relay.stop();
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
