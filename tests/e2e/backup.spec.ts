// Issue 9 leftovers: the workspace as one file (export on one phone, restore on a fresh one,
// merge two diverged copies back, refuse a damaged file), and the revoked device that shows
// what had not reached the relay, exports it and removes its copy.
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { joinAs } from './join';
import { invite, newPhone, ownerWithHousehold, share, shot } from './phones';

async function exportFrom(page: Page, workspaceId: string, path: string) {
	await page.goto(`/w/${workspaceId}/settings`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('backup').getByRole('button', { name: '导出备份文件' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^帮扶备份-石门村工作组-\d{4}-\d{2}-\d{2}\.json$/);
	await download.saveAs(path);
	await expect(page.getByTestId('backup-outcome')).toContainText('已导出');
	return path;
}

async function addHousehold(page: Page, workspaceId: string, head: string) {
	await page.goto(`/w/${workspaceId}/households/new`);
	await page.getByLabel('户主姓名').fill(head);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: head, level: 1 })).toBeVisible();
}

async function listed(page: Page, workspaceId: string) {
	await page.goto(`/w/${workspaceId}/households`);
	return page.getByRole('main');
}

test('export on one phone, restore on a fresh one, merge both diverged copies back; a damaged file changes nothing', async ({
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	const a = await newPhone(browser);
	const url = await ownerWithHousehold(a.page, '王德华');
	const workspaceId = new URL(url).pathname.split('/')[2]!;
	const fileA = await exportFrom(a.page, workspaceId, testInfo.outputPath('a.json'));
	const backup = JSON.parse(await readFile(fileA, 'utf8')) as Record<string, unknown>;
	expect(backup).toMatchObject({
		format: 'bangfu-workspace',
		version: 1,
		workspace: { id: workspaceId, kind: 'village', name: '石门村工作组' }
	});

	// A fresh browser: no workspace; a truncated file is refused and nothing appears.
	const b = await newPhone(browser);
	await b.page.goto('/');
	const text = await readFile(fileA, 'utf8');
	const cut = testInfo.outputPath('cut.json');
	await writeFile(cut, text.slice(0, text.length - 200));
	await b.page.getByTestId('restore-file').setInputFiles(cut);
	await expect(b.page.getByRole('alert')).toContainText('无法读取这个文件');
	await expect(b.page.getByText('石门村工作组')).toHaveCount(0);
	await shot(b.page, 'restore-refused');

	await b.page.getByTestId('restore-file').setInputFiles(fileA);
	await expect(
		b.page.getByRole('status').filter({ hasText: '已把“石门村工作组”恢复到本机' })
	).toBeVisible();
	await shot(b.page, 'restore-done');
	await b.page.getByRole('link', { name: '打开“石门村工作组”' }).click();
	await expect(await listed(b.page, workspaceId)).toContainText('王德华');

	// Apart: each phone adds a household; A imports B's file and keeps both.
	await addHousehold(b.page, workspaceId, '李秀英');
	await addHousehold(a.page, workspaceId, '赵大山');
	const fileB = await exportFrom(b.page, workspaceId, testInfo.outputPath('b.json'));
	await a.page.goto(`/w/${workspaceId}/settings`);
	await a.page.getByTestId('backup-file').setInputFiles(fileB);
	await expect(a.page.getByTestId('backup-outcome')).toContainText('已合并');
	await shot(a.page, 'backup-imported');
	const main = await listed(a.page, workspaceId);
	for (const head of ['王德华', '李秀英', '赵大山']) await expect(main).toContainText(head);

	// The same file again: nothing new. Another workspace's file: refused.
	await a.page.goto(`/w/${workspaceId}/settings`);
	await a.page.getByTestId('backup-file').setInputFiles(fileB);
	await expect(a.page.getByTestId('backup-outcome')).toContainText(
		'本机已经有这个备份里的全部内容'
	);
	const other = testInfo.outputPath('other.json');
	await writeFile(
		other,
		JSON.stringify({ ...backup, workspace: { id: 'another', kind: 'village', name: '别的组' } })
	);
	await a.page.getByTestId('backup-file').setInputFiles(other);
	await expect(a.page.getByTestId('backup-outcome')).toContainText('属于另一个工作区');
	await shot(a.page, 'backup-other-workspace');
	for (const p of [a, b]) await p.context.close();
});

test('a revoked device shows what had not reached the relay, exports it and removes its copy; the owner imports it', async ({
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	const owner = await newPhone(browser);
	const url = await ownerWithHousehold(owner.page, '王德华');
	const workspaceId = new URL(url).pathname.split('/')[2]!;
	await share(owner.page);
	const joinUrl = await invite(owner.page, '邀请成员（可编辑）');

	const phone = await newPhone(browser);
	await joinAs(phone.page, joinUrl, '李老师的手机');
	await expect(phone.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
	await phone.page.goto(`/w/${workspaceId}/households/new`);
	await expect(phone.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });

	// Offline, the phone adds a household; meanwhile the owner revokes it.
	await phone.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});
	await phone.context.setOffline(true);
	await expect(phone.page.getByTestId('sync-status')).toContainText('离线');
	await phone.page.getByLabel('户主姓名').fill('离线新户');
	await phone.page.getByRole('button', { name: '保存' }).click();
	await expect(phone.page.getByRole('heading', { name: '离线新户', level: 1 })).toBeVisible();
	await owner.page.reload();
	await owner.page.getByRole('button', { name: '收回 李老师的手机' }).click();
	await expect(owner.page.getByRole('button', { name: '收回 李老师的手机' })).toHaveCount(0);

	await phone.context.setOffline(false);
	const panel = phone.page.getByTestId('revoked');
	await expect(panel).toBeVisible({ timeout: 20_000 });
	await expect(phone.page.getByTestId('sync-status')).toHaveText('本设备已被停用，无法再同步');
	const summary = panel.getByTestId('revoked-summary');
	await expect(summary).toContainText('1 条记录的修改还没有同步到服务器');
	await expect(summary).toContainText('户 · 离线新户');
	await expect(summary).not.toContainText('王德华');
	await shot(phone.page, 'revoked');

	const [download] = await Promise.all([
		phone.page.waitForEvent('download'),
		panel.getByRole('button', { name: '导出备份文件' }).click()
	]);
	const file = testInfo.outputPath('revoked.json');
	await download.saveAs(file);
	await panel.getByRole('button', { name: '从本机移除此工作区' }).click();
	await expect(panel.getByRole('alertdialog')).toContainText('备份文件已导出');
	await shot(phone.page, 'revoked-confirm');
	await panel.getByRole('button', { name: '确认移除' }).click();
	await expect(phone.page).toHaveURL(/\/$/);
	await expect(phone.page.getByText('石门村工作组')).toHaveCount(0);
	const left = await phone.page.evaluate(async (id) => {
		const dbs = await indexedDB.databases();
		return dbs.filter((d) => d.name?.includes(id)).map((d) => d.name);
	}, workspaceId);
	expect(left).toEqual([]);
	await phone.page.goto(`/w/${workspaceId}`);
	await expect(phone.page.getByText('本机没有这个工作区')).toBeVisible();

	// The owner imports what the revoked phone had; it reaches the relay from the owner.
	await expect(await listed(owner.page, workspaceId)).toContainText('王德华');
	await expect(owner.page.getByRole('main')).not.toContainText('离线新户');
	await owner.page.goto(`/w/${workspaceId}/settings`);
	await owner.page.getByTestId('backup-file').setInputFiles(file);
	await expect(owner.page.getByTestId('backup-outcome')).toContainText('已合并');
	await expect(await listed(owner.page, workspaceId)).toContainText('离线新户');
	await expect(owner.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
	for (const p of [owner, phone]) await p.context.close();
});
