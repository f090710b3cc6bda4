//! Live co-editing figures (docs/sync.md, docs/performance.md), printed as a table:
//! `cargo bench --bench sync` (`WAYMARK_SYNC_EDITS=N` for another edit count).
//!
//! 1. The engine choice: Loro (through Waymark's own mapping, `sync::Replica`) against Yrs
//!    with the same layout (a map per record, a field per key, placement as one value, card text
//!    as the engine's text), on the benchmark map: state size, applying the same 10 000 edits,
//!    loading the state, and the memory the document holds (counted by this bench's allocator).
//! 2. The file: a .waymark of the benchmark map before and after going live, after the edits
//!    (with the store's compaction), and how long opening it takes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

use waymark::store::ProjectFile;
use waymark::sync::Replica;
use waymark::*;

/// Counts the bytes allocated and not yet freed, so a document's memory can be read precisely.
struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> isize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

/// The same edit sequence for both engines: a character typed into a card, a card moved to
/// another cell, a stage renamed, in a fixed pseudo-random order.
#[derive(Clone, Copy)]
enum BenchEdit {
    Type {
        card: usize,
    },
    /// To another step, in the same lane (a card's fields suit its lane's kind).
    Move {
        card: usize,
        step: usize,
    },
    Rename {
        stage: usize,
    },
}

fn edits(project: &Project, count: usize) -> Vec<BenchEdit> {
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    (0..count)
        .map(|_| match next() % 10 {
            0..=6 => BenchEdit::Type {
                card: next() % project.cards.len(),
            },
            7 | 8 => BenchEdit::Move {
                card: next() % project.cards.len(),
                step: next() % project.steps.len(),
            },
            _ => BenchEdit::Rename {
                stage: next() % project.stages.len(),
            },
        })
        .collect()
}

/// The typed change an edit makes.
fn change(project: &Project, edit: BenchEdit, n: usize) -> Change {
    match edit {
        BenchEdit::Type { card } => {
            let before = project.cards[card].clone();
            let mut after = before.clone();
            after.text.push(char::from(b'a' + (n % 26) as u8));
            update(Record::Card(before), Record::Card(after))
        }
        BenchEdit::Move { card, step, .. } => {
            let before = project.cards[card].clone();
            let mut after = before.clone();
            after.step = project.steps[step].id;
            after.order = OrderKey::first();
            update(Record::Card(before), Record::Card(after))
        }
        BenchEdit::Rename { stage } => {
            let before = project.stages[stage].clone();
            let mut after = before.clone();
            after.name = format!("Stage {n}");
            update(Record::Stage(before), Record::Stage(after))
        }
    }
}

fn update(before: Record, after: Record) -> Change {
    Change::new(vec![Edit::Update { before, after }])
}

struct Figures {
    state: usize,
    build_ms: f64,
    apply_ms: f64,
    state_after: usize,
    compacted: usize,
    load_ms: f64,
    memory: isize,
}

fn loro(project: &Project, sequence: &[BenchEdit]) -> Figures {
    let started = Instant::now();
    let mut replica = Replica::start(project).unwrap();
    let build_ms = ms(started);
    let state = replica.snapshot().unwrap().len();
    let mut current = project.clone();
    let started = Instant::now();
    for (n, edit) in sequence.iter().enumerate() {
        let change = change(&current, *edit, n);
        current.apply(&change).unwrap();
        replica.record_local(&change).unwrap();
    }
    let apply_ms = ms(started);
    let snapshot = replica.snapshot().unwrap();
    let compacted = replica.compacted().unwrap().len();
    drop(replica);
    let before = live_bytes();
    let started = Instant::now();
    let loaded = Replica::load(&[snapshot.clone()]).unwrap();
    let load_ms = ms(started);
    let memory = live_bytes() - before;
    assert_eq!(loaded.records().unwrap().len(), current.records().count());
    Figures {
        state,
        build_ms,
        apply_ms,
        state_after: snapshot.len(),
        compacted,
        load_ms,
        memory,
    }
}

mod yrs_layout {
    //! The same layout in Yrs, for the comparison only.
    use yrs::types::ToJson;
    use yrs::updates::decoder::Decode;
    use yrs::updates::encoder::Encode;
    use yrs::{Doc, Map, MapPrelim, MapRef, ReadTxn, StateVector, Text, TextPrelim, Transact};

