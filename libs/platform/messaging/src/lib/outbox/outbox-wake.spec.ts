import { TenantContext } from '@tsunagu/platform-context';
import { eventsCommitted, wakeOnEventsCommitted } from './outbox-wake';

describe('outbox wake (ADR 0025)', () => {
  it("runs a relay's wake in the context the relay registered in, not in the committing request's", () => {
    const seen: (string | undefined)[] = [];
    const unregister = wakeOnEventsCommitted(() => seen.push(TenantContext.current()?.requestId ?? 'none'));
    try {
      TenantContext.run({ requestId: 'request-that-committed', municipality: '372013' }, () => eventsCommitted());
    } finally {
      unregister();
    }
    expect(seen).toEqual(['none']);
    // Unregistered: a later commit wakes nothing.
    TenantContext.run({ requestId: 'later', municipality: '372013' }, () => eventsCommitted());
    expect(seen).toEqual(['none']);
  });
});
