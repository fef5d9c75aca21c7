// One workspace with data in it, made once for the whole gate: an owner who shared it on the
// relay and a viewer who joined through a real viewer invitation, each in its own browser
// context (no BroadcastChannel shortcut, own IndexedDB).
import { joinAs } from '../join';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { Seed } from '../screens';

export interface Phone {
	context: BrowserContext;
	page: Page;
}

async function phone(browser: Browser): Promise<Phone> {
	const context = await browser.newContext();
	return { context, page: await context.newPage() };
}

export async function seedWorkspace(
	browser: Browser
): Promise<{ seed: Seed; owner: Phone; viewer: Phone }> {
	const seed = { workspaceName: '石门村工作组', headName: '周永福', studentName: '周小红' };
	const owner = await phone(browser);
	const p = owner.page;
	await p.goto('/new');
	await p.getByLabel('村组结对帮扶').check();
	await p.getByLabel('名称').fill(seed.workspaceName);
	await p.getByRole('button', { name: '创建' }).click();
	await expect(p.getByRole('heading', { name: seed.workspaceName, level: 1 })).toBeVisible();
	const id = new URL(p.url()).pathname.split('/')[2]!;

	for (const [head, village] of [
		['吴秀珍', '石门村'],
		[seed.headName, '石门村']
	] as const) {
		await p.goto(`/w/${id}/households/new`);
		await p.getByLabel('户主姓名').fill(head);
		await p.getByLabel('村', { exact: true }).fill(village);
		await p.getByLabel('联系电话').fill('13812345678');
		await p.getByRole('button', { name: '保存' }).click();
		await expect(p.getByRole('heading', { name: head, level: 1 })).toBeVisible();
	}
	const hid = new URL(p.url()).pathname.split('/')[4]!;
	await p.getByRole('button', { name: '添加成员' }).click();
	await p.getByLabel('姓名', { exact: true }).fill('周小明');
	await p.getByLabel('身份证号').fill('11010519491231002X');
	await p.getByRole('button', { name: '保存' }).click();
	await expect(p.getByTestId('members')).toContainText('周小明');
	await p.getByLabel('工资性收入').fill('12000');
	await p
		.locator('#household-notes')
		.fill('老人腿脚不便，需要送药上门。孙子在镇中学读初二，成绩中等。');

	await p.getByRole('main').getByRole('link', { name: '＋ 记走访' }).click();
	await p.getByText('家访', { exact: true }).click();
	await p.getByLabel('见到的人').fill('周永福本人');
	await p.getByLabel('情况记录').fill('屋顶漏雨，已联系村委会。');
	await p.getByRole('button', { name: '保存' }).click();
	await expect(p.getByTestId('visits')).toContainText('屋顶漏雨');

	// A monitoring case for the case screen (started as from an alert: the form is filled in).
	await p.goto(`/w/${id}/cases?household=${hid}`);
	await p.locator('form select').nth(1).selectOption('village_nomination');
	await p.getByRole('button', { name: '提名纳入监测' }).click();
	await expect(p.getByTestId('case-state')).toHaveText('已提名');
	const cid = new URL(p.url()).pathname.split('/')[4]!;

	// A student with an edit and a plan, for their history screens.
	await p.goto(`/w/${id}/students/new`);
	await p.getByLabel('姓名').fill(seed.studentName);
	await p.getByLabel('学困').check();
	await p.getByRole('button', { name: '保存' }).click();
	await expect(p.getByRole('heading', { name: seed.studentName, level: 1 })).toBeVisible();
	const sid = new URL(p.url()).pathname.split('/')[4]!;
	await p.getByLabel('班级').fill('四年级（2）班');
	await p.getByRole('button', { name: '＋学困生帮扶计划' }).click();
	await expect(p.getByRole('link', { name: seed.studentName })).toBeVisible();
	const pid = new URL(p.url()).pathname.split('/')[4]!;

	await p.goto(`/w/${id}/share`);
	await p.getByRole('button', { name: '开始共享' }).click();
	await expect(p.getByTestId('sync-status')).toHaveText('已同步');
	await p.getByRole('button', { name: '邀请查看者（只读）' }).click();
	const joinUrl = await p.getByTestId('invite-url').inputValue();

	const viewer = await phone(browser);
	await joinAs(viewer.page, joinUrl, '县里督导的平板');
	await expect(viewer.page.getByText('只读：你可以查看全部内容，但不能修改。')).toBeVisible();
	await viewer.page.goto(`/w/${id}/households/${hid}`);
	await expect(viewer.page.getByTestId('members')).toContainText('周小明', { timeout: 20_000 });
	return { seed: { ...seed, id, hid, cid, sid, pid }, owner, viewer };
}
