import { describe, expect, it } from 'vitest';
import { recordsToCsv } from './csvExporter';

describe('list CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas, keeps numbers numeric and lists as JSON', () => {
    const csv = recordsToCsv([
      { id: 'r1', name: '=HYPERLINK("http://x","y")', capacity: -2, districtIds: ['d1'] },
      { id: 'r2', name: '+1', capacity: 3 },
      { id: 'r3', name: '-2+3', note: '@SUM(A1)' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'id,name,capacity,districtIds,note',
      `r1,"'=HYPERLINK(""http://x"",""y"")",-2,"[""d1""]",`,
      "r2,'+1,3,,",
      "r3,'-2+3,,,'@SUM(A1)",
      '',
    ]);
  });
});
