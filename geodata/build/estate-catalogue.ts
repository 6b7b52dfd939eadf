// The estates (小区) as the 2016 居委 list and the geocoded addresses name them. Where the real
// estate name behind a committee is not known, the estate is called "<committee>居民区" rather
// than given an invented name. Build eras are typical for the name (潍坊一村…十村 are the
// 1980s 新村 of the first Pudong housing wave, the 竹园 estates came with 陆家嘴 in the 1990s,
// the riverside towers in the 2000s): a planning office should replace them from its register.
import type { Placement } from './facility-catalogue.ts';

export type BuildEra = '1980s' | '1990s' | '2000s';

export const buildEraInChinese: Record<BuildEra, string> = { '1980s': '1980年代', '1990s': '1990年代', '2000s': '2000年代' };

// An estate whose outline OpenStreetMap maps (a landuse=residential way) takes that outline, and
// its anchor is a point inside it.
export type EstateAnchor = Placement | { kind: 'osm-outline'; wayId: string };

export interface EstateEntry {
  id: string;
  name: string;
  residentsCommittee: string;
  buildEra: BuildEra;
  anchor: EstateAnchor;
  nameIsCommitteeArea: boolean;
}

const geocoded = (address: string): Placement => ({ kind: 'geocoded-name', address });
const committeePoint = (position: [number, number], committee: string): Placement => ({
  kind: 'gcj02-point', position, pointSource: `the 2016 point of ${committee} (GCJ-02)`, pointSourceZh: `${committee}2016年点位（GCJ-02）`,
});
const guessed = (position: [number, number], reason: string, reasonZh: string): Placement => ({ kind: 'estimated-point', position, reason, reasonZh });

