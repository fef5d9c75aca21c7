import { expect, test } from '@playwright/test';

test.describe('the app shell', () => {
	test('loads in Chinese, then reloads offline from the service worker', async ({
		page,
		context
	}) => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('heading', { name: '还没有工作区' })).toBeVisible();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { name: '还没有工作区' })).toBeVisible();
		// A route never visited online also opens: the shell answers every navigation.
		await page.goto('/settings');
		await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
	});

	test.describe('control run', () => {
		test.use({ serviceWorkers: 'block' });

		test('without the service worker the app does not load offline', async ({ page, context }) => {
			await page.goto('/');
			await expect(page.getByRole('heading', { name: '还没有工作区' })).toBeVisible();
			await context.setOffline(true);
			await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
		});
	});

	test('the web app manifest makes it installable', async ({ request }) => {
		const res = await request.get('/manifest.webmanifest');
		expect(res.ok()).toBe(true);
		const manifest = await res.json();
		expect(manifest).toMatchObject({ display: 'standalone', lang: 'zh-CN', start_url: '/' });
		const sizes = manifest.icons.map(
			(i: { sizes: string; purpose?: string }) => i.sizes + (i.purpose ?? '')
		);
		expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512maskable']));
	});
});

test.describe('language', () => {
	test('switching to English changes text and <html lang>, and survives a reload', async ({
		page
	}) => {
		await page.goto('/settings');
		await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
		await page.getByLabel('English').check();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'No workspace yet' })).toBeVisible();
	});
});
