// The regions a simulated tenancy subscribes to: the home region first, then others from a fixed
// catalogue, so a (seed, options) pair always names the same regions in the same order.

export interface SimRegion {
  regionKey: string;
  regionName: string;
  status: 'READY';
  isHomeRegion: boolean;
}

const CATALOGUE: readonly [name: string, key: string][] = [
  ['us-ashburn-1', 'IAD'],
  ['us-phoenix-1', 'PHX'],
  ['eu-frankfurt-1', 'FRA'],
  ['uk-london-1', 'LHR'],
  ['ap-tokyo-1', 'NRT'],
  ['ca-toronto-1', 'YYZ'],
  ['sa-saopaulo-1', 'GRU'],
  ['ap-sydney-1', 'SYD'],
  ['eu-amsterdam-1', 'AMS'],
  ['ap-mumbai-1', 'BOM'],
];

export const MAX_REGIONS = CATALOGUE.length;

/** Region names as they appear in a path prefix (`/us-phoenix-1/20180409/…`). */
export const REGION_NAME = /^[a-z]+(-[a-z]+)+-\d+$/;

export function regionKeyOf(name: string): string {
  return CATALOGUE.find(([n]) => n === name)?.[1] ?? name.split('-')[1]!.slice(0, 3).toUpperCase();
}

export function subscribedRegions(home: string, count: number): SimRegion[] {
  const names = [home, ...CATALOGUE.map(([n]) => n).filter((n) => n !== home)].slice(0, count);
  return names.map((regionName, i) => ({ regionKey: regionKeyOf(regionName), regionName, status: 'READY', isHomeRegion: i === 0 }));
}

/** `US-ASHBURN-AD-1` style availability domain names, with the tenancy prefix OCI puts in front. */
export function availabilityDomain(region: string, n: number): string {
  return `Uocm:${region.replace(/-\d+$/, '').toUpperCase()}-AD-${n}`;
}
