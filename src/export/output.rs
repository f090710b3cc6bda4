//! Where an export's bytes go. Writing must never change what a path *is*: a symlink stays a
//! symlink (its target gets the bytes), a terminal, pipe or file a shell opened for us
//! (/dev/stdout) is streamed into, a folder and a Waymark project are refused. Every export (PDF, PNG, JSON, CSV, a ranking, a template) goes
//! through here, from the CLI and from the app.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Whether a regular file already at the path may be replaced.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Replace {
    /// An old export is replaced (a Waymark project never is).
    OldExport,
    /// Nothing is replaced: an existing file is `Error::AlreadyExists`.
    Never,
}

/// Writes `bytes` to `path` (see the module comment for what each kind of path gets).
pub fn write(path: &Path, bytes: &[u8], replace: Replace) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(Error::Usage {
            what: "no file to write the export to; give its path".into(),
        });
    }
    // `metadata` follows links the way `open` will, /proc's magic links to pipes included.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Error::OutputIsDirectory {
            path: path.to_path_buf(),
        }),
        Ok(meta) if meta.is_file() => {
            if crate::store::is_project(path) {
                return Err(Error::OutputIsProject {
                    path: path.to_path_buf(),
                });
            }
            if is_opened_for_us(path) {
                return stream(path, bytes);
            }
            if replace == Replace::Never {
                return Err(Error::AlreadyExists {
                    path: path.to_path_buf(),
                });
            }
            let target = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
            replace_file(&target, bytes, Some(&meta), replace).map_err(|e| file_error(path, e))
        }
        Ok(meta) if is_stream(&meta) => stream(path, bytes),
        Ok(_) => Err(Error::OutputNotAFile {
            path: path.to_path_buf(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let target = dangling_target(path)?;
            replace_file(&target, bytes, None, replace).map_err(|e| file_error(path, e))
        }
        Err(e) => Err(Error::io(path, e)),
    }
}

fn file_error(path: &Path, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::AlreadyExists {
            path: path.to_path_buf(),
        },
        _ => Error::io(path, e),
    }
}

/// A character device (a terminal, /dev/null) or a FIFO: written into, as `cat >` would.
#[cfg(unix)]
fn is_stream(meta: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device() || meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_meta: &Metadata) -> bool {
    false
}

/// /dev/stdout, /dev/fd/N and /proc/self/fd/N name a file a shell opened for us (`>` or `>>`):
/// it is written where the shell left it, as a stream, and never replaced — a rename would put
/// the export in place of a log the shell was appending to.
fn is_opened_for_us(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// Appends: a pipe or terminal has no end to seek, and a file a shell opened with `>` is empty.
fn stream(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut sink = OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    sink.write_all(bytes)
        .and_then(|_| sink.flush())
        .map_err(|e| Error::io(path, e))
}

/// The file a path that does not exist yet names: itself, or where its (chain of) symlinks
/// finally point, so the export lands there and the link stays a link.
fn dangling_target(path: &Path) -> Result<PathBuf> {
    let mut at = path.to_path_buf();
    // The kernel's own limit on links in a row; past it `metadata` said ELOOP, not NotFound.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&at).map_err(|e| Error::io(path, e))?;
                at = match at.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(Error::io(
        path,
        std::io::Error::other("too many symbolic links in a row"),
    ))
}

/// Writes `bytes` beside `target` (a hidden `.NAME.partial`), syncs, and renames it over
/// `target`, so an interrupted export never leaves half a file and a failed one leaves the old
/// file as it was. An old file's permissions carry over to the new one.
fn replace_file(
    target: &Path,
    bytes: &[u8],
    old: Option<&Metadata>,
    replace: Replace,
) -> std::io::Result<()> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let partial = target.with_file_name(format!(".{name}.partial"));
    let written = File::create(&partial).and_then(|mut file| {
        file.write_all(bytes)?;
        if let Some(old) = old {
            file.set_permissions(old.permissions())?;
        }
        file.sync_all()
    });
    let placed = written.and_then(|_| match replace {
        Replace::OldExport => std::fs::rename(&partial, target),
        Replace::Never => place_new(&partial, target),
    });
    if placed.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    placed
}

/// Moves `partial` to `target` only if nothing is there: a hard link fails when the name is
/// taken, where a rename would replace what another program just put there.
fn place_new(partial: &Path, target: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(partial, target) {
        Ok(()) => std::fs::remove_file(partial),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links (FAT, some network shares).
        Err(_) if target.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(partial, target),
    }
}
