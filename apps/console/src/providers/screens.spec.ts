import { describe, expect, it } from 'vitest';
import { currentFiscalYear } from '../reports/ReportsPage';
import { screenOf } from './authProvider';
import { withFallback } from './i18nProvider';

describe('screenOf', () => {
  it('names the screen behind a hash route', () => {
    expect(screenOf('#/audit-records')).toEqual({ resource: 'audit-records', action: 'list' });
    expect(screenOf('#/community-resources/create')).toEqual({ resource: 'community-resources', action: 'create' });
    expect(screenOf('#/community-resources/abc')).toEqual({ resource: 'community-resources', action: 'edit' });
    expect(screenOf('#/community-resources/abc/show')).toEqual({ resource: 'community-resources', action: 'show' });
    expect(screenOf('#/reports?x=1')).toEqual({ resource: 'reports', action: 'list' });
    expect(screenOf('#/')).toEqual({ action: 'list' });
  });
});

describe('withFallback', () => {
  it('fills keys the Japanese pack lacks from English without overriding Japanese', () => {
    const merged = withFallback({ ra: { action: { save: '保存' } } }, { ra: { action: { save: 'Save', new_key: 'New' }, page: { empty: 'Empty' } } });
    expect(merged).toEqual({ ra: { action: { save: '保存', new_key: 'New' }, page: { empty: 'Empty' } } });
  });
});

describe('currentFiscalYear', () => {
  it('is the 年度 of today in Japan (April to March)', () => {
    expect(currentFiscalYear(new Date('2026-03-31T14:59:59Z'))).toBe(2025);
    expect(currentFiscalYear(new Date('2026-03-31T15:00:00Z'))).toBe(2026);
    expect(currentFiscalYear(new Date('2026-11-26T00:00:00Z'))).toBe(2026);
  });
});
