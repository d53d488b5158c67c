//! The analysis pipeline over many files: load → parse → extract → assess
//! each document in parallel (documents are independent), keeping only
//! their outcomes, then combine per jurisdiction. Output order never
//! depends on the thread count.
//!
//! Also the loading every caller shares: the model law, the thread pool,
//! and the parsed statutes of a set of paths.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::assess::{self, DocOutcomes, JurisdictionReport};
use crate::checklist::{self, ModelLaw};
use crate::diag::Diagnostic;
use crate::extract::{self, Engine};
use crate::parse::{self, Statute};
use crate::source;

/// The model law in `dir` (checklist.json, concepts.json, lexicon/), or the
/// embedded one; its problems when it does not load.
pub fn load_model_law(dir: Option<&Path>) -> Result<ModelLaw, Vec<Diagnostic>> {
    checklist::load(dir)
}

/// A thread pool of `jobs` threads (all cores by default).
pub fn thread_pool(jobs: Option<u16>) -> anyhow::Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        anyhow::ensure!(n > 0, "--jobs must be at least 1");
        b = b.num_threads(usize::from(n));
    }
    Ok(b.build()?)
}

/// Load and parse every statute under `paths`, in sorted order. Files that
/// cannot be read are reported in the diagnostics and left out.
pub fn load_statutes(paths: &[PathBuf]) -> (Vec<Statute>, Vec<Diagnostic>) {
    let (files, mut diags) = source::collect_paths(paths);
    let mut statutes = Vec::new();
    for f in files {
        match source::load_file(&f) {
            Ok(src) => {
                let (statute, d) = parse::parse_statute(&src);
                diags.extend(d);
                statutes.push(statute);
            }
            Err(d) => diags.push(d),
        }
    }
    (statutes, diags)
}

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

/// What one document gave: its outcomes (`None` when it could not be
/// read or has no provisions), what `keep` took from its parse (`None`
/// when it could not be read), its problems and timings.
type Done<T> = (Option<DocOutcomes>, Option<T>, Vec<Diagnostic>, Timings);

/// One document through the stages; `keep` sees its parsed statute.
fn one<T>(
    engine: &Engine,
    input: &source::Input,
    keep: &(dyn Fn(&Statute) -> T + Sync),
) -> Done<T> {
    let mut t = Timings::default();
    let start = Instant::now();
    let src = match source::load_file(input) {
        Ok(s) => s,
        Err(d) => return (None, None, vec![d], t),
    };
    t.bytes = src.text.len() as u64;
    t.load = start.elapsed();
    let start = Instant::now();
    let ctx = parse::ParseContext {
        paragraph_label: engine.law.paragraph_label(&src.meta.language),
    };
    let (statute, mut diags) = parse::parse_statute_with(&src, &ctx);
    drop(src);
    t.parse = start.elapsed();
    let kept = keep(&statute);
    if statute.provisions.len() > parse::MAX_PROVISIONS {
        diags.push(
            Diagnostic::error(
                &statute.path,
                format!(
                    "the file holds more than {} provisions, the limit; not analysed",
                    parse::MAX_PROVISIONS
                ),
            )
            .with_help("split it into several files (one per part or chapter)"),
        );
        return (None, Some(kept), diags, t);
    }
    if diags
        .iter()
        .any(|d| d.is_error() && d.message.starts_with("no provisions"))
    {
        return (None, Some(kept), diags, t);
    }
    let start = Instant::now();
    let facts = extract::extract_owned(engine, statute);
    t.extract = start.elapsed();
    let start = Instant::now();
    let out = assess::assess_document(engine, &facts);
    t.assess = start.elapsed();
    extract::recycle(facts);
    t.documents = 1;
    (Some(out), Some(kept), diags, t)
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

/// Like [`analyze`], and also what `keep` takes from each statute parsed,
/// in file order (the sorted order of [`load_statutes`]): for callers that
/// need more of the parse than the findings, without parsing twice.
pub fn analyze_keeping<T: Send>(
    engine: &Engine,
    paths: &[PathBuf],
    progress: &(dyn Fn() + Sync),
    keep: &(dyn Fn(&Statute) -> T + Sync),
) -> (Analysis, Vec<T>) {
    let mut jurisdictions = Vec::new();
    let mut kept = Vec::new();
    let (diagnostics, timings) = run(
        engine,
        paths,
        progress,
        keep,
        &mut |j| jurisdictions.push(j),
        &mut kept,
    );
    kept.sort_by_key(|(i, _)| *i);
    let analysis = Analysis {
        jurisdictions,
        diagnostics,
        timings,
    };
    (analysis, kept.into_iter().map(|(_, t)| t).collect())
}

/// The files of one jurisdiction, each with its index among all files.
type Group<'a> = Vec<(usize, &'a source::Input)>;

