// Reads a V8 `.cpuprofile` (node --cpu-prof) and sums self time by function and by where the
// code lives (our relay, a package, node's internals, GC, idle), for a profile's summary.
import { readFileSync } from 'node:fs';

type Node = {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export type ProfileSummary = {
	totalMs: number;
	/** Self time per function (name, file:line), largest first. */
	functions: { name: string; where: string; ms: number }[];
	/** Self time per place: (idle), (garbage collector), (program), a package, ours, node. */
	places: { place: string; ms: number }[];
	/** Inclusive time of functions whose name matches, e.g. /sqliteTransaction|transaction/. */
	inclusive(match: RegExp): number;
};

function placeOf(url: string, name: string): string {
	if (!url) return name.startsWith('(') ? name : '(native)';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (pkg) return pkg[1]!;
	if (url.startsWith('node:')) return 'node';
	if (url.includes('/sync-server/')) return 'relay (sync-server)';
	if (url.includes('/src/lib/')) return 'shared (src/lib)';
	return url;
}

export function summarise(file: string): ProfileSummary {
	const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const self = new Map<number, number>();
	let total = 0;
	p.samples.forEach((id, i) => {
		const dt = (p.timeDeltas[i] ?? 0) / 1000;
		total += dt;
		self.set(id, (self.get(id) ?? 0) + dt);
	});
	const fn = new Map<string, { name: string; where: string; ms: number }>();
	const places = new Map<string, number>();
	for (const [id, ms] of self) {
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		const name = functionName || '(anonymous)';
		const where = url
			? `${url.replace(/^.*\/(node_modules|sync-server|src)\//, '$1/')}:${lineNumber + 1}`
			: '';
		const key = `${name}@${where}`;
		const f = fn.get(key) ?? { name, where, ms: 0 };
		f.ms += ms;
		fn.set(key, f);
		const place = placeOf(url, name);
		places.set(place, (places.get(place) ?? 0) + ms);
	}
	return {
		totalMs: total,
		functions: [...fn.values()].sort((a, b) => b.ms - a.ms),
		places: [...places].map(([place, ms]) => ({ place, ms })).sort((a, b) => b.ms - a.ms),
		inclusive(match) {
			let ms = 0;
			for (const [id, t] of self) {
				// Counted once per sample, however deep the match repeats in its stack.
				for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
					if (match.test(byId.get(cur)!.callFrame.functionName)) {
						ms += t;
						break;
					}
				}
			}
			return ms;
		}
	};
}
