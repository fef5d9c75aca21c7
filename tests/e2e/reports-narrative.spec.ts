// The quarterly report's text written by two people at once: two phones (separate browser
// contexts, so no BroadcastChannel between them: only the real relay carries the edits) type
// into the same section of the same quarter; both then show both texts, and the exported
// report holds them.
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { joinAs } from './join';
import { invite, newPhone, ownerWithHousehold, share } from './phones';

/** The quarter holding the last October that has passed (the quarterly report of Q4). */
function lastOctober(): string {
	const now = new Date();
	const y = now.getUTCMonth() >= 10 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
	return `${y}-10`;
}

const SECTION = '一、工作开展情况';

test('two members type the quarter’s text into one section at once: both see both, and the file has both', async ({
	browser
}, testInfo) => {
	const a = await newPhone(browser);
	await ownerWithHousehold(a.page, '周永福');
	await share(a.page);
	const joinUrl = await invite(a.page, '邀请成员（可编辑）');
	const b = await newPhone(browser);
	await joinAs(b.page, joinUrl, '李干部的手机');
	await expect(b.page.getByRole('heading', { name: '石门村工作组', level: 1 })).toBeVisible();
	const ws = new URL(a.page.url()).pathname.split('/')[2] ?? '';

	for (const p of [a.page, b.page]) {
		await p.goto(`/w/${ws}/reports`);
		await p.getByLabel('报表').selectOption({ label: '季度工作报告' });
		await p.getByLabel('月份').fill(lastOctober());
		await expect(p.getByLabel(SECTION)).toBeEditable();
		await expect(p.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
	}
	const fromA = '张书记：入户走访 120 户。';
	const fromB = '李干部：召开联席会议 1 次。';
	// At the same time, each at the end of the same shared text.
	await Promise.all([
		a.page.getByLabel(SECTION).pressSequentially(fromA, { delay: 20 }),
		b.page.getByLabel(SECTION).pressSequentially(fromB, { delay: 20 })
	]);
	for (const p of [a.page, b.page]) {
		await expect(p.getByLabel(SECTION)).toHaveValue(new RegExp(fromA), { timeout: 20_000 });
		await expect(p.getByLabel(SECTION)).toHaveValue(new RegExp(fromB), { timeout: 20_000 });
	}
	// Neither typed text is broken up by the other's: each arrives whole.
	const both = await a.page.getByLabel(SECTION).inputValue();
	expect(both.length).toBe(fromA.length + fromB.length);
	expect(await b.page.getByLabel(SECTION).inputValue()).toBe(both);

	// The report made on B's phone holds what A typed, and B's own.
	const [download] = await Promise.all([
		b.page.waitForEvent('download'),
		b.page.getByRole('button', { name: '下载 Excel' }).click()
	]);
	const file = testInfo.outputPath('quarterly.xlsx');
	await download.saveAs(file);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile(file);
	const lines: unknown[] = [];
	wb.getWorksheet('工作小结')!.eachRow((row, n) => {
		if (n > 3) lines.push(row.getCell(1).value);
	});
	expect(lines).toEqual([SECTION, both]);
	await a.context.close();
	await b.context.close();
});
