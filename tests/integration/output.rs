//! What `--out DIR` may and may not do to a folder: it never deletes a
//! file lexalign did not write, never removes the run's own inputs, leaves
//! the previous report as it was when the input failed, and a killed run
//! leaves the old report or the new one. Also what a published report may
//! not hold: the analyst's absolute paths, CSV cells a spreadsheet runs.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::{arg, root, run};

/// Every file under `dir` (relative name → bytes).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn corpus(rel: &str) -> String {
    arg(&root().join("corpus").join(rel))
}

#[test]
fn a_mistyped_input_leaves_the_previous_report_byte_identical() {
    let t = tempfile::tempdir().unwrap();
    let out = arg(&t.path().join("rep"));
    let (status, _, err) = run(&["analyze", &corpus("hualan"), "--out", &out, "-q"]);
    assert_eq!(status, 0, "{err}");
    let before = snapshot(t.path());
    let typo = arg(&root().join("corpsu"));
    let (status, _, err) = run(&["analyze", &typo, "--out", &out]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("corpsu") && err.contains("no report written"),
        "{err}"
    );
    // One good path and one mistyped: still nothing written.
    let (status, _, _) = run(&["analyze", &corpus("aldoria"), &typo, "--out", &out]);
    assert_eq!(status, 2);
    assert!(snapshot(t.path()) == before, "the folder changed");
}

#[test]
fn out_dot_in_a_folder_of_statutes_deletes_nothing() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    fs::copy(
        root().join("corpus/hualan/minors-protection-law-2021.md"),
        d.join("law.md"),
    )
    .unwrap();
    fs::write(d.join("notes.txt"), "the analyst's notes").unwrap();
    let (status, json, err) = run(&["analyze", &arg(d), "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    fs::write(d.join("report.json"), json).unwrap();
    let before = snapshot(d);
    let (status, _, err) = lexalign_in(d, &["analyze", ".", "--out", "."]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("input"), "{err}");
    let (status, _, err) = lexalign_in(d, &["analyze", &corpus("aldoria"), "--out", "."]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("did not write") && err.contains("--force"),
        "{err}"
    );
    assert!(snapshot(d) == before, "the folder changed");
    // --force writes beside them, but never over the user's report.json.
    let (status, _, err) =
        lexalign_in(d, &["analyze", &corpus("aldoria"), "--out", ".", "--force"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("report.json"), "{err}");
    fs::rename(d.join("report.json"), d.join("saved.json")).unwrap();
    let before = snapshot(d);
    let (status, _, err) = lexalign_in(
        d,
        &["analyze", &corpus("aldoria"), "--out", ".", "--force", "-q"],
    );
    assert_eq!(status, 0, "{err}");
    let after = snapshot(d);
    assert!(after.contains_key("aldoria.html"), "{:?}", after.keys());
    for (name, bytes) in &before {
        assert!(after.get(name) == Some(bytes), "{name} was changed");
    }
}

fn lexalign_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = super::lexalign()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_file_added_to_a_report_folder_survives_the_next_run() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("rep");
    let o = arg(&out);
    assert_eq!(run(&["analyze", &corpus("hualan"), "--out", &o, "-q"]).0, 0);
    fs::write(out.join("README.txt"), "published 2026").unwrap();
    fs::create_dir(out.join("img")).unwrap();
    fs::write(out.join("img/logo.svg"), "<svg/>").unwrap();
    let (status, _, err) = run(&["analyze", &corpus("aldoria"), "--out", &o]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("README.txt"), "{err}");
    let (status, _, err) = run(&["analyze", &corpus("aldoria"), "--out", &o, "--force", "-q"]);
    assert_eq!(status, 0, "{err}");
    let after = snapshot(&out);
    assert_eq!(after["README.txt"], b"published 2026");
    assert_eq!(after["img/logo.svg"], b"<svg/>");
    assert!(after.contains_key("aldoria.html"));
    // The previous report's page was lexalign's: gone with --force.
    assert!(!after.contains_key("hualan.html"), "{:?}", after.keys());
}

#[test]
fn trend_and_compare_never_remove_their_own_inputs() {
    let t = tempfile::tempdir().unwrap();
    let r24 = t.path().join("r24");
    let r25 = t.path().join("r25");
    for (dir, src) in [(&r24, "norland-2024"), (&r25, "norland-2025")] {
        assert_eq!(
            run(&["analyze", &corpus(src), "--out", &arg(dir), "-q"]).0,
            0
        );
    }
    let before = snapshot(t.path());
    let a = arg(&r24.join("report.json"));
    let b = arg(&r25.join("report.json"));
    for force in [false, true] {
        let mut trend = vec!["trend", &a, &b, "--out"];
        let r24s = arg(&r24);
        trend.push(&r24s);
        if force {
            trend.push("--force");
        }
        let (status, _, err) = run(&trend);
        assert_eq!(status, 2, "{err}");
        assert!(err.contains("input"), "{err}");
        let mut compare = vec!["compare", &a, &b, "--out"];
        let r25s = arg(&r25);
        compare.push(&r25s);
        if force {
            compare.push("--force");
        }
        let (status, _, err) = run(&compare);
        assert_eq!(status, 2, "{err}");
        assert!(err.contains("input"), "{err}");
    }
    assert!(snapshot(t.path()) == before, "the folder changed");
}

#[test]
fn no_output_of_a_run_on_absolute_paths_holds_the_input_root() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("private-folder-of-the-analyst");
    for j in ["norland-2024", "norland-2025", "hualan"] {
        let d = input.join(j);
        fs::create_dir_all(&d).unwrap();
        for e in fs::read_dir(root().join("corpus").join(j)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), d.join(e.file_name())).unwrap();
        }
    }
    let secret = arg(t.path());
    let rep = t.path().join("out/rep");
    let (status, _, err) = run(&["analyze", &arg(&input), "--out", &arg(&rep)]);
    assert_eq!(status, 0, "{err}");
    let (status, csv, _) = run(&["analyze", &arg(&input.join("hualan")), "--format", "csv"]);
    assert_eq!(status, 0);
    assert!(!csv.contains(&secret), "{csv}");
    assert!(
        csv.contains("hualan/minors-protection-law-2021.md"),
        "{csv}"
    );
    let (status, json, _) = run(&["analyze", &arg(&input), "--format", "json"]);
    assert_eq!(status, 0);
    assert!(!json.contains(&secret));
    let cmp = t.path().join("out/cmp");
    let (status, _, err) = run(&[
        "compare",
        &arg(&input.join("norland-2024")),
        &arg(&input.join("norland-2025")),
        "--out",
        &arg(&cmp),
    ]);
    assert_eq!(status, 0, "{err}");
    let trend = t.path().join("out/trend");
    let report = arg(&rep.join("report.json"));
    let (status, _, err) = run(&["trend", &report, "--out", &arg(&trend)]);
    assert_eq!(status, 0, "{err}");
    let files = snapshot(&t.path().join("out"));
    assert!(files.len() > 6, "{:?}", files.keys());
    for (name, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&secret), "{name} holds {secret}");
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let t = tempfile::tempdir().unwrap();
    fs::write(
        t.path().join("a.md"),
        "---\njurisdiction: \"@SUM(1+1)\"\nversion: '=HYPERLINK(\"http://evil.example\",\"x\")'\nlanguage: en\n---\n## Section 1. Offence\n\nA person who possesses child pornography commits an offence.\n",
    )
    .unwrap();
    let (status, csv, err) = run(&["analyze", &arg(t.path()), "--format", "csv"]);
    assert_eq!(status, 0, "{err}");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let mut n = 0;
    for r in rows.records() {
        let r = r.unwrap();
        n += 1;
        for cell in r.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell:?}"
            );
        }
        assert_eq!(&r[0], "'@SUM(1+1)");
        assert_eq!(&r[1], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    }
    assert_eq!(n, 33);
}

