import { expect, test } from '@playwright/test';
import { joinAs } from './join';
import { invite, newPhone, ownerWithHousehold, setName, share, shot } from './phones';

// Issue 9 #9 "there is no history of who changed what": …/<record>/history lists who changed
// which field when, from the document (so another phone's edits are there, and it opens
// offline), and an earlier value can be put back as a new edit that reaches the other phone.

test('[F9] history: two people edit 组, the earlier value is restored as a new edit, seen on both, offline too', async ({
	browser
}) => {
	const a = await newPhone(browser);
	await setName(a.page, '张老师');
	const householdUrl = await ownerWithHousehold(a.page, '孙玉兰');
	await share(a.page);
	const joinUrl = await invite(a.page, '邀请成员（可编辑）');
	await a.page.goto(householdUrl);
	await a.page.getByLabel('组', { exact: true }).fill('3组');
	await a.page.getByLabel('联系电话').fill('13800001111');
	await expect(a.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });

	const b = await newPhone(browser);
	await setName(b.page, '李老师');
	await joinAs(b.page, joinUrl, '李老师的手机');
	await expect(b.page.getByRole('heading', { name: '石门村工作组', level: 1 })).toBeVisible();
	await b.page.goto(householdUrl);
	await expect(b.page.getByLabel('组', { exact: true })).toHaveValue('3组', { timeout: 20_000 });
	await b.page.getByLabel('组', { exact: true }).fill('5组');
	// A focused field keeps what is being typed; B is done with it.
	await b.page.getByLabel('组', { exact: true }).blur();
	await expect(b.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });

	await a.page.getByRole('link', { name: '修改记录' }).click();
	await expect(a.page.getByRole('heading', { name: '孙玉兰 修改记录', level: 1 })).toBeVisible();
	const entries = a.page.getByTestId('history-entry');
	await expect(entries.first()).toContainText('李老师', { timeout: 20_000 });
	await expect(entries.first()).toContainText('组：5组');
	await expect(entries.first()).toContainText('现在的值');
	const mine = entries.filter({ hasText: '张老师' }).first();
	await expect(mine).toContainText('组：3组');
	await expect(mine).toContainText('联系电话：13800001111');
	await shot(a.page, 'history-a');
	// The phone number still stands: nothing to restore there; 3组 lost to 5组: restorable.
	await expect(mine.getByRole('button', { name: /联系电话/ })).toHaveCount(0);
	await mine.getByRole('button', { name: '恢复为此值 组：3组' }).click();
	await expect(a.page.getByRole('status').filter({ hasText: '已把“组”恢复' })).toBeVisible();
	// The restore is a new edit on top, by 张老师; nothing earlier was rewritten.
	await expect(entries.first()).toContainText('张老师');
	await expect(entries.first()).toContainText('组：3组');
	await expect(entries.filter({ hasText: '李老师' })).toContainText('组：5组');

	await expect(b.page.getByLabel('组', { exact: true })).toHaveValue('3组', { timeout: 20_000 });

	// Offline, from the document: B opens the history with no signal.
	await b.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await b.context.setOffline(true);
	await b.page.goto(`${new URL(householdUrl).pathname}/history`);
	await expect(b.page.getByRole('heading', { name: '孙玉兰 修改记录', level: 1 })).toBeVisible();
	await expect(b.page.getByTestId('history-entry').first()).toContainText('张老师');
	await expect(b.page.getByTestId('history-entry').filter({ hasText: '李老师' })).toContainText(
		'组：5组'
	);
	await shot(b.page, 'history-b-offline');
	await a.context.close();
	await b.context.close();
});
