import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const IPHONE_SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

test.describe('installing the app', () => {
	test('Chromium reads the manifest linked from a deep URL and reports nothing blocking install', async ({
		baseURL
	}, testInfo) => {
		// Playwright's usual contexts are incognito, where Chromium never installs
		// (`in-incognito`): this one has a profile on disk, as a phone's browser has.
		const profile = mkdtempSync(join(tmpdir(), 'a11y-install-'));
		const context = await chromium.launchPersistentContext(profile, {
			...testInfo.project.use.launchOptions,
			baseURL,
			viewport: { width: 390, height: 844 }
		});
		const page = context.pages()[0] ?? (await context.newPage());
		// Any URL the shell answers, not only `/`: people install from the screen they are on.
		await page.goto('/settings');
		await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
		const cdp = await page.context().newCDPSession(page);
		const manifest = await cdp.send('Page.getAppManifest');
		expect(manifest.errors).toEqual([]);
		// Without `<link rel="manifest">` Chromium reports an empty url and `no-manifest`.
		expect(manifest.url).toMatch(/^http:\/\/localhost:\d+\/manifest\.webmanifest$/);
		expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({
			display: 'standalone',
			start_url: '/'
		});
		// Chromium checks installability asynchronously (icons are fetched): poll until it settles.
		await expect
			.poll(async () => {
				const r = await cdp.send('Page.getInstallabilityErrors');
				return r.installabilityErrors.map((e) => e.errorId);
			})
			.toEqual([]);
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	});

	test('the install button appears when the browser offers to install, and asks it', async ({
		page
	}) => {
		await page.goto('/settings');
		await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
		await expect(page.getByRole('button', { name: '安装应用' })).toHaveCount(0);
		// Headless Chromium never shows its install UI, so the browser's offer is played here:
		// an event with the same shape as Chromium's BeforeInstallPromptEvent.
		await page.evaluate(() => {
			const e = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
				prompt: () => Promise<void>;
				userChoice: Promise<{ outcome: string }>;
			};
			e.prompt = async () => {
				(window as unknown as { prompted: boolean }).prompted = true;
			};
			e.userChoice = Promise.resolve({ outcome: 'accepted' });
			window.dispatchEvent(e);
		});
		await page.getByRole('button', { name: '安装应用' }).click();
		expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(
			true
		);
		await expect(page.getByRole('button', { name: '安装应用' })).toHaveCount(0);
	});

	test.describe('on iOS Safari', () => {
		test.use({ userAgent: IPHONE_SAFARI });

		test('the 添加到主屏幕 steps are shown', async ({ page }) => {
			await page.goto('/');
			const install = page.getByTestId('install');
			await expect(install.getByRole('heading', { name: '添加到主屏幕' })).toBeVisible();
			await expect(install.getByRole('listitem')).toHaveCount(3);
			await expect(install).toContainText('分享');
		});

		test('the card does not push the page about as it opens (no layout shift)', async ({
			page
		}) => {
			await page.goto('/');
			await expect(page.getByTestId('install')).toBeVisible();
			// Shown under the loading line and then pushed down by the list, the card was a layout
			// shift of 0.15: Lighthouse's CLS, which costs the performance score its target.
			const shift = await page.evaluate(
				() =>
					new Promise<number>((done) => {
						new PerformanceObserver((list) => {
							let sum = 0;
							for (const e of list.getEntries() as (PerformanceEntry & { value: number })[])
								sum += e.value;
							done(sum);
						}).observe({ type: 'layout-shift', buffered: true });
						setTimeout(() => done(0), 500);
					})
			);
			expect(shift).toBeLessThan(0.01);
		});
	});

	test('no install card on a desktop browser that has not offered to install', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { name: '还没有工作区' })).toBeVisible();
		await expect(page.getByTestId('install')).toHaveCount(0);
	});
});
