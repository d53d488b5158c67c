//! A broken model law: every problem at once, each with file:line:col and
//! what to fix; exit code 2.

use std::fs;
use std::path::Path;

use super::{arg, root, run};

fn copy_model_law(to: &Path) {
    let from = root().join("model-law");
    fs::create_dir_all(to.join("lexicon")).unwrap();
    for f in ["checklist.json", "concepts.json"] {
        fs::copy(from.join(f), to.join(f)).unwrap();
    }
    for e in fs::read_dir(from.join("lexicon")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, to.join("lexicon").join(p.file_name().unwrap())).unwrap();
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_embedded_model_law_is_listed() {
    let (status, out, err) = run(&["checklist"]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("33 items"), "{out}");
    for id in ["CHILD-UNDER-18", "CSAM-POSSESS", "DIGITAL-LITERACY"] {
        assert!(out.contains(id));
    }
}

#[test]
fn a_copy_of_the_model_law_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    copy_model_law(dir.path());
    let (status, _, err) = run(&["checklist", "--model-law", &arg(dir.path())]);
    assert_eq!(status, 0, "{err}");
}

#[test]
fn every_problem_is_reported_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_model_law(d);
    let checklist = d.join("checklist.json");
    // An unknown key, a wrong type, an unknown check kind, a duplicate id.
    edit(
        &checklist,
        "\"title\": \"Producing is an offence\"",
        "\"title\": \"Producing is an offence\", \"colour\": \"red\"",
    );
    edit(&checklist, "\"weight\": 0.5", "\"weight\": \"half\"");
    edit(
        &checklist,
        "\"kind\": \"offence-medium\"",
        "\"kind\": \"offence-medum\"",
    );
    edit(
        &checklist,
        "\"id\": \"CSAM-VIEW\"",
        "\"id\": \"CSAM-ACCESS\"",
    );
    // An empty lexicon entry.
    edit(
        &d.join("lexicon/en.json"),
        "\"hotline\": [",
        "\"hotline\": [], \"hotline-old\": [",
    );
    let (status, _, err) = run(&["checklist", "--model-law", &arg(d)]);
    assert_eq!(status, 2, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let expect = [
        ("checklist.json:", "unknown field `colour`"),
        ("checklist.json:", "invalid type: string \"half\""),
        ("checklist.json:", "offence-medum"),
        ("checklist.json:", "duplicate item id `CSAM-ACCESS`"),
        ("lexicon/en.json:", "empty lexicon for concept `hotline`"),
    ];
    for (file, what) in expect {
        let line = lines
            .iter()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("`{what}` not reported:\n{err}"));
        assert!(line.contains(file), "{line}");
        // path:line:col: error: …
        let pos = line.split(": error").next().unwrap();
        let parts: Vec<&str> = pos.rsplitn(3, ':').collect();
        assert!(
            parts.len() == 3 && parts[0].parse::<u32>().is_ok() && parts[1].parse::<u32>().is_ok(),
            "no line:col in {line}"
        );
    }
}

#[test]
fn analyze_refuses_a_broken_model_law() {
    let dir = tempfile::tempdir().unwrap();
    copy_model_law(dir.path());
    fs::write(dir.path().join("concepts.json"), "{ \"concepts\": ").unwrap();
    let (status, out, err) = run(&["analyze", "corpus/brevia", "--model-law", &arg(dir.path())]);
    assert_eq!(status, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("concepts.json:1:") && err.contains("invalid concepts file"),
        "{err}"
    );
}

#[test]
fn a_missing_model_law_folder_is_named() {
    let (status, _, err) = run(&["checklist", "--model-law", "no-such-folder"]);
    assert_eq!(status, 2);
    assert!(err.contains("no-such-folder"), "{err}");
}

/// Rewrite checklist.json through serde_json.
fn rewrite_checklist(dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let p = dir.join("checklist.json");
    let mut v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
    f(&mut v);
    fs::write(&p, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

#[test]
fn a_checklist_without_items_or_weight_is_refused() {
    for (what, says) in [("no items", "no items"), ("zero weights", "weighs 0")] {
        let dir = tempfile::tempdir().unwrap();
        copy_model_law(dir.path());
        rewrite_checklist(dir.path(), |v| {
            let items = v["items"].as_array_mut().unwrap();
            if what == "no items" {
                items.clear();
            } else {
                for it in items {
                    it["weight"] = 0.into();
                }
            }
        });
        let (status, _, err) = run(&["checklist", "--model-law", &arg(dir.path())]);
        assert_eq!(status, 2, "{what}: {err}");
        assert!(
            err.contains("checklist.json:") && err.contains(says),
            "{what}: {err}"
        );
    }
}

#[test]
fn a_bad_age_pattern_is_located_in_its_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    copy_model_law(dir.path());
    let p = dir.path().join("lexicon/en.json");
    let text = fs::read_to_string(&p).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["ages"]["upper"]
        .as_array_mut()
        .unwrap()
        .push("under ({N} years".into());
    let text = serde_json::to_string_pretty(&v).unwrap();
    let line = 1 + text[..text.find("under ({N} years").unwrap()]
        .matches('\n')
        .count();
    fs::write(&p, text).unwrap();
    let (status, _, err) = run(&["checklist", "--model-law", &arg(dir.path())]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains(&format!("en.json:{line}:")),
        "line {line}: {err}"
    );
}
