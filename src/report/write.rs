//! Atomic output: every file of a report is written into a hidden sibling
//! folder of DIR, then that folder takes DIR's place in one rename (on
//! Linux the old and new folders are exchanged with `renameat2`), so a
//! killed run leaves either the previous report or the new one, never half
//! of one; two runs into one folder at once leave the report of the one
//! that finished last, whole. A killed run may leave its unfinished hidden
//! folder behind; the next run removes it.
//!
//! Every report folder holds [`MANIFEST`], the list of the files lexalign
//! wrote there. A folder is replaced only when it is empty or holds nothing
//! but the files its manifest lists: a file the user put there, or a folder
//! of the user's, is never deleted. `--force` writes the report beside such
//! files instead: the report is written whole in the hidden folder, then,
//! if none of its files would replace a file lexalign did not write, moved
//! in file by file (each file atomically, the report as a whole not). A
//! folder that holds an input of the run is never written into.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::ReportError;

/// The file in every report folder that lists the files lexalign wrote.
pub const MANIFEST: &str = ".lexalign-report";

/// Report files of versions before the manifest: a folder holding one of
/// these, written by lexalign, and nothing but `.html`, `.json` and `.csv`
/// files is a report.
const MARKERS: &[&str] = &["report.json", "compare.json", "trend.json"];

/// Files named when a folder is refused (then "and N more").
const NAMED: usize = 3;

/// Distinguishes temporary folders of one process (tests write several
/// reports at once).
static SEQ: AtomicUsize = AtomicUsize::new(0);

/// How a report folder may be written.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutOptions<'a> {
    /// The paths the run read: the report folder may hold none of them.
    pub inputs: &'a [PathBuf],
    /// Write beside files lexalign did not write, replacing only its own.
    pub force: bool,
}

/// Where the files of a report go while it is written.
/// Files may be put from several threads at once (`&self`): the manifest
/// lists them sorted, so the order they are written in changes nothing.
pub struct Files {
    root: PathBuf,
    written: std::sync::Mutex<Vec<String>>,
    inputs: Vec<PathBuf>,
}

impl Files {
    /// The paths the run read (as given), for pages that show a document.
    pub fn inputs(&self) -> &[PathBuf] {
        &self.inputs
    }

    /// Open one file of the report for writing, to be written a piece at a
    /// time (while other files are put) and then [`OpenFile::finish`]ed.
    pub fn create(&self, name: &str) -> Result<OpenFile, ReportError> {
        let safe = !name.is_empty()
            && name != MANIFEST
            && name
                .split('/')
                .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\\'));
        let path = self.root.join(name);
        if !safe {
            return Err(ReportError::Io {
                path,
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a report file name must stay inside the folder",
                ),
            });
        }
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(io(p))?;
        }
        let file = std::io::BufWriter::new(fs::File::create(&path).map_err(io(&path))?);
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(name.to_string());
        Ok(OpenFile { path, file })
    }

    /// Write one file of the report as `write` makes it (for files too
    /// large to hold whole).
    pub fn put_with(
        &self,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), ReportError> {
        let mut f = self.create(name)?;
        write(&mut f.file).map_err(io(&f.path))?;
        f.finish()
    }

    /// Write one file of the report.
    pub fn put(&self, name: &str, bytes: &[u8]) -> Result<(), ReportError> {
        self.put_with(name, |w| w.write_all(bytes))
    }
}

/// A file of the report being written (see [`Files::create`]).
pub struct OpenFile {
    path: PathBuf,
    file: std::io::BufWriter<fs::File>,
}

impl OpenFile {
    /// Where it is written, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Close it; a report counts a file only once it is finished. (On
    /// Linux the whole folder goes to disk at once before it is put in
    /// place, see [`to_disk`]; elsewhere each file does.)
    pub fn finish(self) -> Result<(), ReportError> {
        let path = self.path;
        let f = self
            .file
            .into_inner()
            .map_err(|e| io(&path)(e.into_error()))?;
        if cfg!(target_os = "linux") {
            Ok(())
        } else {
            f.sync_all().map_err(io(&path))
        }
    }
}

impl Write for OpenFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ReportError + '_ {
    move |source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What is in a folder lexalign was asked to write into.
struct Survey {
    /// The files lexalign wrote there (from its manifest).
    ours: BTreeSet<String>,
    /// Up to [`NAMED`] + 1 of the other files and folders.
    foreign: Vec<String>,
}

