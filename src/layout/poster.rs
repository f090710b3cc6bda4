//! A poster: a journey's scene cut into overlapping sheets, its stage header repeated on each row.

use super::map::{COL_W, LABEL_W};
use super::scene::{Rect, Scene};

/// Which part of a scene one sheet shows.
pub struct Sheet {
    pub view: Rect,
    /// The header strip drawn above the view (map units), on sheets below the first row.
    pub header: Option<Rect>,
    pub row: usize,
    pub column: usize,
}

/// Cuts a scene into sheets at most `tile_w` × `tile_h` map units, overlapping by `overlap`, and
/// repeats the header on every row after the first. A sheet ends at a column edge or row break
/// when one lies in its far half, so cards are cut only when they are larger than half a sheet.
pub fn tiles(scene: &Scene, tile_w: f32, tile_h: f32, overlap: f32) -> (Vec<Sheet>, usize, usize) {
    // Below a fifth of a sheet the overlap can never undo a sheet's progress, even after
    // snapping back to an edge in the sheet's middle.
    let overlap = overlap.min(tile_w / 5.0).min(tile_h / 5.0).max(0.0);
    let snap = |from: f32, to: f32, edges: &[f32]| {
        edges
            .iter()
            .copied()
            .filter(|e| *e > from && *e <= to)
            .last()
    };
    let mut spans: Vec<(f32, f32)> = Vec::new();
    let mut left = 0.0f32;
    loop {
        let mut right = left + tile_w;
        if right < scene.width - 0.5 {
            right = snap(left + tile_w * 0.5, right, &scene.columns).unwrap_or(right);
        }
        spans.push((left, right));
        if right >= scene.width - 0.5 {
            break;
        }
        left = right - overlap;
    }
    let header = scene
        .header
        .filter(|(top, bottom)| bottom - top < tile_h / 2.0);
    let mut rows: Vec<(f32, f32, Option<(f32, f32)>)> = Vec::new();
    let mut top = 0.0f32;
    loop {
        let repeat = match header {
            Some((ht, hb)) if !rows.is_empty() && top >= hb - 0.5 => Some((ht, hb)),
            _ => None,
        };
        let room = tile_h - repeat.map_or(0.0, |(ht, hb)| hb - ht);
        let mut bottom = top + room;
        if bottom < scene.height - 0.5 {
            bottom = snap(top + room * 0.5, bottom, &scene.breaks).unwrap_or(bottom);
        }
        rows.push((top, bottom, repeat));
        if bottom >= scene.height - 0.5 {
            break;
        }
        top = bottom - overlap;
    }
    let mut sheets = Vec::new();
    for (r, (top, bottom, repeat)) in rows.iter().enumerate() {
        for (c, (left, right)) in spans.iter().enumerate() {
            sheets.push(Sheet {
                view: Rect::new(*left, *top, right - left, bottom - top),
                header: repeat.map(|(ht, hb)| Rect::new(*left, ht, right - left, hb - ht)),
                row: r,
                column: c,
            });
        }
    }
    (sheets, rows.len(), spans.len())
}

/// How wide the title block and legend may be on a poster whose sheets are `tile_w` map units
/// wide and overlap by `overlap`. The first sheet ends at the last column edge that fits (see
/// `tiles`), and the next one repeats its last `overlap`: the block stays left of both.
pub fn block_width(tile_w: f32, overlap: f32) -> f32 {
    let columns = ((tile_w - LABEL_W) / COL_W).floor().max(0.0);
    let edge = LABEL_W + columns * COL_W;
    let edge = if edge > tile_w * 0.5 { edge } else { tile_w };
    edge - overlap - 4.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{self, MapOptions};
    use crate::sample::{generate, Size};

    #[test]
    fn tiles_cover_the_whole_scene() {
        let project = generate(Size {
            stages: 12,
            steps_per_stage: 1,
            lanes: 8,
            cards: 120,
            personas: 2,
        });
        let map = layout::journey(&project, &project.journeys[0], &MapOptions::default());
        let (sheets, rows, columns) = tiles(&map, 700.0, 400.0, 20.0);
        assert!(rows > 1 && columns > 1);
        assert_eq!(sheets.len(), rows * columns);
        for placed in &map.cards {
            assert!(
                sheets.iter().any(|s| s.view.contains(&placed.rect)),
                "a card is cut on every sheet"
            );
        }
        let right = sheets.iter().map(|s| s.view.right()).fold(0.0, f32::max);
        let bottom = sheets.iter().map(|s| s.view.bottom()).fold(0.0, f32::max);
        assert!(right >= map.width && bottom >= map.height);
        assert!(sheets
            .iter()
            .filter(|s| s.row > 0)
            .all(|s| s.header.is_some()));
    }

    #[test]
    fn tiling_always_progresses() {
        let project = generate(Size {
            stages: 6,
            steps_per_stage: 1,
            lanes: 6,
            cards: 30,
            personas: 1,
        });
        let map = layout::journey(&project, &project.journeys[0], &MapOptions::default());
        for (w, h, overlap) in [
            (140.0, 120.0, 1000.0),
            (300.0, 90.0, 40.0),
            (2000.0, 5000.0, 0.0),
        ] {
            let (sheets, rows, columns) = tiles(&map, w, h, overlap);
            assert_eq!(sheets.len(), rows * columns);
            assert!(sheets.len() < 10_000);
        }
    }

    #[test]
    fn the_title_block_ends_before_the_first_sheets_overlap() {
        for tile_w in [300.0, 700.0, 1190.0] {
            let width = block_width(tile_w, 20.0);
            let edge = width + 20.0 + 4.0;
            assert!(edge <= tile_w, "{tile_w}: {width}");
            let columns = (edge - LABEL_W) / COL_W;
            assert!(
                (columns - columns.round()).abs() < 1e-3 || edge == tile_w,
                "{tile_w}: the first sheet ends at a column edge"
            );
        }
    }
}
