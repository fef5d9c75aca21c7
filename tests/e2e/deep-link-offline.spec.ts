import { expect, test, type BrowserContext, type Page } from '@playwright/test';

/**
 * A workspace with one household, made in this context while the service worker cannot be
 * fetched, so nothing is registered yet and the deep link below is the first page that can
 * register one (a teacher opening a bookmarked or shared screen).
 */
async function workspaceWithoutWorker(context: BrowserContext, page: Page) {
	await context.route('**/sw.js', (route) => route.abort());
	await page.goto('/new');
	await page.getByLabel('村组结对帮扶').check();
	await page.getByLabel('名称').fill('石门村工作组');
	await page.getByRole('button', { name: '创建' }).click();
	await page.getByRole('link', { name: '档案' }).click();
	await page.getByRole('link', { name: '添加户' }).click();
	await page.getByLabel('户主姓名').fill('周永福');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: '周永福', level: 1 })).toBeVisible();
	const id = new URL(page.url()).pathname.split('/')[2];
	expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations())).toHaveLength(0);
	await context.unroute('**/sw.js');
	return `/w/${id}/households`;
}

test('a deep link opened first gets the service worker and reloads offline', async ({
	page,
	context
}) => {
	const deep = await workspaceWithoutWorker(context, page);
	await page.goto(deep);
	await expect(page.getByTestId('household-list')).toContainText('周永福');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
	expect(new URL(scope).pathname).toBe('/');
	// The shell is in the precache before the network goes (on a loaded machine the worker
	// can take a moment to settle after claiming the page).
	await page.waitForFunction(async () => {
		for (const key of await caches.keys()) {
			const hit = await (await caches.open(key)).match('/index.html', { ignoreSearch: true });
			if (hit) return navigator.serviceWorker.controller?.state === 'activated';
		}
		return false;
	});

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('household-list')).toContainText('周永福');
});

test.describe('control run', () => {
	test.use({ serviceWorkers: 'block' });

	test('without the service worker the same deep link does not reload offline', async ({
		page,
		context
	}) => {
		const deep = await workspaceWithoutWorker(context, page);
		await page.goto(deep);
		await expect(page.getByTestId('household-list')).toContainText('周永福');
		await context.setOffline(true);
		await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	});
});
