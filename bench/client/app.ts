// The full-app client rows: the production build, served by our relay (SERVE_APP=1), with the
// county workspace stored in the browser's IndexedDB through the app's bench hook
// (src/lib/bench-hook.ts, window.__bangfuBench), then opened cold at 4× CPU slowdown.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import * as Y from 'yjs';
import type { BenchWorkspace } from '../../src/lib/bench-hook';
import {
	buildCountyDataset,
	buildSchoolDataset,
	count,
	openDatasetDocs,
	populateWorkspace
} from '../../tests/factories';
import { sleep } from '../lib/procs';
import type { SuiteOptions } from '../lib/types';
import { startRelay } from '../relay/servers';
import { CPU_SLOWDOWN, launch } from './browser';
import { keystrokeRun, type KeystrokeRun } from './keystroke';

/** The mark the households page sets once its first rows are painted. */
export const FIRST_LIST_MARK = 'bangfu:first-list';
/** A cold open at 4× takes seconds; a run that needs a minute is a hang, not a figure. */
const OPEN_TIMEOUT_MS = 60_000;
/** "After ~2 s of idle": the rules validate in slices after the first paint; at 1× they are
 * done well within this, so the heap is the steady state of an open workspace. */
const SETTLE_MS = 3_000;

export type CountyPayload = {
	workspace: BenchWorkspace;
	households: number;
	visits: number;
	/** Yjs bytes of the whole family, and of the main document (the only one the list opens). */
	bytes: number;
	mainBytes: number;
	buildMs: number;
	/** A household (county) or student (school) of the data set, for screens of one record. */
	firstId: string;
};

/** The county data set built in Node through the shared factories and the real document API,
 * encoded as one Yjs update per document of the family (main + one shard per year). */
export async function countyPayload(seed: number, school = false): Promise<CountyPayload> {
	const t0 = performance.now();
	const ds = school ? buildSchoolDataset(seed) : buildCountyDataset(seed);
	const docs = await openDatasetDocs(ds);
	await populateWorkspace(docs, ds);
	const settings = ds.records.settings?.[0]?.draft as { name?: string } | undefined;
	let bytes = 0;
	const encoded = docs.stores().map((s) => {
		const u = Y.encodeStateAsUpdate(s.doc);
		bytes += u.length;
		return { name: s.name, update: Buffer.from(u).toString('base64') };
	});
	docs.destroy();
	return {
		workspace: {
			id: ds.workspaceId,
			name: settings?.name ?? ds.workspaceId,
			kind: school ? 'school' : 'village',
			docs: encoded
		},
		households: count(ds, school ? 'student' : 'household'),
		visits: count(ds, 'visit'),
		bytes,
		mainBytes: Buffer.from(encoded[0]?.update ?? '', 'base64').length,
		buildMs: performance.now() - t0,
		firstId: ds.records[school ? 'student' : 'household']?.[0]?.id ?? ''
	};
}

export type AppRun = {
	/** navigationStart → the list on screen (the page's own clock, throttled): the kept paint
	 * of app.html ('bangfu:paint-restored', decision 0009) or the app's own list mark, whichever
	 * came first. */
	firstListMs: number;
	/** navigationStart → the app's own list mark ('bangfu:first-list' / '…-student-list'). */
	appListMs: number;
	/** Whether the kept paint was on screen first. */
	restored: boolean;
	/** navigationStart → DOMContentLoaded, for the breakdown in the notes. */
	dclMs: number;
	/** Rows in the list when the heap was taken. */
	rows: number;
	heapMb: number;
};

/** Seeds through the hook in a page of its own, then leaves the flag unset so the measured
 * loads run the app exactly as a user's device would (no hook chunk). */
export async function seedCounty(context: BrowserContext, origin: string, payload: CountyPayload) {
	const page = await context.newPage();
	try {
		await page.addInitScript(() => localStorage.setItem('bangfu:bench', '1'));
		await page.goto(`${origin}/`);
		await page.waitForFunction(() => window.__bangfuBench !== undefined);
		const seeded = await page.evaluate(
			(ws) => window.__bangfuBench!.seedWorkspace(ws),
			payload.workspace
		);
		// The installed PWA is what a device opens: wait until the service worker controls the
		// origin, so every measured load takes the shell from its cache.
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			localStorage.removeItem('bangfu:bench');
		});
		return seeded;
	} finally {
		await page.close();
	}
}

