//! Decodes a project image to straight (not premultiplied) RGBA for both renderers.

use crate::model::{Image, ImageMime};

pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// `None` when the bytes do not decode; the renderers then draw a marked placeholder so the
/// gap is visible on paper instead of silently empty.
pub fn decode(image: &Image) -> Option<Pixels> {
    // Decoders are third-party code fed with user bytes: a panic in one must not end an export.
    std::panic::catch_unwind(|| match image.mime {
        ImageMime::Png => png(&image.data),
        ImageMime::Jpeg => jpeg(&image.data),
        ImageMime::Webp => webp(&image.data),
    })
    .ok()
    .flatten()
    .filter(|p| p.width > 0 && p.height > 0 && p.rgba.len() == (p.width * p.height * 4) as usize)
}

fn png(data: &[u8]) -> Option<Pixels> {
    let pixmap = tiny_skia::Pixmap::decode_png(data).ok()?;
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Some(Pixels {
        width: pixmap.width(),
        height: pixmap.height(),
        rgba,
    })
}

fn jpeg(data: &[u8]) -> Option<Pixels> {
    use zune_jpeg::zune_core::{colorspace::ColorSpace, options::DecoderOptions};
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGBA);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(data, options);
    let rgba = decoder.decode().ok()?;
    let (width, height) = decoder.dimensions()?;
    Some(Pixels {
        width: width as u32,
        height: height as u32,
        rgba,
    })
}

fn webp(data: &[u8]) -> Option<Pixels> {
    let mut decoder = image_webp::WebPDecoder::new(std::io::Cursor::new(data)).ok()?;
    let (width, height) = decoder.dimensions();
    let mut buf = vec![0; decoder.output_buffer_size()?];
    decoder.read_image(&mut buf).ok()?;
    let rgba = if decoder.has_alpha() {
        buf
    } else {
        buf.chunks(3)
            .flat_map(|c| [c[0], c[1], c[2], 255])
            .collect()
    };
    Some(Pixels {
        width,
        height,
        rgba,
    })
}
