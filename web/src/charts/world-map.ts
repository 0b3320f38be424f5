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
  // Antarctica (no sign-ins) is a ring closed along the pole that ECharts drew as a long horizontal
  // streak across the map; leaving it out also gives the inhabited continents the space.
  geo.features = geo.features.filter((f) => (f.properties as { name?: string } | null)?.name !== 'Antarctica' && f.id !== '010');
  // Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from +180 to −180 and were drawn
  // as lines across the whole map; those few small rings are dropped.
  for (const f of geo.features) {
    const g = f.geometry as { type: string; coordinates: number[][][] | number[][][][] };
    const crosses = (ring: number[][]) => ring.some((p, i) => i > 0 && Math.abs(p[0]! - ring[i - 1]![0]!) > 180);
    if (g.type === 'Polygon') g.coordinates = (g.coordinates as number[][][]).filter((r) => !crosses(r));
    else if (g.type === 'MultiPolygon') g.coordinates = (g.coordinates as number[][][][]).filter((poly) => !poly.some(crosses));
  }
  ec.registerMap('world', geo as never);
  registered = true;
}
