import { runFanoutContract } from './contract.ts';
import { InProcessFanout, InProcessHub } from './local.ts';

runFanoutContract('in-process', () => {
	const hub = new InProcessHub();
	return {
		create: async () => new InProcessFanout(hub),
		destroy: async () => {}
	};
});
