//! Atomic output: every file of a report is written into a hidden sibling
//! folder of DIR, then that folder takes DIR's place in one rename (on
//! Linux the old and new folders are exchanged with `renameat2`), so a
//! killed run leaves either the previous report or the new one, never half
//! of one. A killed run may leave its unfinished hidden folder behind; the
//! next run removes it. A folder that is not a lexalign report is never
//! replaced.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::ReportError;

/// A file of the report: its name relative to DIR (`/`-separated, no
/// `..`) and its bytes.
pub type OutFile = (String, Vec<u8>);

/// The files whose presence (written by lexalign) marks a folder as a
/// report (of `analyze`, `compare` or `trend`) that may be replaced.
const MARKERS: &[&str] = &["report.json", "compare.json", "trend.json"];

/// Distinguishes temporary folders of one process (tests write several
/// reports at once).
static SEQ: AtomicUsize = AtomicUsize::new(0);

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ReportError + '_ {
    move |source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether `dir` may be replaced: it is empty, or holds a report lexalign
/// wrote.
fn replaceable(dir: &Path) -> Result<bool, ReportError> {
    let mut entries = fs::read_dir(dir).map_err(io(dir))?;
    if entries.next().is_none() {
        return Ok(true);
    }
    Ok(MARKERS.iter().any(|m| {
        let head = fs::read(dir.join(m)).unwrap_or_default();
        let head = String::from_utf8_lossy(&head[..head.len().min(200)]).into_owned();
        head.contains("\"generator\": \"lexalign")
    }))
}

/// DIR as an absolute path whose last component is a plain name, with its
/// parent created.
fn resolve(dir: &Path) -> Result<PathBuf, ReportError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(ReportError::NotAReport {
                path: dir.to_path_buf(),
                why: "it is a file, not a folder",
            });
        }
        return fs::canonicalize(dir).map_err(io(dir));
    }
    let name = dir.file_name().ok_or_else(|| ReportError::NotAReport {
        path: dir.to_path_buf(),
        why: "it does not end in a folder name",
    })?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent).map_err(io(parent))?;
    Ok(fs::canonicalize(parent).map_err(io(parent))?.join(name))
}

fn write_files(root: &Path, files: &[OutFile]) -> Result<(), ReportError> {
    fs::create_dir(root).map_err(io(root))?;
    for (name, bytes) in files {
        let safe = !name.is_empty()
            && name
                .split('/')
                .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\\'));
        if !safe {
            return Err(ReportError::Io {
                path: root.join(name),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a report file name must stay inside the folder",
                ),
            });
        }
        let path = root.join(name);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(io(p))?;
        }
        let mut f = fs::File::create(&path).map_err(io(&path))?;
        f.write_all(bytes).map_err(io(&path))?;
        f.sync_all().map_err(io(&path))?;
    }
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

/// Write `files` into `dir`, replacing the report there (if any) in one
/// step. Returns the absolute path of `dir`.
pub fn write_atomically(dir: &Path, files: &[OutFile]) -> Result<PathBuf, ReportError> {
    let target = resolve(dir)?;
    if target.exists() && !replaceable(&target)? {
        return Err(ReportError::NotAReport {
            path: dir.to_path_buf(),
            why: "it is not empty and holds no report.json, compare.json or trend.json written by lexalign",
        });
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
    if let Err(e) = write_files(&tmp, files) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if !target.exists() {
        fs::rename(&tmp, &target).map_err(io(&target))?;
    } else if exchange(&tmp, &target) {
        // `tmp` now holds the previous report.
        let _ = fs::remove_dir_all(&tmp);
    } else {
        let old = parent.join(format!(".{name}.lexalign-old-{tag}"));
        fs::rename(&target, &old).map_err(io(&target))?;
        if let Err(e) = fs::rename(&tmp, &target) {
            let _ = fs::rename(&old, &target);
            return Err(io(&target)(e));
        }
        let _ = fs::remove_dir_all(&old);
    }
    if let Ok(d) = fs::File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(v: &str) -> Vec<OutFile> {
        vec![
            (
                "report.json".into(),
                format!("{{\n  \"version\": 1,\n  \"generator\": \"lexalign {v}\"\n}}\n").into(),
            ),
            ("index.html".into(), v.as_bytes().to_vec()),
        ]
    }

    #[test]
    fn replaces_a_report_whole_and_leaves_no_temporary_folder() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("nested/report");
        write_atomically(&out, &files("one")).unwrap();
        fs::write(out.join("stale.html"), "old").unwrap();
        write_atomically(&out, &files("two")).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("stale.html").exists());
        let siblings: Vec<_> = fs::read_dir(t.path().join("nested")).unwrap().collect();
        assert_eq!(siblings.len(), 1);
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
        write_atomically(&t.path().join("r"), &files("x")).unwrap();
        assert!(!dead.exists() || !cfg!(target_os = "linux"));
        assert!(live.exists());
    }

    #[test]
    fn never_replaces_a_folder_that_is_not_a_report() {
        let t = tempfile::tempdir().unwrap();
        fs::write(t.path().join("thesis.tex"), "mine").unwrap();
        let err = write_atomically(t.path(), &files("x")).unwrap_err();
        assert!(err.to_string().contains("not empty"), "{err}");
        assert_eq!(
            fs::read_to_string(t.path().join("thesis.tex")).unwrap(),
            "mine"
        );
        let file = t.path().join("thesis.tex");
        assert!(write_atomically(&file, &files("x")).is_err());
    }

    #[test]
    fn file_names_cannot_leave_the_folder() {
        let t = tempfile::tempdir().unwrap();
        let bad = vec![("../escape.html".to_string(), b"x".to_vec())];
        assert!(write_atomically(&t.path().join("r"), &bad).is_err());
        assert!(!t.path().join("escape.html").exists());
        assert!(!t.path().join("r").exists());
    }
}
