import { expect, test, type Page } from '@playwright/test';

/** Entries in the y-indexeddb update log of a workspace's main document. */
async function storedEntries(page: Page, workspaceId: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const count = open.result.transaction('updates').objectStore('updates').count();
					count.onsuccess = () => {
						resolve(count.result);
						open.result.close();
					};
				};
			}),
		`bangfu-doc-${workspaceId}-main`
	);
}

test('the device copy of a document stays compact however often it is edited and opened', async ({
	page
}) => {
	await page.goto('/new');
	// Households are a village work group's files (a school workspace lists students).
	await page.getByLabel('村组结对帮扶').check();
	await page.getByLabel('名称').fill('压缩测试');
	await page.getByRole('button', { name: '创建' }).click();
	await page.getByRole('link', { name: '档案' }).click();
	const workspaceId = new URL(page.url()).pathname.split('/')[2]!;
	await page.getByRole('link', { name: '添加户' }).click();
	await page.getByLabel('户主姓名').fill('钱多多');
	await page.getByRole('button', { name: '保存' }).click();
	// Typing appends one small update per keystroke.
	await page.locator('#household-notes').pressSequentially('每一个字都是一次保存'.repeat(8));
	const afterTyping = await storedEntries(page, workspaceId);
	expect(afterTyping).toBeGreaterThan(50);

	// Opening again merges the log in idle time.
	await page.reload();
	await expect(page.locator('#household-notes')).toHaveValue('每一个字都是一次保存'.repeat(8));
	await expect.poll(() => storedEntries(page, workspaceId), { timeout: 15_000 }).toBeLessThan(5);

	// Opened often, never edited: it does not grow.
	for (let i = 0; i < 8; i++) {
		await page.reload();
		await expect(page.locator('#household-notes')).toHaveValue(/每一个字/);
	}
	expect(await storedEntries(page, workspaceId)).toBeLessThan(12);
});

test('the household list keeps a first-paint copy on the device', async ({ page }) => {
	await page.goto('/new');
	// Households are a village work group's files (a school workspace lists students).
	await page.getByLabel('村组结对帮扶').check();
	await page.getByLabel('名称').fill('索引测试');
	await page.getByRole('button', { name: '创建' }).click();
	await page.getByRole('link', { name: '档案' }).click();
	const workspaceId = new URL(page.url()).pathname.split('/')[2]!;
	await page.getByRole('link', { name: '添加户' }).click();
	await page.getByLabel('户主姓名').fill('郑春花');
	await page.getByLabel('村', { exact: true }).fill('柳林村');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: '郑春花', level: 1 })).toBeVisible();
	const indexed = () =>
		page.evaluate(
			(key) =>
				new Promise<unknown>((resolve, reject) => {
					const open = indexedDB.open('bangfu');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const get = open.result.transaction('listIndex').objectStore('listIndex').get(key);
						get.onsuccess = () => {
							resolve(get.result?.rows);
							open.result.close();
						};
					};
				}),
			`${workspaceId}:household`
		);
	await expect
		.poll(indexed, { timeout: 10_000 })
		.toEqual([expect.objectContaining({ name: '郑春花', place: '柳林村' })]);
	await page.getByRole('link', { name: '档案' }).click();
	await page.waitForURL(/\/households$/);
	await page.reload();
	await expect(page.getByTestId('household-list')).toContainText('郑春花');
});
