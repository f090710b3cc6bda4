// Sizes of the map grid, in CSS pixels. The emotion band's SVG and the CSS grid share them.

export const LABEL_WIDTH = 196;
export const COLUMN_WIDTH = 224;
export const STAGE_HEIGHT = 44;
export const EMOTION_HEIGHT = 196;
/** Vertical room kept free above and below the scale inside the emotion band (for point labels). */
export const EMOTION_PADDING = 24;
