// `npm run bench [-- suite… | --runs N | --quick]`: runs the named suites (all by default),
// prints one table and writes it as JSON to bench/results/<iso-date>.json (git-ignored).
// ensure.mjs has already installed deps, made sure of Chromium and built the app.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAll } from './lib/procs';
import { renderMarkdown, renderTable } from './lib/table';
import type { Row, Suite } from './lib/types';
import { bundleSuite } from './bundle/suite';
import { clientSuite, countySuite, pageSuite, schoolSuite } from './client/suite';
import { benchChromium } from './client/browser';
import { relaySuite } from './relay/suite';
import { reportsBrowserSuite } from './reports/browser';
import { reportsSuite } from './reports/suite';
import { scaleSuite } from './scale/suite';
import { syncSuite } from './sync/suite';
import { wireSuite } from './wire/suite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Order: cheap and independent first, so a broken relay does not hide the bundle figure. */
const SUITES: Suite[] = [
	bundleSuite,
	syncSuite,
	wireSuite,
	reportsSuite,
	relaySuite,
	reportsBrowserSuite,
	clientSuite,
	schoolSuite,
	scaleSuite
];
/** Named only: a part of another suite (`page` is the client suite's bench-page rows). */
const PARTS: Suite[] = [pageSuite, countySuite];
/** Several runs per figure: the median is robust to one noisy run, min–max shows the spread. */
const DEFAULT_RUNS = 5;

function parseArgs(argv: string[]) {
	const names: string[] = [];
	let runs = DEFAULT_RUNS;
	let quick = false;
	let markdown = false;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i] ?? '';
		if (a === '--runs') runs = Number(argv[++i]);
		else if (a === '--quick') quick = true;
		else if (a === '--markdown') markdown = true;
		else if (a === '--help' || a === '-h') {
			console.log(
				`usage: npm run bench -- [${[...SUITES, ...PARTS].map((s) => s.name).join('|')}]… [--runs N] [--quick] [--markdown]\n` +
					[...SUITES, ...PARTS].map((s) => `  ${s.name.padEnd(8)} ${s.describe}`).join('\n')
			);
			process.exit(0);
		} else names.push(a);
	}
	if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive integer');
	const all = [...SUITES, ...PARTS];
	const unknown = names.filter((n) => !all.some((s) => s.name === n));
	if (unknown.length > 0) throw new Error(`unknown suite(s): ${unknown.join(', ')}`);
	// 'school' is part of 'client'; alone only when named.
	const chosen =
		names.length === 0
			? SUITES.filter((s) => s !== schoolSuite)
			: all.filter((s) => names.includes(s.name));
	return { chosen, runs, quick, markdown };
}

function git(args: string[]): string {
	try {
		return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

function machine() {
	let chromium = 'unknown';
	try {
		// Debian's wrapper script prints a shell warning on stderr; only stdout is the version.
		chromium = execFileSync(benchChromium(), ['--version'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
	} catch {
		// Reported as unknown; the client suite says why it could not run.
	}
	return {
		cores: cpus().length,
		cpu: cpus()[0]?.model ?? 'unknown',
		ramGb: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		chromium,
		commit: git(['rev-parse', '--short', 'HEAD']),
		dirty: git(['status', '--porcelain']) !== ''
	};
}

async function main(): Promise<number> {
	const { chosen, runs, quick, markdown } = parseArgs(process.argv.slice(2));
	const started = new Date();
	const log = (m: string) =>
		console.error(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0)}s] ${m}`);
	const rows: Row[] = [];
	for (const suite of chosen) {
		log(`suite ${suite.name}: ${suite.describe}`);
		try {
			rows.push(...(await suite.run({ runs, root, quick, log })));
		} catch (err) {
			// One broken suite must not hide the others' figures; its failure is a row too.
			log(
				`suite ${suite.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
			);
			rows.push({
				suite: suite.name,
				figure: `${suite.name} suite`,
				target: 'runs',
				unit: '',
				median: null,
				min: null,
				max: null,
				runs: [],
				verdict: 'fail',
				notes: `suite failed: ${err instanceof Error ? err.message : String(err)}`
			});
		} finally {
			killAll();
		}
	}
	const seconds = (Date.now() - started.getTime()) / 1000;
	const env = machine();
	console.log(
		`\nBangfu benchmarks — ${started.toISOString()} — commit ${env.commit}${env.dirty ? ' (dirty tree)' : ''}` +
			`\n${env.cores} × ${env.cpu}, ${env.ramGb} GB, Node ${env.node}, ${env.chromium}` +
			`${quick ? '\n--quick: shortened loads, not comparable with docs/benchmarks.md' : ''}\n`
	);
	console.log(markdown ? renderMarkdown(rows) : renderTable(rows));
	const failing = rows.filter((r) => r.verdict === 'fail' || r.verdict === 'not measured');
	console.log(`\n${rows.length} figures, ${failing.length} not passing, ${seconds.toFixed(0)} s`);
	const dir = join(root, 'bench', 'results');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${started.toISOString().replaceAll(':', '-')}.json`);
	writeFileSync(
		file,
		JSON.stringify({ started, seconds, quick, runs, machine: env, rows }, null, '\t')
	);
	console.log(`results: ${file}`);
	return failing.length > 0 ? 1 : 0;
}

process.on('SIGINT', () => {
	killAll();
	process.exit(130);
});
process.on('SIGTERM', () => {
	killAll();
	process.exit(143);
});
main().then(
	(code) => {
		killAll();
		process.exit(code);
	},
	(err: unknown) => {
		killAll();
		console.error(err);
		process.exit(2);
	}
);
