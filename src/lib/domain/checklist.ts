/**
 * The questions of the home-check list (排查表) a visit answers, by id. A visit stores its
 * answers in `findings` keyed by these ids; the rules of categories 2, 3, 4 and 9 read them.
 * Booleans are "yes, this risk is present"; amounts are yuan; percents are 0–100.
 */
export const CHECKLIST = {
	illness: 'boolean',
	out_of_school: 'boolean',
	housing: 'boolean',
	water: 'boolean',
	income_drop: 'boolean',
	/** 2: food or clothing not secure (两不愁). */
	food_clothing: 'boolean',
	/** 3: production losses (livestock disease, workshop trouble), and their amount. */
	production_loss: 'boolean',
	production_loss_amount: 'amount',
	/** 4: an industry project's returns falling, and by how much. */
	industry_returns_fall: 'boolean',
	industry_returns_drop_percent: 'percent',
	/** 9: a natural disaster or an accident, and the loss. */
	disaster: 'boolean',
	disaster_loss_amount: 'amount'
} as const satisfies Record<string, 'boolean' | 'amount' | 'percent'>;
export type ChecklistQuestion = keyof typeof CHECKLIST;
export const CHECKLIST_QUESTIONS = Object.keys(CHECKLIST) as ChecklistQuestion[];
