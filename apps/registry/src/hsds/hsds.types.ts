/** The subset of HSDS 3.x objects the registry reads and writes (field names as in the specification). */
export interface HsdsTaxonomyTerm {
  id: string;
  code?: string;
  name: string;
  description: string;
  taxonomy?: string;
}

export interface HsdsAttribute {
  id: string;
  link_id?: string;
  link_type?: string;
  link_entity?: string;
  taxonomy_term_id?: string;
  value?: string;
  taxonomy_term?: HsdsTaxonomyTerm;
}

export interface HsdsPhone {
  id: string;
  organization_id?: string;
  service_id?: string;
  location_id?: string;
  number: string;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  alternate_name?: string;
  description: string;
  email?: string;
  website?: string;
  phones?: HsdsPhone[];
  attributes?: HsdsAttribute[];
}

export interface HsdsService {
  id: string;
  organization_id?: string;
  name: string;
  alternate_name?: string;
  description?: string;
  url?: string;
  email?: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  fees_description?: string;
  eligibility_description?: string;
  assured_date?: string;
  phones?: HsdsPhone[];
  attributes?: HsdsAttribute[];
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  name?: string;
  alternate_name?: string;
  description?: string;
  phones?: HsdsPhone[];
  attributes?: HsdsAttribute[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id?: string;
  location_id?: string;
}

export interface HsdsSchedule {
  id: string;
  service_id?: string;
  freq?: 'WEEKLY' | 'MONTHLY';
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  description?: string;
}

/** What `GET /hsds/export` returns and `POST /hsds/import` accepts. */
export interface HsdsPackage {
  organizations: HsdsOrganization[];
  services: HsdsService[];
  locations: HsdsLocation[];
  service_at_locations: HsdsServiceAtLocation[];
  schedules: HsdsSchedule[];
}
