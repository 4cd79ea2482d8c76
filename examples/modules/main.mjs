// An ES module importing a local module and a JSON file. Imports resolve relative to this file and may only
// come from the folder the run started in (or folders granted with --allow-read).
import { orbitalSpeed, formatKm } from './orbits.js';
import planets from './data/planets.json';

console.log(`${planets.length} planets, ordered by their distance from the Sun:`);
for (const p of planets) {
  const speed = orbitalSpeed(p.distanceMkm, p.periodDays);
  console.log(`  ${p.name.padEnd(8)} ${formatKm(p.distanceMkm * 1e6).padStart(14)}  ${speed.toFixed(1).padStart(5)} km/s`);
}
const fastest = planets.reduce((a, b) => (orbitalSpeed(a.distanceMkm, a.periodDays) > orbitalSpeed(b.distanceMkm, b.periodDays) ? a : b));
console.log(`fastest: ${fastest.name}`);
