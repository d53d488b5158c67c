//! `analyze --out DIR`: the report folder (index.html, a page per
//! jurisdiction, report.json, report.csv). Golden snapshots of the pages'
//! `<main>` for corpus/, escaping of statute text, page names that stay
//! inside DIR, determinism, template overrides and the atomic write.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::{arg, main_of, ok, run};

/// Every file of a report folder: name → bytes.
fn read_report(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Analyse `paths` into `out` (extra arguments after), expecting exit 0.
fn analyze_into(out: &Path, paths: &[&str], extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let out_arg = arg(out);
    let mut args = vec!["analyze"];
    args.extend(paths);
    args.extend(["--out", out_arg.as_str(), "--quiet"]);
    args.extend(extra);
    let (status, stdout, err) = run(&args);
    assert_eq!(status, 0, "{err}");
    assert!(
        stdout.is_empty(),
        "with --out nothing goes to stdout: {stdout}"
    );
    read_report(out)
}

/// A statute file in a temporary folder.
fn statute(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    arg(&p)
}

#[test]
fn html_report_of_the_corpus() {
    let t = tempfile::tempdir().unwrap();
    let files = analyze_into(&t.path().join("report"), &["corpus/"], &[]);
    let pages: Vec<&String> = files.keys().filter(|n| n.ends_with(".html")).collect();
    assert!(pages.len() > 5, "{pages:?}");
    for name in pages {
        let snap = format!("html_{}", name.trim_end_matches(".html"));
        insta::assert_snapshot!(snap, main_of(&files[name], None));
    }
    let csv = String::from_utf8(files["report.csv"].clone()).unwrap();
    insta::assert_snapshot!(
        "csv_head",
        csv.lines().take(6).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn report_json_is_what_format_json_prints() {
    let t = tempfile::tempdir().unwrap();
    let files = analyze_into(&t.path().join("r"), &["corpus/hualan"], &[]);
    let (status, stdout, err) = run(&["analyze", "corpus/hualan", "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(files["report.json"], stdout.into_bytes());
    let csv = ok(&["analyze", "corpus/hualan", "--format", "csv"]);
    assert_eq!(files["report.csv"], csv.into_bytes());
}

#[test]
fn the_same_input_gives_the_same_bytes_at_any_thread_count() {
    let t = tempfile::tempdir().unwrap();
    let a = analyze_into(&t.path().join("a"), &["corpus/"], &[]);
    let b = analyze_into(&t.path().join("b"), &["corpus/"], &[]);
    let one = analyze_into(&t.path().join("one"), &["corpus/"], &["--jobs", "1"]);
    assert_eq!(a.keys().collect::<Vec<_>>(), one.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between two runs");
        assert!(bytes == &one[name], "{name} differs with --jobs 1");
    }
}

const HOSTILE: &str = r#"---
title: "Act <script>alert('title')</script>"
jurisdiction: "<b>Evil</b> & Co"
language: en
year: 2024
---

# Children (Hostile Markup) Act

## Section 1. Definitions

(1) In this Act, "child" means a person under the age of 18 years <script>alert(1)</script> and <img src=x onerror=alert(2)>.

## Section 2. Offences

(1) A person who possesses child sexual abuse material <iframe src="javascript:alert(3)"></iframe> commits an offence.
"#;

#[test]
fn statute_text_is_escaped_everywhere() {
    let t = tempfile::tempdir().unwrap();
    let input = statute(t.path(), "hostile.md", HOSTILE);
    let files = analyze_into(&t.path().join("out"), &[&input], &[]);
    let page = files
        .iter()
        .find(|(n, _)| n.starts_with("b-evil"))
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .expect("a page for the jurisdiction");
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    for html in [&page, &index] {
        for raw in ["<script", "<img", "<iframe", "<b>Evil"] {
            assert!(!html.contains(raw), "unescaped {raw} in\n{html}");
        }
    }
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{page}"
    );
    assert!(
        index.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"),
        "{index}"
    );
    assert!(page.contains("<mark>"), "the decisive words are marked");
}

#[test]
fn jurisdiction_names_cannot_make_a_file_outside_the_folder() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("in");
    fs::create_dir(&src).unwrap();
    for (i, j) in ["../../etc", "/etc/passwd", "..", "index"]
        .iter()
        .enumerate()
    {
        let text = HOSTILE.replace(r#""<b>Evil</b> & Co""#, &format!("{j:?}"));
        statute(&src, &format!("{i}.md"), &text);
    }
    let out = t.path().join("deep/out");
    let files = analyze_into(&out, &[&arg(&src)], &[]);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            ".lexalign-report",
            "etc-passwd.html",
            "etc.html",
            "index-2.html",
            "index.html",
            "jurisdiction.html",
            "report.csv",
            "report.json"
        ]
    );
    let mut outside: Vec<String> = walkdir(t.path())
        .into_iter()
        .filter(|p| !p.starts_with(&src) && !p.starts_with(&out))
        .map(|p| arg(&p))
        .collect();
    outside.sort();
    assert_eq!(outside, [arg(&t.path().join("deep"))]);
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn a_template_folder_overrides_the_embedded_templates() {
    let t = tempfile::tempdir().unwrap();
    let tpl = t.path().join("tpl");
    fs::create_dir(&tpl).unwrap();
    fs::write(
        tpl.join("index.html"),
        r#"{% extends "base.html" %}{% block main %}<p>{{ site.row_count }} rows, mine</p>{% endblock main %}"#,
    )
    .unwrap();
    let files = analyze_into(
        &t.path().join("out"),
        &["corpus/hualan"],
        &["--templates", &arg(&tpl)],
    );
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    assert!(index.contains("<p>1 rows, mine</p>"), "{index}");
    assert!(files.contains_key("hualan.html"));

    fs::write(tpl.join("index.html"), "{{ no_such_variable }}").unwrap();
    let (status, _, err) = run(&[
        "analyze",
        "corpus/hualan",
        "--out",
        &arg(&t.path().join("out")),
        "--templates",
        &arg(&tpl),
    ]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("index.html"), "{err}");
    let kept = String::from_utf8(fs::read(t.path().join("out/index.html")).unwrap()).unwrap();
    assert!(
        kept.contains("mine"),
        "a failed run leaves the previous report"
    );
}

#[test]
fn a_folder_that_is_not_a_report_is_never_replaced() {
    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("notes.txt"), "mine").unwrap();
    let (status, _, err) = run(&["analyze", "corpus/hualan", "--out", &arg(t.path())]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("notes.txt") && err.contains("did not write"),
        "{err}"
    );
    assert_eq!(read_report(t.path()).len(), 1);
}

#[test]
fn the_summary_says_where_the_report_is_unless_quiet() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("r");
    let (status, _, err) = run(&["analyze", "corpus/hualan", "--out", &arg(&out)]);
    assert_eq!(status, 0, "{err}");
    assert!(err.contains("1 jurisdiction"), "{err}");
    assert!(err.contains(&arg(&out.join("index.html"))), "{err}");
    let (status, _, quiet) = run(&["analyze", "corpus/hualan", "--out", &arg(&out), "-q"]);
    assert_eq!(status, 0, "{quiet}");
    assert_eq!(quiet, "");
    let (status, _, err) = run(&["analyze", "corpus/hualan", "--format", "html"]);
    assert_eq!(status, 2);
    assert!(err.contains("--out"), "{err}");
}
