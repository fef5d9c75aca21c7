// `node --import tsx bench/results-md.ts bench/results/<a>.json [<b>.json …]`: the rows of
// stored runs as one markdown table (for docs/benchmarks.md), each run's rows in its order,
// with a line per run saying when, at which commit and on what machine it ran.
import { readFileSync } from 'node:fs';
import { renderMarkdown } from './lib/table';
import type { Row } from './lib/types';

type Stored = {
	started: string;
	seconds: number;
	machine: { commit: string; dirty: boolean; cores: number; cpu: string; node: string };
	rows: Row[];
};

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('usage: bench/results-md.ts <results.json>…');
const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Stored);
for (const r of runs) {
	const m = r.machine;
	console.log(
		`- ${r.started} (${Math.round(r.seconds)} s), commit \`${m.commit}\`${m.dirty ? ' (dirty tree)' : ''}, ` +
			`${m.cores} × ${m.cpu}, Node ${m.node}: ${[...new Set(r.rows.map((x) => x.suite))].join(', ')}`
	);
}
console.log('');
// Later files win: a suite's rows come from the last file that measured it (a suite that
// failed everywhere keeps its failure row from the last file that ran it).
const owner = new Map<string, number>();
runs.forEach((r, i) => {
	for (const x of r.rows) {
		const measured = x.median !== null || !(x.target === 'runs');
		if (measured || !owner.has(x.suite)) owner.set(x.suite, i);
	}
});
const rows = runs.flatMap((r, i) => r.rows.filter((x) => owner.get(x.suite) === i));
// A failed suite's note is its error with the browser's or relay's log: its first line says it.
console.log(renderMarkdown(rows.map((x) => ({ ...x, notes: x.notes.split('\n')[0] ?? '' }))));
