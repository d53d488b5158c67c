//! The analysis pipeline over many files: load → parse → extract → assess
//! each document in parallel (documents are independent), keeping only
//! their outcomes, then combine per jurisdiction. Output order never
//! depends on the thread count.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::assess::{self, DocOutcomes, JurisdictionReport};
use crate::diag::Diagnostic;
use crate::extract::{self, Engine};
use crate::parse;
use crate::source;

/// Time spent in each stage, summed over documents (so with several
/// threads the sum exceeds the wall time).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Reading files and splitting front matter.
    pub load: Duration,
    /// Markdown → provision tree.
    pub parse: Duration,
    /// Concepts, definitions, ages.
    pub extract: Duration,
    /// Checks per document and per jurisdiction.
    pub assess: Duration,
    /// Writing the report.
    pub report: Duration,
    /// Wall time of the analysis (without the report).
    pub wall: Duration,
    /// Bytes read.
    pub bytes: u64,
    /// Documents analysed.
    pub documents: usize,
}

impl Timings {
    fn add(&mut self, o: &Timings) {
        self.load += o.load;
        self.parse += o.parse;
        self.extract += o.extract;
        self.assess += o.assess;
        self.bytes += o.bytes;
        self.documents += o.documents;
    }
}

/// What an analysis produced.
pub struct Analysis {
    /// One report per jurisdiction.
    pub jurisdictions: Vec<JurisdictionReport>,
    /// Problems with the input, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the time went.
    pub timings: Timings,
}

/// One document through the stages; `None` when it could not be read.
fn one(engine: &Engine, path: &std::path::Path) -> (Option<DocOutcomes>, Vec<Diagnostic>, Timings) {
    let mut t = Timings::default();
    let start = Instant::now();
    let src = match source::load_file(path) {
        Ok(s) => s,
        Err(d) => return (None, vec![d], t),
    };
    t.bytes = src.text.len() as u64;
    t.load = start.elapsed();
    let start = Instant::now();
    let (statute, diags) = parse::parse_statute(&src);
    drop(src);
    t.parse = start.elapsed();
    if diags
        .iter()
        .any(|d| d.is_error() && d.message.starts_with("no provisions"))
    {
        return (None, diags, t);
    }
    let start = Instant::now();
    let facts = extract::extract(engine, &statute);
    drop(statute);
    t.extract = start.elapsed();
    let start = Instant::now();
    let out = assess::assess_document(engine, &facts);
    t.assess = start.elapsed();
    t.documents = 1;
    (Some(out), diags, t)
}

/// Analyse files and folders. `progress` is called once per document done.
///
/// Documents are grouped by jurisdiction first (from their front matter);
/// each group is judged and combined as soon as its documents are done, so
/// memory holds the groups in flight, not the whole corpus.
pub fn analyze(engine: &Engine, paths: &[PathBuf], progress: &(dyn Fn() + Sync)) -> Analysis {
    let mut jurisdictions = Vec::new();
    let (diagnostics, timings) = analyze_each(engine, paths, progress, &mut |j| {
        jurisdictions.push(j);
    });
    Analysis {
        jurisdictions,
        diagnostics,
        timings,
    }
}

/// Groups judged at once per thread: enough to keep every thread busy
/// while the finished ones are handed on in order.
const GROUPS_PER_THREAD: usize = 4;

/// Like [`analyze`], but hands each jurisdiction's report to `sink` as soon
/// as it and all before it are done, in the order of their (jurisdiction,
/// version) keys, and keeps none: memory holds a batch of groups, not the
/// corpus. Returns the problems with the input (in file order) and the
/// timings.
pub fn analyze_each(
    engine: &Engine,
    paths: &[PathBuf],
    progress: &(dyn Fn() + Sync),
    sink: &mut dyn FnMut(JurisdictionReport),
) -> (Vec<Diagnostic>, Timings) {
    let wall = Instant::now();
    let (files, mut diagnostics) = source::collect_paths(paths);
    let keys: Vec<(String, Option<String>)> =
        files.par_iter().map(|f| source::peek_key(f)).collect();
    let mut groups: BTreeMap<(String, Option<String>), Vec<&PathBuf>> = BTreeMap::new();
    for (f, k) in files.iter().zip(keys) {
        groups.entry(k).or_default().push(f);
    }
    let groups: Vec<Vec<&PathBuf>> = groups.into_values().collect();
    let batch = rayon::current_num_threads().max(1) * GROUPS_PER_THREAD;
    let mut timings = Timings::default();
    for chunk in groups.chunks(batch) {
        let results: Vec<(Vec<JurisdictionReport>, Vec<Diagnostic>, Timings)> = chunk
            .par_iter()
            .map(|group| judge_group(engine, group, progress))
            .collect();
        for (report, diags, t) in results {
            diagnostics.extend(diags);
            timings.add(&t);
            for r in report {
                sink(r);
            }
        }
    }
    diagnostics.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    timings.wall = wall.elapsed();
    (diagnostics, timings)
}

/// The documents of one jurisdiction through the stages, then combined.
fn judge_group(
    engine: &Engine,
    group: &[&PathBuf],
    progress: &(dyn Fn() + Sync),
) -> (Vec<JurisdictionReport>, Vec<Diagnostic>, Timings) {
    let done: Vec<(Option<DocOutcomes>, Vec<Diagnostic>, Timings)> = group
        .par_iter()
        .map(|f| {
            let r = one(engine, f);
            progress();
            r
        })
        .collect();
    let mut timings = Timings::default();
    let mut diags = Vec::new();
    let mut docs = Vec::new();
    for (out, d, t) in done {
        diags.extend(d);
        timings.add(&t);
        docs.extend(out);
    }
    let start = Instant::now();
    // One report, unless a file's front matter named another jurisdiction
    // than the quick look for grouping saw.
    let report = assess::combine(&engine.law, docs);
    timings.assess += start.elapsed();
    (report, diags, timings)
}

/// The number of Markdown files a set of paths holds (for progress bars).
pub fn count_files(paths: &[PathBuf]) -> usize {
    source::collect_paths(paths).0.len()
}