/// SIGKILL at many points of a run: the folder holds the old report or the
/// new one, whole, every time.
#[cfg(unix)]
#[test]
fn a_killed_run_leaves_the_old_report_or_the_new_one() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("rep");
    let o = arg(&out);
    assert_eq!(run(&["analyze", &corpus("hualan"), "--out", &o, "-q"]).0, 0);
    let old = snapshot(&out);
    let bin = assert_cmd::cargo::cargo_bin("lexalign");
    let all = corpus("");
    let mut new = None;
    for delay_ms in (0..200).step_by(10) {
        let mut child = std::process::Command::new(&bin)
            .args(["analyze", &all, "--out", &o, "-q"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        if now != old {
            let whole = new.get_or_insert_with(|| {
                assert_eq!(
                    run(&[
                        "analyze",
                        &all,
                        "--out",
                        &arg(&t.path().join("fresh")),
                        "-q"
                    ])
                    .0,
                    0
                );
                snapshot(&t.path().join("fresh"))
            });
            assert_eq!(
                now.keys().collect::<Vec<_>>(),
                whole.keys().collect::<Vec<_>>(),
                "after {delay_ms} ms"
            );
            assert!(
                &now == whole,
                "after {delay_ms} ms: neither the old report nor the new one"
            );
        }
    }
    // The next normal run removes what the killed ones left.
    assert_eq!(run(&["analyze", &corpus("hualan"), "--out", &o, "-q"]).0, 0);
    let left: Vec<_> = fs::read_dir(t.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lexalign"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
