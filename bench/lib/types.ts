// The shape every suite hands back to the runner: one row per figure of the targets table
// (DESIGN.md "Targets"), plus reference rows (the stock server) that carry no verdict.

/** `pass`/`fail` judge a target; `info` is a reference figure; `not measured` counts as failing. */
export type Verdict = 'pass' | 'fail' | 'info' | 'not measured';

export type Row = {
	/** Which suite produced it (`relay`, `sync`, `bundle`, `client`). */
	suite: string;
	figure: string;
	/** The target as DESIGN.md states it, with the peer's figure filled in where it is relative. */
	target: string;
	unit: string;
	/** Median over the runs; null when not measured. */
	median: number | null;
	min: number | null;
	max: number | null;
	/** The raw per-run values, so the JSON can be re-analysed. */
	runs: number[];
	verdict: Verdict;
	notes: string;
};

export type SuiteOptions = {
	/** Runs per figure; suites may use fewer when one run is long (they say so in notes). */
	runs: number;
	/** Repository root: suites spawn the relay and read build/ from here. */
	root: string;
	/** Shorter loads for a smoke run (`--quick`); figures are then not comparable to the table. */
	quick: boolean;
	log(message: string): void;
};

export type Suite = {
	name: string;
	describe: string;
	run(opts: SuiteOptions): Promise<Row[]>;
};
