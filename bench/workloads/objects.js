// Allocation- and property-heavy: build records, sort, group, serialise.
const rows = [];
for (let i = 0; i < 60000; i++) rows.push({ id: i, name: 'item' + (i * 7919 % 60000), score: (i * 31) % 997, tags: ['a' + (i % 5), 'b' + (i % 3)] });
rows.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : 1));
const groups = new Map();
for (const r of rows) {
  const g = groups.get(r.tags[0]) ?? [];
  g.push(r.id);
  groups.set(r.tags[0], g);
}
const text = JSON.stringify(rows.slice(0, 20000));
JSON.parse(text).length + groups.size;
