import { expect, test, type Page } from '@playwright/test';
import { joinAs } from './join';
import { invite, newPhone, ownerWithHousehold, setName, share } from './phones';

// Issue 9, as a team meets it in its first week: separate browser contexts (separate
// IndexedDB, no BroadcastChannel between them) and the real relay. [F1] = problem #1 …

test('[F1][F9] with the name "张老师" set, a new household is valid, listed, deleted after asking, and restored from the trash', async ({
	browser
}) => {
	const a = await newPhone(browser);
	await setName(a.page, '张老师');
	const url = await ownerWithHousehold(a.page, '王大明');
	await expect(a.page.getByText('找不到这户')).toHaveCount(0);
	await expect(a.page.getByText('编号无效')).toHaveCount(0);
	await a.page.getByRole('button', { name: '删除', exact: true }).click();
	// Delete asks first and says how to get it back.
	await expect(a.page.getByRole('alertdialog')).toContainText('回收站');
	await a.page.getByRole('button', { name: '确定删除' }).click();
	await expect(a.page.getByText('此户档案已删除')).toBeVisible();

	const ws = new URL(url).pathname.split('/')[2] ?? '';
	await a.page.goto(`/w/${ws}/trash`);
	const row = a.page.getByTestId('trash').getByRole('listitem').filter({ hasText: '王大明' });
	await expect(row).toContainText('张老师 删除于');
	await row.getByRole('button', { name: '恢复' }).click();
	await expect(a.page.getByText('回收站是空的')).toBeVisible();
	await a.page.goto(url);
	await expect(a.page.getByText('此户档案已删除')).toHaveCount(0);
	await a.context.close();
});

test('[F7] a viewer opening write screens by URL is told they are read-only and can save nothing', async ({
	browser
}) => {
	const a = await newPhone(browser);
	const householdUrl = await ownerWithHousehold(a.page, '吴秀珍');
	await share(a.page);
	const joinUrl = await invite(a.page, '邀请查看者（只读）');
	const v = await newPhone(browser);
	await joinAs(v.page, joinUrl, '县里督导');
	await expect(v.page.getByText('只读：你可以查看全部内容，但不能修改。')).toBeVisible();
	const ws = new URL(householdUrl).pathname.split('/')[2] ?? '';
	for (const path of [
		`/w/${ws}/visits/new`,
		`/w/${ws}/households/new`,
		`${new URL(householdUrl).pathname}/visit`
	]) {
		await v.page.goto(path);
		await expect(v.page.getByTestId('read-only')).toContainText('不能保存任何内容');
		await expect(v.page.getByRole('button', { name: '保存' })).toHaveCount(0);
	}
	await v.page.goto(`/w/${ws}`);
	await expect(v.page.getByTestId('sync-status')).toHaveText('已同步');
	await a.context.close();
	await v.context.close();
});

test('[F5] the same field set apart on two phones: both values shown as a conflict, one picked', async ({
	browser
}) => {
	const a = await newPhone(browser);
	await setName(a.page, '张老师');
	const householdUrl = await ownerWithHousehold(a.page, '周永福');
	await share(a.page);
	const joinUrl = await invite(a.page, '邀请成员（可编辑）');
	const b = await newPhone(browser);
	await setName(b.page, '李老师');
	await joinAs(b.page, joinUrl, '李老师的手机');
	await expect(b.page.getByRole('heading', { name: '石门村工作组', level: 1 })).toBeVisible();
	await a.page.goto(householdUrl);
	await b.page.goto(householdUrl);
	await expect(b.page.getByRole('heading', { name: '周永福', level: 1 })).toBeVisible();

	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await expect(a.page.getByTestId('sync-status')).toContainText('离线');
	await a.page.getByLabel('组', { exact: true }).fill('4组');
	await b.page.getByLabel('组', { exact: true }).fill('5组');
	await a.page.waitForTimeout(300);
	await a.context.setOffline(false);
	await b.context.setOffline(false);
	for (const p of [a.page, b.page]) {
		await expect(p.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
		const conflict = p.getByTestId('conflicts');
		await expect(conflict).toBeVisible({ timeout: 10_000 });
		await expect(conflict).toContainText('4组');
		await expect(conflict).toContainText('5组');
		// The notice is true: a conflict on 组 waits, it does not claim both were merged.
		await expect(p.getByTestId('merge-notice')).toContainText(
			'周永福的“组”被两台设备改成了不同的值'
		);
	}
	// Both phones agree on the value standing now (the input being typed in keeps its text
	// while focused, so read it from the conflict panel).
	const current = async (p: Page) =>
		/现在的值：(\d组)/.exec((await p.getByTestId('conflict').textContent()) ?? '')?.[1];
	const shownA = await current(a.page);
	expect(shownA).toMatch(/^[45]组$/);
	expect(await current(b.page)).toBe(shownA);
	const lost = shownA === '4组' ? '5组' : '4组';
	await expect(a.page.getByTestId('conflicts')).toContainText(lost === '4组' ? '张老师' : '李老师');
	// Pick the value that lost: it becomes the value on both phones and the conflict closes.
	await a.page
		.getByTestId('conflict')
		.locator('div', { hasText: lost })
		.last()
		.getByRole('button', { name: '用这个' })
		.click();
	for (const p of [a.page, b.page]) {
		await expect(p.getByTestId('conflicts')).toHaveCount(0, { timeout: 15_000 });
	}
	await b.page.reload();
	await expect(b.page.getByLabel('组', { exact: true })).toHaveValue(lost);
	await a.context.close();
	await b.context.close();
});
