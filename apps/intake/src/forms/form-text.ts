import { PHONE_TYPE_LABELS, SEX_LABELS } from '@tsunagu/contracts';
import { formatWareki } from '@tsunagu/util-japanese-calendar';
import { WITHHELD_TEXT } from '@tsunagu/util-pdf-forms';
import type { PersonView } from '../people/person.dto';

/** A person as the forms name them; a person the caller may not see is 「（表示できません）」. */
export function personName(person: PersonView | undefined): string {
  if (!person) return WITHHELD_TEXT;
  const name = [person.familyName, person.givenName].filter(Boolean).join(' ');
  return name || person.aliasName || '（氏名不詳）';
}

export function personKana(person: PersonView | undefined): string {
  if (!person) return WITHHELD_TEXT;
  return [person.familyNameKana, person.givenNameKana].filter(Boolean).join(' ');
}

/** 生年月日 in 和暦 as precisely as it is known (年月日 / 年月 / 年 / 元号のみ). */
export function birthDateText(person: PersonView | undefined): string {
  if (!person) return WITHHELD_TEXT;
  if (!person.birthDate || person.birthDatePrecision === 'unknown') return '';
  const long = formatWareki(person.birthDate);
  if (person.birthDatePrecision === 'year') return long.replace(/\d+月\d+日$/, '');
  if (person.birthDatePrecision === 'month') return long.replace(/\d+日$/, '');
  if (person.birthDatePrecision === 'era-only') return long.replace(/(元|\d+)年\d+月\d+日$/, '');
  return long;
}

export function sexText(person: PersonView | undefined): string {
  return person ? (SEX_LABELS[person.sex] ?? '') : WITHHELD_TEXT;
}

/** 住所: masked under DV address protection is printed as withheld, like any field the caller may not see. */
export function addressText(person: PersonView | undefined): string {
  if (!person || person.addressMasked) return WITHHELD_TEXT;
  const address = person.address;
  if (!address) return person.addressRaw ?? '';
  const line = [address.prefecture, address.municipalityName, address.machiaza, address.banchi, address.building].filter(Boolean).join('');
  return [address.postalCode ? `〒${address.postalCode}` : '', line].filter(Boolean).join(' ');
}

export function phonesText(person: PersonView | undefined): string {
  if (!person) return WITHHELD_TEXT;
  return person.phones.map((phone) => `${PHONE_TYPE_LABELS[phone.type] ?? phone.type} ${phone.number}`).join('\u3000');
}

/** The printed value of a field: withheld when the view lists it in withheldFields. */
export function shown(value: string | null | undefined, field: string, withheld: readonly { field: string }[] | undefined): string {
  if (withheld?.some((item) => item.field === field)) return WITHHELD_TEXT;
  return value ?? '';
}

/** Labels of codes, joined (「収入・生活費、住まい」). */
export function labelsOf<T extends string>(codes: readonly T[] | null | undefined, labels: Readonly<Record<string, string>>): string {
  return (codes ?? []).map((code) => labels[code] ?? code).join('、');
}

/** ASCII file names: record numbers only, never personal data. */
export function pdfFileName(kind: string, reference: string): string {
  return `${kind}-${reference.replace(/[^A-Za-z0-9_-]/g, '')}.pdf`;
}
