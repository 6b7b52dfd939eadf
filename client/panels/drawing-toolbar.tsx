import type { MessageKey } from '../i18n/messages.ts';
import { translate } from '../i18n/translate.ts';
import { deleteSelectedShape, setDrawingMode, undoDrawing } from '../state/editing-actions.ts';
import { canUndoDrawing, drawingMode, pickingLinks, type DrawingMode } from '../state/editing-state.ts';

const tools: { mode: DrawingMode; label: MessageKey; hint: MessageKey }[] = [
  { mode: 'polygon', label: 'drawPolygon', hint: 'drawHintPolygon' },
  { mode: 'rectangle', label: 'drawRectangle', hint: 'drawHintRectangle' },
  { mode: 'linestring', label: 'drawLine', hint: 'drawHintLine' },
  { mode: 'point', label: 'drawPoint', hint: 'drawHintPoint' },
  { mode: 'select', label: 'drawSelect', hint: 'drawHintSelect' },
];

/** The drawing tools on the map while a project is drawn or edited: a mode at a time, undo, delete a shape. */
export function DrawingToolbar() {
  const current = tools.find((tool) => tool.mode === drawingMode.value) ?? tools[0];
  return (
    <div class="drawing-toolbar" role="toolbar" aria-label={translate('drawingToolbarLabel')} data-testid="drawing-toolbar">
      <div class="drawing-tools">
        {tools.map((tool) => (
          <button key={tool.mode} type="button" aria-pressed={!pickingLinks.value && drawingMode.value === tool.mode} data-testid={`draw-${tool.mode}`} onClick={() => setDrawingMode(tool.mode)}>
            {translate(tool.label)}
          </button>
        ))}
        <span class="toolbar-separator" />
        <button type="button" data-testid="draw-undo" disabled={!canUndoDrawing.value} onClick={undoDrawing} title="Ctrl+Z">{translate('drawUndo')}</button>
        {drawingMode.value === 'select' && <button type="button" data-testid="draw-delete-shape" onClick={deleteSelectedShape}>{translate('drawDeleteShape')}</button>}
      </div>
      <p class="drawing-hint" data-testid="drawing-hint">{translate(current.hint)}</p>
    </div>
  );
}