/// Groups judged at once per thread: enough to keep every thread busy
/// while the finished ones are handed on in order. (On 100 MB and two
/// threads, 4 kept the two cores 187 % busy, 8 190 % at the same peak
/// memory, 32 190 % with 8 MB more.)
const GROUPS_PER_THREAD: usize = 8;

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
    run(engine, paths, progress, &|_| (), sink, &mut Vec::new())
}

/// [`analyze_each`], also pushing onto `kept` what `keep` takes from each
/// statute parsed, with the index of its file.
fn run<T: Send>(
    engine: &Engine,
    paths: &[PathBuf],
    progress: &(dyn Fn() + Sync),
    keep: &(dyn Fn(&Statute) -> T + Sync),
    sink: &mut dyn FnMut(JurisdictionReport),
    kept: &mut Vec<(usize, T)>,
) -> (Vec<Diagnostic>, Timings) {
    let wall = Instant::now();
    let (files, mut diagnostics) = source::collect_paths(paths);
    let keys: Vec<(String, Option<String>)> = files
        .par_iter()
        .map(|f| source::peek_key(&f.path))
        .collect();
    let mut groups: BTreeMap<(String, Option<String>), Group> = BTreeMap::new();
    for (i, (f, k)) in files.iter().zip(keys).enumerate() {
        groups.entry(k).or_default().push((i, f));
    }
    let groups: Vec<Group> = groups.into_values().collect();
    let batch = rayon::current_num_threads().max(1) * GROUPS_PER_THREAD;
    let mut timings = Timings::default();
    // While the pool judges a batch, this thread hands the one before to
    // the sink (which writes the report): writing does not stop the work.
    let mut pending: Vec<Judged<T>> = Vec::new();
    for chunk in groups.chunks(batch).chain(std::iter::once(&[][..])) {
        let mut next: Vec<Judged<T>> = Vec::new();
        rayon::in_place_scope(|s| {
            if !chunk.is_empty() {
                s.spawn(|_| {
                    next = chunk
                        .par_iter()
                        .map(|group| judge_group(engine, group, progress, keep))
                        .collect();
                });
            }
            for (report, k, diags, t) in pending.drain(..) {
                diagnostics.extend(diags);
                timings.add(&t);
                kept.extend(k);
                for r in report {
                    sink(r);
                }
            }
        });
        pending = next;
    }
    diagnostics.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    timings.wall = wall.elapsed();
    (diagnostics, timings)
}

/// What a group of documents gave: its reports, what `keep` took (with
/// the index of each file), its problems and timings.
type Judged<T> = (
    Vec<JurisdictionReport>,
    Vec<(usize, T)>,
    Vec<Diagnostic>,
    Timings,
);

/// The documents of one jurisdiction through the stages, then combined.
fn judge_group<T: Send>(
    engine: &Engine,
    group: &[(usize, &source::Input)],
    progress: &(dyn Fn() + Sync),
    keep: &(dyn Fn(&Statute) -> T + Sync),
) -> Judged<T> {
    let done: Vec<(usize, Done<T>)> = group
        .par_iter()
        .map(|&(i, f)| {
            let r = one(engine, f, keep);
            progress();
            (i, r)
        })
        .collect();
    let mut timings = Timings::default();
    let mut diags = Vec::new();
    let mut docs = Vec::new();
    let mut kept = Vec::new();
    for (i, (out, k, d, t)) in done {
        diags.extend(d);
        timings.add(&t);
        docs.extend(out);
        kept.extend(k.map(|k| (i, k)));
    }
    diags.extend(two_versions(&docs));
    let start = Instant::now();
    // One report, unless a file's front matter named another jurisdiction
    // than the quick look for grouping saw.
    let report = assess::combine(&engine.law, docs);
    timings.assess += start.elapsed();
    (report, kept, diags, timings)
}

/// Titles at least this similar (after numbers and punctuation are
/// dropped; 0–1, by edit distance) name one instrument.
const SAME_TITLE: f64 = 0.75;

