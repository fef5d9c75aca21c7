import { expect, test } from '@playwright/test';

test('a household’s yearly plan: made from the file, a measure of the seven types, kept over a reload', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('link', { name: '创建工作区' }).first().click();
	await page.getByLabel('村组结对帮扶').check();
	await page.getByLabel('名称').fill('青山村工作组');
	await page.getByRole('button', { name: '创建' }).click();
	await page.getByRole('link', { name: '档案' }).click();
	await page.getByRole('link', { name: '添加户' }).click();
	await page.getByLabel('户主姓名').fill('王建国');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: '王建国', level: 1 })).toBeVisible();

	const year = new Date().getFullYear();
	await page.getByRole('button', { name: `制定 ${year} 年帮扶计划` }).click();
	await expect(page.getByRole('heading', { name: `王建国户 ${year} 年帮扶计划` })).toBeVisible();
	await page.getByLabel('措施类型').selectOption('employment');
	await page.getByRole('button', { name: '添加措施' }).click();
	const measure = page.getByTestId('measures').locator('li').first();
	await expect(measure).toContainText('就业创业');
	await measure.getByLabel('措施内容').fill('安排村公益性岗位');
	await measure.getByLabel('资金（元）').fill('3600.50');
	await measure.getByLabel('进展').selectOption('in_progress');
	await page.reload();
	const again = page.getByTestId('measures').locator('li').first();
	await expect(again.getByLabel('措施内容')).toHaveValue('安排村公益性岗位');
	await expect(again.getByLabel('资金（元）')).toHaveValue('3600.5');
	await expect(again.getByLabel('进展')).toHaveValue('in_progress');
	await page.screenshot({ path: test.info().outputPath('household-plan.png'), fullPage: true });
	// The household file lists the plan.
	await page.getByRole('link', { name: '查看户档案' }).click();
	await expect(page.getByTestId('plans')).toContainText(`${year} 年计划`);
	await expect(page.getByTestId('plans')).toContainText('帮扶措施（1 项）');
});
