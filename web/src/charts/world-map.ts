// The world outline for location maps, bundled from world-atlas (Natural Earth 110m): the machines
// idtrail runs on often have no internet, so no tiles are fetched from anywhere.
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';

let registered = false;

export function ensureWorldMap(ec: { registerMap: (name: string, geo: never) => void }): void {
  if (registered) return;
  const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
  const geo = feature(topo, topo.objects.countries);
  ec.registerMap('world', geo as never);
  registered = true;
}
