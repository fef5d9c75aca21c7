// DESIGN's "a keystroke in a county household's notes to painted" row: the production build
// with the county seeded (app.ts), one household's file open, its notes textarea focused, and
// real key presses through the DevTools protocol at 4× CPU. Each press is timed in the page
// from the input event's timestamp (when the browser took the key) to the end of the first
// frame painted after it (requestAnimationFrame, then the next task: the frame's paint is
// done by then), so the figure covers Svelte's handler, the Y.Text splice, y-indexeddb's
// queued write, the observers (rules, lists) and the frame. The Event Timing API's duration
// of the same key (keydown to next paint, 8 ms granularity, ≥ 16 ms) is kept as a check.
import type { BrowserContext } from '@playwright/test';
import { sleep } from '../lib/procs';
import { CPU_SLOWDOWN } from './browser';

/** Key presses per run; the first one is a warm-up (the textarea's first input). */
const PRESSES = 12;
/** A person types about 5 characters a second; 200 ms apart also lets each paint settle. */
const GAP_MS = 200;
/** "Opened": the file's notes field is on screen and the rules have had time to settle. */
const SETTLE_MS = 3_000;
const NOTES = '#household-notes';

export type KeystrokeRun = {
	/** input event → the first frame painted after it, per press (warm-up dropped). */
	toPaint: number[];
	/** Event Timing durations of the keydowns that took ≥ 16 ms (none: every one was faster). */
	eventTiming: number[];
};

declare global {
	interface Window {
		__bangfuKeys?: { toPaint: number[]; eventTiming: number[] };
	}
}

/** Opens `url` (a household file) in a new page at 4× and types PRESSES characters into its notes. */
export async function keystrokeRun(context: BrowserContext, url: string): Promise<KeystrokeRun> {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	try {
		await page.goto(url);
		await page.locator(NOTES).waitFor();
		await sleep(SETTLE_MS);
		await page.evaluate(() => {
			const keys = (window.__bangfuKeys = { toPaint: [] as number[], eventTiming: [] as number[] });
			document.querySelector('#household-notes')!.addEventListener('input', (e) => {
				const t0 = e.timeStamp;
				requestAnimationFrame(() => setTimeout(() => keys.toPaint.push(performance.now() - t0), 0));
			});
			new PerformanceObserver((l) => {
				for (const e of l.getEntries()) if (e.name === 'keydown') keys.eventTiming.push(e.duration);
			}).observe({
				type: 'event',
				durationThreshold: 16,
				buffered: false
			} as PerformanceObserverInit);
		});
		await page.locator(NOTES).click();
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
		for (let i = 0; i < PRESSES; i++) {
			await page.keyboard.press(i % 2 ? 'KeyB' : 'KeyA');
			await sleep(GAP_MS);
		}
		await sleep(500);
		const keys = await page.evaluate(() => window.__bangfuKeys!);
		return { toPaint: keys.toPaint.slice(1), eventTiming: keys.eventTiming };
	} finally {
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {});
		await cdp.detach().catch(() => {});
		await page.close();
	}
}
