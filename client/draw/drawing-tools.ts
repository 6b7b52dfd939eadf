import { effect } from '@preact/signals';
import type { Geometry } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import {
  TerraDraw, TerraDrawLineStringMode, TerraDrawModeUndoRedo, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawRectangleMode,
  TerraDrawSelectMode, TerraDrawSessionUndoRedo, TerraDrawUndoRedoKeyboardShortcuts,
  type GeoJSONStoreFeatures, type SnapToCustom, type TerraDrawMouseEvent,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { featuresByCollection } from '../state/dashboard-state.ts';
import { recordDrawnGeometries, recordUndoAvailable } from '../state/editing-actions.ts';
import { drawingCommand, drawingMode, editingSession, pickingLinks } from '../state/editing-state.ts';
import { splitGeometry } from '../model/project-form.ts';
import { buildVertexIndex, findNearestVertex, type VertexIndex } from './snap-to-places.ts';

/** How close (pixels) the pointer must come to a corner of a place for a vertex to snap to it. */
const snapPixels = 10;
/** The collections whose corners a drawn vertex snaps to: estates, roads and buildings. */
const snapCollectionIds = ['neighbourhoods', 'roads', 'buildings'];

// The drawn project in one strong colour that no layer of the dashboard uses, so it stands out.
const outline = '#c2410c';
const fill = '#f97316';
const vertex = '#ffffff';

/** The geometry type each drawing mode stores: other features in its store are guides (closing, snapping, midpoints). */
const geometryTypeOfMode: Record<string, Geometry['type']> = { polygon: 'Polygon', rectangle: 'Polygon', linestring: 'LineString', point: 'Point' };

export interface DrawingToolsHandle {
  remove(): void;
}

/**
 * terra-draw on the dashboard's map: polygon, rectangle, line and point modes, the select mode
 * for moving shapes and dragging, adding (midpoints) and deleting vertices, undo of the last
 * vertex or edit (terra-draw's own history), and snapping to its own shapes and to the places on
 * the map. It follows the editing state (session, mode, commands) and reports the finished shapes
 * through recordDrawnGeometries; it never calls the API.
 */
export function attachDrawingTools(map: maplibregl.Map): DrawingToolsHandle {
  let vertexIndex: VertexIndex | null = null;
  let indexedCollections: unknown[] = [];
  const placeVertices = () => {
    const collections = snapCollectionIds.map((id) => featuresByCollection.peek()[id]);
    if (!vertexIndex || collections.some((collection, position) => collection !== indexedCollections[position])) {
      vertexIndex = buildVertexIndex(collections);
      indexedCollections = collections;
    }
    return vertexIndex;
  };
  const snapToPlaces: SnapToCustom = (event: TerraDrawMouseEvent, context) => {
    const aside = context.unproject(event.containerX + 100, event.containerY + 100);
    const pixelsPerDegree = 100 / Math.max(Math.abs(aside.lng - event.lng), Math.abs(aside.lat - event.lat));
    const nearest = findNearestVertex(
      placeVertices(), { longitude: event.lng, latitude: event.lat, x: event.containerX, y: event.containerY },
      (longitude, latitude) => context.project(longitude, latitude), pixelsPerDegree, snapPixels,
    );
    return nearest ? [nearest[0], nearest[1]] : undefined;
  };
  const snapping = { toCoordinate: true, toCustom: snapToPlaces };
  const shapeStyles = {
    fillColor: fill, fillOpacity: 0.35, outlineColor: outline, outlineWidth: 3,
    closingPointColor: vertex, closingPointOutlineColor: outline, closingPointWidth: 6, closingPointOutlineWidth: 2,
    snappingPointColor: '#facc15', snappingPointOutlineColor: outline, snappingPointWidth: 6, snappingPointOutlineWidth: 2,
    coordinatePointColor: vertex, coordinatePointOutlineColor: outline, coordinatePointWidth: 4, coordinatePointOutlineWidth: 2,
  } as const;
  const editFlags = {
    feature: {
      draggable: true,
      // The server explains a crossing outline and offers a repair, so it is not refused here.
      selfIntersectable: true,
      coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
    },
  };

  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: 'project-drawing' }),
    modes: [
      new TerraDrawPolygonMode({ snapping, showCoordinatePoints: true, styles: shapeStyles }),
      new TerraDrawRectangleMode({ styles: { fillColor: fill, fillOpacity: 0.35, outlineColor: outline, outlineWidth: 3 } }),
      new TerraDrawLineStringMode({ snapping, showCoordinatePoints: true, styles: { lineStringColor: outline, lineStringWidth: 4, closingPointColor: vertex, closingPointOutlineColor: outline, snappingPointColor: '#facc15', coordinatePointColor: vertex, coordinatePointOutlineColor: outline } }),
      new TerraDrawPointMode({ styles: { pointColor: fill, pointWidth: 8, pointOutlineColor: outline, pointOutlineWidth: 2 } }),
      new TerraDrawSelectMode({
        flags: {
          polygon: editFlags,
          rectangle: { feature: { draggable: true, coordinates: { draggable: true, resizable: 'opposite' } } },
          linestring: editFlags,
          point: { feature: { draggable: true } },
        },
        styles: {
          selectedPolygonColor: fill, selectedPolygonFillOpacity: 0.45, selectedPolygonOutlineColor: '#7c2d12', selectedPolygonOutlineWidth: 3,
          selectedLineStringColor: '#7c2d12', selectedLineStringWidth: 5, selectedPointColor: '#7c2d12',
          selectionPointColor: vertex, selectionPointOutlineColor: '#7c2d12', selectionPointWidth: 6, selectionPointOutlineWidth: 2,
          midPointColor: '#fed7aa', midPointOutlineColor: '#7c2d12', midPointWidth: 4, midPointOutlineWidth: 1,
        },
      }),
    ],
    undoRedo: {
      modeLevel: new TerraDrawModeUndoRedo(),
      sessionLevel: new TerraDrawSessionUndoRedo(),
      keyboardShortcuts: new TerraDrawUndoRedoKeyboardShortcuts(),
    },
  });
  draw.start();
  draw.setMode('static');

  /** The finished shapes in terra-draw's store, without guides and the shape still being drawn. */
  const finishedGeometries = (): Geometry[] =>
    draw.getSnapshot()
      .filter((feature: GeoJSONStoreFeatures) => {
        const mode = String(feature.properties.mode ?? '');
        return geometryTypeOfMode[mode] === feature.geometry.type && feature.properties.currentlyDrawing !== true;
      })
      .map((feature) => feature.geometry as Geometry);

  // Changes come on every pointer move while drawing; one report per frame is enough.
  let reportScheduled = false;
  let loading = false;
  const reportShapes = () => {
    if (reportScheduled) return;
    reportScheduled = true;
    requestAnimationFrame(() => {
      reportScheduled = false;
      if (!editingSession.peek()) return;
      recordDrawnGeometries(finishedGeometries(), false);
      recordUndoAvailable(draw.canUndo());
    });
  };
  draw.on('change', reportShapes);
  draw.on('finish', reportShapes);
  draw.on('history', () => recordUndoAvailable(draw.canUndo()));

  const loadGeometry = (geometry: Geometry | null) => {
    loading = true;
    draw.setMode('static');
    draw.clear();
    const shapes = splitGeometry(geometry).map((shape) => ({
      id: draw.getFeatureId(),
      type: 'Feature' as const,
      geometry: shape,
      properties: { mode: shape.type === 'Polygon' ? 'polygon' : shape.type === 'LineString' ? 'linestring' : 'point' },
    }));
    const results = shapes.length > 0 ? draw.addFeatures(shapes) : [];
    const refused = results.filter((result) => !result.valid);
    if (refused.length > 0) console.warn(`[drawing] ${refused.length} shape(s) could not be loaded for editing:`, refused.map((result) => result.reason));
    draw.clearUndoRedoHistory();
    loading = false;
    if (editingSession.peek()) {
      draw.setMode(pickingLinks.peek() ? 'static' : drawingMode.peek());
      recordDrawnGeometries(finishedGeometries(), true);
    }
    recordUndoAvailable(false);
  };

  let lastCommand = 0;
  const stopEffects = [
    effect(() => {
      const command = drawingCommand.value;
      if (!command || command.sequence <= lastCommand) return;
      lastCommand = command.sequence;
      if (command.kind === 'load') loadGeometry(command.geometry);
      else if (command.kind === 'undo') {
        draw.undo();
        reportShapes();
      } else if (command.kind === 'delete-selected') {
        const selected = draw.getSnapshot().filter((feature) => feature.properties.selected === true).map((feature) => feature.id!);
        for (const id of selected) draw.deselectFeature(id);
        if (selected.length > 0) draw.removeFeatures(selected);
        reportShapes();
      }
    }),
    effect(() => {
      const mode = drawingMode.value;
      const open = editingSession.value !== null;
      // While places are picked for linking, a click on the map must not also add a vertex.
      const picking = pickingLinks.value;
      if (loading) return;
      draw.setMode(open && !picking ? mode : 'static');
    }),
  ];

  return {
    remove: () => {
      for (const stop of stopEffects) stop();
      draw.stop();
    },
  };
}
