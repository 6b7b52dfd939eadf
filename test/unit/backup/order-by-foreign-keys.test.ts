import { describe, expect, it } from 'vitest';
import { orderByForeignKeys } from '../../../server/backup/order-by-foreign-keys.ts';

const table = (name: string, references: string[] = []) => ({ name, references });
const names = (tables: { name: string }[]) => tables.map((entry) => entry.name);

describe('orderByForeignKeys', () => {
  it('puts every table after the tables it references, whatever order they come in', () => {
    const tables = [
      table('project_feature_link', ['feature', 'project']), table('project'), table('feature', ['collection', 'feature_import']),
      table('feature_import', ['collection']), table('collection'), table('estate_renovation', ['feature']),
    ];
    const ordered = names(orderByForeignKeys(tables));
    for (const { name, references } of tables) {
      for (const referenced of references) expect(ordered.indexOf(referenced), `${referenced} before ${name}`).toBeLessThan(ordered.indexOf(name));
    }
    expect(ordered).toEqual(names(orderByForeignKeys([...tables].reverse())));
  });

  it('orders tables without foreign keys by name, and ignores references to tables not in the list', () => {
    expect(names(orderByForeignKeys([table('b'), table('c', ['spatial_ref_sys']), table('a')]))).toEqual(['a', 'b', 'c']);
  });

  it('refuses foreign keys that form a cycle, naming a table of it', () => {
    expect(() => orderByForeignKeys([table('a', ['b']), table('b', ['a'])])).toThrow(/cycle/);
  });
});
