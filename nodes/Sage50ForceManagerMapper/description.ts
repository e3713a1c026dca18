// Editor description of the Mapper. The field-map notices are generated from the engine's own rule
// tables (nodes/shared/mapping), so what the editor shows is what the engine does.
import type { INodeProperties } from 'n8n-workflow';

import { describeFieldMap, ENTITIES, ONE_WAY } from '../shared/mapping';
import type { SyncDirection } from '../shared/sync/envelope';

const DIRECTIONS: Array<{ name: string; value: SyncDirection }> = [
	{ name: 'ForceManager → Sage 50', value: 'forceManagerToSage' },
	{ name: 'Sage 50 → ForceManager', value: 'sageToForceManager' },
];

const twoWay = ENTITIES.filter((e) => !ONE_WAY.has(e));
const oneWay = ENTITIES.filter((e) => ONE_WAY.has(e));

const fieldMapNotices: INodeProperties[] = ENTITIES.flatMap((entity) =>
	DIRECTIONS.filter((d) => d.value === 'sageToForceManager' || !ONE_WAY.has(entity)).map(
		(d): INodeProperties => ({
			displayName: `Default field map (destination ← source): ${describeFieldMap(entity, d.value)}`,
			name: `fieldMapNotice_${entity}_${d.value}`,
			type: 'notice',
			default: '',
			displayOptions: { show: { entity: [entity], direction: [d.value] } },
		}),
	),
);

export const properties: INodeProperties[] = [
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account', description: 'Sage customer ⇄ ForceManager account (A1–A6)' },
			{ name: 'Contact', value: 'contact', description: 'Sage contact-type address ⇄ ForceManager contact (C1–C3)' },
			{ name: 'Invoice', value: 'invoice', description: 'Sage invoice → ForceManager sale (O2)' },
			{ name: 'Product', value: 'product', description: 'Sage product → ForceManager product (P1–P5)' },
			{ name: 'Quotation', value: 'quotation', description: 'ForceManager order → Sage quotation; Sage quotation → ForceManager (O1)' },
			{ name: 'Sales Order', value: 'salesOrder', description: 'Sales orders both ways (O1, O2)' },
			{ name: 'User', value: 'user', description: 'Sage user → ForceManager user, matched by e-mail (U1)' },
		],
		default: 'account',
		description: 'Which kind of record the input items are',
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		noDataExpression: true,
		options: DIRECTIONS,
		default: 'sageToForceManager',
		description: 'Where the input items come from and where the mapped items go',
		displayOptions: { show: { entity: twoWay } },
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		noDataExpression: true,
		options: DIRECTIONS.filter((d) => d.value === 'sageToForceManager'),
		default: 'sageToForceManager',
		description: 'Products, invoices and users sync one way only (P1, O2, U1)',
		displayOptions: { show: { entity: oneWay } },
	},
	{
		displayName: 'Admin User ID',
		name: 'adminUserId',
		type: 'number',
		default: 1,
		description: 'ForceManager admin user: becomes sales rep only on creation or when empty (U2)',
		displayOptions: { show: { direction: ['sageToForceManager'], entity: ['account', 'contact', 'salesOrder', 'quotation'] } },
	},
	{
		displayName: 'Branch ID',
		name: 'branchId',
		type: 'number',
		default: 1,
		description: 'ForceManager branch of records the sync creates',
		displayOptions: { show: { direction: ['sageToForceManager'], entity: ['account', 'contact', 'salesOrder', 'quotation'] } },
	},
	...fieldMapNotices,
	{
		displayName: 'Field Overrides',
		name: 'fieldOverrides',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Override',
		default: {},
		description: 'Set destination fields after the default map; an empty value leaves the field out. Rule fields (extId, readOnly, stock, notAvailable, ACCOUNT_REF, ADDRESS_TYPE, ORDER_TYPE) cannot be overridden.',
		options: [
			{
				displayName: 'Override',
				name: 'override',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. comment',
						description: 'Destination field name, as in the default map',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.record.ANALYSIS_1 }}',
						description: 'Usually an expression on the input item, whose source record is under "record"',
					},
				],
			},
		],
	},
	{
		displayName: 'Skip Fields',
		name: 'skipFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. fax, website',
		description: 'Comma-separated destination fields of the default map to leave out',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Countries',
				name: 'countries',
				type: 'string',
				default: 'GB=1, IE=2, FR=3, ES=4',
				description: 'Sage COUNTRY_CODE = ForceManager country ID pairs; a record whose country is not listed fails, naming it (add the pair, then replay it)',
				displayOptions: { show: { '/entity': ['account'] } },
			},
			{
				displayName: 'Currencies',
				name: 'currencies',
				type: 'string',
				default: 'GBP=1, EUR=2, USD=3',
				description: "Sage currency CODE = ForceManager currency ID pairs. Sage raises a customer's documents in the customer's currency, so an order in another currency fails, naming both; an order whose currency is not listed fails too.",
				displayOptions: { show: { '/entity': ['salesOrder', 'quotation'], '/direction': ['forceManagerToSage'] } },
			},
			{
				displayName: 'Order Status IDs',
				name: 'orderStatuses',
				type: 'string',
				default: 'quote=1, order=2, invoiced=3, cancelled=4',
				description: 'ForceManager sales-order status IDs for open quotes, orders / won quotes, invoiced orders and lost or invalid quotes; leave one out to not set the status',
				displayOptions: { show: { '/entity': ['salesOrder', 'quotation'], '/direction': ['sageToForceManager'] } },
			},
			{
				displayName: 'Sale Total',
				name: 'saleTotal',
				type: 'options',
				options: [
					{ name: 'Gross (INVOICE_GROSS)', value: 'gross' },
					{ name: 'Net (INVOICE_NET)', value: 'net' },
				],
				default: 'gross',
				description: 'Which invoice total becomes the ForceManager sale total',
				displayOptions: { show: { '/entity': ['invoice'] } },
			},
			{
				displayName: 'Send Line Prices',
				name: 'sendLinePrices',
				type: 'boolean',
				default: false,
				description: 'Whether to send the ForceManager line price and discount to Sage instead of letting Sage price the lines (O1)',
				displayOptions: { show: { '/entity': ['salesOrder', 'quotation'], '/direction': ['forceManagerToSage'] } },
			},
			{
				displayName: 'Stock Figure',
				name: 'stockFigure',
				type: 'options',
				options: [
					{ name: 'Free Stock (FREE_STOCK)', value: 'freeStock', description: 'In stock less allocated to orders' },
					{ name: 'In Stock (QTY_IN_STOCK)', value: 'qtyInStock' },
				],
				default: 'freeStock',
				description: 'Which Sage figure becomes the ForceManager stock of stock items (P2: other items show none)',
				displayOptions: { show: { '/entity': ['product'] } },
			},
		],
	},
];
