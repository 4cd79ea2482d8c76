// Helpers for main.mjs. Orbits are taken as circles, which is close enough for every planet but Mercury.

const SECONDS_PER_DAY = 86_400;

/** Mean orbital speed in km/s from the orbit's radius (millions of km) and its period (days). */
export function orbitalSpeed(distanceMkm, periodDays) {
  return (2 * Math.PI * distanceMkm * 1e6) / (periodDays * SECONDS_PER_DAY);
}

/** 149600000 -> "149,600,000 km". */
export function formatKm(km) {
  // QuickJS has no Intl (toLocaleString adds no separators), so digits are grouped by hand.
  return `${String(Math.round(km)).replace(/\B(?=(\d{3})+$)/g, ',')} km`;
}
