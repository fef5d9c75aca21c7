// The school care team (issue 11): two teachers on one plan (journey 3), a talk logged offline
// in three taps, and a viewer who reads every student file and can change none. Production
// build, the real relay, separate browser contexts (no BroadcastChannel shortcut).
import { expect, test, type Page } from '@playwright/test';
import { joinAs } from './join';
import { addMember, createWorkspace, linkMe, newPhone } from './phones';

/** A school workspace; returns its home path, /w/<id>. */
async function createSchool(page: Page) {
	return `/w/${await createWorkspace(page, '学校关爱帮扶', '红星小学关爱组')}`;
}

/** A 班主任 on the members screen; with `me`, this device becomes that member. */
async function addTeacher(page: Page, home: string, name: string, me = false) {
	await addMember(page, home.split('/')[2]!, name, '班主任', me);
}

async function addStudent(page: Page, home: string, name: string) {
	await page.goto(`${home}/students/new`);
	await page.getByLabel('姓名').fill(name);
	await page.getByLabel('班级').fill('四年级（2）班');
	await page.getByLabel('学困').check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
	return new URL(page.url()).pathname;
}

async function shareAndInvite(
	page: Page,
	home: string,
	role: '邀请成员（可编辑）' | '邀请查看者（只读）'
) {
	await page.goto(`${home}/share`);
	await page.getByRole('button', { name: '开始共享' }).click();
	await expect(page.getByText(/已连接服务器/)).toBeVisible();
	await expect(page.getByTestId('sync-status')).toHaveText('已同步');
	await page.getByRole('button', { name: role }).click();
	return page.getByTestId('invite-url').inputValue();
}

const field = (page: Page, section: string) => page.locator(`#plan-${section}`);

test('journey 3: two teachers write one struggling student’s plan live, then apart offline, and nothing is lost', async ({
	browser
}) => {
	const a = await newPhone(browser);
	const home = await createSchool(a.page);
	await addTeacher(a.page, home, '王丽老师', true);
	await addTeacher(a.page, home, '李强老师');
	const studentUrl = await addStudent(a.page, home, '张小花');
	await a.page.getByRole('button', { name: '＋学困生帮扶计划' }).click();
	await expect(a.page.getByRole('link', { name: '张小花' })).toBeVisible();
	const planUrl = new URL(a.page.url()).pathname;
	const joinUrl = await shareAndInvite(a.page, home, '邀请成员（可编辑）');

	const b = await newPhone(browser);
	await joinAs(b.page, joinUrl, '李老师的手机');
	await expect(b.page.getByRole('heading', { name: '红星小学关爱组', level: 1 })).toBeVisible();
	await b.page.goto(`${home}/members`);
	await linkMe(b.page, '李强老师');

	// Live: each sees who is here and which field the other is in, and every character.
	await a.page.goto(planUrl);
	await b.page.goto(planUrl);
	await expect(a.page.getByTestId('presence')).toContainText('李强老师');
	await expect(b.page.getByTestId('presence')).toContainText('王丽老师');
	await field(a.page, 'diagnosisKnowledge').click();
	await field(a.page, 'diagnosisKnowledge').pressSequentially('分数加减不熟练');
	await expect(b.page.getByTestId('in-diagnosisKnowledge')).toContainText('王丽老师 正在编辑');
	await expect(b.page.getByTestId('presence')).toContainText('王丽老师 · 知识基础');
	await expect(field(b.page, 'diagnosisKnowledge')).toHaveValue('分数加减不熟练');
	await field(b.page, 'goals').click();
	await field(b.page, 'goals').pressSequentially('期末数学及格');
	await expect(a.page.getByTestId('in-goals')).toContainText('李强老师 正在编辑');
	await expect(field(a.page, 'goals')).toHaveValue('期末数学及格');

	// Apart: both offline, the same text and different fields.
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await expect(a.page.getByTestId('sync-status')).toContainText('离线');
	await expect(b.page.getByTestId('sync-status')).toContainText('离线');
	await field(a.page, 'diagnosisKnowledge').press('End');
	await field(a.page, 'diagnosisKnowledge').pressSequentially('，A补充');
	await field(b.page, 'diagnosisKnowledge').press('End');
	await field(b.page, 'diagnosisKnowledge').pressSequentially('，B补充');
	await field(a.page, 'diagnosisHabits').fill('作业拖拉');
	await field(b.page, 'parentFeedback').fill('奶奶说孩子回家愿意读书了');
	await expect(a.page.getByTestId('sync-status')).toContainText('条修改待同步');

	await a.context.setOffline(false);
	await b.context.setOffline(false);
	for (const p of [a.page, b.page]) {
		await expect(p.getByTestId('sync-status')).toHaveText('已同步', { timeout: 20_000 });
		await expect(field(p, 'diagnosisKnowledge')).toHaveValue(
			/^分数加减不熟练(，A补充，B补充|，B补充，A补充)$/
		);
		await expect(field(p, 'diagnosisHabits')).toHaveValue('作业拖拉');
		await expect(field(p, 'parentFeedback')).toHaveValue('奶奶说孩子回家愿意读书了');
		await expect(field(p, 'goals')).toHaveValue('期末数学及格');
	}
	expect(await field(a.page, 'diagnosisKnowledge').inputValue()).toBe(
		await field(b.page, 'diagnosisKnowledge').inputValue()
	);
	// The merge is said, by whose plan it is.
	await expect(a.page.getByTestId('merge-notice')).toContainText('张小花的帮扶计划');
	// The plan is on the student's file.
	await b.page.goto(studentUrl);
	await expect(b.page.getByTestId('plans')).toContainText('学困生帮扶计划');
	await a.context.close();
	await b.context.close();
});