/// The files under `dir` (relative, `/`-separated) against its manifest.
fn survey(dir: &Path) -> Result<Survey, ReportError> {
    let listed = fs::read_to_string(dir.join(MANIFEST)).ok().map(|m| {
        m.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_string)
            .collect::<BTreeSet<_>>()
    });
    let legacy = listed.is_none()
        && MARKERS.iter().any(|m| {
            let head = fs::read(dir.join(m)).unwrap_or_default();
            let head = String::from_utf8_lossy(&head[..head.len().min(200)]).into_owned();
            head.contains("\"generator\": \"lexalign")
        });
    let mut ours = listed.clone().unwrap_or_default();
    let mut foreign = Vec::new();
    let mut old_report = Vec::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let e = e.map_err(|e| ReportError::Io {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("cannot list")),
        })?;
        if e.file_type().is_dir() {
            continue;
        }
        let rel: Vec<String> = e
            .path()
            .strip_prefix(dir)
            .unwrap_or(e.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel.join("/");
        if rel == MANIFEST || listed.as_ref().is_some_and(|l| l.contains(&rel)) {
            continue;
        }
        let old_report_file =
            legacy && e.depth() == 1 && [".html", ".json", ".csv"].iter().any(|x| rel.ends_with(x));
        if old_report_file {
            old_report.push(rel);
            continue;
        }
        foreign.push(rel);
        if foreign.len() > NAMED {
            break;
        }
    }
    // A folder without a manifest is taken for an old report only when it
    // holds nothing else; beside other files, its report files may be the
    // user's too (`analyze --format json > report.json`).
    if foreign.is_empty() {
        ours.extend(old_report);
    } else {
        foreign.extend(old_report);
    }
    Ok(Survey { ours, foreign })
}

/// The first of `inputs` that lies inside `dir` (as the user named it).
fn input_inside(dir: &Path, inputs: &[PathBuf]) -> Option<String> {
    inputs.iter().find_map(|i| {
        let c = fs::canonicalize(i).ok()?;
        let name = crate::source::display_name(i);
        if c == dir {
            Some(format!("the input {name} itself"))
        } else {
            c.starts_with(dir)
                .then(|| format!("{name}, an input of this run"))
        }
    })
}

