// Full reliability runs from the command line (README in this folder):
//
//   npm run soak -- --seed 7 --cycles 300            # seeded fault soak, summary to test/reliability/results/
//   npm run soak -- --kill --seed 7 --runs 10        # kill-and-resume runs (2000 customers each)
//   npm run soak -- --kill --seed 7 --runs 10 --from 4   # the same series from run 4 (runs are independent)
//
// Exit code 0 when every run met the targets, 1 otherwise.
import { parseArgs } from 'node:util';

import { runKillResume } from './killResume';
import { runSoak } from './soak';

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			seed: { type: 'string', default: '7' },
			cycles: { type: 'string', default: '300' },
			edits: { type: 'string', default: '10' },
			'clean-rounds': { type: 'string', default: '4' },
			'clean-wait': { type: 'string', default: '0' },
			'max-drain': { type: 'string', default: '4' },
			'no-faults': { type: 'boolean', default: false },
			'max-hangs': { type: 'string', default: '2' },
			kill: { type: 'boolean', default: false },
			runs: { type: 'string', default: '10' },
			from: { type: 'string', default: '0' },
			customers: { type: 'string', default: '2000' },
			quiet: { type: 'boolean', default: false },
		},
	});
	const seed = Number(values.seed);
	const progress = values.quiet ? undefined : (line: string) => console.log(line);
	if (values.kill) {
		let ok = true;
		for (let run = Number(values.from); run < Number(values.runs); run++) {
			const result = await runKillResume({ seed, run, customers: Number(values.customers), progress });
			console.log(`\n${result.text}\n→ ${result.files?.text ?? ''}\n`);
			ok &&= result.summary.targets.ok;
		}
		return ok ? 0 : 1;
	}
	const result = await runSoak({
		seed,
		cycles: Number(values.cycles),
		editsPerGap: Number(values.edits),
		cleanRounds: Number(values['clean-rounds']),
		cleanWaitSeconds: Number(values['clean-wait']),
		maxDrainRounds: Number(values['max-drain']),
		faults: values['no-faults'] ? false : { maxHangs: Number(values['max-hangs']) },
		progress,
	});
	console.log(`\n${result.text}\n→ ${result.files?.text ?? ''}`);
	return result.summary.targets.ok ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(2);
	},
);
