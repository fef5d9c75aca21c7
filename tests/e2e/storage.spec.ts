import { expect, test } from '@playwright/test';
import { newPhone, ownerWithHousehold, shot } from './phones';

// Storage that lasts: nothing is asked before anything is saved; the first save asks the
// browser for persistent storage, and /settings says what it answered and the space used.

test('[S1] persistent storage is asked at the first save and its answer is shown in settings', async ({
	browser
}) => {
	const a = await newPhone(browser);
	await a.page.goto('/settings');
	await expect(a.page.getByTestId('storage').locator('p[data-state]')).toHaveAttribute(
		'data-state',
		/unknown|granted/
	);
	await ownerWithHousehold(a.page, '冯春花');
	await a.page.goto('/settings');
	const state = a.page.getByTestId('storage').locator('p[data-state]');
	await expect(state).toHaveAttribute('data-state', /granted|refused/);
	const answer = await state.getAttribute('data-state');
	await expect(state).toContainText(
		answer === 'granted' ? '已获得持久存储' : '浏览器拒绝了持久存储'
	);
	await expect(a.page.getByTestId('storage')).toContainText(/已用 \d+\.\d (MB|GB)/);
	await shot(a.page, 'settings-storage');
	await a.context.close();
});
