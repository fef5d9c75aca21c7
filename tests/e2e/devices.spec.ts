// Issue 9 #4: one staff-meeting QR code admits many phones, each with its own device token;
// the owner sees them by name and cuts one device, or the whole invitation, off.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { joinAs } from './join';

async function newPhone(browser: Browser) {
	// Separate contexts: separate IndexedDB and no BroadcastChannel shortcut between them.
	const context = await browser.newContext();
	return { context, page: await context.newPage() };
}

async function ownerSharing(page: Page) {
	await page.goto('/new');
	await page.getByLabel('村组结对帮扶').check();
	await page.getByLabel('名称').fill('石门小学关爱组');
	await page.getByRole('button', { name: '创建' }).click();
	await page.getByRole('link', { name: '共享' }).click();
	await page.getByRole('button', { name: '开始共享' }).click();
	await expect(page.getByTestId('sync-status')).toHaveText('已同步');
	const workspaceId = new URL(page.url()).pathname.split('/')[2]!;
	return { workspaceId };
}

test('one invitation admits 30 devices by the API and 3 phones by the UI; revoking one cuts only it, revoking the invitation cuts the rest', async ({
	browser,
	request
}) => {
	test.setTimeout(120_000);
	const owner = await newPhone(browser);
	const { workspaceId } = await ownerSharing(owner.page);
	await owner.page.getByLabel('最多可加入几台设备（不填则不限）').fill('40');
	await owner.page.getByRole('button', { name: '邀请成员（可编辑）' }).click();
	const joinUrl = await owner.page.getByTestId('invite-url').inputValue();
	const invitation = new URLSearchParams(new URL(joinUrl).hash.slice(1)).get('token')!;

	// 30 phones that joined through the API, each its own token.
	const tokens = new Set<string>();
	for (let i = 0; i < 30; i++) {
		const r = await request.post(`/api/workspaces/${workspaceId}/devices`, {
			headers: { authorization: `Bearer ${invitation}` },
			data: { name: `教师${i + 1}的手机` }
		});
		expect(r.status()).toBe(201);
		tokens.add(((await r.json()) as { token: string }).token);
	}
	expect(tokens.size).toBe(30);

	// Three phones through the join screen.
	const names = ['王老师的手机', '李老师的手机', '赵老师的手机'];
	const phones = [];
	for (const name of names) {
		const p = await newPhone(browser);
		await joinAs(p.page, joinUrl, name);
		await expect(p.page.getByRole('heading', { name: '石门小学关爱组', level: 1 })).toBeVisible();
		await expect(p.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
		phones.push(p);
	}

	// The owner sees every device by name, and the invitation with its uses.
	await owner.page.reload();
	for (const name of names) {
		await expect(owner.page.getByTestId('device').filter({ hasText: name })).toContainText(
			'成员邀请'
		);
	}
	await expect(owner.page.getByTestId('device')).toHaveCount(33);
	await expect(owner.page.getByTestId('invitation')).toContainText('已加入 33/40 台设备');

	// Revoking one device cuts only that phone.
	await owner.page.getByRole('button', { name: '收回 王老师的手机' }).click();
	await expect(phones[0]!.page.getByTestId('sync-status')).toHaveText(
		'本设备已被停用，无法再同步',
		{
			timeout: 15_000
		}
	);
	for (const p of phones.slice(1))
		await expect(p.page.getByTestId('sync-status')).toHaveText('已同步');

	// Revoking the invitation cuts every device it admitted.
	await owner.page.getByRole('button', { name: '收回邀请及其设备' }).click();
	for (const p of phones.slice(1)) {
		await expect(p.page.getByTestId('sync-status')).toHaveText('本设备已被停用，无法再同步', {
			timeout: 15_000
		});
	}
	const after = await request.post(`/api/workspaces/${workspaceId}/devices`, {
		headers: { authorization: `Bearer ${invitation}` },
		data: { name: '迟到的手机' }
	});
	expect(after.status()).toBe(401);
	await expect(owner.page.getByTestId('sync-status')).toHaveText('已同步');
	for (const p of [owner, ...phones]) await p.context.close();
});