/// DIR as an absolute path whose last component is a plain name, with its
/// parent created.
fn resolve(dir: &Path) -> Result<PathBuf, ReportError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(ReportError::NotAReport {
                path: dir.to_path_buf(),
                why: "it is a file, not a folder; choose a new or empty folder".to_string(),
            });
        }
        return fs::canonicalize(dir).map_err(io(dir));
    }
    let name = dir.file_name().ok_or_else(|| ReportError::NotAReport {
        path: dir.to_path_buf(),
        why: "it does not end in a folder name".to_string(),
    })?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent).map_err(io(parent))?;
    Ok(fs::canonicalize(parent).map_err(io(parent))?.join(name))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let mut f = fs::File::create(path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

/// The manifest's text: what lexalign wrote, one file per line.
fn manifest(names: &[String]) -> Vec<u8> {
    let mut m = format!(
        "# Written by lexalign {}: the files of this report. lexalign replaces this folder\n\
         # only while it holds nothing else; it never deletes a file not listed here.\n",
        env!("CARGO_PKG_VERSION")
    );
    let mut names: Vec<&String> = names.iter().collect();
    names.sort();
    names.dedup();
    for n in names {
        m.push_str(n);
        m.push('\n');
    }
    m.into_bytes()
}

/// Put the files written into `dir` on disk before the folder takes the
/// report's place: one `syncfs` for the whole folder, rather than one
/// `fsync` per file (thousands of pages).
#[cfg(target_os = "linux")]
fn to_disk(dir: &Path) -> Result<(), ReportError> {
    let d = fs::File::open(dir).map_err(io(dir))?;
    rustix::fs::syncfs(&d).map_err(|e| io(dir)(e.into()))
}

/// Each file was synced as it was finished.
#[cfg(not(target_os = "linux"))]
fn to_disk(_: &Path) -> Result<(), ReportError> {
    Ok(())
}

/// Exchange two folders in one step; false when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Whether process `pid` is running (on Linux; elsewhere assume it is,
/// so that nothing of another run is removed).
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Remove the unfinished folders that killed runs left beside the report
/// (`.<name>.lexalign-new-<pid>-<n>` of a process that is gone).
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.lexalign-new-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| p != std::process::id() && !alive(p)) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Write a report into `dir`: `fill` puts its files one at a time (so a
/// report of many pages need not be held in memory), and the folder then
/// replaces the report there (if any) in one step. Returns the absolute
/// path of `dir`.
pub fn write_report_folder(
    dir: &Path,
    opts: OutOptions<'_>,
    fill: impl FnOnce(&mut Files) -> Result<(), ReportError>,
) -> Result<PathBuf, ReportError> {
    let target = resolve(dir)?;
    let refuse = |why: String| ReportError::NotAReport {
        path: dir.to_path_buf(),
        why,
    };
    if let Some(input) = input_inside(&target, opts.inputs) {
        return Err(refuse(format!(
            "it holds {input}; write the report to another folder"
        )));
    }
    let existing = if target.exists() {
        Some(survey(&target)?)
    } else {
        None
    };
    if let Some(s) = existing.as_ref().filter(|s| !s.foreign.is_empty()) {
        if !opts.force {
            let named: Vec<&str> = s.foreign.iter().take(NAMED).map(String::as_str).collect();
            let more = if s.foreign.len() > NAMED {
                " and more"
            } else {
                ""
            };
            return Err(refuse(format!(
                "it holds files lexalign did not write ({}{more}); move them, choose a new or empty folder, or give --force to write the report beside them",
                named.join(", ")
            )));
        }
    }
    let parent = target.parent().unwrap_or(Path::new("/"));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_leftovers(parent, &name);
    let tag = format!(
        "{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    );
    let tmp = parent.join(format!(".{name}.lexalign-new-{tag}"));
    let filled = fs::create_dir(&tmp).map_err(io(&tmp)).and_then(|()| {
        let mut out = Files {
            root: tmp.clone(),
            written: std::sync::Mutex::new(Vec::new()),
            inputs: opts.inputs.to_vec(),
        };
        fill(&mut out)?;
        let written = out
            .written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        write_file(&tmp.join(MANIFEST), &manifest(&written))?;
        to_disk(&tmp)?;
        Ok(written)
    });
    let written = match filled {
        Ok(w) => w,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    if let Some(s) = existing.filter(|s| !s.foreign.is_empty()) {
        let placed = place_beside(dir, &tmp, &target, &s.ours, &written);
        let _ = fs::remove_dir_all(&tmp);
        placed?;
        return Ok(target);
    }
    let placed = if target.exists() {
        exchange(&tmp, &target)
    } else {
        // Another run may create the folder meanwhile: then exchange.
        fs::rename(&tmp, &target).is_ok() || exchange(&tmp, &target)
    };
    if placed {
        // `tmp` now holds the previous report, if there was one.
        let _ = fs::remove_dir_all(&tmp);
    } else {
        let old = parent.join(format!(".{name}.lexalign-old-{tag}"));
        if let Err(e) = fs::rename(&target, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(io(&target)(e));
        }
        if let Err(e) = fs::rename(&tmp, &target) {
            let _ = fs::rename(&old, &target);
            let _ = fs::remove_dir_all(&tmp);
            return Err(io(&target)(e));
        }
        let _ = fs::remove_dir_all(&old);
    }
    if let Ok(d) = fs::File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(target)
}

/// `--force`: move the report written in `tmp` into `target`, a folder
/// that holds other files, file by file: first checking that none of its
/// files would replace a file lexalign did not write, then renaming each
/// into place; the previous report's files that the new one lacks are
/// removed. Nothing but lexalign's own files is touched.
fn place_beside(
    dir: &Path,
    tmp: &Path,
    target: &Path,
    ours: &BTreeSet<String>,
    written: &[String],
) -> Result<(), ReportError> {
    if let Some(taken) = written
        .iter()
        .find(|n| target.join(n).symlink_metadata().is_ok() && !ours.contains(*n))
    {
        return Err(ReportError::NotAReport {
            path: dir.to_path_buf(),
            why: format!(
                "it holds {taken}, which lexalign did not write; --force never replaces it"
            ),
        });
    }
    for n in written.iter().chain(std::iter::once(&MANIFEST.to_string())) {
        let to = target.join(n);
        if let Some(p) = to.parent() {
            fs::create_dir_all(p).map_err(io(p))?;
        }
        fs::rename(tmp.join(n), &to).map_err(io(&to))?;
    }
    let now: BTreeSet<&String> = written.iter().collect();
    for stale in ours.iter().filter(|o| !now.contains(o)) {
        let _ = fs::remove_file(target.join(stale));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of a report: its name relative to DIR and its bytes.
    type OutFile = (String, Vec<u8>);

    fn files(v: &str) -> Vec<OutFile> {
        vec![
            ("report.json".into(), b"{}".to_vec()),
            ("index.html".into(), v.as_bytes().to_vec()),
        ]
    }

    /// Write `files` into `dir` (see [`write_report_folder`]).
    fn write_atomically(
        dir: &Path,
        opts: OutOptions<'_>,
        files: &[OutFile],
    ) -> Result<PathBuf, ReportError> {
        write_report_folder(dir, opts, |out| {
            for (name, bytes) in files {
                out.put(name, bytes)?;
            }
            Ok(())
        })
    }

    fn write(dir: &Path, v: &str) -> Result<PathBuf, ReportError> {
        write_atomically(dir, OutOptions::default(), &files(v))
    }

    #[test]
    fn replaces_its_own_report_whole_and_leaves_no_temporary_folder() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("nested/report");
        write(&out, "one").unwrap();
        write(&out, "two").unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert!(
            manifest.contains("\nindex.html\nreport.json\n"),
            "{manifest}"
        );
        let siblings: Vec<_> = fs::read_dir(t.path().join("nested")).unwrap().collect();
        assert_eq!(siblings.len(), 1);
    }

    #[test]
    fn a_file_the_user_added_is_never_deleted() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("r");
        write(&out, "one").unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = write(&out, "two").unwrap_err().to_string();
        assert!(
            err.contains("notes.txt") && err.contains("--force"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        // --force writes beside it, replacing only lexalign's files.
        let force = OutOptions {
            force: true,
            ..OutOptions::default()
        };
        write_atomically(&out, force, &[("index.html".into(), b"three".to_vec())]).unwrap();
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "three");
        // report.json was lexalign's and the new report has none.
        assert!(!out.join("report.json").exists());
        let leftovers: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("lexalign-tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn force_never_overwrites_a_file_lexalign_did_not_write() {
        let t = tempfile::tempdir().unwrap();
        fs::write(t.path().join("index.html"), "the user's page").unwrap();
        let force = OutOptions {
            force: true,
            ..OutOptions::default()
        };
        let err = write_atomically(t.path(), force, &files("x")).unwrap_err();
        assert!(err.to_string().contains("index.html"), "{err}");
        assert_eq!(
            fs::read_to_string(t.path().join("index.html")).unwrap(),
            "the user's page"
        );
    }

    #[test]
    fn a_report_json_the_user_saved_does_not_make_a_folder_a_report() {
        let t = tempfile::tempdir().unwrap();
        fs::write(
            t.path().join("report.json"),
            "{\n  \"version\": 2,\n  \"generator\": \"lexalign 0.1.0\"\n}\n",
        )
        .unwrap();
        fs::write(t.path().join("act.md"), "# Act").unwrap();
        assert!(write(t.path(), "x").is_err());
        assert!(t.path().join("act.md").exists());
    }

    #[test]
    fn a_folder_holding_an_input_is_refused_even_with_force() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("r");
        write(&out, "one").unwrap();
        let inputs = [out.join("report.json")];
        let opts = OutOptions {
            inputs: &inputs,
            force: true,
        };
        let err = write_atomically(&out, opts, &files("two")).unwrap_err();
        assert!(err.to_string().contains("input"), "{err}");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    }

    #[test]
    fn removes_what_killed_runs_left() {
        let t = tempfile::tempdir().unwrap();
        let dead = t.path().join(".r.lexalign-new-4294967295-0");
        let live = t
            .path()
            .join(format!(".r.lexalign-new-{}-99", std::process::id()));
        fs::create_dir(&dead).unwrap();
        fs::create_dir(&live).unwrap();
        write(&t.path().join("r"), "x").unwrap();
        assert!(!dead.exists() || !cfg!(target_os = "linux"));
        assert!(live.exists());
    }

    #[test]
    fn never_writes_over_a_file() {
        let t = tempfile::tempdir().unwrap();
        let file = t.path().join("thesis.tex");
        fs::write(&file, "mine").unwrap();
        assert!(write(&file, "x").is_err());
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    }

    #[test]
    fn file_names_cannot_leave_the_folder() {
        let t = tempfile::tempdir().unwrap();
        let bad = vec![("../escape.html".to_string(), b"x".to_vec())];
        assert!(write_atomically(&t.path().join("r"), OutOptions::default(), &bad).is_err());
        assert!(!t.path().join("escape.html").exists());
        assert!(!t.path().join("r").exists());
        let siblings: Vec<_> = fs::read_dir(t.path()).unwrap().collect();
        assert!(siblings.is_empty(), "{siblings:?}");
    }
}
