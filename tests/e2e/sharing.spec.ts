import { expect, test, type Page } from '@playwright/test';
import { joinAs } from './join';
import { invite, newPhone, ownerWithHousehold } from './phones';

// Separate contexts (newPhone): separate IndexedDB and no BroadcastChannel shortcut between them.

async function share(page: Page) {
	await page.getByRole('link', { name: '共享' }).click();
	await page.getByRole('button', { name: '开始共享' }).click();
	await expect(page.getByText(/已连接服务器/)).toBeVisible();
	await expect(page.getByTestId('sync-status')).toHaveText('已同步');
}

test('a member joins by link, both edit one household live, and offline edits merge', async ({
	browser
}) => {
	const a = await newPhone(browser);
	const householdUrl = await ownerWithHousehold(a.page, '周永福');
	await share(a.page);
	const joinUrl = await invite(a.page, '邀请成员（可编辑）');
	expect(joinUrl).toMatch(/\/join#workspace=.+&token=/);

	const b = await newPhone(browser);
	await joinAs(b.page, joinUrl, '李老师的手机');
	await expect(b.page.getByRole('heading', { name: '石门村工作组', level: 1 })).toBeVisible();
	expect(new URL(b.page.url()).hash).toBe('');
	await b.page.goto(householdUrl);
	await expect(b.page.getByRole('heading', { name: '周永福', level: 1 })).toBeVisible();

	// Live: B types, A sees it.
	await a.page.goto(householdUrl);
	await b.page.locator('#household-notes').fill('第一次走访：');
	await expect(a.page.locator('#household-notes')).toHaveValue('第一次走访：');

	// Offline on both: A edits the village and the notes, B the phone and the notes.
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await expect(a.page.getByTestId('sync-status')).toContainText('离线');
	await a.page.getByLabel('村', { exact: true }).fill('石门村');
	await a.page.locator('#household-notes').press('End');
	await a.page.locator('#household-notes').pressSequentially('A写的');
	await b.page.getByLabel('联系电话').fill('13812345678');
	await b.page.locator('#household-notes').press('End');
	await b.page.locator('#household-notes').pressSequentially('B写的');
	await expect(a.page.getByTestId('sync-status')).toContainText('条修改待同步');

	await a.context.setOffline(false);
	await b.context.setOffline(false);
	for (const p of [a.page, b.page]) {
		await expect(p.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
		await expect(p.getByLabel('村', { exact: true })).toHaveValue('石门村');
		await expect(p.getByLabel('联系电话')).toHaveValue('13812345678');
		await expect(p.locator('#household-notes')).toHaveValue(
			/^第一次走访：(A写的B写的|B写的A写的)$/
		);
	}
	// The UI says what merged.
	await expect(a.page.getByTestId('merge-notice')).toContainText('周永福');
	// …naming the fields the other phone changed, not this phone's own.
	await expect(a.page.getByTestId('merge-notice')).toContainText(
		/另一台设备改了周永福的：(联系电话、备注|备注、联系电话)/
	);
	await expect(a.page.getByTestId('merge-notice')).not.toContainText('村');
	await expect(b.page.getByTestId('merge-notice')).toContainText(
		/另一台设备改了周永福的：[^村]*村/
	);
	await expect(b.page.getByTestId('merge-notice')).not.toContainText('联系电话');
	expect(await a.page.locator('#household-notes').inputValue()).toBe(
		await b.page.locator('#household-notes').inputValue()
	);
	await a.context.close();
	await b.context.close();
});

test('a county supervisor joins as a viewer, reads everything and can change nothing; revoking closes the door', async ({
	browser
}) => {
	const a = await newPhone(browser);
	const householdUrl = await ownerWithHousehold(a.page, '吴秀珍');
	await share(a.page);
	const joinUrl = await invite(a.page, '邀请查看者（只读）');

	const v = await newPhone(browser);
	await joinAs(v.page, joinUrl, '县里督导的平板');
	await expect(v.page.getByText('只读：你可以查看全部内容，但不能修改。')).toBeVisible();
	await v.page.goto(householdUrl);
	await expect(v.page.getByRole('heading', { name: '吴秀珍', level: 1 })).toBeVisible();
	await expect(v.page.getByLabel('户主姓名')).toHaveAttribute('readonly', '');
	await expect(v.page.locator('#household-notes')).toHaveAttribute('readonly', '');
	await expect(v.page.getByRole('button', { name: '添加成员' })).toHaveCount(0);
	await expect(v.page.getByRole('link', { name: /记走访/ })).toHaveCount(0);
	await expect(v.page.getByRole('button', { name: '删除' })).toHaveCount(0);

	// The owner sees the viewer's device by name and revokes it: the viewer is told, not
	// silently cut off.
	await a.page.reload();
	const device = a.page.getByTestId('device').filter({ hasText: '县里督导的平板' });
	await expect(device).toContainText('只读');
	await a.page.getByRole('button', { name: '收回 县里督导的平板' }).click();
	await expect(device).toContainText('已收回');
	await expect(v.page.getByTestId('sync-status')).toHaveText('本设备已被停用，无法再同步', {
		timeout: 15_000
	});
	await a.context.close();
	await v.context.close();
});
