/** Chinese domain words faker lacks: places, schools, measures, visit notes. */

export const COUNTY = '石屏县';
export const TOWNSHIPS = ['龙朋镇', '哨冲镇', '牛街镇', '新城乡', '大桥乡', '宝秀镇'];
export const VILLAGES = [
	'石门村',
	'河口村',
	'大坪村',
	'松林村',
	'白岩村',
	'新寨村',
	'龙潭村',
	'上营村',
	'下营村',
	'茶园村',
	'水井村',
	'沙坝村',
	'桃园村',
	'竹林村',
	'马鞍村',
	'黄泥村',
	'红岩村',
	'青龙村',
	'杨柳村',
	'坝心村'
];
export const GROUPS = [
	'一组',
	'二组',
	'三组',
	'四组',
	'五组',
	'六组',
	'七组',
	'八组',
	'九组',
	'十组'
];

/** Yunnan county-level region codes: the first six digits of an ID number. */
export const REGION_CODES = ['530102', '530381', '532301', '533102', '530621', '532525', '532627'];

export const SUPPORTING_SCHOOLS = ['昆明市第一中学', '红河州实验小学', '个旧市第二中学'];
export const RECIPIENT_SCHOOLS = [
	'龙朋镇中心小学',
	'哨冲镇大坪小学',
	'牛街镇石门小学',
	'新城乡民族中学',
	'宝秀镇松林小学'
];
export const CLASSES = [
	'一年级',
	'二年级',
	'三年级',
	'四年级',
	'五年级',
	'六年级',
	'七年级',
	'八年级',
	'九年级'
];

export const MEASURES: Record<string, string[]> = {
	industry: [
		'发放鸡苗 50 羽',
		'养牛两头补助',
		'种植核桃 5 亩',
		'烤烟种植技术指导',
		'中药材种植合作社入股'
	],
	employment: [
		'推荐到县工业园区务工',
		'安排护林员公益岗位',
		'劳务输出至浙江',
		'就业技能培训（电工）'
	],
	safety_net: ['申请纳入低保', '临时救助 2000 元', '特困供养', '残疾人两项补贴'],
	aspiration_skills: ['参加致富带头人培训', '家庭教育讲座', '评选文明家庭'],
	social_forces: ['爱心企业捐赠化肥', '志愿者结对陪伴', '慈善总会助学'],
	insurance: ['代缴城乡居民医保', '防贫保险参保', '大病保险报销协助'],
	special_funds: ['衔接资金产业补助', '危房改造补助', '小额信贷贴息'],
	education: ['申请雨露计划补助', '落实营养午餐', '送教上门每周一次', '课后辅导数学'],
	health: ['家庭医生签约', '慢病卡办理', '定期随访血压'],
	housing: ['危房改造（C 级）', '农房抗震加固'],
	water: ['安装自来水入户', '修建蓄水池'],
	other: ['协助办理户口迁移', '帮助申请残疾证']
};

export const VISIT_NOTES = [
	'了解家庭近期收入情况，主要劳动力在外务工，收入稳定。',
	'老人身体状况一般，按时服药，已提醒复查。',
	'孩子在校表现良好，学习积极性有提高。',
	'询问饮水情况，自来水正常，无停水。',
	'住房安全，无裂缝，院坝已硬化。',
	'宣讲医保缴费政策，户主表示本月内缴纳。',
	'发现家中有人生病住院，自付费用较高，需关注。',
	'养殖的猪已出栏，收入约六千元。',
	'与家长沟通孩子的作业完成情况，约定每周电话联系。',
	'留守儿童由祖母照看，情绪稳定，喜欢画画。',
	'讨论下一步产业发展计划，准备扩大种植面积。',
	'反映道路雨季泥泞，已向村委会反映。'
];

export const TALK_TOPICS = [
	'学习压力',
	'同学关系',
	'想念父母',
	'手机使用',
	'考试焦虑',
	'兴趣爱好',
	'家庭情况'
];

/** Checklist question ids of the 排查表 (answers are booleans). */
export const CHECKLIST = [
	'food_ok',
	'clothing_ok',
	'school_ok',
	'insured',
	'housing_ok',
	'water_ok',
	'income_stable'
];
