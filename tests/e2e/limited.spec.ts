// Issue 9 #10 (the rest): an HTTP 429 at the WebSocket upgrade — the relay's per-device
// connection limit (64 sockets per token, sync-server/src/ws/upgrade.ts) — is shown as
// "limited", not "offline", though the browser hides the status; it syncs when sockets free.
import WebSocket from 'ws';
import { expect, test } from '@playwright/test';
import { joinAs } from './join';
import { invite, newPhone, ownerWithHousehold, share, shot } from './phones';

test('a phone whose device token is at the relay’s connection limit says 服务器连接已满, not 离线, and syncs once sockets free', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const owner = await newPhone(browser);
	const url = await ownerWithHousehold(owner.page, '王德华');
	const workspaceId = new URL(url).pathname.split('/')[2]!;
	await share(owner.page);
	const joinUrl = await invite(owner.page, '邀请成员（可编辑）');
	const phone = await newPhone(browser);
	await joinAs(phone.page, joinUrl, '李老师的手机');
	await expect(phone.page.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });

	// The phone's own device token, as the device stores it.
	const token = await phone.page.evaluate(
		(id) =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('bangfu');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('workspaces').objectStore('workspaces').get(id);
					req.onsuccess = () => resolve((req.result as { token: string }).token);
					req.onerror = () => reject(req.error);
				};
			}),
		workspaceId
	);
	await phone.page.goto('/');
	const ws = baseURL!.replace(/^http/, 'ws');
	const held: WebSocket[] = [];
	for (let i = 0; i < 64; i++) {
		const s = new WebSocket(`${ws}/sync/${workspaceId}?token=${token}`);
		held.push(s);
		await new Promise((res, rej) => s.once('open', res).once('error', rej));
	}

	await phone.page.goto(`/w/${workspaceId}`);
	const status = phone.page.getByTestId('sync-status');
	await expect(status).toHaveAttribute('data-state', 'limited', { timeout: 20_000 });
	await expect(status).toHaveText('服务器连接已满，修改暂存本机，稍后自动重试');
	await shot(phone.page, 'limited');

	for (const s of held) s.close();
	await expect(status).toHaveText('已同步', { timeout: 40_000 });
	for (const p of [owner, phone]) await p.context.close();
});
