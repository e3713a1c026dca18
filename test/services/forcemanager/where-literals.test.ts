// The `where` grammar as SQL has it: a field or a literal on either side of a predicate, so the literal
// comparisons an injection smuggles in (`'1'='1'`, `1=1`) widen the answer here exactly as they would on
// the real API, and what SQL would refuse is still 400 / code 901 (notes §4.3, §6.1).
import type { AxiosInstance } from 'axios';

import { parseWhere } from '../../../sandbox/forcemanager/where-parser';
import { type Harness, startHarness, whereProbe } from './helpers';

const ALL = [1, 2, 3, 4];

describe('where parser: literals on either side', () => {
	it("parses '1'='1' as a comparison of two literals and 'x' = extId with the field on the right", () => {
		expect(parseWhere("'1'='1'")).toEqual({
			kind: 'cmp',
			left: { kind: 'string', value: '1' },
			op: '=',
			right: { kind: 'string', value: '1' },
		});
		expect(parseWhere("'x' = extId")).toEqual({
			kind: 'cmp',
			left: { kind: 'string', value: 'x' },
			op: '=',
			right: { kind: 'field', path: ['extId'] },
		});
		expect(parseWhere('NULL IS NULL')).toEqual({ kind: 'isNull', subject: { kind: 'null' }, negate: false });
	});
});

describe('where over HTTP: literal comparisons are evaluated, not refused', () => {
	let h: Harness;
	let api: AxiosInstance;
	const { find, status } = whereProbe(() => api);

	beforeAll(async () => {
		h = await startHarness(); // demo seed: 1 BRI001, 2 CAM001, 3 OBR001, 4 prospect without extId
		api = await h.login();
		await api.put('/accounts/4', { comment: 'updated once' }); // dateUpdated > dateCreated on 4 only
	});
	afterAll(() => h.sim.close());

	it("the classic injections widen the answer to every row (the control the node tests rely on)", async () => {
		expect(await find("extId='x' OR '1'='1'")).toEqual(ALL);
		expect(await find("extId = 'x' OR 1=1")).toEqual(ALL);
		expect(await find("extId IN ('x') OR ('1'='1')")).toEqual(ALL);
		expect(await find("(extId IN ('x') OR ('1'='1')) AND (deleted = false)")).toEqual(ALL);
		// SQL Server has no backslash escape: 'x\' ends the literal, and the rest is live SQL.
		expect(await find("extId = 'x\\' OR '1'='1'")).toEqual(ALL);
	});

	it('literal against literal: equal, unequal, ordering, case-insensitive text, number conversion', async () => {
		expect(await find("'1'='1'")).toEqual(ALL);
		expect(await find('1=1')).toEqual(ALL);
		expect(await find('1=0')).toEqual([]);
		expect(await find("'a' <> 'b'")).toEqual(ALL);
		expect(await find("'abc' = 'ABC'")).toEqual(ALL);
		expect(await find("'b' > 'a' AND 2 >= 2 AND 1 < 2")).toEqual(ALL);
		expect(await find("'1' = 1")).toEqual(ALL);
		expect(await find('TRUE = 1')).toEqual(ALL);
		expect(await find("NOT ('1'='1')")).toEqual([]);
		expect(await status("'a' = 1")).toEqual({ status: 400, code: 901 }); // SQL: conversion failed
	});

	it('a literal on the left compares with the field on the right (mirrored operators)', async () => {
		expect(await find("'BRI001' = extId")).toEqual([1]);
		expect(await find('2 < id')).toEqual([3, 4]);
		expect(await find('3 >= id')).toEqual([1, 2, 3]);
		expect(await find("'x' IN (extId, name)")).toEqual([]);
		expect(await find("'CAM001' IN (extId, name)")).toEqual([2]);
	});

	it('NULL, IN and LIKE with literal subjects keep SQL three-valued logic', async () => {
		expect(await find('NULL = NULL')).toEqual([]);
		expect(await find('NULL IS NULL')).toEqual(ALL);
		expect(await find("'x' IS NULL")).toEqual([]);
		expect(await find("'x' IS NOT NULL")).toEqual(ALL);
		expect(await find("'x' IN ('a', 'X')")).toEqual(ALL);
		expect(await find("'x' NOT IN ('a', NULL)")).toEqual([]); // unknown, never true
		expect(await find("'abc' LIKE 'a%'")).toEqual(ALL);
		expect(await find("'abc' NOT LIKE 'a%'")).toEqual([]);
	});

	it('field against field compares per row; incompatible kinds are 901', async () => {
		expect(await find('dateUpdated > dateCreated')).toEqual([4]);
		expect(await find('extId = name')).toEqual([]);
		expect(await status('id = extId')).toEqual({ status: 400, code: 901 });
	});
});
