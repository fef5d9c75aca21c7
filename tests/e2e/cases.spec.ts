// Monitoring cases and the alerts inbox as a cadre uses them: a production build, the real
// relay, 390 px, Chinese. A case goes from nomination to a refused release (the refusal names
// the norm and its figures) and then an accepted one, offline in between, surviving reloads;
// an alert acknowledged on one phone is hidden on another.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { joinAs } from './join';
import { addHousehold, createWorkspace, newPhone, share } from './phones';

async function household(page: Page, id: string, head: string, villageName: string) {
	const hid = await addHousehold(page, id, head);
	await page.getByLabel('村', { exact: true }).fill(villageName);
	return hid;
}

/** A `<select>` by its label's own text (Playwright's label text includes the options'). */
function select(scope: Page | Locator, label: string): Locator {
	return scope.locator(`label.field:has(> span:text-is("${label}")) > select`);
}

async function step(page: Page, label: string, date: string, fill?: () => Promise<void>) {
	const form = page.locator('form#next');
	if ((await form.getByLabel('步骤').count()) > 0)
		await select(form, '步骤').selectOption({ label });
	await form.getByLabel('日期', { exact: true }).fill(date);
	await fill?.();
	await form.getByRole('button', { name: `记录：${label}` }).click();
	await expect(page.getByTestId('case-steps')).toContainText(label);
}

test('a case from nomination to a refused, then an accepted release, offline in between', async ({
	browser
}) => {
	test.setTimeout(120_000); // a dozen screens on a shared 2-core machine
	const { context, page } = await newPhone(browser);
	const id = await createWorkspace(page, '村组结对帮扶', '青山村工作组');
	await household(page, id, '王建国', '青山村');
	await page.getByRole('button', { name: '添加成员' }).click();
	await page.getByLabel('姓名', { exact: true }).fill('王建国');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('members')).toContainText('王建国');
	await share(page);

	await page.goto(`/w/${id}`);
	await page.getByRole('link', { name: '监测', exact: true }).click();
	await expect(page.getByRole('heading', { name: '防返贫监测', level: 1 })).toBeVisible();
	await page.getByRole('button', { name: '新增监测对象' }).click();
	await page.getByRole('button', { name: '提名纳入监测' }).click();
	await expect(page.getByText('请选择农户', { exact: true })).toBeVisible();
	await select(page.locator('form'), '农户').selectOption({ label: '王建国' });
	await select(page, '提名来源').selectOption({ label: '村组排查提名' });
	await page.locator('form').getByLabel('日期', { exact: true }).fill('2026-01-02');
	await page.getByRole('button', { name: '提名纳入监测' }).click();
	await expect(page.getByRole('heading', { name: '监测对象', level: 1 })).toBeVisible();
	await expect(page.getByTestId('case-state')).toHaveText('已提名');
	const caseUrl = page.url();

	// Offline from here: every step below is kept on the phone.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});
	await context.setOffline(true);
	await expect(page.getByTestId('sync-status')).toContainText('离线');

	// The home check without the signed authorisation is refused, with the norm.
	const form = page.locator('form#next');
	await form.getByLabel('日期', { exact: true }).fill('2026-01-04');
	await form.getByLabel('已入户填写排查表').check();
	await form.getByRole('button', { name: '记录：已入户核查' }).click();
	await expect(page.getByTestId('refusals')).toContainText('CASE-VERIFY-EVIDENCE');
	await expect(page.getByTestId('refusals')).toContainText('授权书未完成');
	await form.getByLabel('授权书照片或扫描件').setInputFiles({
		name: '授权书.png',
		mimeType: 'image/png',
		buffer: Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
			'base64'
		)
	});
	await expect(form.getByText('授权书已保存在本机')).toBeVisible();
	await form.getByRole('button', { name: '记录：已入户核查' }).click();
	await expect(page.getByTestId('case-steps')).toContainText('已附授权书扫描件');

	await step(page, '村级评议公示', '2026-01-10', async () => {
		await form.getByLabel('公示开始').fill('2026-01-05');
		await form.getByLabel('公示结束').fill('2026-01-09');
	});
	await step(page, '乡镇审核', '2026-01-12');
	await step(page, '县级审定', '2026-01-14');
	await page.getByLabel('收入骤减或支出骤增').check();
	await step(page, '已认定', '2026-01-15');
	await page.getByLabel('核查日期').fill('2026-01-20');
	await page.getByLabel('人均纯收入（元/年）').fill('9000');
	await page.getByRole('button', { name: '添加收入核查' }).click();
	await expect(page.getByTestId('income-checks')).toContainText('人均 9000 元');

	// Release with no help measure: refused, naming the norm and the figures.
	await select(form, '步骤').selectOption({ label: '已消除风险' });
	await select(form, '消除方式').selectOption({ label: '帮扶消除' });
	await form.getByRole('button', { name: '记录：已消除风险' }).click();
	const refusal = page.getByTestId('refusals');
	await expect(refusal).toContainText('CASE-RELEASE-NO-MEASURE');
	await expect(refusal).toContainText('认定（2026-01-15）以来落实的帮扶措施 0 项，至少需要 1 项');
	await expect(page.getByTestId('case-state')).toHaveText('已认定');
	await page.screenshot({ path: test.info().outputPath('case-refused.png'), fullPage: true });

	// Reload offline: the case is all there.
	await page.reload();
	await expect(page.getByTestId('case-state')).toHaveText('已认定');
	await expect(page.getByTestId('case-steps').locator('li')).toHaveCount(6);

	// A measure under way in this year's plan, then the release goes through.
	await page.getByRole('link', { name: '打开户档案' }).click();
	const year = new Date().getFullYear();
	await page.getByRole('button', { name: `制定 ${year} 年帮扶计划` }).click();
	await page.getByLabel('措施类型').selectOption('employment');
	await page.getByRole('button', { name: '添加措施' }).click();
	await page
		.getByTestId('measures')
		.locator('li')
		.first()
		.getByLabel('进展')
		.selectOption('in_progress');
	await page.goto(caseUrl);
	await expect(page.getByTestId('case-measures')).toContainText('就业创业');
	await select(form, '步骤').selectOption({ label: '已消除风险' });
	await select(form, '消除方式').selectOption({ label: '帮扶消除' });
	await form.getByRole('button', { name: '记录：已消除风险' }).click();
	await expect(page.getByTestId('case-state')).toHaveText('已消除风险');
	await expect(page.getByTestId('case-steps')).toContainText('帮扶消除');
	await expect(page.getByRole('heading', { name: '重新纳入监测' })).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
	await page.reload();
	await expect(page.getByTestId('case-state')).toHaveText('已消除风险');
	await page.screenshot({ path: test.info().outputPath('case-released.png'), fullPage: true });
	await page.goto(`/w/${id}/cases`);
	await expect(page.getByTestId('case-counts')).toContainText('已消除风险 1');
	await context.close();
});

