// A1–A6, U2: Sage customers (SALES_LEDGER) ⇄ ForceManager accounts.
// Address lines follow Sage's convention (sage50-notes: 3 = town, 4 = county, 5 = postcode).
import { flag } from '../flags';
import type { MappedRecord } from '../sync/envelope';
import {
	FM_DELETION_REASON,
	originOf,
	applyRules,
	codeOf,
	pairsOf,
	unlistedLookup,
	userTakesOver,
	fromForceManager,
	other,
	quoted,
	sageSource,
	sageText,
	text,
	upsert,
	writeBack,
} from './common';
import type { EntityMapper, FieldRule, MapperSettings, Rec, SourceItem } from './types';

export function countryIdOf(code: unknown, settings: MapperSettings): number | undefined {
	if (typeof code !== 'string' || code.trim() === '') return undefined;
	return settings.countries[code.trim().toUpperCase()];
}

export function countryCodeOf(countryId: unknown, settings: MapperSettings): string | undefined {
	return codeOf(countryId, settings.countries);
}

/**
 * Why a country cannot be mapped, or undefined. A country the Countries option does not list is never
 * guessed, nor left out (an update would then keep a stale country): the record fails, naming it.
 */
function unlistedCountry(direction: 'sageToForceManager' | 'forceManagerToSage', record: Rec, settings: MapperSettings): string | undefined {
	if (userTakesOver(direction === 'sageToForceManager' ? 'countryId' : 'COUNTRY_CODE', settings)) return undefined;
	if (direction === 'sageToForceManager') {
		const code = typeof record.COUNTRY_CODE === 'string' ? record.COUNTRY_CODE.trim() : '';
		if (code === '' || countryIdOf(code, settings) !== undefined) return undefined;
		return `COUNTRY_CODE "${code}" is not in the Mapper's Countries option (${pairsOf(settings.countries)}): add ${code.toUpperCase()}=<ForceManager country ID> to it`;
	}
	return unlistedLookup('countryId', record.countryId, 'Countries', settings.countries, 'Sage COUNTRY_CODE');
}

const t = (column: string): FieldRule['value'] => (r) => text(r[column]);
const s = (field: string): FieldRule['value'] => (r) => sageText(r[field]);

export const sageCustomerToAccountFields: FieldRule[] = [
	{ field: 'extId', from: 'ACCOUNT_REF', rule: 'A2', value: (r) => String(r.ACCOUNT_REF ?? '') },
	{ field: 'readOnly', from: 'always true', rule: 'A3', value: () => true },
	{ field: 'name', from: 'NAME', value: t('NAME') },
	{ field: 'address1', from: 'ADDRESS_1', value: t('ADDRESS_1') },
	{ field: 'address2', from: 'ADDRESS_2', value: t('ADDRESS_2') },
	{ field: 'city', from: 'ADDRESS_3 (town)', value: t('ADDRESS_3') },
	{ field: 'region', from: 'ADDRESS_4 (county)', value: t('ADDRESS_4') },
	{ field: 'postcode', from: 'ADDRESS_5', value: t('ADDRESS_5') },
	{
		field: 'countryId',
		from: 'COUNTRY_CODE via the Countries option (a country not listed fails the record)',
		value: (r, settings) => countryIdOf(r.COUNTRY_CODE, settings),
	},
	{ field: 'phone', from: 'TELEPHONE', value: t('TELEPHONE') },
	{ field: 'phone2', from: 'TELEPHONE_2', value: t('TELEPHONE_2') },
	{ field: 'fax', from: 'FAX', value: t('FAX') },
	{ field: 'email', from: 'E_MAIL', value: t('E_MAIL') },
	{ field: 'website', from: 'WEB_ADDRESS', value: t('WEB_ADDRESS') },
	{ field: 'vatNumber', from: 'VAT_REG_NUMBER', value: t('VAT_REG_NUMBER') },
	{ field: 'branchId', from: 'Branch ID parameter', target: 'createOnly', value: (_r, st) => st.branchId },
	{ field: 'salesRepId1', from: 'Admin User ID parameter', target: 'fillIfEmpty', rule: 'U2', value: (_r, st) => st.adminUserId },
];

export const accountToSageCustomerFields: FieldRule[] = [
	{ field: 'NAME', from: 'name', value: s('name') },
	{ field: 'ADDRESS_1', from: 'address1', value: s('address1') },
	{ field: 'ADDRESS_2', from: 'address2', value: s('address2') },
	{ field: 'ADDRESS_3', from: 'city', value: s('city') },
	{ field: 'ADDRESS_4', from: 'region', value: s('region') },
	{ field: 'ADDRESS_5', from: 'postcode', value: s('postcode') },
	{
		field: 'COUNTRY_CODE',
		from: 'countryId via the Countries option (a country not listed fails the record)',
		value: (r, settings) => countryCodeOf(r.countryId, settings),
	},
	{ field: 'TELEPHONE', from: 'phone', value: s('phone') },
	{ field: 'TELEPHONE_2', from: 'phone2', value: s('phone2') },
	{ field: 'FAX', from: 'fax', value: s('fax') },
	{ field: 'E_MAIL', from: 'email', value: s('email') },
	{ field: 'WEB_ADDRESS', from: 'website', value: s('website') },
	{ field: 'VAT_REG_NUMBER', from: 'vatNumber', value: s('vatNumber') },
];

function customerLabel(ref: string, record: Rec | null): string {
	return `Customer ${ref}${quoted(record?.NAME)}`;
}

export const sageCustomerToAccount: EntityMapper = {
	entity: 'account',
	direction: 'sageToForceManager',
	fields: sageCustomerToAccountFields,
	map(item: SourceItem, settings: MapperSettings): MappedRecord {
		const ref = String(item.record?.ACCOUNT_REF ?? item.key ?? '');
		const meta = {
			entity: 'account' as const,
			direction: 'sageToForceManager' as const,
			key: ref,
			source: sageSource(item, 'customer', ref),
			label: customerLabel(ref, item.record),
			...originOf(item.record, 'account'),
		};
		if (item.event === 'deleted') return other('delete', { ...meta, rules: ['A6'] });
		const country = unlistedCountry('sageToForceManager', item.record ?? {}, settings);
		if (country) return other('fail', { ...meta, rules: ['A1'], field: 'COUNTRY_CODE' }, country);
		const parts = applyRules(sageCustomerToAccountFields, item.record ?? {}, settings, item);
		return upsert({ ...meta, rules: ['A1', 'A2', 'A3', 'U2'] }, parts);
	},
};

export const accountToSageCustomer: EntityMapper = {
	entity: 'account',
	direction: 'forceManagerToSage',
	fields: accountToSageCustomerFields,
	map(item: SourceItem, settings: MapperSettings): MappedRecord {
		const r = item.record ?? {};
		const meta = fromForceManager(item, 'account', 'account', 'account', r.name);
		if (item.event === 'deleted') return other('skip', { ...meta, rules: ['A5'] }, FM_DELETION_REASON);
		if (flag(r.readOnly)) {
			return other('skip', { ...meta, rules: ['A3'] }, 'A3: read-only in ForceManager, the account is owned by Sage');
		}
		const country = unlistedCountry('forceManagerToSage', r, settings);
		if (country) return other('fail', { ...meta, rules: ['A4'], field: 'countryId' }, country);
		const parts = applyRules(accountToSageCustomerFields, r, settings, item);
		return upsert({ ...meta, rules: ['A1', 'A4'], writeBack: writeBack('account', item, { readOnly: true }) }, parts);
	},
};
