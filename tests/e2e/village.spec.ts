import { expect, test, type Page } from '@playwright/test';
import { joinAs } from './join';
import { addHousehold, addMember, createWorkspace, newPhone, share } from './phones';

// Issue 12, the village side: a cadre's day (DESIGN.md journey 4) and a county supervisor
// reading the dashboard. Real relay, production build, 390 px, Chinese, separate contexts.

async function villageWithHousehold(page: Page, head: string): Promise<string> {
	const ws = await createWorkspace(page, '村组结对帮扶', '青山村工作组');
	await addHousehold(page, ws, head);
	return ws;
}

const lastYear = new Date().getFullYear() - 1;

test("a cadre's day: my households with the overdue one on top, a visit logged offline, last year's income typed, the drop alert appears and clears, synced when back", async ({
	browser
}) => {
	const { context, page } = await newPhone(browser);
	const ws = await villageWithHousehold(page, '王建国');
	await addHousehold(page, ws, '李秀英');
	await addMember(page, ws, '张干部', 'cadre');
	await page.getByLabel('本机是').selectOption({ label: '张干部' });
	await share(page, ws);

	// The cadre is paired with both households; 李秀英 was visited last week.
	for (const head of ['王建国', '李秀英']) {
		await page.goto(`/w/${ws}/households`);
		await page
			.getByRole('link', { name: new RegExp(head) })
			.first()
			.click();
		await page.getByLabel('选择帮扶责任人').selectOption({ label: '张干部' });
		await expect(page.getByTestId('helper-current')).toContainText('张干部');
		await expect(page.getByTestId('helper-current')).toContainText('每 3 个月走访一次');
	}
	const week = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
	await page.getByRole('main').getByRole('link', { name: '＋ 记走访' }).click();
	await page.getByLabel('日期', { exact: true }).fill(week);
	await page.getByLabel('情况记录').fill('李秀英家住房安全，饮水正常。');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('visits')).toContainText('饮水正常');

	// Morning: my households open with the overdue visit on top, marked new, saying why.
	await page.goto(`/w/${ws}`);
	const mine = page.getByTestId('my-households').getByRole('listitem');
	await expect(mine).toHaveCount(2);
	await expect(mine.first()).toContainText('王建国');
	await expect(mine.first()).toContainText('已逾期');
	await expect(mine.nth(1)).toContainText(`上次走访 ${week}`);
	const top = page.getByTestId('alerts').getByRole('listitem').first();
	await expect(top).toHaveAttribute('data-rule', 'VISIT-OVERDUE');
	await expect(top).toContainText('王建国');
	await expect(top).toContainText('尚未走访');
	await expect(top).toHaveAttribute('data-new', 'true');
	await page.screenshot({ path: test.info().outputPath('my-households.png'), fullPage: true });
	// Looked at once: the same alert is no longer new.
	await page.reload();
	await expect(page.getByTestId('alerts').getByRole('listitem').first()).not.toHaveAttribute(
		'data-new',
		'true'
	);

	// No signal in the village: log the visit from the row and type the income.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});
	await context.setOffline(true);
	await page.getByRole('link', { name: '给 王建国 记走访' }).click();
	await page.getByLabel('情况记录').fill('户主腰伤，今年务工收入大减。');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('visits')).toContainText('腰伤');
	await expect(page.locator('[data-rule="VISIT-OVERDUE"]')).toHaveCount(0);

	const income = page.getByTestId('income');
	await income.getByLabel('工资性收入').fill('12000');
	await income.getByLabel('年度').selectOption(String(lastYear));
	await income.getByLabel('工资性收入').fill('40000');
	// 40,000 → 12,000 is a 70 % drop: the alert says so, from what was typed here.
	const drop = page.getByTestId('household-alerts').locator('[data-rule="INC-DROP"]');
	await expect(drop).toContainText('由 40000 元降至 12000 元');
	await page.screenshot({ path: test.info().outputPath('household-offline.png'), fullPage: true });
	await income.getByLabel('工资性收入').fill('15000');
	await expect(drop).toHaveCount(0);
	await income.getByLabel('工资性收入').fill('abc');
	await expect(income.getByText('格式不正确')).toBeVisible();
	await income.getByLabel('工资性收入').fill('40000.5');
	await expect(drop).toHaveCount(1);

	await page.goto(`/w/${ws}`);
	await expect(page.getByTestId('alerts').locator('[data-rule="INC-DROP"]')).toContainText(
		'王建国'
	);
	await expect(mine.first()).toContainText('李秀英'); // 王建国 is no longer overdue
	await expect(page.getByTestId('sync-status')).not.toHaveText('已同步');

	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
	await context.close();
});

