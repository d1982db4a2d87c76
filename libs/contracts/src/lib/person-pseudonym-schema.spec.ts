import { ConsultationReceived, ConsultationUpdated } from '../intake';
import { NeedRegistered, NeedStatusChanged } from '../matching';
import { OutreachTargetRegistered, OutreachTargetUpdated } from '../outreach';
import { allEventContracts } from '../index';
import { assertEventData, ContractViolationError } from './schema-validation';

const PERSON = '01900000-0000-7000-8000-0000000000cc';
const PSEUDONYM = 'q3bY0cT1h6v0mJ3q1xB2mY8wQ0Zk3sT7nF9dR2pL5aE';

const consultation = {
  consultationId: '01900000-0000-7000-8000-0000000000aa',
  receptionNo: 'R7-000001',
  receivingOrganizationId: '01900000-0000-7000-8000-000000000001',
  fiscalYear: 2025,
  personId: PERSON,
  householdId: null,
  route: 'phone',
  primaryCategory: 'long-term-care',
  categories: ['long-term-care'],
  issueTags: [],
  urgency: 'medium',
  consentStatus: 'given',
  jigyoAttribution: 'long-term-care',
  disposition: null,
  status: 'received',
};

describe('personPseudonym in events', () => {
  it('is declared by exactly the events reporting counts 実人数 from', () => {
    const declaring = allEventContracts.filter((contract) => 'personPseudonym' in ((contract.schema as { properties?: object }).properties ?? {})).map((contract) => contract.subject);
    expect(declaring.sort()).toEqual(
      [ConsultationReceived, ConsultationUpdated, NeedRegistered, NeedStatusChanged, OutreachTargetRegistered, OutreachTargetUpdated]
        .map((contract) => contract.subject)
        .concat(allEventContracts.filter((contract) => contract.subject.startsWith('tsunagu.evt.intake.consultation.') && contract !== ConsultationReceived && contract !== ConsultationUpdated).map((contract) => contract.subject))
        .sort(),
    );
  });

  it('takes a 43-character base64url key or null, is optional (older events replay), and refuses a raw id or a name', () => {
    expect(() => assertEventData(ConsultationReceived, { ...consultation, personPseudonym: PSEUDONYM })).not.toThrow();
    expect(() => assertEventData(ConsultationReceived, { ...consultation, personPseudonym: null })).not.toThrow();
    expect(() => assertEventData(ConsultationReceived, consultation)).not.toThrow();
    expect(() => assertEventData(ConsultationReceived, { ...consultation, personPseudonym: PERSON })).toThrow(ContractViolationError);
    expect(() => assertEventData(ConsultationReceived, { ...consultation, personPseudonym: '山田太郎' })).toThrow(ContractViolationError);
    const need = {
      needId: '01900000-0000-7000-8000-0000000000ab',
      personId: PERSON,
      caseId: null,
      purposes: ['ibasho'],
      homeDistrictId: null,
      preferredDistrictIds: [],
      status: 'hearing',
      registeredOn: '2025-05-01',
      occurredOn: '2025-05-01',
    };
    expect(() => assertEventData(NeedRegistered, { ...need, personPseudonym: PSEUDONYM })).not.toThrow();
    expect(() => assertEventData(NeedRegistered, need)).not.toThrow();
    expect(() => assertEventData(NeedRegistered, { ...need, personPseudonym: 'x' })).toThrow(ContractViolationError);
  });
});
