import type {
	activityKinds,
	caseStates,
	guardianRelations,
	healthStatuses,
	householdTypes,
	labourAbilities,
	measureStatuses,
	measureTypes,
	memberRoles,
	relations,
	riskTypes,
	schoolAreas,
	schoolingStatuses,
	studentCategories,
	visitKinds
} from '$lib/domain';

/**
 * The words of the files offices receive. A ledger handed to a township follows the office's
 * Chinese layout whatever language the phone is set to, so these are the file format's
 * vocabulary, not UI strings (the screens use Paraglide). Typed as full records: a new enum
 * value cannot ship without its word. Import reads the same words back (plus synonyms).
 */
type Words<T extends readonly string[]> = Record<T[number], string>;

export const HOUSEHOLD_TYPE: Words<typeof householdTypes> = {
	stable: '稳定户',
	unstable_after_exit: '脱贫不稳定户',
	marginal: '边缘易致贫户',
	sudden_hardship: '突发严重困难户'
};

export const RELATION: Words<typeof relations> = {
	head: '户主',
	spouse: '配偶',
	child: '子女',
	child_in_law: '儿媳/女婿',
	grandchild: '孙子女',
	parent: '父母',
	grandparent: '祖父母',
	sibling: '兄弟姐妹',
	other: '其他'
};

export const GUARDIAN_RELATION: Words<typeof guardianRelations> = {
	father: '父亲',
	mother: '母亲',
	grandfather: '祖父',
	grandmother: '祖母',
	relative: '亲属',
	other: '其他'
};

export const SCHOOLING: Words<typeof schoolingStatuses> = {
	preschool: '学前',
	primary: '小学',
	junior: '初中',
	senior: '高中',
	vocational: '中职',
	college: '大专及以上',
	dropped_out: '辍学',
	not_in_school: '未上学',
	graduated: '已毕业'
};

export const HEALTH: Words<typeof healthStatuses> = {
	healthy: '健康',
	chronic: '长期慢性病',
	serious: '大病',
	disabled: '残疾'
};

export const LABOUR: Words<typeof labourAbilities> = {
	ordinary: '普通劳动力',
	skilled: '技能劳动力',
	weak: '弱劳动力',
	lost: '丧失劳动力',
	none: '无劳动力'
};

export const RISK: Words<typeof riskTypes> = {
	illness: '因病',
	disability: '因残',
	schooling: '因学',
	disaster: '因灾',
	housing: '住房',
	water: '饮水',
	unstable_work: '务工就业不稳',
	lack_of_labour: '缺劳动力'
};

export const CASE_STATE: Words<typeof caseStates> = {
	nominated: '农户申请/村组提名',
	alerted: '部门预警',
	verified: '已入户核实',
	posted: '村级公示',
	township_reviewed: '乡镇审核',
	county_approved: '县级审批',
	identified: '已认定监测对象',
	helped: '帮扶中',
	released: '已消除风险'
};

export const MEASURE_TYPE: Words<typeof measureTypes> = {
	industry: '产业帮扶',
	employment: '就业帮扶',
	safety_net: '综合保障',
	aspiration_skills: '扶志扶智',
	social_forces: '社会帮扶',
	insurance: '保险保障',
	special_funds: '专项资金',
	education: '教育帮扶',
	health: '健康帮扶',
	housing: '住房保障',
	water: '饮水保障',
	other: '其他'
};

export const MEASURE_STATUS: Words<typeof measureStatuses> = {
	planned: '计划',
	in_progress: '实施中',
	done: '已完成',
	cancelled: '已取消'
};

export const VISIT_KIND: Words<typeof visitKinds> = {
	visit: '走访',
	home_visit: '家访',
	talk: '谈心',
	phone_call: '电话'
};

export const MEMBER_ROLE: Words<typeof memberRoles> = {
	leader: '组长',
	deputy: '副组长',
	member: '成员',
	class_teacher: '班主任',
	cadre: '帮扶干部'
};

export const SCHOOL_AREA: Words<typeof schoolAreas> = {
	management: '学校管理',
	teaching: '教育教学',
	teacher_development: '教师发展',
	campus_culture: '校园文化',
	facilities: '设施设备'
};

export const ACTIVITY_KIND: Words<typeof activityKinds> = {
	demonstration_lesson: '示范课',
	lesson_observation: '听评课',
	lecture: '专题讲座',
	teacher_exchange: '教师交流',
	secondment: '挂职/支教',
	donation: '捐赠',
	leadership_meeting: '联席会议',
	supervision_visit: '督导视察',
	principal_visit: '校长互访',
	dept_head_visit: '中层干部互访',
	other: '其他'
};

export const STUDENT_CATEGORY: Words<typeof studentCategories> = {
	left_behind: '留守儿童',
	disabled: '残疾儿童',
	struggling: '学困生',
	low_income: '低收入家庭',
	orphan: '孤儿',
	migrant: '随迁子女',
	single_parent: '单亲家庭'
};

export const GENDER = { male: '男', female: '女' } as const;

/**
 * Questions of the 排查表 as the visit form stores them (answer true = no problem). An answer
 * to a question not listed here is shown under "other findings" by its id, never dropped.
 */
export const CHECKLIST: Record<string, string> = {
	food_ok: '不愁吃',
	clothing_ok: '不愁穿',
	school_ok: '义务教育有保障',
	insured: '基本医疗有保障',
	housing_ok: '住房安全有保障',
	water_ok: '饮水安全有保障',
	income_stable: '收入稳定'
};

export function word<T extends string>(words: Record<T, string>, value: T | undefined): string {
	return value === undefined ? '' : words[value];
}

/** The set flags of a flags map, as words joined by '、'. */
export function flagWords<T extends string>(
	words: Record<T, string>,
	flags: Partial<Record<T, boolean>> | undefined
): string {
	const out: string[] = [];
	for (const key of Object.keys(words) as T[]) if (flags?.[key]) out.push(words[key]);
	return out.join('、');
}
