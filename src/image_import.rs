//! Turning a picture file into an `Image` record: PNG, JPEG or WebP only, checked by content, sized
//! before it is decoded, downscaled and written afresh, so nothing of the original file but its
//! pixels (no EXIF, GPS, ICC or comments) ends up in the project.

use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::error::{Error, Result};
use crate::model::{Image, ImageMime};

/// Bigger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 40 * 1024 * 1024;
/// Bigger pictures are refused before their pixels are allocated.
pub const MAX_PIXELS: u64 = 100_000_000;
/// The long side of a stored picture: sharp on a printed A3 step column, small in the file.
pub const MAX_SIDE: u32 = 2048;
pub const JPEG_QUALITY: u8 = 85;

const ACCEPTED: &str = "choose a PNG, JPEG or WebP picture";

/// Reads, checks and re-encodes the picture at `path`.
pub fn import(path: &Path) -> Result<Image> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(bad(
            path,
            format!(
                "the file is {} MB, more than the {} MB a picture may have; make it smaller first",
                meta.len().div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    import_bytes(path, &bytes)
}

/// As `import`, for bytes already read; `path` names them in messages.
pub fn import_bytes(path: &Path, bytes: &[u8]) -> Result<Image> {
    let format = sniff(bytes).ok_or_else(|| {
        bad(
            path,
            format!("this is not a PNG, JPEG or WebP picture; {ACCEPTED}"),
        )
    })?;
    let damaged = |e: image::ImageError| {
        bad(
            path,
            format!("the picture is damaged or cut short ({e}); {ACCEPTED} that opens elsewhere"),
        )
    };
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(damaged)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(bad(
            path,
            format!(
                "the picture is {width} × {height} pixels, more than {} megapixels; make it smaller first",
                MAX_PIXELS / 1_000_000
            ),
        ));
    }

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    // 16-bit RGBA at the pixel limit, and a little for the decoder itself.
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    // Orientation lives in the EXIF that is dropped, so turn the pixels the way it says first.
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    if let Some(orientation) = orientation {
        picture.apply_orientation(orientation);
    }
    if picture.width().max(picture.height()) > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }

    let alpha = picture.color().has_alpha();
    let mime = match format {
        ImageFormat::Jpeg => ImageMime::Jpeg,
        // A lossy WebP photo stays small as JPEG; a lossless or transparent one keeps every pixel.
        ImageFormat::WebP if !alpha && is_lossy_webp(bytes) => ImageMime::Jpeg,
        _ => ImageMime::Png,
    };
    let data = encode(&picture, mime).map_err(|e| {
        bad(
            path,
            format!("the picture could not be written afresh ({e}); {ACCEPTED}"),
        )
    })?;
    Ok(Image {
        hash: Image::hash_of(&data),
        mime,
        width: picture.width(),
        height: picture.height(),
        data,
    })
}

/// The format by the file's first bytes; the name and extension are not trusted.
fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// A simple WebP's first chunk says which codec it holds: `VP8 ` is lossy, `VP8L` lossless; an
/// extended one (`VP8X`) may hold either, so it is taken as lossy unless it has a lossless chunk.
fn is_lossy_webp(bytes: &[u8]) -> bool {
    match bytes.get(12..16) {
        Some(b"VP8 ") => true,
        Some(b"VP8X") => !bytes.windows(4).any(|w| w == b"VP8L"),
        _ => false,
    }
}

fn encode(picture: &DynamicImage, mime: ImageMime) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    match mime {
        ImageMime::Jpeg => {
            let rgb = picture.to_rgb8();
            rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))?;
        }
        _ => {
            // 8 bits a channel is all a screen or print shows; 16-bit PNGs would double the file.
            let eight: DynamicImage = match picture {
                DynamicImage::ImageLuma8(_)
                | DynamicImage::ImageLumaA8(_)
                | DynamicImage::ImageRgb8(_)
                | DynamicImage::ImageRgba8(_) => picture.clone(),
                other if other.color().has_alpha() => other.to_rgba8().into(),
                other => other.to_rgb8().into(),
            };
            eight.write_with_encoder(PngEncoder::new(&mut out))?;
        }
    }
    Ok(out)
}

