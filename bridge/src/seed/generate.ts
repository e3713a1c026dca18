// Scales the demo company's shape to N customers for benchmarks: deterministic PRNG, bulk insert in
// one transaction, every customer with a registered address, delivery addresses and contacts, one
// in 50 on hold and one in 40 inactive. Usage: tsx bridge/src/seed/generate.ts --db big.sqlite --customers 100000
import { parseArgs } from 'node:util';
import { SimulatedCompany } from '../sim/company';
import { addressReference } from '../sim/rules';
import { BridgeClock, ukLocal } from '../time';
import { seedLookups } from './lookups';

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = ['Acme', 'Brown', 'Castle', 'Delta', 'Eagle', 'Forge', 'Granite', 'Harbour', 'Iron', 'Jubilee', 'Kestrel', 'Lark', 'Meadow', 'Northern', 'Oak', 'Pennine', 'Quay', 'Riverside', 'Severn', 'Thames'];
const KINDS = ['Garages', 'Bakery', 'Design', 'Logistics', 'Print', 'Joinery', 'Cafe', 'Supplies', 'Engineering', 'Foods'];
const TOWNS = ['Leeds', 'Bristol', 'Cardiff', 'Glasgow', 'Belfast', 'Norwich', 'York', 'Exeter', 'Derby', 'Bath'];

export interface GenerateOptions {
	customers: number;
	products?: number;
	seed?: number;
}

/** Fills an empty company; returns counts. */
export function generateCompany(company: SimulatedCompany, options: GenerateOptions): { customers: number; addresses: number; products: number } {
	const rand = prng(options.seed ?? 50);
	const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
	const store = company.store;
	const counts = { customers: 0, addresses: 0, products: 0 };
	store.tx(() => {
		seedLookups(store);
		const s = store.stamp();
		const stamps = { RECORD_CREATE_DATE: s.local, RECORD_MODIFY_DATE: s.local, _CREATE_UTC: s.utc, _MODIFY_UTC: s.utc };
		for (let i = 1; i <= (options.products ?? 1000); i++) {
			const code = `PROD${String(i).padStart(5, '0')}`;
			const type = i % 10 === 0 ? 2 : i % 7 === 0 ? 1 : 0;
			store.insert('STOCK', { STOCK_CODE: code, DESCRIPTION: `${pick(WORDS)} ${pick(KINDS)} item ${i}`, ITEM_TYPE: type, SALES_PRICE: Math.round(rand() * 50000) / 100, TAX_CODE: 'T1', QTY_IN_STOCK: type === 0 ? Math.floor(rand() * 500) : 0, STOCK_CAT: 1 + (i % 5), ...stamps });
			store.journal('products', code, 'created', 'sage', s.utc);
			counts.products++;
		}
		for (let i = 1; i <= options.customers; i++) {
			// Sage-style references: three letters + number, unique by construction (base-26 prefix + counter).
			const ref = `${String.fromCharCode(65 + (Math.floor(i / 676) % 26), 65 + (Math.floor(i / 26) % 26), 65 + (i % 26))}${String(Math.floor(i / 17576)).padStart(3, '0')}`.slice(0, 8);
			const name = `${pick(WORDS)} ${pick(KINDS)} ${i}`;
			const town = pick(TOWNS);
			store.insert('SALES_LEDGER', { ACCOUNT_REF: ref, NAME: name, ADDRESS_1: `${1 + Math.floor(rand() * 200)} High Street`, ADDRESS_2: town, COUNTRY_CODE: 'GB', CONTACT_NAME: `Contact ${i}`, E_MAIL: `accounts${i}@example.invalid`, ACCOUNT_ON_HOLD: i % 50 === 0 ? 1 : 0, INACTIVE_FLAG: i % 40 === 0 ? 1 : 0, ...stamps });
			store.journal('customers', ref, 'created', 'sage', s.utc);
			const addresses = [2, 0, 1, ...(rand() < 0.3 ? [1] : [])];
			addresses.forEach((type, n) => {
				const reference = addressReference(ref, n + 1);
				store.insert('SALES_DEL_ADDR', { REFERENCE: reference, ACCOUNT_REF: ref, ADDRESS_REF: n + 1, ADDRESS_TYPE: type, NAME: name, ADDRESS_2: town, CONTACT_NAME: type === 1 ? `Person ${i}-${n}` : '', ...stamps });
				store.journal('addresses', reference, 'created', 'sage', s.utc);
				counts.addresses++;
			});
			counts.customers++;
		}
	});
	return counts;
}

if (require.main === module) {
	const { values } = parseArgs({ options: { db: { type: 'string', default: 'bridge-bench.sqlite' }, customers: { type: 'string', default: '100000' }, seed: { type: 'string', default: '50' } } });
	const started = Date.now();
	const company = new SimulatedCompany(values.db, new BridgeClock());
	if (company.store.get('SELECT 1 AS X FROM TAX_CODE LIMIT 1')) throw new Error(`${values.db} is not empty`);
	const counts = generateCompany(company, { customers: Number(values.customers), seed: Number(values.seed) });
	company.store.close();
	console.log(`${JSON.stringify(counts)} written to ${values.db} in ${Date.now() - started} ms (clock ${ukLocal(Math.floor(started / 1000)).iso})`);
}
