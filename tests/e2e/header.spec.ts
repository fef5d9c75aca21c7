import { expect, test } from '@playwright/test';
import { newPhone, ownerWithHousehold, share, shot } from './phones';

// Issue 9 #10 "the header misleads": changes are counted, not keystrokes; nothing is waiting
// on a reopened page that changed nothing; the title keeps a readable width at 390 px; a
// future visit date's error is next to the save button too.

test('[HDR1][HDR2][HDR4] a typed sentence is one change, a reopened page waits for nothing, the title stays readable', async ({
	browser
}) => {
	const a = await newPhone(browser);
	const url = await ownerWithHousehold(a.page, '欧阳建国（石门村三组低保户）');
	await share(a.page);
	await a.page.goto(url);
	await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await expect(a.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });

	// Reopened with no signal and nothing edited: offline, nothing waiting.
	await a.context.setOffline(true);
	await a.page.reload();
	await expect(a.page.getByTestId('sync-status')).toContainText('离线', { timeout: 20_000 });
	await a.page.waitForTimeout(500);
	await expect(a.page.getByTestId('sync-status')).not.toContainText('待同步');

	// Two sentences typed key by key: one change each burst, not one per keystroke.
	await a.page.locator('#household-notes').pressSequentially('老人腿伤未愈，井水浑浊。', {
		delay: 40
	});
	await expect(a.page.getByTestId('sync-status')).toContainText('1 条修改待同步');
	await a.page.waitForTimeout(1_200);
	await a.page.getByLabel('联系电话').pressSequentially('13800001111', { delay: 40 });
	await expect(a.page.getByTestId('sync-status')).toContainText('2 条修改待同步');

	// A long name, the offline badge with its count, print, undo and redo: the title keeps room.
	const title = await a.page.getByTestId('page-title').boundingBox();
	expect(title?.width ?? 0).toBeGreaterThanOrEqual(96);
	await shot(a.page, 'header-offline');

	await a.context.setOffline(false);
	await expect(a.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
	await a.context.close();
});

test('[HDR5] a future visit date: the error is at the field and next to the save button', async ({
	browser
}) => {
	const a = await newPhone(browser);
	await ownerWithHousehold(a.page, '钱小梅');
	await a.page.getByRole('main').getByRole('link', { name: '记走访' }).click();
	// The household file has a 日期 field (expenses) too: wait for the visit form.
	await expect(a.page.getByRole('heading', { name: '记走访', level: 1 })).toBeVisible();
	await a.page.getByLabel('日期', { exact: true }).fill('2099-01-01');
	const save = a.page.getByRole('button', { name: '保存' });
	await save.click();
	await expect(a.page.locator('input[name=date]')).toHaveAttribute('aria-invalid', 'true');
	const errors = a.page.getByTestId('save-errors');
	await expect(errors).toContainText('日期：');
	const [e, b] = [await errors.boundingBox(), await save.boundingBox()];
	expect(b!.y - (e!.y + e!.height)).toBeLessThan(40); // right above the button
	await shot(a.page, 'visit-future-date');
	await a.context.close();
});
