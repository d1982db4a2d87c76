import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { allowedActions, transitionFor } from './resource-lifecycle';

describe('resource lifecycle', () => {
  it('follows 準備中 → 実施中 ⇄ 休止 → 廃止', () => {
    expect(transitionFor('preparing', 'publish').to).toBe('active');
    expect(transitionFor('active', 'suspend').to).toBe('suspended');
    expect(transitionFor('suspended', 'resume').to).toBe('active');
    expect(transitionFor('suspended', 'retire').to).toBe('retired');
    expect(transitionFor('active', 'verify').to).toBeNull();
  });

  it('names the refused transition and the allowed ones', () => {
    let error: DomainException | undefined;
    try {
      transitionFor('retired', 'resume');
    } catch (caught) {
      error = caught as DomainException;
    }
    expect(error?.code).toBe(DomainErrorCode.InvalidTransition);
    expect(error?.details['transition']).toEqual({ from: 'retired', action: 'resume', allowed: [] });
    expect(allowedActions('active')).toEqual(['suspend', 'retire', 'verify']);
  });
});
