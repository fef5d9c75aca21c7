// Every screen of DESIGN.md "Screens" that exists today, in ONE place: the accessibility gate
// (tests/e2e/a11y.spec.ts) opens each of them, with data in it, as owner and as viewer.
// Adding a screen? Add a line here; the gate then checks it too.
import { expect, type Page } from '@playwright/test';

/** What the seeded workspace holds (tests/e2e/a11y/seed.ts). */
export interface Seed {
	/** workspace id */
	id: string;
	/** a household with members, an income and a visit */
	hid: string;
	workspaceName: string;
	headName: string;
	/** a monitoring case of that household, nominated */
	cid: string;
	/** a struggling student with an edit, and this year's plan for them */
	sid: string;
	studentName: string;
	pid: string;
}

export interface Screen {
	/** DESIGN.md's name for it */
	name: string;
	path: (s: Seed) => string;
	/** The level-1 heading the screen shows once it has loaded. */
	title: (s: Seed) => string;
	/** Puts the screen's form into its error state (owner only), so errors are checked too. */
	invalid?: (page: Page) => Promise<void>;
}

export const screens: Screen[] = [
	{ name: '/', path: () => '/', title: () => '幫扶' },
	{
		name: '/new',
		path: () => '/new',
		title: () => '创建工作区',
		invalid: async (page) => {
			await page.getByRole('button', { name: '创建' }).click();
			await expect(page.getByText('请填写名称')).toBeVisible();
		}
	},
	{ name: '/join', path: () => '/join', title: () => '加入工作区' },
	{ name: '/settings', path: () => '/settings', title: () => '设置' },
	{ name: '/w/<id>', path: (s) => `/w/${s.id}`, title: (s) => s.workspaceName },
	{ name: '/w/<id>/households', path: (s) => `/w/${s.id}/households`, title: () => '户档案' },
	{
		name: '/w/<id>/households/<hid>',
		path: (s) => `/w/${s.id}/households/${s.hid}`,
		title: (s) => s.headName,
		invalid: async (page) => {
			await page.getByRole('button', { name: '添加成员' }).click();
			await page.getByLabel('姓名', { exact: true }).fill('周小明');
			await page.getByLabel('身份证号').fill('110105194912310021');
			await page.getByRole('button', { name: '保存' }).click();
			await expect(page.getByText('身份证号校验位不正确')).toBeVisible();
		}
	},
	{
		name: '/w/<id>/households/new',
		path: (s) => `/w/${s.id}/households/new`,
		title: () => '新建户档案',
		invalid: async (page) => {
			await page.getByRole('button', { name: '保存' }).click();
			await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
		}
	},
	{
		name: '/w/<id>/households/<hid>/history',
		path: (s) => `/w/${s.id}/households/${s.hid}/history`,
		title: (s) => `${s.headName} 修改记录`
	},
	{ name: '/w/<id>/visits/new', path: (s) => `/w/${s.id}/visits/new`, title: () => '记走访' },
	{
		name: '/w/<id>/households/<hid>/visit',
		path: (s) => `/w/${s.id}/households/${s.hid}/visit`,
		title: () => '记走访',
		invalid: async (page) => {
			await page.getByLabel('日期', { exact: true }).fill('2099-01-01');
			await page.getByRole('button', { name: '保存' }).click();
			await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
		}
	},
	{
		name: '/w/<id>/cases',
		path: (s) => `/w/${s.id}/cases`,
		title: () => '防返贫监测',
		invalid: async (page) => {
			await page.getByRole('button', { name: '新增监测对象' }).click();
			await page.getByRole('button', { name: '提名纳入监测' }).click();
			await expect(page.getByText('请选择农户', { exact: true })).toBeVisible();
		}
	},
	{
		name: '/w/<id>/cases/<cid>',
		path: (s) => `/w/${s.id}/cases/${s.cid}`,
		title: () => '监测对象',
		invalid: async (page) => {
			await page.getByLabel('人均纯收入（元/年）').fill('九千');
			await page.getByRole('button', { name: '添加收入核查' }).click();
			await expect(page.getByText('请填写不小于 0 的金额，例如 8500')).toBeVisible();
		}
	},
	{
		name: '/w/<id>/alerts',
		path: (s) => `/w/${s.id}/alerts`,
		title: () => '预警',
		invalid: async (page) => {
			await page.getByTestId('inbox').getByRole('button', { name: '处理' }).first().click();
			await page.getByText('暂缓到', { exact: true }).click();
			await page.getByRole('button', { name: '保存处理' }).click();
			await expect(page.getByText('请选一个今天以后的日期')).toBeVisible();
		}
	},
	{ name: '/w/<id>/share', path: (s) => `/w/${s.id}/share`, title: () => '共享' },
	{ name: '/w/<id>/students', path: (s) => `/w/${s.id}/students`, title: () => '学生档案' },
	{
		name: '/w/<id>/students/<sid>/history',
		path: (s) => `/w/${s.id}/students/${s.sid}/history`,
		title: (s) => `${s.studentName} 修改记录`
	},
	{
		name: '/w/<id>/plans/<pid>/history',
		path: (s) => `/w/${s.id}/plans/${s.pid}/history`,
		title: (s) => `${s.studentName}的帮扶计划 修改记录`
	},
	{ name: '/w/<id>/schools', path: (s) => `/w/${s.id}/schools`, title: () => '结对学校' },
	{ name: '/w/<id>/trash', path: (s) => `/w/${s.id}/trash`, title: () => '回收站' },
	{ name: '/w/<id>/members', path: (s) => `/w/${s.id}/members`, title: () => '关爱工作组成员' },
	{ name: '/w/<id>/reports', path: (s) => `/w/${s.id}/reports`, title: () => '报表与台账' },
	{ name: '/w/<id>/import', path: (s) => `/w/${s.id}/import`, title: () => '导入名单' },
	{
		name: '/w/<id>/settings',
		path: (s) => `/w/${s.id}/settings`,
		title: () => '工作区设置',
		invalid: async (page) => {
			await page.getByLabel('收入骤减提醒（%）').fill('130');
			await expect(page.getByText('比例应在 0 到 100 之间')).toBeVisible();
		}
	},
	{ name: '/w/<id>/dashboard', path: (s) => `/w/${s.id}/dashboard`, title: () => '看板' },
	{
		name: '/w/<id>/households/<hid>/print',
		path: (s) => `/w/${s.id}/households/${s.hid}/print`,
		title: () => '一户一档'
	}
];
