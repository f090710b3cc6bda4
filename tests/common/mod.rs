#![allow(dead_code)]
//! Shared pieces of the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

pub fn sha256(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).expect("readable file")).to_vec()
}

/// Runs the built `waymark` binary.
pub fn waymark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(args)
        .output()
        .expect("waymark runs")
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// A small PNG, made by hand so the test needs no image library: 1×1, red.
pub fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
        0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8,
        0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]
}

/// Pseudo-random bytes from `seed` (xorshift): no compression brings them under a size limit.
pub fn incompressible(seed: u64, len: usize) -> Vec<u8> {
    let mut seed = seed.max(1);
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

/// The benchmark-sized sample with one storyline image, so images take part in round trips.
pub fn sample_with_image() -> waymark::Project {
    use waymark::*;
    let mut project = sample::generate(sample::Size {
        stages: 5,
        steps_per_stage: 3,
        lanes: 10,
        cards: 120,
        personas: 2,
    });
    let data = tiny_png();
    let hash = Image::hash_of(&data);
    project.images.push(Image {
        hash: hash.clone(),
        mime: ImageMime::Png,
        width: 1,
        height: 1,
        data,
    });
    let journey = project.journeys[0].id;
    let lane = Lane {
        id: uuid::Uuid::new_v4(),
        journey,
        kind: LaneKind::Images,
        title: "Storyline".into(),
        order: OrderKey::first().before(),
    };
    let step = project.journey_steps(journey)[0].id;
    project.cards.push(Card {
        id: uuid::Uuid::new_v4(),
        lane: lane.id,
        step,
        text: "Shop window".into(),
        image: Some(hash),
        ..Card::default()
    });
    project.lanes.push(lane);
    project.validate().expect("sample is valid");
    project.canonicalize();
    project
}

pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub fn file_in(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

/// A `waymark serve` process on 127.0.0.1 (never another address; port 0 picks a free one),
/// killed with SIGKILL when dropped.
pub struct ServerProcess {
    child: std::process::Child,
    pub port: u16,
}

impl ServerProcess {
    /// Starts the server and reads the port it listens on from its first line.
    pub fn start(data: &Path, tokens: Option<&Path>, port: u16) -> ServerProcess {
        use std::io::BufRead;
        let mut args = vec![
            "serve".to_string(),
            "--data".into(),
            path_str(data).into(),
            "--bind".into(),
            format!("127.0.0.1:{port}"),
        ];
        if let Some(tokens) = tokens {
            args.extend(["--token-file".into(), path_str(tokens).into()]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("waymark serve starts");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("the server says where it listens");
        let port = line
            .split("ws://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        ServerProcess { child, port }
    }

    /// The server's process id, to read its memory.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL, as a crash would; returns the port to restart on.
    pub fn kill(mut self) -> u16 {
        self.child.kill().expect("the server can be killed");
        self.child.wait().expect("the server ends");
        self.port
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
