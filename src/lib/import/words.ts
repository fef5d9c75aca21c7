import type { schoolStages } from '$lib/domain';
import {
	GUARDIAN_RELATION,
	HEALTH,
	HOUSEHOLD_TYPE,
	LABOUR,
	RELATION,
	RISK,
	SCHOOLING,
	STUDENT_CATEGORY
} from '$lib/reports/vocabulary';
import { normalizeWord } from './values';

/** Words → values: the words our ledgers write, plus what offices and the national system write. */
function words<T extends string>(
	own: Record<T, string>,
	synonyms: Record<string, T | null> = {}
): Record<string, T | null> {
	const out: Record<string, T | null> = {};
	for (const [value, word] of Object.entries(own) as [T, string][]) {
		out[normalizeWord(word)] = value;
		out[normalizeWord(value)] = value;
	}
	for (const [word, value] of Object.entries(synonyms)) out[normalizeWord(word)] = value;
	return out;
}

const child = [
	'子',
	'女',
	'儿子',
	'女儿',
	'长子',
	'次子',
	'三子',
	'长女',
	'次女',
	'三女',
	'之子',
	'之女',
	'养子',
	'养女',
	'继子',
	'继女'
];
const grandchild = [
	'孙子',
	'孙女',
	'外孙子',
	'外孙女',
	'之孙子',
	'之孙女',
	'之外孙子',
	'之外孙女',
	'孙子女'
];

export const RELATION_WORDS = words(RELATION, {
	本人: 'head',
	户主本人: 'head',
	妻: 'spouse',
	妻子: 'spouse',
	夫: 'spouse',
	丈夫: 'spouse',
	之妻: 'spouse',
	之夫: 'spouse',
	...Object.fromEntries(child.map((w) => [w, 'child' as const])),
	儿媳: 'child_in_law',
	女婿: 'child_in_law',
	之儿媳: 'child_in_law',
	之女婿: 'child_in_law',
	...Object.fromEntries(grandchild.map((w) => [w, 'grandchild' as const])),
	父亲: 'parent',
	母亲: 'parent',
	之父: 'parent',
	之母: 'parent',
	父: 'parent',
	母: 'parent',
	公公: 'parent',
	婆婆: 'parent',
	岳父: 'parent',
	岳母: 'parent',
	祖父: 'grandparent',
	祖母: 'grandparent',
	外祖父: 'grandparent',
	外祖母: 'grandparent',
	兄: 'sibling',
	弟: 'sibling',
	姐: 'sibling',
	妹: 'sibling',
	兄弟: 'sibling',
	姐妹: 'sibling',
	之兄弟姐妹: 'sibling',
	其他亲属: 'other',
	非亲属: 'other'
});

export const GUARDIAN_RELATION_WORDS = words(GUARDIAN_RELATION, {
	父: 'father',
	爸爸: 'father',
	母: 'mother',
	妈妈: 'mother',
	爷爷: 'grandfather',
	外公: 'grandfather',
	外祖父: 'grandfather',
	奶奶: 'grandmother',
	外婆: 'grandmother',
	外祖母: 'grandmother',
	姥姥: 'grandmother',
	姥爷: 'grandfather',
	叔叔: 'relative',
	伯伯: 'relative',
	姑姑: 'relative',
	舅舅: 'relative',
	阿姨: 'relative',
	姨妈: 'relative',
	哥哥: 'relative',
	姐姐: 'relative',
	其他亲属: 'relative',
	委托监护人: 'other'
});

export const HOUSEHOLD_TYPE_WORDS = words(HOUSEHOLD_TYPE, {
	一般农户: 'stable',
	一般户: 'stable',
	脱贫户: 'stable',
	稳定脱贫户: 'stable',
	脱贫不稳定: 'unstable_after_exit',
	边缘易致贫: 'marginal',
	边缘户: 'marginal',
	突发严重困难: 'sudden_hardship',
	突发困难户: 'sudden_hardship'
});

export const SCHOOLING_WORDS = words(SCHOOLING, {
	学龄前儿童: 'preschool',
	学前教育: 'preschool',
	幼儿园: 'preschool',
	小学在读: 'primary',
	初中在读: 'junior',
	高中在读: 'senior',
	普通高中: 'senior',
	中职在读: 'vocational',
	技工院校: 'vocational',
	中专: 'vocational',
	大专: 'college',
	高职: 'college',
	本科: 'college',
	本科及以上: 'college',
	辍学失学: 'dropped_out',
	失学: 'dropped_out',
	/** 非在校生 says "not a student", not "a child out of school": no status is recorded. */
	非在校生: null
});

export const HEALTH_WORDS = words(HEALTH, {
	健康状况良好: 'healthy',
	慢性病: 'chronic',
	长期慢性病患者: 'chronic',
	患有大病: 'serious',
	大病患者: 'serious',
	重病: 'serious',
	残疾人: 'disabled'
});

export const LABOUR_WORDS = words(LABOUR, {
	普通: 'ordinary',
	技能: 'skilled',
	弱劳动力或半劳动力: 'weak',
	半劳动力: 'weak',
	丧失劳动能力: 'lost',
	无劳动能力: 'none'
});

export const RISK_WORDS = words(RISK, {
	因病致贫: 'illness',
	因病返贫: 'illness',
	疾病: 'illness',
	因残致贫: 'disability',
	残疾: 'disability',
	因学致贫: 'schooling',
	因灾致贫: 'disaster',
	自然灾害: 'disaster',
	住房安全: 'housing',
	饮水安全: 'water',
	务工就业不稳: 'unstable_work',
	就业不稳: 'unstable_work',
	缺劳力: 'lack_of_labour',
	缺劳动力: 'lack_of_labour'
});

export const GENDER_WORDS = words({ male: '男', female: '女' } as const, {
	男性: 'male',
	女性: 'female'
});

export const STUDENT_CATEGORY_WORDS = words(STUDENT_CATEGORY, {
	留守: 'left_behind',
	留守学生: 'left_behind',
	残疾: 'disabled',
	残疾学生: 'disabled',
	学困: 'struggling',
	学困学生: 'struggling',
	建档立卡: 'low_income',
	低保: 'low_income',
	低保家庭: 'low_income',
	脱贫家庭: 'low_income',
	随迁: 'migrant',
	单亲: 'single_parent'
});

export const STUDENT_HEALTH_WORDS = words<'healthy' | 'ill' | 'disabled'>(
	{ healthy: '健康', ill: '患病', disabled: '残疾' } as const,
	{
		疾病: 'ill',
		慢性病: 'ill',
		大病: 'ill',
		残疾儿童: 'disabled'
	}
);

type Stage = (typeof schoolStages)[number];
export const STAGE_WORDS = words<Stage>(
	{
		kindergarten: '幼儿园',
		primary: '小学',
		junior: '初中',
		senior: '高中',
		vocational: '中职',
		dropped_out: '辍学',
		not_in_school: '未入学'
	},
	{ 学前: 'kindergarten', 普通高中: 'senior', 中专: 'vocational', 失学: 'dropped_out' }
);