export const estateCatalogue: EstateEntry[] = [
  { id: 'estate-weifang-1', name: '潍坊一村', residentsCommittee: '潍坊一村居委会', buildEra: '1980s', anchor: geocoded('潍坊一村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-2', name: '潍坊二村', residentsCommittee: '潍坊二村居委会', buildEra: '1980s', anchor: geocoded('潍坊二村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-3', name: '潍坊三村', residentsCommittee: '潍坊三村居委会', buildEra: '1980s', anchor: guessed([121.5152, 31.2203], 'between 潍坊二村 and 浦电路, where the numbered villages run on; no geocode names it', '位于潍坊二村与浦电路之间，编号新村在此延续；无地理编码提及该村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-4', name: '潍坊四村', residentsCommittee: '潍坊四村居委会', buildEra: '1980s', anchor: geocoded('潍坊四村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-5', name: '潍坊五村', residentsCommittee: '潍坊五村居委会', buildEra: '1980s', anchor: geocoded('潍坊五村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-6', name: '潍坊六村', residentsCommittee: '潍坊六七村居委会', buildEra: '1980s', anchor: geocoded('潍坊六村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-7', name: '潍坊七村', residentsCommittee: '潍坊六七村居委会', buildEra: '1980s', anchor: geocoded('潍坊七村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-8', name: '潍坊八村', residentsCommittee: '潍坊八村居委会', buildEra: '1980s', anchor: geocoded('潍坊八村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-9', name: '潍坊九村', residentsCommittee: '潍坊九村居委会', buildEra: '1980s', anchor: { kind: 'osm-outline', wayId: '876155191' }, nameIsCommitteeArea: false },
  { id: 'estate-weifang-10-first', name: '潍坊十村（第一居委）', residentsCommittee: '潍坊十村第一居委会', buildEra: '1980s', anchor: geocoded('潍坊十村'), nameIsCommitteeArea: false },
  { id: 'estate-weifang-10-second', name: '潍坊十村（第二居委）', residentsCommittee: '潍坊十村第二居委会', buildEra: '1980s', anchor: geocoded('潍坊路154弄'), nameIsCommitteeArea: false },
  { id: 'estate-zhuyuan', name: '竹园居民区', residentsCommittee: '竹园居委会', buildEra: '1990s', anchor: geocoded('张杨路1050弄'), nameIsCommitteeArea: true },
  { id: 'estate-yuanzhu', name: '源竹居民区', residentsCommittee: '源竹居委会', buildEra: '1990s', anchor: committeePoint([121.534105, 31.230158], '源竹居委会'), nameIsCommitteeArea: true },
  { id: 'estate-zhunan', name: '竹南居民区', residentsCommittee: '竹南居委会', buildEra: '1990s', anchor: committeePoint([121.527546, 31.225383], '竹南居委会'), nameIsCommitteeArea: true },
  { id: 'estate-fuzhu', name: '福竹居民区', residentsCommittee: '福竹居委会', buildEra: '1990s', anchor: committeePoint([121.529502, 31.230213], '福竹居委会'), nameIsCommitteeArea: true },
  { id: 'estate-zhangyang', name: '张杨居民区', residentsCommittee: '张杨居委会', buildEra: '1990s', anchor: committeePoint([121.533522, 31.231733], '张杨居委会'), nameIsCommitteeArea: true },
  { id: 'estate-zhujiatan', name: '朱家滩居民区', residentsCommittee: '朱家滩居委会', buildEra: '1990s', anchor: geocoded('浦电路29弄'), nameIsCommitteeArea: true },
  { id: 'estate-quandong-first', name: '泉东第一居民区', residentsCommittee: '泉东第一居委会', buildEra: '1990s', anchor: geocoded('南泉北路1017号'), nameIsCommitteeArea: true },
  { id: 'estate-quandong-second', name: '泉东第二居民区', residentsCommittee: '泉东第二居委会', buildEra: '1990s', anchor: committeePoint([121.520087, 31.225323], '泉东第二居委会'), nameIsCommitteeArea: true },
  { id: 'estate-wangjiazhai', name: '王家宅小区', residentsCommittee: '王家宅居委会', buildEra: '1980s', anchor: geocoded('浦城路580弄'), nameIsCommitteeArea: false },
  { id: 'estate-laoshan-east', name: '崂山东路居民区', residentsCommittee: '崂山东路居委会', buildEra: '1980s', anchor: geocoded('崂山东路644弄'), nameIsCommitteeArea: true },
  { id: 'estate-yangjiadu', name: '杨家渡居民区', residentsCommittee: '杨家渡居委会', buildEra: '1990s', anchor: geocoded('浦明路868弄'), nameIsCommitteeArea: true },
  { id: 'estate-zhangjiabang', name: '张家浜居民区', residentsCommittee: '张家浜居委会', buildEra: '1990s', anchor: geocoded('北张家浜路98弄'), nameIsCommitteeArea: true },
  { id: 'estate-xiejiazhai', name: '谢家宅居民区', residentsCommittee: '谢家宅居委会', buildEra: '1990s', anchor: geocoded('浦东南路1550弄'), nameIsCommitteeArea: true },
  { id: 'estate-chenjiazhai', name: '陈家宅居民区', residentsCommittee: '陈家宅居委会', buildEra: '1990s', anchor: geocoded('浦电路53弄'), nameIsCommitteeArea: true },
  { id: 'estate-dongming', name: '东明新村', residentsCommittee: '东南居委会', buildEra: '1980s', anchor: geocoded('东明新村'), nameIsCommitteeArea: false },
  { id: 'estate-xiangxieli', name: '香榭丽花园', residentsCommittee: '香榭丽居委会', buildEra: '2000s', anchor: committeePoint([121.536173, 31.228038], '香榭丽居委会'), nameIsCommitteeArea: false },
  { id: 'estate-shimao-riverside-1', name: '世茂滨江花园（潍坊西路1弄）', residentsCommittee: '世茂滨江第一居委会', buildEra: '2000s', anchor: geocoded('潍坊西路1弄'), nameIsCommitteeArea: false },
  { id: 'estate-shimao-riverside-2', name: '世茂滨江花园（潍坊西路2弄）', residentsCommittee: '世茂滨江第一居委会', buildEra: '2000s', anchor: geocoded('潍坊西路2弄'), nameIsCommitteeArea: false },
  // Blocks that no committee name reaches but where geocoded lanes (弄) show housing: named by
  // the lane address itself; the committee is the nearest one on the 2016 list (assumed).
  { id: 'estate-laoshan-571', name: '崂山路571弄', residentsCommittee: '泉东第二居委会', buildEra: '1980s', anchor: geocoded('崂山路571弄'), nameIsCommitteeArea: false },
  { id: 'estate-songlin-333', name: '松林路333弄', residentsCommittee: '香榭丽居委会', buildEra: '1990s', anchor: geocoded('松林路333弄'), nameIsCommitteeArea: false },
  { id: 'estate-pudian-331', name: '浦电路331弄', residentsCommittee: '潍坊八村居委会', buildEra: '1980s', anchor: geocoded('浦电路331弄'), nameIsCommitteeArea: false },
];
