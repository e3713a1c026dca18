import { parseRawOutput } from '../../../sandbox/n8n/runData';

const run = { data: { resultData: { runData: { Start: [] } } } };
const pretty = JSON.stringify(run, null, 2);

describe('parseRawOutput (n8n execute --rawOutput)', () => {
	test('finds the run after log lines', () => {
		expect(parseRawOutput(`Loading workflow\nExecution was successful:\n${pretty}\n`)).toEqual(run);
	});

	test('skips an earlier line that starts with { but is not the run', () => {
		const out = `{"level":"warn","message":"Task runner slow"}\n{ not json\n}\n${pretty}\n`;
		expect(parseRawOutput(out)).toEqual(run);
	});

	test('nothing parsable is undefined', () => {
		expect(parseRawOutput('{\n  "data": {\n')).toBeUndefined();
		expect(parseRawOutput('{"level":"info"}\n')).toBeUndefined();
	});
});
