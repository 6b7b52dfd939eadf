// Splits a Shanghai address such as "浦东南路1341弄" or "浦电路5-22号" into road name and house
// number. Lane sub-branches ("源深路600弄3支弄") keep the lane number: the lane's gate is on
// the road, the branch is inside the estate.

export interface ParsedAddress {
  roadName: string;
  houseNumber: number;
  kind: '号' | '弄';
}

// Roads end in 路, avenues in 大道 (浦东大道).
const addressPattern = /^(.+?(?:路|大道))(\d+)(?:-\d+)?(号|弄)/;

export function parseAddress(address: string): ParsedAddress | null {
  const match = addressPattern.exec(address);
  if (!match) return null;
  return { roadName: match[1], houseNumber: Number(match[2]), kind: match[3] as '号' | '弄' };
}
