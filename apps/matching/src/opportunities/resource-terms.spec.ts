import { RESOURCE_CATEGORIES } from '@tsunagu/contracts';
import { menuStatusOfResource, resourceTerms, resourceTitle } from './resource-terms';

describe('registry resource → opportunity terms', () => {
  it('gives every category at least one purpose, and a 通所型サービスB is a place to be with exercise', () => {
    for (const category of RESOURCE_CATEGORIES) expect(resourceTerms(category).purposes.length).toBeGreaterThan(0);
    expect(resourceTerms('day-type-b')).toEqual(expect.objectContaining({ purposes: expect.arrayContaining(['ibasho']), activityTags: expect.arrayContaining(['体操・運動']), physicalLoad: 'light' }));
    expect(resourceTitle('salon')).toBe('サロン（地域資源）');
  });

  it('is suggested only while 実施中 and public', () => {
    expect(menuStatusOfResource('active', true)).toBe('published');
    expect(menuStatusOfResource('active', false)).toBe('preparing');
    expect(menuStatusOfResource('suspended', true)).toBe('suspended');
    expect(menuStatusOfResource('retired', true)).toBe('ended');
    expect(menuStatusOfResource('preparing', true)).toBe('preparing');
  });
});
