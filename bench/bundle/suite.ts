// `npm run bench -- bundle`: the JS the app shell loads first, gzipped, from the production
// build (ensure.mjs built it just before), and Lighthouse's mobile performance score when
// lighthouse is installed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { atLeast, atMost, info, measured, notMeasured } from '../lib/stats';
import type { Row, Suite } from '../lib/types';
import { lighthouseScores } from './lighthouse';

/** The JS index.html makes the browser fetch before first paint: module preloads, module
 * scripts, and the dynamic imports of SvelteKit's inline boot script. */
export function entryScripts(html: string): string[] {
	const found = new Set<string>();
	for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
		const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
		if (href) found.add(href);
	}
	for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
		if (m[1]) found.add(m[1]);
	}
	for (const m of html.matchAll(/\bimport\(\s*"([^"]+\.js)"\s*\)/g)) {
		if (m[1]) found.add(m[1]);
	}
	return [...found].filter((p) => p.endsWith('.js'));
}

function sizes(build: string, paths: string[]) {
	let raw = 0;
	let gz = 0;
	for (const p of paths) {
		const bytes = readFileSync(join(build, p.replace(/^\//, '')));
		raw += bytes.length;
		// Level 9 is what a static server precompresses with; the default 6 is ~1% larger.
		gz += gzipSync(bytes, { level: 9 }).length;
	}
	return { raw, gz };
}

export const bundleSuite: Suite = {
	name: 'bundle',
	describe: 'gzip size of the first-load JS; Lighthouse mobile performance (if installed)',
	async run(opts) {
		const build = join(opts.root, 'build');
		const index = join(build, 'index.html');
		const figure = 'app shell JS on first load (gzip)';
		const rows: Row[] = [];
		if (!existsSync(index)) {
			rows.push(
				notMeasured(
					{ suite: 'bundle', figure, target: '< 150 KB', unit: 'KB' },
					'build/index.html missing (run through npm run bench, which builds)'
				)
			);
		} else {
			const html = readFileSync(index, 'utf8');
			const js = entryScripts(html);
			const css = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)]
				.map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1] ?? '')
				.filter(Boolean);
			const j = sizes(build, js);
			const c = sizes(build, css);
			// The files do not change between runs: one measurement is the figure.
			rows.push(
				measured(
					{
						suite: 'bundle',
						figure,
						target: '< 150 KB',
						unit: 'KB',
						notes: `${js.length} files, ${(j.raw / 1024).toFixed(0)} KB raw; CSS ${(c.gz / 1024).toFixed(1)} KB gzip (not counted)`
					},
					[j.gz / 1024],
					atMost(150)
				)
			);
			rows.push(
				measured(
					{
						suite: 'bundle',
						figure: 'precached shell (everything in build/_app, gzip)',
						target: 'reference',
						unit: 'KB',
						notes: 'what the service worker downloads on install'
					},
					[precacheKb(build)],
					info
				)
			);
		}
		const lh = await lighthouseScores(opts);
		const lhFigure = 'Lighthouse performance (mobile)';
		rows.push(
			lh.ok
				? measured(
						{
							suite: 'bundle',
							figure: lhFigure,
							target: '≥ 95',
							unit: 'score',
							notes: lh.notes
						},
						lh.scores,
						atLeast(95)
					)
				: notMeasured(
						{ suite: 'bundle', figure: lhFigure, target: '≥ 95', unit: 'score' },
						lh.reason
					)
		);
		return rows;
	}
};

function precacheKb(build: string): number {
	let gz = 0;
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const p = join(dir, name);
			if (statSync(p).isDirectory()) walk(p);
			else if (/\.(js|css)$/.test(name)) gz += gzipSync(readFileSync(p), { level: 9 }).length;
		}
	};
	walk(join(build, '_app'));
	return gz / 1024;
}
