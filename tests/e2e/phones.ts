import { expect, type Browser, type Page } from '@playwright/test';

// Phones as the field tests use them: separate browser contexts (separate IndexedDB, no
// BroadcastChannel between them), a village work group with one household, shared on the
// real relay.

export async function newPhone(browser: Browser) {
	const context = await browser.newContext();
	return { context, page: await context.newPage() };
}

export async function setName(page: Page, name: string) {
	await page.goto('/settings');
	await page.getByLabel('本机使用者姓名').fill(name);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存', { exact: true })).toBeVisible();
}

export async function ownerWithHousehold(page: Page, head: string) {
	await page.goto('/new');
	await page.getByLabel('村组结对帮扶').check();
	await page.getByLabel('名称').fill('石门村工作组');
	await page.getByRole('button', { name: '创建' }).click();
	await page.getByRole('link', { name: '档案' }).click();
	await page.getByRole('link', { name: '添加户' }).click();
	await page.getByLabel('户主姓名').fill(head);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: head, level: 1 })).toBeVisible();
	return page.url();
}

export async function share(page: Page) {
	await page.getByRole('link', { name: '共享' }).click();
	await page.getByRole('button', { name: '开始共享' }).click();
	await expect(page.getByTestId('sync-status')).toHaveText('已同步');
}

export async function invite(page: Page, role: '邀请成员（可编辑）' | '邀请查看者（只读）') {
	await page.getByRole('button', { name: role }).click();
	return page.getByTestId('invite-url').inputValue();
}

/** With SHOTS=<dir>, saves a screenshot there to look at (never committed). */
export async function shot(page: Page, name: string) {
	const dir = process.env.SHOTS;
	if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}