/// A warning for each pair of documents of one jurisdiction that look like
/// two versions of one instrument — titles (or file names) alike but for
/// their numbers, or one the start of the other, and different years —
/// since they are judged together as one
/// body of law.
fn two_versions(docs: &[assess::DocOutcomes]) -> Vec<Diagnostic> {
    let plain = |d: &assess::DocOutcomes| -> String {
        let name = d.info.title.clone().unwrap_or_else(|| {
            Path::new(&d.info.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let words: Vec<String> = name
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.join(" ")
    };
    let titles: Vec<String> = docs.iter().map(plain).collect();
    // Each title's letters, sorted: the letters one title has and the
    // other lacks take an edit each, so they bound the edit distance from
    // below and most pairs are told apart without working it out.
    let letters: Vec<Vec<char>> = titles
        .iter()
        .map(|t| {
            let mut l: Vec<char> = t.chars().collect();
            l.sort_unstable();
            l
        })
        .collect();
    let mut out = Vec::new();
    for (i, a) in docs.iter().enumerate() {
        for (j, b) in docs.iter().enumerate().skip(i + 1) {
            let (Some(ya), Some(yb)) = (a.info.year, b.info.year) else {
                continue;
            };
            if ya == yb || titles[i].is_empty() || titles[j].is_empty() {
                continue;
            }
            let (ta, tb) = (&titles[i], &titles[j]);
            let (short, long) = if ta.len() <= tb.len() {
                (ta, tb)
            } else {
                (tb, ta)
            };
            // "… Act" and "… Act as amended": one title the start of the other.
            let extended = short.contains(' ') && long.starts_with(short.as_str());
            if !extended {
                let (la, lb) = (&letters[i], &letters[j]);
                let longest = la.len().max(lb.len()) as f64;
                let at_most = 1.0 - unshared(la, lb) as f64 / longest;
                if at_most < SAME_TITLE || strsim::normalized_levenshtein(ta, tb) < SAME_TITLE {
                    continue;
                }
            }
            let (old, new) = if ya < yb { (a, b) } else { (b, a) };
            out.push(
                Diagnostic::warning(
                    &new.info.path,
                    format!(
                        "this looks like a later version ({}) of {} ({}): the two are judged together as one body of law",
                        new.info.year.unwrap_or_default(),
                        old.info.path,
                        old.info.year.unwrap_or_default()
                    ),
                )
                .with_help("to report each on its own, give them different `version:` values in their front matter, or leave the older one out"),
            );
        }
    }
    out
}

/// How many letters (of two sorted lists) one has that the other lacks,
/// the more of the two counts: no fewer edits turn one into the other.
fn unshared(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    a.len().max(b.len()) - shared
}

/// The jurisdictions of the files under `paths`, each as a review file
/// names it (`code`, or `code@version`), from a quick look at their front
/// matter: what `--review` is checked against before the analysis.
pub fn jurisdiction_keys(paths: &[PathBuf]) -> std::collections::BTreeSet<String> {
    let (files, _) = source::collect_paths(paths);
    files
        .par_iter()
        .map(|f| {
            let (code, version) = source::peek_key(&f.path);
            crate::review::jurisdiction_key(&code, version.as_deref())
        })
        .collect()
}

/// The number of Markdown files a set of paths holds (for progress bars).
pub fn count_files(paths: &[PathBuf]) -> usize {
    source::collect_paths(paths).0.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the analysis keeps of each parse is what parsing the files on
    /// their own gives, in the same (file) order, whatever the threads.
    #[test]
    fn analyze_keeping_keeps_every_parse_in_file_order() {
        let law = load_model_law(None).unwrap();
        let engine = Engine::new(law);
        let paths = [PathBuf::from("corpus")];
        let cites = |s: &Statute| -> (String, Vec<String>) {
            let c = s.provisions.iter().map(|p| p.citation.clone()).collect();
            (s.path.clone(), c)
        };
        let (statutes, _) = load_statutes(&paths);
        let alone: Vec<_> = statutes.iter().map(cites).collect();
        for jobs in [1, 3] {
            let pool = thread_pool(Some(jobs)).unwrap();
            let (analysis, kept) =
                pool.install(|| analyze_keeping(&engine, &paths, &|| {}, &cites));
            assert_eq!(kept, alone);
            assert_eq!(
                analysis.jurisdictions.len(),
                analyze(&engine, &paths, &|| {}).jurisdictions.len()
            );
        }
    }
}
