// The Mapper node's execute with a fake n8n context: overrides from parameters, pairedItem, binary
// passed through, a bad item failing alone under continueOnFail.
import type { INodeExecutionData } from 'n8n-workflow';

import { Sage50ForceManagerMapper } from '../../../nodes/Sage50ForceManagerMapper/Sage50ForceManagerMapper.node';
import type { MappedRecord } from '../../../nodes/shared/sync/envelope';
import { createExecuteContext } from '../../support/n8nContext';
import * as f from './fixtures';

const node = new Sage50ForceManagerMapper();

function run(parameters: Record<string, unknown>, items: INodeExecutionData[], continueOnFail = false) {
	const ctx = createExecuteContext({ parameters, items, continueOnFail });
	return node.execute.call(ctx);
}

test('P3/U2: execute maps every item with pairedItem, applies overrides and options, passes the image through', async () => {
	const image = { data: 'aGVsbG8=', mimeType: 'image/png', fileName: 'a.png' };
	const [out] = await run(
		{
			entity: 'product',
			direction: 'sageToForceManager',
			fieldOverrides: { override: [{ field: 'description', value: 'From override' }] },
			skipFields: 'price',
			options: { stockFigure: 'qtyInStock' },
		},
		[{ json: f.sageChange('products', 'A', f.product()) }, { json: f.sageChange('products', 'B', f.product({ STOCK_CODE: 'B' })), binary: { image } }],
	);
	expect(out).toHaveLength(2);
	expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	const first = out[0].json as unknown as MappedRecord;
	expect(first.fields).toMatchObject({ description: 'From override', stock: 340 });
	expect(first.fields).not.toHaveProperty('price');
	expect(out[0].binary).toBeUndefined();
	expect(out[1].binary).toEqual({ image });
	expect((out[1].json as unknown as MappedRecord).sync.rules).toContain('P3');
});

test('A2: the Countries option and the admin user reach the mapped account', async () => {
	const [out] = await run(
		{ entity: 'account', direction: 'sageToForceManager', adminUserId: 12, branchId: 3, options: { countries: 'gb=9' } },
		[{ json: f.sageChange('customers', 'ABS001', f.customer) }],
	);
	const mapped = out[0].json as unknown as MappedRecord;
	expect(mapped.fields.countryId).toBe(9);
	expect(mapped.fillIfEmpty).toEqual({ salesRepId1: 12 });
	expect(mapped.createOnly).toEqual({ branchId: 3 });
});

test('O1: the Currencies option reaches the mapped quotation', async () => {
	const [out] = await run(
		{ entity: 'quotation', direction: 'forceManagerToSage', options: { currencies: 'jpy=9' } },
		[{ json: f.fmChange('salesorders', f.fmOrder({ currencyId: { id: 9, value: 'Yen' } }), { related: f.acmeRelated }) as unknown as INodeExecutionData['json'] }],
	);
	expect((out[0].json as unknown as MappedRecord).createOnly).toMatchObject({ CURRENCY_CODE: 'JPY' });
});

test('A3 I5: an override of a rule field fails that item alone (a "fail" item naming record and field); the others map', async () => {
	const parameters = (i: number) => ({
		entity: 'account',
		direction: 'sageToForceManager',
		fieldOverrides: { override: [{ field: i === 0 ? 'readOnly' : 'comment', value: 'x' }] },
	});
	const ctx = createExecuteContext({ parameters, items: [{ json: f.customer }, { json: f.customer }] });
	const [out] = await node.execute.call(ctx);
	const failed = out[0].json as unknown as MappedRecord;
	expect([failed.sync.action, failed.sync.reason]).toEqual(['fail', expect.stringMatching(/Customer ABS001 "ABS Garages Ltd": field "readOnly"/)]);
	expect(out[0].pairedItem).toEqual({ item: 0 });
	expect((out[1].json as unknown as MappedRecord).fields.comment).toBe('x');
	expect((out[1].json as unknown as MappedRecord).sync.action).toBe('upsert');
	// A setting that no record can satisfy (a one-way entity mapped the other way) still stops the node.
	await expect(run({ entity: 'product', direction: 'forceManagerToSage' }, [{ json: f.customer }])).rejects.toThrow(/one way/);
});

test('the description shows a default-map notice for each allowed entity × direction, and one-way entities offer one direction', () => {
	const props = node.description.properties;
	const notices = props.filter((p) => p.type === 'notice');
	expect(notices).toHaveLength(11);
	const account = notices.find((p) => p.name === 'fieldMapNotice_account_sageToForceManager');
	expect(account?.displayName).toContain('extId ← ACCOUNT_REF [A2]');
	const directions = props.filter((p) => p.name === 'direction');
	expect(directions.map((d) => (d.options ?? []).length).sort()).toEqual([1, 2]);
});
