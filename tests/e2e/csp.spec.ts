// Issue 10 #9: the served app runs under its Content-Security-Policy with no violation:
// the SvelteKit boot script (allowed by hash), the service worker, Paraglide's language
// switch, Tailwind's styles, sharing with the relay and the invitation's QR code.
import { expect, test } from '@playwright/test';

test('the app passes its CSP in Chromium: boot, service worker, i18n, sharing, QR, offline', async ({
	page,
	context
}) => {
	const violations: string[] = [];
	page.on('console', (msg) => {
		if (/Content[- ]Security[- ]Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
	});
	await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { __cspViolation(v: string): void }).__cspViolation;
			report(
				`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`
			);
		});
	});

	const res = await page.goto('/');
	const headers = res!.headers();
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[^']+'/);
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['referrer-policy']).toBe('no-referrer');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

	await page.goto('/new');
	await page.getByLabel('村组结对帮扶').check();
	await page.getByLabel('名称').fill('石门村工作组');
	await page.getByRole('button', { name: '创建' }).click();
	await page.getByRole('link', { name: '共享' }).click();
	await page.getByRole('button', { name: '开始共享' }).click();
	await expect(page.getByText(/已连接服务器/)).toBeVisible();
	await page.getByRole('button', { name: '邀请成员（可编辑）' }).click();
	await expect(page.getByTestId('invite-url')).toHaveValue(/\/join#workspace=/);
	await expect(
		page
			.locator('svg')
			.filter({ has: page.locator('path') })
			.first()
	).toBeVisible();

	// Paraglide switches language at run time, with no eval.
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'English' }).check();
	await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
	await page.getByRole('radio', { name: /中文/ }).check();

	// Offline, the service worker serves the shell and it still boots under the policy.
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('radio', { name: /中文/ })).toBeChecked();
	await context.setOffline(false);

	expect(violations).toEqual([]);
});

test('a page on another site cannot frame the app', async ({ page }) => {
	const blocked: string[] = [];
	page.on('console', (msg) => {
		if (/frame-ancestors|Refused to (display|frame)/i.test(msg.text())) blocked.push(msg.text());
	});
	await page.goto('/healthz');
	const origin = new URL(page.url()).origin;
	await page.setContent(`<iframe src="${origin}/" width="300" height="300"></iframe>`);
	await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThan(0);
});
