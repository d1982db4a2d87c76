import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import accessibility from './schema/accessibility.json';
import address from './schema/address.json';
import attribute from './schema/attribute.json';
import contact from './schema/contact.json';
import costOption from './schema/cost_option.json';
import funding from './schema/funding.json';
import language from './schema/language.json';
import location from './schema/location.json';
import metaTableDescription from './schema/meta_table_description.json';
import metadata from './schema/metadata.json';
import organization from './schema/organization.json';
import organizationIdentifier from './schema/organization_identifier.json';
import phone from './schema/phone.json';
import program from './schema/program.json';
import requiredDocument from './schema/required_document.json';
import schedule from './schema/schedule.json';
import service from './schema/service.json';
import serviceArea from './schema/service_area.json';
import serviceAtLocation from './schema/service_at_location.json';
import taxonomy from './schema/taxonomy.json';
import taxonomyTerm from './schema/taxonomy_term.json';

/**
 * Open Referral HSDS 3.x table schemas (copied from openreferral/specification, CC BY-SA 4.0; see
 * schema/README.md). Each is registered under its file name so `$ref: "attribute.json"` resolves.
 */
const TABLE_SCHEMAS: Record<string, object> = {
  'accessibility.json': accessibility,
  'address.json': address,
  'attribute.json': attribute,
  'contact.json': contact,
  'cost_option.json': costOption,
  'funding.json': funding,
  'language.json': language,
  'location.json': location,
  'meta_table_description.json': metaTableDescription,
  'metadata.json': metadata,
  'organization.json': organization,
  'organization_identifier.json': organizationIdentifier,
  'phone.json': phone,
  'program.json': program,
  'required_document.json': requiredDocument,
  'schedule.json': schedule,
  'service.json': service,
  'service_area.json': serviceArea,
  'service_at_location.json': serviceAtLocation,
  'taxonomy.json': taxonomy,
  'taxonomy_term.json': taxonomyTerm,
};

export type HsdsTable = 'organization' | 'service' | 'location' | 'service_at_location' | 'schedule';

let validators: Record<HsdsTable, ValidateFunction> | undefined;

/** Compiled once, on first use (the schemas carry HSDS-specific keywords, hence `strict: false`). */
export function hsdsValidator(table: HsdsTable): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(TABLE_SCHEMAS)) ajv.addSchema(schema, name);
    validators = {
      organization: ajv.getSchema('organization.json') as ValidateFunction,
      service: ajv.getSchema('service.json') as ValidateFunction,
      location: ajv.getSchema('location.json') as ValidateFunction,
      service_at_location: ajv.getSchema('service_at_location.json') as ValidateFunction,
      schedule: ajv.getSchema('schedule.json') as ValidateFunction,
    };
  }
  return validators[table];
}
