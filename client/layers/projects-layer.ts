import type { PathStyleExtension, PathStyleExtensionProps } from '@deck.gl/extensions';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { PlaceFeature } from '../api/collections.ts';
import type { LayerOptions } from './layer-options.ts';
import { projectFillColour, projectLineColour, projectStatusStyles } from './project-colours.ts';

export interface ProjectOverlay {
  /** The projects to draw, each with its status on the as-of date in `status_as_of`. */
  features: PlaceFeature[];
  /** True while the projects panel is open: the layer shows then even when switched off in the list. */
  panelOpen: boolean;
  /** The selected project and the places it links to; null when none is selected. */
  highlight: { project: PlaceFeature; places: PlaceFeature[] } | null;
}

const statusOf = (feature: PlaceFeature) => String(feature.properties?.status_as_of ?? feature.properties?.status ?? 'in_progress');
const actionOf = (feature: PlaceFeature) => String(feature.properties?.action ?? '');

// The dashes' extension and its shaders are a chunk of their own, fetched the first time projects
// show (the layer is off at start), so the first map's code does not carry them.
let dashExtension: Promise<PathStyleExtension> | null = null;
/** The extension that dashes planned and on-hold projects; the same one on every call. */
export const loadProjectDashes = () => (dashExtension ??= import('@deck.gl/extensions').then(({ PathStyleExtension }) => new PathStyleExtension({ dash: true })));

/**
 * The action plan's projects: colour by action (six colours), style by status on the as-of date
 * (planned hollow and dashed, in progress light, completed solid and darker, on hold grey and
 * dashed). Only outlines, lines and points are pickable: the inside of a project area stays
 * clickable for the estates and buildings under it. Made only with `dashes` (loadProjectDashes) at hand.
 */
export function createProjectsLayer(features: PlaceFeature[], { visible, dashes }: LayerOptions & { dashes: PathStyleExtension }) {
  return new GeoJsonLayer<PlaceFeature['properties'], PathStyleExtensionProps<PlaceFeature>>({
    id: 'projects',
    data: features,
    visible,
    filled: true,
    stroked: true,
    getFillColor: (feature) => projectFillColour(actionOf(feature as PlaceFeature), statusOf(feature as PlaceFeature)),
    getLineColor: (feature) => projectLineColour(actionOf(feature as PlaceFeature), statusOf(feature as PlaceFeature)),
    getLineWidth: (feature) => ((feature as PlaceFeature).geometry?.type.includes('LineString') ? 5 : 2.5),
    lineWidthUnits: 'pixels',
    lineWidthMinPixels: 1.5,
    pointType: 'circle',
    getPointRadius: 7,
    pointRadiusUnits: 'pixels',
    extensions: [dashes],
    getDashArray: (feature: PlaceFeature) => (projectStatusStyles[statusOf(feature) as keyof typeof projectStatusStyles]?.dashed ? [4, 3] : [0, 0]),
    dashJustified: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 200, 0, 160],
    _subLayerProps: { 'polygons-fill': { pickable: false } },
    updateTriggers: {
      getFillColor: features,
      getLineColor: features,
      getDashArray: features,
    },
  });
}

/** The selected project (thick gold outline) and the places it links to (thinner, filled), over everything. */
export function createProjectHighlightLayer(highlight: NonNullable<ProjectOverlay['highlight']>) {
  return new GeoJsonLayer<PlaceFeature['properties']>({
    id: 'project-highlight',
    data: [...highlight.places, highlight.project],
    filled: true,
    stroked: true,
    getFillColor: (feature) => (feature === highlight.project ? [255, 196, 0, 60] : [255, 140, 0, 45]),
    getLineColor: (feature) => (feature === highlight.project ? [255, 180, 0, 255] : [230, 110, 0, 220]),
    getLineWidth: (feature) => (feature === highlight.project ? 5 : 2.5),
    lineWidthUnits: 'pixels',
    pointType: 'circle',
    getPointRadius: (feature) => (feature === highlight.project ? 11 : 8),
    pointRadiusUnits: 'pixels',
    pickable: false,
    parameters: { depthCompare: 'always' as const },
    updateTriggers: { getFillColor: highlight, getLineColor: highlight, getLineWidth: highlight, getPointRadius: highlight },
  });
}
