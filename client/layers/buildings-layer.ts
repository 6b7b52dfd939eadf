import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceCollection, PlaceFeature } from '../api/collections.ts';
import { pickingProperties, type LayerOptions } from './layer-options.ts';
import { buildingColourFallback, buildingTypeColours } from './palette.ts';

export interface BuildingsLayerOptions extends LayerOptions {
  /** Extrude footprints by their floors; flat footprints in the 2D view. */
  threeDimensional: boolean;
}

// A typical storey of Shanghai housing, floor to floor, used to turn floors into height.
const storeyHeightMetres = 3;

function heightMetresOf(feature: PlaceFeature): number {
  const floors = Number(feature.properties?.floors);
  return (Number.isFinite(floors) && floors > 0 ? floors : 1) * storeyHeightMetres;
}

/** Building footprints coloured by building_type, extruded by floors in the 3D view. */
export function createBuildingsLayer(buildings: PlaceCollection, { visible, threeDimensional }: BuildingsLayerOptions) {
  return new GeoJsonLayer({
    id: 'buildings',
    data: buildings,
    visible,
    filled: true,
    stroked: !threeDimensional,
    extruded: threeDimensional,
    wireframe: false,
    getElevation: heightMetresOf,
    getFillColor: (feature: PlaceFeature) => buildingTypeColours[String(feature.properties?.building_type)] ?? buildingColourFallback,
    getLineColor: [150, 140, 130, 160],
    getLineWidth: 0.5,
    lineWidthUnits: 'pixels',
    material: { ambient: 0.55, diffuse: 0.55, shininess: 16, specularColor: [40, 40, 40] },
    ...pickingProperties,
  });
}
