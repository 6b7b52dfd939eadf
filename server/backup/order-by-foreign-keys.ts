/**
 * Tables in an order in which every table comes after the tables its foreign keys point at
 * (ties by name, so the order is always the same). Loading rows in this order never breaks a
 * foreign key; deleting in the reverse order neither.
 */
export function orderByForeignKeys<Table extends { name: string; references: string[] }>(tables: Table[]): Table[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: Table) => {
    if (placed.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`the foreign keys of ${table.name} form a cycle: no order loads it`);
    visiting.add(table.name);
    for (const name of [...table.references].sort()) {
      const referenced = byName.get(name);
      if (referenced) place(referenced);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) place(table);
  return ordered;
}