fn bad(path: &Path, detail: String) -> Error {
    Error::BadImage {
        path: path.to_path_buf(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn name() -> &'static Path {
        Path::new("holiday.jpg")
    }

    fn gradient(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        })
    }

    fn encoded(picture: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    /// A JPEG with an EXIF segment (a camera model and a GPS tag name) right after its start.
    fn jpeg_with_exif() -> Vec<u8> {
        let plain = encoded(&gradient(64, 48).into(), ImageFormat::Jpeg);
        let mut payload = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0".to_vec();
        payload.extend_from_slice(b"CameraModel GPSLatitude 52.5200 N");
        let mut segment = vec![0xff, 0xe1];
        segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(&payload);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&segment);
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_jpeg_loses_its_exif_and_stays_a_jpeg() {
        let input = jpeg_with_exif();
        assert!(contains(&input, b"Exif") && contains(&input, b"GPSLatitude"));
        let image = import_bytes(name(), &input).unwrap();
        assert_eq!(image.mime, ImageMime::Jpeg);
        assert_eq!((image.width, image.height), (64, 48));
        assert!(!contains(&image.data, b"Exif"));
        assert!(!contains(&image.data, b"GPSLatitude"));
        assert_eq!(image.hash, Image::hash_of(&image.data));
        assert!(sniff(&image.data) == Some(ImageFormat::Jpeg));
    }

    #[test]
    fn a_big_picture_is_downscaled_to_the_long_side() {
        let input = encoded(&gradient(3000, 1000).into(), ImageFormat::Png);
        let image = import_bytes(Path::new("wide.png"), &input).unwrap();
        assert_eq!(image.mime, ImageMime::Png);
        assert_eq!(image.width, MAX_SIDE);
        assert_eq!(image.height, 683);
        let decoded = image::load_from_memory(&image.data).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (MAX_SIDE, 683));
    }

    #[test]
    fn a_transparent_png_keeps_its_alpha_and_nothing_else() {
        let picture = RgbaImage::from_fn(10, 20, |x, _| Rgba([255, 0, 0, (x * 25) as u8]));
        let mut input = encoded(&picture.into(), ImageFormat::Png);
        // A text chunk before IEND, as editors write them.
        let iend = input.len() - 12;
        let mut chunk = Vec::new();
        let body = b"tEXtAuthor\0Someone private";
        chunk.extend_from_slice(&((body.len() - 4) as u32).to_be_bytes());
        chunk.extend_from_slice(body);
        let mut crc = flate2::Crc::new();
        crc.update(body);
        chunk.extend_from_slice(&crc.sum().to_be_bytes());
        input.splice(iend..iend, chunk);
        assert!(image::load_from_memory(&input).is_ok());

        let image = import_bytes(Path::new("logo.png"), &input).unwrap();
        assert_eq!(image.mime, ImageMime::Png);
        assert!(!contains(&image.data, b"Someone private"));
        let decoded = image::load_from_memory(&image.data).unwrap();
        assert!(decoded.color().has_alpha());
        assert_eq!((decoded.width(), decoded.height()), (10, 20));
    }

    #[test]
    fn a_lossless_webp_becomes_a_png() {
        let input = encoded(&gradient(30, 20).into(), ImageFormat::WebP);
        let image = import_bytes(Path::new("shot.webp"), &input).unwrap();
        assert_eq!(image.mime, ImageMime::Png);
        assert_eq!((image.width, image.height), (30, 20));
    }

    #[test]
    fn a_text_file_is_refused_naming_it_and_the_formats() {
        let error = import_bytes(Path::new("notes.png"), b"shopping list: milk\n").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("notes.png"), "{message}");
        assert!(message.contains("PNG, JPEG or WebP"), "{message}");
        assert!(matches!(error, Error::BadImage { .. }), "{error:?}");
    }

    #[test]
    fn a_truncated_png_is_refused() {
        let input = encoded(&gradient(200, 200).into(), ImageFormat::Png);
        let error = import_bytes(Path::new("cut.png"), &input[..input.len() / 2]).unwrap_err();
        assert!(
            error.to_string().contains("damaged or cut short"),
            "{error}"
        );
    }

    #[test]
    fn absurd_dimensions_are_refused_before_decoding() {
        // A valid 1 × 1 PNG whose header claims 20000 × 20000 pixels.
        let mut input = encoded(&gradient(1, 1).into(), ImageFormat::Png);
        input[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        input[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&input[12..29]);
        input[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        let error = import_bytes(Path::new("huge.png"), &input).unwrap_err();
        assert!(error.to_string().contains("20000 × 20000"), "{error}");
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scan.png");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let error = import(&path).unwrap_err();
        assert!(error.to_string().contains("MB"), "{error}");
        assert!(error.to_string().contains("scan.png"), "{error}");
    }
}
