// C1–C3, U2: Sage contact-type addresses (SALES_DEL_ADDR, ADDRESS_TYPE 1) ⇄ ForceManager contacts.
// The FM extId of a Sage contact is "<ACCOUNT_REF>/<ADDRESS_REF>" (the bridge's REFERENCE is the
// padded ODBC form "ABS001  0001", which is awkward to type, so the composite is built here).
import type { MappedRecord } from '../sync/envelope';
import {
	FM_DELETION_REASON,
	originOf,
	applyRules,
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

export const CONTACT_ADDRESS_TYPE = 1;
/** ForceManager requires a first name; a one-word Sage contact name gets this placeholder. */
export const NO_FIRST_NAME = '-';

/** "Mary Ann Smith" → Mary Ann / Smith; "Reception" → - / Reception. */
export function splitContactName(name: unknown): { firstName: string; lastName: string } {
	const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return { firstName: NO_FIRST_NAME, lastName: '' };
	const lastName = words.pop() as string;
	return { firstName: words.length ? words.join(' ') : NO_FIRST_NAME, lastName };
}

export function joinContactName(firstName: unknown, lastName: unknown): string {
	const first = String(firstName ?? '').trim();
	return [first === NO_FIRST_NAME ? '' : first, String(lastName ?? '').trim()].filter(Boolean).join(' ');
}

/** "ABS001  0003" (ODBC REFERENCE) or "ABS001/3" → { account: 'ABS001', ref: 3 }. */
export function parseAddressReference(reference: string): { account: string; ref: number } | undefined {
	const m = /^([^/]+)\/(\d+)$/.exec(reference.trim()) ?? /^(.{1,8}?)\s*(\d{4})$/.exec(reference.trim());
	return m ? { account: m[1].trim(), ref: Number(m[2]) } : undefined;
}

function contactName(r: Rec): string {
	return String(r.CONTACT_NAME ?? '').trim() || String(r.NAME ?? '').trim() || String(r.DESCRIPTION ?? '').trim();
}

const t = (column: string): FieldRule['value'] => (r) => text(r[column]);
const s = (field: string): FieldRule['value'] => (r) => sageText(r[field]);

export const sageAddressToContactFields: FieldRule[] = [
	{ field: 'extId', from: 'ACCOUNT_REF + "/" + ADDRESS_REF', rule: 'C1', value: (r) => `${String(r.ACCOUNT_REF ?? '')}/${String(r.ADDRESS_REF ?? '')}` },
	{ field: 'firstName', from: 'CONTACT_NAME except its last word ("-" when one word)', value: (r) => splitContactName(contactName(r)).firstName },
	{ field: 'lastName', from: 'last word of CONTACT_NAME (else NAME, DESCRIPTION)', value: (r) => splitContactName(contactName(r)).lastName },
	{ field: 'email', from: 'E_MAIL', value: t('E_MAIL') },
	{ field: 'phone1', from: 'TELEPHONE', value: t('TELEPHONE') },
	{ field: 'phone2', from: 'TELEPHONE_2', value: t('TELEPHONE_2') },
	{ field: 'fax', from: 'FAX', value: t('FAX') },
	{ field: 'address1', from: 'ADDRESS_1', value: t('ADDRESS_1') },
	{ field: 'address2', from: 'ADDRESS_2', value: t('ADDRESS_2') },
	{ field: 'city', from: 'ADDRESS_3 (town)', value: t('ADDRESS_3') },
	{ field: 'region', from: 'ADDRESS_4 (county)', value: t('ADDRESS_4') },
	{ field: 'postcode', from: 'ADDRESS_5', value: t('ADDRESS_5') },
	{ field: 'comment', from: 'NOTES', value: t('NOTES') },
	{ field: 'branchId', from: 'Branch ID parameter', target: 'createOnly', value: (_r, st) => st.branchId },
	{ field: 'salesRepId', from: 'Admin User ID parameter', target: 'fillIfEmpty', rule: 'U2', value: (_r, st) => st.adminUserId },
];

export const contactToSageAddressFields: FieldRule[] = [
	{ field: 'ADDRESS_TYPE', from: 'always 1 (contact)', target: 'createOnly', rule: 'C3', value: () => CONTACT_ADDRESS_TYPE },
	{ field: 'CONTACT_NAME', from: 'firstName + " " + lastName', value: (r) => joinContactName(r.firstName, r.lastName) },
	{ field: 'E_MAIL', from: 'email', value: s('email') },
	{ field: 'TELEPHONE', from: 'phone1', value: s('phone1') },
	{ field: 'TELEPHONE_2', from: 'phone2', value: s('phone2') },
	{ field: 'FAX', from: 'fax', value: s('fax') },
	{ field: 'ADDRESS_1', from: 'address1', value: s('address1') },
	{ field: 'ADDRESS_2', from: 'address2', value: s('address2') },
	{ field: 'ADDRESS_3', from: 'city', value: s('city') },
	{ field: 'ADDRESS_4', from: 'region', value: s('region') },
	{ field: 'ADDRESS_5', from: 'postcode', value: s('postcode') },
	{ field: 'NOTES', from: 'comment', value: s('comment') },
];

export const sageAddressToContact: EntityMapper = {
	entity: 'contact',
	direction: 'sageToForceManager',
	fields: sageAddressToContactFields,
	map(item: SourceItem, settings: MapperSettings): MappedRecord {
		const r = item.record;
		const parsed = r ? undefined : parseAddressReference(String(item.key ?? ''));
		const account = String(r?.ACCOUNT_REF ?? parsed?.account ?? '');
		const ref = String(r?.ADDRESS_REF ?? parsed?.ref ?? '');
		const key = `${account}/${ref}`;
		const meta = {
			entity: 'contact' as const,
			direction: 'sageToForceManager' as const,
			key,
			source: sageSource(item, 'address', key),
			label: `Address ${key}${quoted(r ? contactName(r) : '')}`,
			...originOf(r, 'contact'),
		};
		// A tombstone without its last state: the type is unknown; deleting an extId FM does not have is a no-op.
		if (r && Number(r.ADDRESS_TYPE) !== CONTACT_ADDRESS_TYPE) {
			const typeName = String(r.ADDRESS_TYPE_NAME ?? r.ADDRESS_TYPE).toLowerCase();
			// Synced before as a contact (the pair has a state), now a delivery or registered address:
			// its ForceManager contact goes (soft delete), as if the contact had been deleted in Sage.
			if (item.synced) return other('delete', { ...meta, rules: ['C3', 'C2'] }, `C3: no longer a contact-type address (now ${typeName}), so no longer a ForceManager contact`);
			return other('skip', { ...meta, rules: ['C3'] }, `C3: only contact-type addresses become ForceManager contacts (this one is ${typeName})`);
		}
		if (item.event === 'deleted') return other('delete', { ...meta, rules: ['C2'] });
		const parts = applyRules(sageAddressToContactFields, r ?? {}, settings, item);
		return upsert({ ...meta, rules: ['C1', 'C3', 'U2'] }, parts, { references: { account } });
	},
};

export const contactToSageAddress: EntityMapper = {
	entity: 'contact',
	direction: 'forceManagerToSage',
	fields: contactToSageAddressFields,
	map(item: SourceItem, settings: MapperSettings): MappedRecord {
		const r = item.record ?? {};
		const meta = fromForceManager(item, 'contact', 'contact', 'contact', joinContactName(r.firstName, r.lastName));
		if (item.event === 'deleted') return other('skip', { ...meta, rules: ['C2'] }, FM_DELETION_REASON);
		if (item.hold) return other('wait', { ...meta, rules: ['C1', 'C3'] }, item.hold.reason);
		const account = (item.related?.account ?? undefined) as Rec | undefined;
		const accountRef = typeof account?.extId === 'string' ? account.extId.trim() : '';
		if (accountRef === '') {
			const which = account ? `ForceManager account ${String(account.id ?? '')}${quoted(account.name)}` : 'its ForceManager account';
			return other('wait', { ...meta, rules: ['C3'] }, `C3: ${which} has no Sage account reference yet`);
		}
		// C1: Sage keeps an address under its customer (the key names it) and cannot move it to another.
		const keyAccount = parseAddressReference(meta.key)?.account;
		if (keyAccount && keyAccount.toUpperCase() !== accountRef.toUpperCase()) {
			const moved = other('fail', { ...meta, rules: ['C1'] }, `C1: the contact was moved in ForceManager from account ${keyAccount} to ${accountRef}; Sage keeps an address under its customer and cannot move it — add the contact under ${accountRef} in Sage (its new key goes to the contact's External ID), or move it back in ForceManager`);
			moved.sync.field = 'accountId';
			return moved;
		}
		const parts = applyRules(contactToSageAddressFields, r, settings, item);
		return upsert({ ...meta, rules: ['C1', 'C3'], writeBack: writeBack('contact', item) }, parts, { references: { account: accountRef } });
	},
};
