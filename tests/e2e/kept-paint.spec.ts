import { expect, test, type Page } from '@playwright/test';
import { householdListWith } from './phones';

// Decision 0009: a list screen is kept on the device once it has painted, and the next open of
// its path paints it from app.html before the app's code loads; the app's own list replaces it.
// Requests the service worker answers cannot be routed, so this context runs without it.
test.use({ serviceWorkers: 'block' });

const APP_CODE = '**/_app/immutable/**';
const overlayUp = (page: Page) =>
	page.evaluate(() => document.querySelector('[data-bangfu-paint]') !== null);
const keptText = (page: Page) =>
	page.evaluate(
		() =>
			(window as unknown as { __bangfuPaint?: { root: ShadowRoot } }).__bangfuPaint?.root
				.textContent ?? null
	);

test('a list opens painted from the device’s last look at it, then the app’s own list takes over', async ({
	page
}) => {
	const list = await householdListWith(page, '周永福');
	const key = `bangfu:paint:${list}`;
	await expect
		.poll(() => page.evaluate((k) => localStorage.getItem(k), key), { timeout: 15_000 })
		.toContain('周永福');
	const kept = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), key))!) as {
		html: string;
		css: string;
	};
	// What is true only at that moment is not kept: the sync state.
	expect(kept.html).not.toContain('data-testid="sync-status"');
	expect(kept.css.length).toBeGreaterThan(1_000);

	// Without any of the app's code, the kept screen is what the phone shows, styled.
	await page.route(APP_CODE, (r) => r.abort());
	await page.reload();
	expect(await keptText(page)).toContain('周永福');
	const radius = await page.evaluate(() => {
		const root = (window as unknown as { __bangfuPaint?: { root: ShadowRoot } }).__bangfuPaint!
			.root;
		const card = root.querySelector(
			'[data-testid="household-list"] a, [data-testid="household-list"] li'
		);
		return card ? getComputedStyle(card).display : 'none';
	});
	expect(radius).not.toBe('inline');
	await page.screenshot({ path: test.info().outputPath('kept-paint.png') });
	// An app that never comes does not leave it up: it gives way after 5 s.
	await expect.poll(() => overlayUp(page), { timeout: 10_000 }).toBe(false);

	// Another language than the one it was painted in: not shown.
	await page.evaluate(() => localStorage.setItem('PARAGLIDE_LOCALE', 'en'));
	await page.reload();
	expect(await overlayUp(page)).toBe(false);
	await page.evaluate(() => localStorage.removeItem('PARAGLIDE_LOCALE'));

	// With the app: its own list replaces the kept one as soon as it is on screen.
	await page.unroute(APP_CODE);
	await page.reload();
	await expect(page.getByTestId('household-list')).toContainText('周永福');
	await expect.poll(() => overlayUp(page)).toBe(false);
});
