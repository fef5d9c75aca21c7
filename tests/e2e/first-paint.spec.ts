import { expect, test } from '@playwright/test';
import { householdListWith } from './phones';

// What a repeat open of a list loads before its first rows paint (docs/benchmarks.md "The
// repeat open's first paint"): the list paints from the device's list index, so the documents'
// code — Yjs, the relay's provider, the rules' worker bridge — must come only after that
// paint. Each is recognised by a string only its code carries.
const AFTER_PAINT: Record<string, string> = {
	Yjs: 'Yjs was already imported',
	'the rules worker bridge (comlink)': 'Comlink.proxy',
	'the relay provider (y-websocket)': 'y-websocket without a sync'
};

test('the households list paints from its index before the documents’ code loads', async ({
	page
}) => {
	await householdListWith(page, '周永福');
	await page.waitForTimeout(2_500); // the index is written when the workspace opens

	// The frame that paints the first rows: its animation-frame callback runs before that paint,
	// so a script requested before it was on the first paint's path. (The app's own mark comes
	// a task after the paint, when the documents' import may already have started.)
	await page.addInitScript(() => {
		new MutationObserver((_, seen) => {
			if (!document.querySelector('[data-testid="household-list"] li')) return;
			seen.disconnect();
			requestAnimationFrame(() => {
				(window as unknown as { listFrame: number }).listFrame = performance.now();
			});
		}).observe(document, { subtree: true, childList: true });
	});
	await page.reload();
	await page.waitForFunction(() => 'listFrame' in window);
	const before = await page.evaluate(async () => {
		const mark = (window as unknown as { listFrame: number }).listFrame;
		const js = performance
			.getEntriesByType('resource')
			.filter((e) => e.name.endsWith('.js') && e.startTime < mark)
			.map((e) => e.name);
		return Promise.all(js.map(async (url) => ({ url, text: await (await fetch(url)).text() })));
	});
	expect(before.length).toBeGreaterThan(3);
	// The control: the same check finds each of them once the documents are open.
	const loaded = () =>
		page.evaluate(async () =>
			Promise.all(
				performance
					.getEntriesByType('resource')
					.filter((e) => e.name.endsWith('.js'))
					.map(async (e) => (await fetch(e.name)).text())
			)
		);
	for (const [what, sign] of Object.entries(AFTER_PAINT)) {
		expect(
			before.filter((f) => f.text.includes(sign)).map((f) => f.url),
			`${what} before the first paint`
		).toEqual([]);
		await expect
			.poll(async () => (await loaded()).some((t) => t.includes(sign)), {
				message: `${what} loads once the documents open`,
				timeout: 15_000
			})
			.toBe(true);
	}
});
