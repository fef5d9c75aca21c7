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

/** A new village workspace with one household, its households list open; returns the list's path. */
export async function householdListWith(page: Page, head: string): Promise<string> {
	const file = await ownerWithHousehold(page, head);
	const list = new URL('households', file.replace(/households\/.*$/, '')).pathname;
	await page.goto(list);
	await expect(page.getByTestId('household-list')).toContainText(head);
	return list;
}

/** Creates a workspace from /new, as a person does, and returns its id. */
export async function createWorkspace(
	page: Page,
	kind: '村组结对帮扶' | '学校关爱帮扶',
	name: string
): Promise<string> {
	await page.goto('/new');
	await page.getByLabel(kind).check();
	await page.getByLabel('名称').fill(name);
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
	return new URL(page.url()).pathname.split('/')[2]!;
}

/** Adds a household from its form and returns the household's id. */
export async function addHousehold(page: Page, ws: string, head: string): Promise<string> {
	await page.goto(`/w/${ws}/households/new`);
	await page.getByLabel('户主姓名').fill(head);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: head, level: 1 })).toBeVisible();
	return new URL(page.url()).pathname.split('/')[4]!;
}

/** Adds a team member (role by value or label); with `me`, this device becomes that member. */
export async function addMember(page: Page, ws: string, name: string, role: string, me = false) {
	await page.goto(`/w/${ws}/members`);
	await page.getByRole('button', { name: '添加成员' }).click();
	await page.getByLabel('姓名').fill(name);
	await page.getByLabel('职务').selectOption(role);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('members')).toContainText(name);
	if (me) await linkMe(page, name);
}

/** On the members screen: "this device is …". */
export async function linkMe(page: Page, name: string) {
	await page.getByLabel('本机是').selectOption({ label: name });
	await expect(page.getByTestId('members').locator('li', { hasText: name })).toContainText('本机');
}

/** Starts sharing (from the workspace's share screen, or the 共享 link on this page) and waits
 * until the relay has everything. */
export async function share(page: Page, ws?: string) {
	if (ws) await page.goto(`/w/${ws}/share`);
	else await page.getByRole('link', { name: '共享' }).click();
	await page.getByRole('button', { name: '开始共享' }).click();
	await expect(page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
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
