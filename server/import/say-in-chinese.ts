/**
 * The Chinese of the problems and notes the import pipeline writes in English. The parsers and
 * checks say what is wrong in English (scripts and logs read it, and the tests pin it); a planner
 * reads the preview in Chinese. Each pattern below matches one English sentence a check writes;
 * the pipeline's own new sentences come with their Chinese (`known`) and are not guessed at. A
 * sentence no pattern knows is given in English after a Chinese lead, rather than dropped.
 */

type Pattern = [RegExp, (...groups: string[]) => string];

const field = (path: string) => path.replace(/^geometry\.coordinates/, '坐标').replace(/^properties\./, '属性 ');

const patterns: Pattern[] = [
  [/^(.+) "(.*)" is not a number$/s, (column, value) => `${column}“${value}”不是数字`],
  [/^(.+) is empty$/, (column) => `${column}为空`],
  [/^has (\d+) field\(s\); the header has (\d+)$/, (count, width) => `有 ${count} 个字段，而表头有 ${width} 个`],
  [/^has no geometry$/, () => '没有几何图形（坐标）'],
  [/^invalid geometry: (.+)$/s, (reason) => `几何图形无效：${reason}`],
  [/^(.*)latitude (\S+) is outside -90…90$/, (path, value) => `${field(path.replace(/: $/, ''))}：纬度 ${value} 超出 -90…90`],
  [/^(.*)longitude (\S+) is outside -180…180$/, (path, value) => `${field(path.replace(/: $/, ''))}：经度 ${value} 超出 -180…180`],
  [/^(.+): a linear ring must end where it starts$/, (path) => `${field(path)}：多边形的环首尾不闭合`],
  [/^(.+): coordinates must be finite numbers$/, (path) => `${field(path)}：坐标必须是有限的数字`],
  [/^(.+): needs at least (\d+) item\(s\), has (\d+)$/, (path, minimum, count) => `${field(path)}：至少需要 ${minimum} 个点，只有 ${count} 个`],
  [/^(.+): must be an array$/, (path) => `${field(path)}：必须是数组`],
  [/^(.+): must be a GeoJSON geometry object$/, (path) => `${field(path)}：不是 GeoJSON 几何对象`],
  [/^(.+)\.type: "(.*)" is not a GeoJSON geometry type$/, (path, type) => `${field(path)}：“${type}”不是 GeoJSON 几何类型`],
  [/^(.+): a position is \[longitude, latitude\] or \[longitude, latitude, height\]$/, (path) => `${field(path)}：坐标应为 [经度, 纬度] 或 [经度, 纬度, 高程]`],
  [/^cannot be converted from (\S+): (.+)$/s, (crs, detail) => `无法从 ${crs} 转换：${detail}`],
  [/^after conversion from (\S+): (.+)$/s, (crs, problem) => `从 ${crs} 转换后：${sayInChinese(problem)}`],
  [/^has the id (.+) that (.+) already has$/, (id, first) => `编号 ${id} 与${placeInChinese(first)}重复`],
  [/^is an exact copy of (.+)$/, (first) => `与${placeInChinese(first)}完全相同`],
  [/^has (\d+) vertices; at most (\d+) are allowed per feature \(simplify it\)$/, (count, maximum) => `有 ${count} 个顶点，每个要素最多 ${maximum} 个（请简化）`],
  [/^properties\.(\S+) must be a whole number from 0 to ([\d,]+), not (.+)$/, (name, maximum, value) => `属性 ${name} 必须是 0 到 ${maximum} 的整数，而不是 ${value}`],
  [/^properties\.residents_aged_60_plus \((\d+)\) is more than properties\.residents \((\d+)\)$/, (older, residents) => `60 岁以上人数（${older}）多于总人数（${residents}）`],
  [/^properties\.gates (.+)$/, (detail) => `属性 gates（出入口）有误：${detail}`],
  [/^is not a GeoJSON Feature/, () => '不是 GeoJSON 要素（需要 "type": "Feature"）'],
  [/^id must be a string or a number$/, () => '编号必须是文本或数字'],
  [/^properties must be an object or null$/, () => '属性必须是对象或 null'],
  [/^refers to nodes or ways that are not in the file/, () => '引用了文件中没有的节点或路径（请连同其引用的全部内容一起导出）'],
  [/^is nested too deeply to read$/, () => '嵌套过深，无法读取'],
  [/^(.+) is (\d+) characters long; at most (\d+) are allowed$/, (path, length, maximum) => `${path} 长 ${length} 个字符，最多 ${maximum} 个`],
  [/^(.+): a property name is (\d+) characters long; at most (\d+) are allowed$/, (path, length, maximum) => `${path}：属性名长 ${length} 个字符，最多 ${maximum} 个`],
  [/^has (\d+) properties; at most (\d+) are allowed$/, (count, maximum) => `有 ${count} 个属性，最多 ${maximum} 个`],
  [/^its properties take (\d+) characters as JSON; at most (\d+) are allowed$/, (length, maximum) => `属性共 ${length} 个字符（JSON），最多 ${maximum} 个`],
  [/^(.*)contains a NUL character or a broken \\u escape, which cannot be stored$/, (path) => `${path}含有无法保存的字符（NUL 或不完整的 \\u 转义）`],
  [/^its geometry (.+)$/, (detail) => `其几何图形无法读取（${detail}）`],
  [/^PostGIS cannot read the geometry: (.+)$/s, (detail) => `PostGIS 无法读取该几何图形：${detail}`],
  // Notes (warnings).
  [/^(\d+) feature\(s\) had heights/, (count) => `${count} 个要素带有高程（第三个坐标），已舍去，只保存经纬度`],
  [/^(\d+) feature\(s\) lie more than (\d+) km from 潍坊新村街道/, (count, kilometres) => `${count} 个要素距潍坊新村街道超过 ${kilometres} 公里：请检查坐标系以及经纬度是否颠倒`],
  [/^the header was read from row (\d+); the rows above it were taken as a title$/, (row) => `表头取自第 ${row} 行，其上各行视为标题`],
  [/^the workbook has (\d+) sheets \((.+)\); (.+) was read$/, (count, names, sheet) => `工作簿有 ${count} 个工作表（${names}），读取了“${sheet}”`],
  [/^the zip holds (\d+) layers \((.+)\); (.+) was read$/, (count, names, layer) => `压缩包有 ${count} 个图层（${names}），读取了“${layer}”`],
  [/^the GeoPackage holds (\d+) layers \((.+)\); (.+) was read$/, (count, names, layer) => `GeoPackage 有 ${count} 个图层（${names}），读取了“${layer}”`],
  [/^(.+) has no \.dbf: its features have no attributes$/, (layer) => `${layer} 缺少 .dbf，要素没有属性`],
  [/^(.+) has no \.prj: its coordinate system is not known$/, (layer) => `${layer} 缺少 .prj，坐标系未知`],
  [/^(.+)\.cpg names the encoding "(.+)", which is not known here/, (layer, encoding) => `${layer}.cpg 指定的编码“${encoding}”无法识别，属性按猜测的编码读取`],
  [/^coordinates read from the columns (.+) and (.+)$/, (longitude, latitude) => `坐标读自 ${longitude} 和 ${latitude} 列`],
  [/^(.+) holds (.+) geometries; this file adds (.+): is it the right collection\?$/, (collection, present, added) => `数据集 ${collection} 中是 ${present} 几何图形，此文件加入 ${added}：是否选对了数据集？`],
];

/** "line 12 (id "f-2")" → "第 12 行（编号 "f-2"）"; other places as they are. */
export function placeInChinese(location: string): string {
  return location
    .replace(/^(line|row) (\d+)/, '第 $2 行')
    .replace(/^record (\d+)/, '第 $1 条记录')
    .replace(/^feature (\S+)/, '要素 $1')
    .replace(/^placemark (\d+)/, '第 $1 个地标')
    .replace(/ \(id (.+)\)$/, '（编号 $1）');
}

/** The Chinese of one English problem or note, from `known` (said by the pipeline itself) or the patterns. */
export function sayInChinese(english: string, known?: ReadonlyMap<string, string>): string {
  const said = known?.get(english);
  if (said !== undefined) return said;
  for (const [pattern, say] of patterns) {
    const match = pattern.exec(english);
    if (match) return say(...match.slice(1));
  }
  return `问题（原文）：${english}`;
}
