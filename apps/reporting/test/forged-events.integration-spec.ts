import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { PermissionViolationError } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import {
  ConsultationReceived,
  MESSAGE_HEADERS,
  type ConsultationEventData,
} from '@tsunagu/contracts';
import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import {
  connectNats,
  DEAD_LETTER_HEADERS,
  DEAD_LETTER_STREAM,
} from '@tsunagu/platform-messaging';
import { asSystem } from '@tsunagu/platform-testing';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import {
  cloudEvent,
  startReporting,
  type PublishedEvent,
  type ReportingUnderTest,
} from './reporting-app';

jest.setTimeout(120_000);

function consultation(): PublishedEvent {
  const data: ConsultationEventData = {
    consultationId: uuidv7(),
    receptionNo: `R7-${String(Math.floor(Math.random() * 999_999)).padStart(6, '0')}`,
    receivingOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
    fiscalYear: fiscalYearOf(todayInJapan()),
    personId: null,
    householdId: null,
    route: 'phone',
    primaryCategory: 'long-term-care',
    categories: ['long-term-care'],
    issueTags: [],
    urgency: 'medium',
    consentStatus: 'given',
    jigyoAttribution: 'tsunagaru-desk',
    disposition: null,
    status: 'received',
  };
  return cloudEvent(ConsultationReceived, data.consultationId, data);
}

/**
 * Issue 16: a forged, schema-valid consultation.received once became a counted consultation. Only intake's NATS user
 * may publish intake's events, and the consumers refuse an event whose source is not the owner of its subject.
 */
describe('reporting: forged events never count', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
  });
  afterAll(() => reporting.close());

  const counted = async (ids: string[]) =>
    (
      await asSystem(
        reporting.orm,
        `select consultation_id from reporting.consultation where consultation_id in (${ids.map(() => '?').join(', ')})`,
        ids,
      )
    ).map((row) => (row as { consultation_id: string }).consultation_id);

  it("refuses another service's user that publishes a consultation in intake's name (permission violation)", async () => {
    const env = reporting.nats.serviceEnv('outreach');
    const outreach = await connectNats(
      {
        url: env.NATS_URL,
        user: env.NATS_USER,
        password: env.NATS_PASSWORD,
        service: 'outreach',
      },
      'forger',
    );
    try {
      const { subject, event } = consultation();
      const forged = jetstream(outreach).publish(
        subject,
        JSON.stringify(event),
        { msgID: event.id, timeout: 2_000 },
      );
      const refusal = await forged.then(
        () => undefined,
        (error: unknown) => error,
      );
      // The client wraps the server's -ERR 'Permissions Violation for Publish to …' in a RequestError.
      expect((refusal as { cause?: unknown }).cause ?? refusal).toBeInstanceOf(
        PermissionViolationError,
      );
      // A genuine consultation published after it is counted; the forged one never is.
      const genuine = consultation();
      await reporting.publish([genuine]);
      await reporting.settled();
      expect(await counted([event.subject, genuine.event.subject])).toEqual([
        genuine.event.subject,
      ]);
    } finally {
      await outreach.close();
    }
  });

  it('dead-letters an event whose source is not the owner of its subject, published by a user that may publish anything', async () => {
    const forged = consultation();
    forged.event.source = '/tsunagu/outreach';
    const genuine = consultation();
    // reporting.publish connects as the test superuser: a NATS user with too wide rights, or a misconfigured server.
    await reporting.publish([forged, genuine]);
    await reporting.settled();
    expect(
      await counted([forged.event.subject, genuine.event.subject]),
    ).toEqual([genuine.event.subject]);
    const jsm = await jetstreamManager(reporting.connection);
    const { state } = await jsm.streams.info(DEAD_LETTER_STREAM);
    const letters = [];
    for (
      let seq = state.first_seq;
      state.messages > 0 && seq <= state.last_seq;
      seq += 1
    ) {
      const message = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq });
      if (message) letters.push(message);
    }
    const forgedLetters = letters.filter((letter) =>
      new TextDecoder().decode(letter.data).includes(forged.event.id),
    );
    expect(
      forgedLetters.map((letter) =>
        letter.header.get(DEAD_LETTER_HEADERS.reason),
      ),
    ).toEqual(['source-mismatch']);
    expect(forgedLetters[0].header.get(MESSAGE_HEADERS.municipality)).toBe(
      forged.event.municipality,
    );
  });
});