test('settings move the rules at once; a viewer reads the dashboard and cannot change settings', async ({
	browser
}) => {
	const owner = await newPhone(browser);
	const page = owner.page;
	const ws = await villageWithHousehold(page, '周永福');
	const year = new Date().getFullYear();
	const income = page.getByTestId('income');
	await income.getByLabel('工资性收入').fill('32000');
	await income.getByLabel('年度').selectOption(String(year - 1));
	await income.getByLabel('工资性收入').fill('40000');
	await page.getByLabel('户类型').selectOption('marginal');
	const drop = page.getByTestId('household-alerts').locator('[data-rule="INC-DROP"]');
	await expect(page.getByTestId('household-alerts')).toBeVisible();
	await expect(drop).toHaveCount(0); // a 20 % drop is under the 30 % default

	await page.goto(`/w/${ws}/settings`);
	const field = page.getByLabel('收入骤减提醒（%）');
	await expect(field).toHaveValue('30');
	await expect(page.locator('[data-setting="incomeDropPercent"]')).toContainText('默认：30');
	await field.fill('120');
	await expect(page.getByText('比例应在 0 到 100 之间')).toBeVisible();
	await field.fill('20');
	await page.goto(`/w/${ws}`);
	await expect(page.getByTestId('alerts').locator('[data-rule="INC-DROP"]')).toHaveCount(1);
	await page.goto(`/w/${ws}/settings`);
	await page.getByRole('button', { name: /恢复默认\s*：收入骤减提醒/ }).click();
	await expect(page.getByLabel('收入骤减提醒（%）')).toHaveValue('30');
	await page.goto(`/w/${ws}`);
	await expect(page.getByTestId('alerts').locator('[data-rule="VISIT-OVERDUE"]')).toHaveCount(1);
	await expect(page.getByTestId('alerts').locator('[data-rule="INC-DROP"]')).toHaveCount(0);

	await share(page, ws);
	await page.getByRole('button', { name: '邀请查看者（只读）' }).click();
	const joinUrl = await page.getByTestId('invite-url').inputValue();

	const viewer = await newPhone(browser);
	await joinAs(viewer.page, joinUrl, '县乡村振兴局');
	await expect(viewer.page.getByRole('heading', { name: '青山村工作组', level: 1 })).toBeVisible();
	await viewer.page.getByRole('link', { name: '看板' }).click();
	await expect(viewer.page.getByRole('heading', { name: '看板', level: 1 })).toBeVisible();
	const types = viewer.page.getByTestId('db-types');
	await types.getByText('数据表').click();
	await expect(types.getByRole('row', { name: /边缘易致贫户/ })).toContainText('1');
	await expect(viewer.page.getByTestId('db-alert-categories')).toContainText('走访与期限');
	await expect(viewer.page.locator('[data-testid="db-types"] canvas')).toHaveCount(1);
	await viewer.page.screenshot({
		path: test.info().outputPath('dashboard-viewer.png'),
		fullPage: true
	});

	await viewer.page.goto(`/w/${ws}/settings`);
	await expect(viewer.page.getByTestId('settings-readonly')).toBeVisible();
	await expect(viewer.page.getByLabel('收入骤减提醒（%）')).toHaveAttribute('readonly', '');
	await expect(viewer.page.getByRole('button', { name: /恢复默认/ })).toHaveCount(0);
	await expect(viewer.page.getByRole('button', { name: '添加年度' })).toHaveCount(0);
	await viewer.page.screenshot({
		path: test.info().outputPath('settings-viewer.png'),
		fullPage: true
	});
	await owner.context.close();
	await viewer.context.close();
});