    pub fn build(project: &waymark::Project) -> Doc {
        let doc = Doc::new();
        let records = doc.get_or_insert_map("records");
        let mut txn = doc.transact_mut();
        for record in project.records() {
            let key = format!("{:?}:{}", record.kind(), record.key().id_text());
            let map: MapRef = records.insert(&mut txn, key, MapPrelim::default());
            let serde_json::Value::Object(tagged) = serde_json::to_value(&record).unwrap() else {
                unreachable!()
            };
            let serde_json::Value::Object(fields) = tagged["record"].clone() else {
                unreachable!()
            };
            let mut placement = serde_json::Map::new();
            for (name, value) in fields {
                match name.as_str() {
                    "text" if matches!(record, waymark::Record::Card(_)) => {
                        map.insert(
                            &mut txn,
                            "text",
                            TextPrelim::new(value.as_str().unwrap_or_default()),
                        );
                    }
                    "lane" | "step" | "order" | "journey" | "stage" => {
                        placement.insert(name, value);
                    }
                    _ => {
                        map.insert(&mut txn, format!("f:{name}"), value.to_string());
                    }
                }
            }
            map.insert(
                &mut txn,
                "placement",
                serde_json::Value::Object(placement).to_string(),
            );
            map.insert(&mut txn, "removed", false);
        }
        drop(txn);
        doc
    }

    pub fn record_map(doc: &Doc, key: &str) -> MapRef {
        let records = doc.get_or_insert_map("records");
        let txn = doc.transact();
        match records.get(&txn, key) {
            Some(yrs::Out::YMap(map)) => map,
            _ => panic!("no record {key}"),
        }
    }

    pub fn type_char(doc: &Doc, key: &str, c: char) {
        let map = record_map(doc, key);
        let mut txn = doc.transact_mut();
        if let Some(yrs::Out::YText(text)) = map.get(&txn, "text") {
            text.push(&mut txn, &c.to_string());
        }
    }

    pub fn set(doc: &Doc, key: &str, field: &str, value: String) {
        let map = record_map(doc, key);
        let mut txn = doc.transact_mut();
        map.insert(&mut txn, field, value);
    }

