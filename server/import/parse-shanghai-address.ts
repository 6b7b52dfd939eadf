/**
 * Reads a Shanghai address as a planning office writes it: "上海市浦东新区潍坊新村街道崂山路６３９号",
 * "崂山路571弄12号", "浦电路5-22号", "张杨路近东方路", "张杨路东方路口", "潍坊四村". Full-width
 * digits and brackets are made plain (Unicode NFKC), spaces dropped, the city, district and
 * 街道/镇 prefixes taken off; then the street (路, 街, 大道, 巷, 公路; a name the caller knows is
 * preferred), the house number and whether it is a 号 or a 弄 (a lane's gate is on the street
 * at its number, the buildings inside carry their own 号, which is dropped), a crossing street
 * (近…, …口, 与…交叉口), or, with no street, the place (an estate such as 潍坊四村).
 */

export interface ParsedShanghaiAddress {
  /** The address without city, district and subdistrict, plain and without spaces. */
  normalised: string;
  /** 浦东新区, 黄浦区…: the district the address names, if any. */
  district?: string;
  street?: string;
  houseNumber?: number;
  kind?: '号' | '弄';
  /** The street it is near or at the corner of. */
  nearStreet?: string;
  /** The place named when there is no street: an estate, a building. */
  place?: string;
}

const streetPattern = /^(.+?(?:大道|公路|路|街|巷))/;
// Shanghai's districts, today's and those merged away that old lists still name; bare 浦东 only
// when no street name (浦东南路, 浦东大道, 浦东北路) starts there.
const districtPattern = /^(浦东新区|浦东(?!南路|北路|大道|路)|(?:黄浦|徐汇|长宁|静安|普陀|虹口|杨浦|闵行|宝山|嘉定|金山|松江|青浦|奉贤|崇明|闸北|卢湾|南汇)区)/;
const subdistrictPattern = /^([\u4e00-\u9fff]{2,6}?(?:街道|镇))(?!路|街|大道)/;
const numberPattern = /^(\d+)(?:[-~～—至、]\d+)?(号|弄)/;
const nearPattern = /^(?:近|靠近|临|与|和|\/|、)?(.+?(?:大道|公路|路|街))(?:口|路口|交叉口|交界口|交界处|交汇处)?$/;

export function parseShanghaiAddress(text: string, knownStreets: readonly string[] = []): ParsedShanghaiAddress {
  let rest = text.normalize('NFKC').replace(/\s+/g, '');
  // A note in brackets is either a crossing ("(近东方路)") or not part of the address.
  let nearStreet: string | undefined;
  rest = rest.replace(/\(([^)]*)\)/g, (_, note: string) => {
    const near = /^(?:近|靠近|临)(.+)$/.exec(note)?.[1];
    if (near && streetPattern.test(near)) nearStreet = streetPattern.exec(near)![1];
    return '';
  });
  rest = rest.replace(/^中国/, '').replace(/^上海市?/, '');
  const district = districtPattern.exec(rest)?.[1];
  if (district) rest = rest.slice(district.length);
  const subdistrict = subdistrictPattern.exec(rest)?.[1];
  if (subdistrict) rest = rest.slice(subdistrict.length);
  const parsed: ParsedShanghaiAddress = { normalised: rest, district: district === '浦东' ? '浦东新区' : district };
  if (nearStreet) parsed.nearStreet = nearStreet;

  const street = knownStreets.filter((name) => rest.startsWith(name)).sort((a, b) => b.length - a.length)[0] ?? streetPattern.exec(rest)?.[1];
  if (!street) {
    const place = rest.replace(/\d+(号|弄|幢|栋|楼|室).*$/, '');
    if (place !== '') parsed.place = place;
    return parsed;
  }
  parsed.street = street;
  const after = rest.slice(street.length);
  const number = numberPattern.exec(after);
  if (number) {
    parsed.houseNumber = Number(number[1]);
    parsed.kind = number[2] as '号' | '弄';
    return parsed;
  }
  const near = nearPattern.exec(after)?.[1];
  if (near) parsed.nearStreet = knownStreets.filter((name) => near.startsWith(name)).sort((a, b) => b.length - a.length)[0] ?? near;
  return parsed;
}