/** A new page with the CPU slowed down before anything loads in it. */
async function throttledPage(context: BrowserContext, rate: number): Promise<[Page, CDPSession]> {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	return [page, cdp];
}

/** What one list's open waits for: the page's mark and the list's rows. */
type ListProbe = { mark: string; rows: string };
const HOUSEHOLDS: ListProbe = {
	mark: FIRST_LIST_MARK,
	rows: '[data-testid="household-list"] > li'
};
export const STUDENTS: ListProbe = {
	mark: 'bangfu:first-student-list',
	rows: '[data-testid="students"] > li'
};

export async function oneRun(
	context: BrowserContext,
	url: string,
	rate: number,
	probe: ListProbe = HOUSEHOLDS
): Promise<AppRun> {
	const [page, cdp] = await throttledPage(context, rate);
	try {
		await page.goto(url, { waitUntil: 'commit', timeout: OPEN_TIMEOUT_MS });
		await page.waitForFunction(
			(mark) => performance.getEntriesByName(mark).length > 0,
			probe.mark,
			{ timeout: OPEN_TIMEOUT_MS, polling: 100 }
		);
		const t = await page.evaluate((mark) => {
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			const app = performance.getEntriesByName(mark)[0]!.startTime;
			const kept = performance.getEntriesByName('bangfu:paint-restored')[0]?.startTime;
			return {
				firstListMs: Math.min(app, kept ?? Infinity),
				appListMs: app,
				restored: kept !== undefined && kept < app,
				dclMs: nav.domContentLoadedEventStart
			};
		}, probe.mark);
		// The heap does not depend on the CPU rate; 1× lets the post-paint rule pass finish.
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		await sleep(SETTLE_MS);
		const rows = await page.locator(probe.rows).count();
		await cdp.send('HeapProfiler.collectGarbage');
		const { usedSize } = await cdp.send('Runtime.getHeapUsage');
		return { ...t, rows, heapMb: usedSize / 2 ** 20 };
	} finally {
		await cdp.detach();
		await page.close();
	}
}

export type AppResult = Omit<CountyPayload, 'workspace'> & {
	runs: AppRun[];
	unthrottled: AppRun;
	workspaceId: string;
	/** The county only: keys typed into one household's notes (keystroke.ts). */
	keys: KeystrokeRun[];
};

export async function appRuns(
	opts: SuiteOptions,
	seedValue: number,
	school = false
): Promise<AppResult> {
	const which = school ? 'school' : 'county';
	opts.log(`client/app: building the ${which} data set in Node (factories + document API)`);
	const payload = await countyPayload(seedValue, school);
	const probe = school ? STUDENTS : HOUSEHOLDS;
	const relay = await startRelay('bangfu', opts.root, { SERVE_APP: '1' });
	const browser = await launch();
	try {
		const origin = `http://127.0.0.1:${relay.port}`;
		const context = await browser.newContext();
		context.setDefaultTimeout(OPEN_TIMEOUT_MS * 2);
		opts.log('client/app: seeding IndexedDB through window.__bangfuBench');
		const seeded = await seedCounty(context, origin, payload);
		const url = `${origin}${seeded.listPath}`;
		// One load at 1× first: a reference, and a check that the throttle reaches the page.
		opts.log('client/app: cold open at 1× (reference)');
		const unthrottled = await oneRun(context, url, 1, probe);
		const runs: AppRun[] = [];
		for (let i = 0; i < opts.runs; i++) {
			opts.log(`client/app: cold open ${i + 1}/${opts.runs} at ${CPU_SLOWDOWN}× CPU slowdown`);
			runs.push(await oneRun(context, url, CPU_SLOWDOWN, probe));
		}
		const keys: KeystrokeRun[] = [];
		const file = `${origin}/w/${seeded.workspaceId}/households/${payload.firstId}`;
		for (let i = 0; !school && i < opts.runs; i++) {
			opts.log(`client/app: keystrokes in a household's notes ${i + 1}/${opts.runs}`);
			keys.push(await keystrokeRun(context, file));
		}
		return {
			runs,
			unthrottled,
			households: payload.households,
			visits: payload.visits,
			bytes: payload.bytes,
			mainBytes: payload.mainBytes,
			buildMs: payload.buildMs,
			firstId: payload.firstId,
			workspaceId: seeded.workspaceId,
			keys
		};
	} finally {
		await browser.close();
		await relay.stop();
	}
}