test('the alerts inbox filters, an acknowledge survives reload and shows on a second phone', async ({
	browser
}) => {
	test.setTimeout(120_000); // two phones, a join and a dozen screens
	const a = await newPhone(browser);
	const id = await createWorkspace(a.page, '村组结对帮扶', '石门村工作组');
	await household(a.page, id, '周永福', '石门村');
	await household(a.page, id, '吴秀珍', '青山村');
	await share(a.page);

	await a.page.goto(`/w/${id}`);
	await a.page.getByRole('link', { name: '预警', exact: true }).click();
	await expect(a.page.getByRole('heading', { name: '预警', level: 1 })).toBeVisible();
	const inbox = a.page.getByTestId('inbox');
	const overdue = (name: string) =>
		inbox.locator('li[data-rule="VISIT-OVERDUE"]').filter({ hasText: name });
	await expect(overdue('周永福')).toBeVisible();
	await expect(overdue('吴秀珍')).toBeVisible();
	await expect(overdue('周永福')).toContainText('VISIT-OVERDUE');

	await select(a.page, '村').selectOption('石门村');
	await expect(overdue('吴秀珍')).toHaveCount(0);
	await expect(overdue('周永福')).toBeVisible();
	await select(a.page, '类别').selectOption({ label: '走访与期限' });
	await expect(overdue('周永福')).toBeVisible();
	await a.page.screenshot({ path: test.info().outputPath('inbox.png'), fullPage: true });

	// The alert opens the household with the visits highlighted.
	await overdue('周永福').getByRole('link').click();
	await expect(a.page.getByRole('heading', { name: '周永福', level: 1 })).toBeVisible();
	expect(new URL(a.page.url()).searchParams.get('focus')).toBe('visits');
	await expect(a.page.locator('section[data-focused]')).toContainText('走访记录');
	await a.page.goBack();

	const row = overdue('周永福');
	await row.getByRole('button', { name: '处理' }).click();
	await row.getByLabel('原因').fill('户主外出务工，下周回村后走访');
	await row.getByRole('button', { name: '保存处理' }).click();
	await expect(overdue('周永福')).toHaveCount(0);
	await a.page.reload();
	await expect(
		a.page.getByTestId('inbox').or(a.page.getByText('没有需要处理的预警'))
	).toBeVisible();
	await expect(overdue('周永福')).toHaveCount(0);
	await a.page.getByLabel(/显示已处理或暂缓的/).check();
	await expect(overdue('周永福').getByTestId('decision')).toContainText('户主外出务工');
	await expect(a.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });

	// A second phone, joined by invitation, has the decision.
	await a.page.getByRole('link', { name: '共享' }).click();
	await a.page.getByRole('button', { name: '邀请成员（可编辑）' }).click();
	const joinUrl = await a.page.getByTestId('invite-url').inputValue();
	const b = await newPhone(browser);
	await joinAs(b.page, joinUrl, '李干部的手机');
	await expect(b.page.getByRole('heading', { name: '石门村工作组', level: 1 })).toBeVisible();
	await b.page.goto(`/w/${id}/alerts`);
	const bInbox = b.page.getByTestId('inbox');
	await expect(
		bInbox.locator('li[data-rule="VISIT-OVERDUE"]').filter({ hasText: '吴秀珍' })
	).toBeVisible({
		timeout: 20_000
	});
	await expect(
		bInbox.locator('li[data-rule="VISIT-OVERDUE"]').filter({ hasText: '周永福' })
	).toHaveCount(0);
	await b.page.getByLabel(/显示已处理或暂缓的/).check();
	await expect(
		bInbox
			.locator('li[data-rule="VISIT-OVERDUE"]')
			.filter({ hasText: '周永福' })
			.getByTestId('decision')
	).toContainText('户主外出务工');
	await a.context.close();
	await b.context.close();
});