    pub fn encode(doc: &Doc) -> Vec<u8> {
        doc.transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    pub fn load(bytes: &[u8]) -> Doc {
        let doc = Doc::new();
        let records = doc.get_or_insert_map("records");
        {
            let mut txn = doc.transact_mut();
            txn.apply_update(yrs::Update::decode_v1(bytes).unwrap())
                .unwrap();
        }
        {
            let txn = doc.transact();
            assert!(records.len(&txn) > 0);
            let _ = records.to_json(&txn);
        }
        doc
    }

    pub fn state_vector_len(doc: &Doc) -> usize {
        doc.transact().state_vector().encode_v1().len()
    }
}

fn yrs(project: &Project, sequence: &[BenchEdit]) -> Figures {
    let started = Instant::now();
    let doc = yrs_layout::build(project);
    let build_ms = ms(started);
    let state = yrs_layout::encode(&doc).len();
    let key = |record: Record| format!("{:?}:{}", record.kind(), record.key().id_text());
    let mut current = project.clone();
    let started = Instant::now();
    for (n, edit) in sequence.iter().enumerate() {
        let change = change(&current, *edit, n);
        current.apply(&change).unwrap();
        let Edit::Update { after, .. } = &change.edits[0] else {
            unreachable!()
        };
        match (edit, after) {
            (BenchEdit::Type { .. }, Record::Card(card)) => yrs_layout::type_char(
                &doc,
                &key(after.clone()),
                card.text.chars().last().unwrap_or('a'),
            ),
            (BenchEdit::Move { .. }, Record::Card(card)) => yrs_layout::set(
                &doc,
                &key(after.clone()),
                "placement",
                serde_json::json!({"lane": card.lane, "step": card.step, "order": card.order})
                    .to_string(),
            ),
            (_, Record::Stage(stage)) => {
                yrs_layout::set(&doc, &key(after.clone()), "f:name", stage.name.clone())
            }
            _ => unreachable!(),
        }
    }
    let apply_ms = ms(started);
    let bytes = yrs_layout::encode(&doc);
    let _ = yrs_layout::state_vector_len(&doc);
    drop(doc);
    let before = live_bytes();
    let started = Instant::now();
    let loaded = yrs_layout::load(&bytes);
    let load_ms = ms(started);
    let memory = live_bytes() - before;
    drop(loaded);
    Figures {
        state,
        build_ms,
        apply_ms,
        state_after: bytes.len(),
        // Yrs garbage-collects deleted content as it goes; its update is already compact.
        compacted: bytes.len(),
        load_ms,
        memory,
    }
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn kib(bytes: usize) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

fn file_figures(project: &Project, sequence: &[BenchEdit]) {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.waymark");
    ProjectFile::create(&plain, project)
        .unwrap()
        .close()
        .unwrap();
    let live = dir.path().join("live.waymark");
    let mut file = ProjectFile::create(&live, project).unwrap();
    file.go_live().unwrap();
    file.close().unwrap();
    let size = |p: &std::path::Path| std::fs::metadata(p).unwrap().len() as usize;
    let (plain_size, live_size) = (size(&plain), size(&live));
    // Closing compacts the engine's parts into one snapshot; dropping the file, as a crash
    // would, leaves them: the worst case of the next open.
    let open_then = |p: &std::path::Path, close: bool| {
        let mut times: Vec<f64> = (0..7)
            .map(|_| {
                let started = Instant::now();
                let file = ProjectFile::open(p).unwrap();
                let took = ms(started);
                if close {
                    file.close().unwrap();
                }
                took
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let open = |p: &std::path::Path| open_then(p, true);
    let (open_plain, open_live) = (open(&plain), open(&live));

    let mut file = ProjectFile::open(&live).unwrap();
    let started = Instant::now();
    for (n, edit) in sequence.iter().enumerate() {
        let change = change(file.project(), *edit, n);
        file.apply(&change).unwrap();
    }
    let per_edit = ms(started) / sequence.len() as f64;
    drop(file);
    // The history table grows with every edit on any file; compare with a plain file's.
    let mut plain_file = ProjectFile::open(&plain).unwrap();
    for (n, edit) in sequence.iter().enumerate() {
        let change = change(plain_file.project(), *edit, n);
        plain_file.apply(&change).unwrap();
    }
    plain_file.close().unwrap();
    let vacuum = |p: &std::path::Path| {
        let conn = rusqlite::Connection::open(p).unwrap();
        conn.execute_batch("VACUUM").unwrap();
    };
    let parts: i64 = rusqlite::Connection::open(&live)
        .unwrap()
        .query_row("SELECT count(*) FROM sync_state", [], |r| r.get(0))
        .unwrap();
    let open_uncompacted = open_then(&live, false);
    ProjectFile::open(&live).unwrap().close().unwrap();
    vacuum(&live);
    vacuum(&plain);
    let (plain_after, live_after) = (size(&plain), size(&live));
    let (open_plain_after, open_after) = (open(&plain), open(&live));
    println!();
    println!("| the .waymark file of the benchmark map | plain | live |");
    println!("| --- | --- | --- |");
    println!(
        "| size, new | {} | {} ({:.2}×) |",
        kib(plain_size),
        kib(live_size),
        live_size as f64 / plain_size as f64
    );
    println!(
        "| size after {} edits (history included, VACUUM) | {} | {} ({:.2}× the new plain file, {:.2}× the plain file after the same edits) |",
        sequence.len(),
        kib(plain_after),
        kib(live_after),
        live_after as f64 / plain_size as f64,
        live_after as f64 / plain_after as f64
    );
    println!(
        "| open (median of 7), new / after the edits | {open_plain:.1} / {open_plain_after:.1} ms | {open_live:.1} / {open_after:.1} ms (closed, one snapshot); {open_uncompacted:.1} ms not closed ({parts} engine parts) |"
    );
    println!("| one durable edit, mean over the run | — | {per_edit:.2} ms |");
}

fn main() {
    // `cargo test --all-targets` runs benches as tests: keep that quick.
    let quick =
        std::env::args().any(|a| a == "--test") || !std::env::args().any(|a| a == "--bench");
    let count: usize = std::env::var("WAYMARK_SYNC_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 200 } else { 10_000 });
    let project = sample::generate(sample::Size::BENCHMARK);
    let sequence = edits(&project, count);
    let (l, y) = (loro(&project, &sequence), yrs(&project, &sequence));
    println!(
        "Benchmark map: {} records, {} cards; {count} edits (70% typing, 20% moves, 10% renames)",
        project.records().count(),
        project.cards.len()
    );
    println!();
    println!("| engine | state | build | {count} edits | state after | compacted | load | memory loaded |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (name, f) in [("Loro 1.17", l), ("Yrs 0.28", y)] {
        println!(
            "| {name} | {} | {:.1} ms | {:.0} ms | {} | {} | {:.1} ms | {} |",
            kib(f.state),
            f.build_ms,
            f.apply_ms,
            kib(f.state_after),
            kib(f.compacted),
            f.load_ms,
            kib(f.memory.max(0) as usize)
        );
    }
    file_figures(&project, &sequence);
}