test('a talk is logged offline on a phone in three taps from home and is there after reload', async ({
	browser
}) => {
	const { context, page } = await newPhone(browser);
	const home = await createSchool(page);
	await addTeacher(page, home, '赵敏老师', true);
	await addStudent(page, home, '陈小宇');
	await page.goto(home);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	// The worker precaches the whole shell before it claims the page: on a loaded 2-core CI
	// machine that took over expect.poll's 10 s once.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 30_000
	});
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: '红星小学关爱组', level: 1 })).toBeVisible();

	// Tap 1: the quick form; tap 2: the student (the kind is already 谈心); tap 3: save.
	await page.getByRole('link', { name: '记走访' }).click();
	await expect(page.getByRole('radio', { name: '谈心' })).toBeChecked();
	await page.getByTestId('my-students').getByText('陈小宇').click();
	await page.getByRole('button', { name: '保存' }).click();

	await expect(page.getByRole('heading', { name: '陈小宇', level: 1 })).toBeVisible();
	await expect(page.getByTestId('visits')).toContainText('谈心');
	await expect(page.getByTestId('visits')).toContainText('赵敏老师');
	await page.reload();
	await expect(page.getByTestId('visits')).toContainText('谈心');
	await context.close();
});

test('a talk’s follow-up becomes a measure of the student’s plan in one tap, and only once', async ({
	browser
}) => {
	const { context, page } = await newPhone(browser);
	const home = await createSchool(page);
	await addTeacher(page, home, '赵敏老师', true);
	const file = await addStudent(page, home, '陈小宇');
	await page.goto(home);
	await page.getByRole('link', { name: '记走访' }).click();
	await page.getByTestId('my-students').getByText('陈小宇').click();
	await page.getByLabel('后续跟进').fill('每周二放学后补数学');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { name: '陈小宇', level: 1 })).toBeVisible();

	await page.getByTestId('follow-up').getByRole('button', { name: '转为计划措施' }).click();
	await expect(page).toHaveURL(/\/plans\//);
	const measures = page.getByTestId('measures').locator(':scope > li');
	await expect(measures).toHaveCount(1);
	await expect(measures.getByLabel('措施内容')).toHaveValue('每周二放学后补数学');
	await measures.getByRole('link', { name: /来自谈心/ }).click();
	await expect(page).toHaveURL(new RegExp(`${file}$`));

	// Made once: the follow-up now links to the plan, with no button to press again.
	const fu = page.getByTestId('follow-up');
	await expect(fu.getByRole('button', { name: '转为计划措施' })).toHaveCount(0);
	await fu.getByRole('link', { name: /已转为计划措施/ }).click();
	await expect(measures).toHaveCount(1);
	await context.close();
});

test('a viewer sees every student file and cannot change one', async ({ browser }) => {
	const a = await newPhone(browser);
	const home = await createSchool(a.page);
	await addTeacher(a.page, home, '孙老师', true);
	const first = await addStudent(a.page, home, '刘一');
	const second = await addStudent(a.page, home, '刘二');
	await a.page.locator('#academic-notes').fill('数学基础薄弱');
	const joinUrl = await shareAndInvite(a.page, home, '邀请查看者（只读）');

	const v = await newPhone(browser);
	await joinAs(v.page, joinUrl, '县里督导');
	await expect(v.page.getByText('只读：你可以查看全部内容，但不能修改。')).toBeVisible();
	await v.page.goto(`${home}/students`);
	await expect(v.page.getByTestId('students')).toContainText('刘一');
	await expect(v.page.getByTestId('students')).toContainText('刘二');
	await expect(v.page.getByRole('link', { name: '＋ 新建学生档案' })).toHaveCount(0);
	for (const url of [first, second]) {
		await v.page.goto(url);
		await expect(v.page.getByLabel('姓名')).toHaveAttribute('readonly', '');
		await expect(v.page.getByLabel('班级')).toHaveAttribute('readonly', '');
		await expect(v.page.getByLabel('学困')).toBeDisabled();
		await expect(v.page.locator('#academic-notes')).toHaveAttribute('readonly', '');
		await expect(v.page.getByRole('link', { name: /记谈心/ })).toHaveCount(0);
		await expect(v.page.getByRole('button', { name: /帮扶计划/ })).toHaveCount(0);
		await expect(v.page.getByRole('button', { name: '删除' })).toHaveCount(0);
	}
	await expect(v.page.locator('#academic-notes')).toHaveValue('数学基础薄弱');
	await a.context.close();
	await v.context.close();
});
