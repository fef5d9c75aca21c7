import { expect, test, type Page } from '@playwright/test';

async function createWorkspace(page: Page, name = '青山村工作组') {
	await page.goto('/');
	await page.getByRole('link', { name: '创建工作区' }).first().click();
	await page.getByLabel('村组结对帮扶').check();
	await page.getByLabel('名称').fill(name);
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

async function addHousehold(page: Page, head: string) {
	await page.getByRole('link', { name: '档案' }).click();
	await page.getByRole('link', { name: '添加户' }).click();
	await page.getByLabel('户主姓名').fill(head);
	await page.getByLabel('村', { exact: true }).fill('青山村');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: head, level: 1 })).toBeVisible();
}

test('a workspace and a household survive a reload, offline, with no relay', async ({ page }) => {
	await createWorkspace(page);
	await addHousehold(page, '王建国');
	await expect(page.getByTestId('sync-status')).toHaveText(/仅存本机/);
	await page.reload();
	await expect(page.getByRole('heading', { name: '王建国', level: 1 })).toBeVisible();
	await page.getByRole('link', { name: '档案' }).click();
	await expect(page.getByTestId('household-list')).toContainText('王建国');
	// A new household has never been visited: the rules say so on the home screen.
	await page.getByRole('link', { name: '首页' }).click();
	await expect(page.getByTestId('alerts')).toContainText('尚未走访');
});

test('closing the page mid-typing loses nothing that was typed', async ({ page, context }) => {
	await createWorkspace(page);
	await addHousehold(page, '李秀英');
	const url = page.url();
	const notes = page.locator('#household-notes');
	await notes.click();
	await notes.pressSequentially('三月份因病住院，', { delay: 5 });
	await notes.pressSequentially('需要跟进医保报销', { delay: 0 });
	// Close right after the last keystroke: no blur, no save button, no waiting.
	await page.close({ runBeforeUnload: false });

	const again = await context.newPage();
	await again.goto(url);
	await expect(again.locator('#household-notes')).toHaveValue('三月份因病住院，需要跟进医保报销');
});

test('invalid input is refused with a clear message and stored data is untouched', async ({
	page
}) => {
	await createWorkspace(page);
	await addHousehold(page, '赵大山');
	await page.getByRole('button', { name: '添加成员' }).click();
	await page.getByLabel('姓名', { exact: true }).fill('赵小山');
	await page.getByLabel('身份证号').fill('110105194912310021');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('身份证号校验位不正确')).toBeVisible();
	await expect(page.getByTestId('members')).not.toContainText('赵小山');
	await page.getByLabel('身份证号').fill('11010519491231002X');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('members')).toContainText('赵小山');
	// Masked in the list.
	await expect(page.getByTestId('members')).toContainText('1101**********002X');
});

test('a home visit is logged offline and shows on the household', async ({ page, context }) => {
	await createWorkspace(page);
	await addHousehold(page, '陈桂兰');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await context.setOffline(true);
	await page.getByRole('main').getByRole('link', { name: '＋ 记走访' }).click();
	await page.getByText('家访', { exact: true }).click();
	await page.getByLabel('见到的人').fill('陈桂兰本人');
	await page.getByLabel('情况记录').fill('老人腿脚不便，需要送药上门');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('visits')).toContainText('老人腿脚不便');
	await page.reload();
	await expect(page.getByTestId('visits')).toContainText('陈桂兰本人');
});

test('undo and redo take back only this device’s own edits', async ({ page }) => {
	await createWorkspace(page);
	await addHousehold(page, '孙长林');
	const village = page.getByLabel('村', { exact: true });
	await expect(village).toHaveValue('青山村');
	await village.fill('白岩村');
	await page.getByRole('button', { name: '撤销' }).click();
	await expect(village).toHaveValue('青山村');
	await page.getByRole('button', { name: '重做' }).click();
	await expect(village).toHaveValue('白岩村');
});
