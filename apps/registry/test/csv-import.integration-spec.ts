import * as iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectProblem, startRegistry, type RegistryUnderTest } from './registry-app';

const HEADER = '名称,読み仮名,提供団体,地区,種別,保険区分,活動内容,対象者,頻度,曜日,開始時刻,終了時刻,定員,利用料,電話番号,公開,状態';

describe('registry: CSV import for staff', () => {
  let registry: RegistryUnderTest;

  const total = async () => (await registry.call('GET', '/community-resources?perPage=1')).body.total as number;
  const post = (body: Buffer, query = '') =>
    registry.call('POST', `/community-resources/import${query}`, { raw: body, headers: { 'content-type': 'text/csv' } });

  beforeAll(async () => {
    registry = await startRegistry();
    await registry.loadDemo();
  });
  afterAll(() => registry.close());

  it('imports UTF-8 with BOM', async () => {
    const before = await total();
    const csv = [
      HEADER,
      'ふれあい喫茶 木太,ふれあいきっさきた,木太地区社会福祉協議会,木太,居場所,共助の基盤づくり事業,交流活動、食事,誰でも,毎週,火・金,10:00,12:00,20,1回200円,087-000-0001,はい,実施中',
      '"木太 買い物お助け便",かいものおたすけびん,,木太|古高松,移動・買い物支援,介護保険外,買い物代行,高齢者,,水,9:00,11:00,,無料,,いいえ,準備中',
    ].join('\r\n');
    const reply = await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ imported: 2, encoding: 'utf-8' });
    expect(await total()).toBe(before + 2);
    const kissa = (await registry.call('GET', `/community-resources?q=${encodeURIComponent('ﾌﾚｱｲｷｯｻ')}`)).body.items[0];
    expect(kissa).toMatchObject({
      name: 'ふれあい喫茶 木太',
      kana: 'フレアイキッサキタ',
      category: 'ibasho',
      insuranceScheme: 'kyojo-foundation',
      activities: ['social', 'meals'],
      schedule: { frequency: 'weekly', weekdays: ['tu', 'fr'], opensAt: '10:00', closesAt: '12:00' },
      capacity: 20,
      public: true,
      status: 'active',
    });
    const bin = (await registry.call('GET', `/community-resources?q=${encodeURIComponent('おたすけびん')}`)).body.items[0];
    expect(bin.districtIds).toHaveLength(2);
    expect(bin.schedule.opensAt).toBe('09:00');
    expect(bin.status).toBe('preparing');
  });

  it('imports CP932 (detected, and when declared)', async () => {
    const before = await total();
    const csv = [HEADER, '屋島 元気体操,やしまげんきたいそう,,屋島,通いの場（一般介護予防）,総合事業,体操・運動,高齢者,毎週,月,13:30,15:00,30,無料,,はい,実施中'].join('\r\n');
    const detected = await post(iconv.encode(csv, 'cp932'));
    expect(detected.status).toBe(200);
    expect(detected.body).toMatchObject({ imported: 1, encoding: 'cp932' });
    const declared = await post(iconv.encode(csv.replace('屋島 元気体操', '屋島 元気体操 第二'), 'cp932'), '?encoding=cp932');
    expect(declared.status).toBe(200);
    expect(await total()).toBe(before + 2);
    expect((await registry.call('GET', `/community-resources?q=${encodeURIComponent('げんきたいそう')}`)).body.total).toBe(2);
  });

  it('imports the sample file in docs', async () => {
    const sample = readFileSync(join(__dirname, '../../../docs/services/registry-resources-sample.csv'));
    const reply = await post(sample);
    expect(reply.status).toBe(200);
    expect(reply.body.imported).toBeGreaterThan(0);
  });

  it('a file with one bad row imports nothing and names the line and column', async () => {
    const before = await total();
    const csv = [
      HEADER,
      '正しい行,ただしいぎょう,,花園,サロン,自主,交流活動,誰でも,,,,,,,,はい,実施中',
      '悪い行,わるいぎょう,,存在しない地区,訪問型サービスZ,自主,交流活動,誰でも,,日曜,25:00,,たくさん,,,はい,実施中',
      '"改行を含む\n名称",かいぎょう,,花園,サロン,自主,,誰でも,,,,,,,,多分,実施中',
    ].join('\n');
    const reply = await post(Buffer.from(csv, 'utf8'));
    expectProblem(reply, 400);
    expect(reply.body.detail).toMatch(/nothing was imported/);
    expect(reply.body.errors).toEqual(
      expect.objectContaining({
        'line 3: 地区': expect.stringContaining('存在しない地区'),
        'line 3: 種別': expect.stringContaining('訪問型サービスZ'),
        'line 3: 定員': expect.any(String),
        'line 3: 開始時刻': expect.any(String),
        'line 4: 公開': expect.stringContaining('多分'),
      }),
    );
    expect(reply.body.rows.every((row: { line: number }) => row.line === 3 || row.line === 4)).toBe(true);
    expect(await total()).toBe(before);
  });

  it('rejects unknown or missing header columns and non-CSV bodies', async () => {
    const badHeader = await post(Buffer.from('名前,地区\nだれか,花園\n', 'utf8'));
    expectProblem(badHeader, 400);
    expect(Object.keys(badHeader.body.errors)).toEqual(expect.arrayContaining(['line 1: 名前', 'line 1: 名称', 'line 1: 種別']));
    const json = await registry.call('POST', '/community-resources/import', { body: { name: 'x' } });
    expectProblem(json, 415);
    const badEncoding = await post(Buffer.from(HEADER, 'utf8'), '?encoding=latin1');
    expectProblem(badEncoding, 400);
  });
});
