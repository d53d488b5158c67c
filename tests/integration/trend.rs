//! `lexalign trend`: the two Norland editions of the corpus, from one
//! report or from two; a year reported twice; the HTML and JSON folder.

use super::{arg, run};

fn report(t: &std::path::Path, name: &str, paths: &[&str]) -> String {
    let mut args = vec!["analyze"];
    args.extend_from_slice(paths);
    args.extend_from_slice(&["--format", "json"]);
    let (status, out, err) = run(&args);
    assert_eq!(status, 0, "{err}");
    let p = t.join(name);
    std::fs::write(&p, out).unwrap();
    arg(&p)
}

fn met(v: &serde_json::Value, item: &str) -> Vec<u64> {
    let i = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == item)
        .unwrap();
    i["met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect()
}

#[test]
fn norland_two_editions_give_the_expected_counts() {
    let t = tempfile::tempdir().unwrap();
    let a = report(t.path(), "2024.json", &["corpus/norland-2024"]);
    let b = report(t.path(), "2025.json", &["corpus/norland-2025"]);
    let both = report(
        t.path(),
        "both.json",
        &["corpus/norland-2024", "corpus/norland-2025"],
    );
    let (status, out, err) = run(&["trend", &a, &b, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["years"], serde_json::json!([2024, 2025]));
    assert_eq!(met(&v, "CSAM-POSSESS"), vec![0, 1]);
    assert_eq!(met(&v, "CSAM-SIMPLE-POSSESSION"), vec![0, 1]);
    assert_eq!(met(&v, "CHILD-AGE-CONSISTENT"), vec![0, 1]);
    assert_eq!(met(&v, "CHILD-UNDER-18"), vec![1, 1]);
    assert_eq!(met(&v, "CSAM-VIEW"), vec![0, 0]);
    assert_eq!(v["improved"], serde_json::json!(["norland"]));
    assert_eq!(v["regressed"], serde_json::json!([]));
    let (_, text, _) = run(&["trend", &a, &b]);
    let table = text
        .split("\nImproved")
        .next()
        .unwrap()
        .split_once('\n')
        .unwrap()
        .1;
    insta::assert_snapshot!("norland_trend", table);
    let (_, one, _) = run(&["trend", &both]);
    assert_eq!(
        one.split_once('\n').unwrap().1,
        text.split_once('\n').unwrap().1
    );
}

#[test]
fn a_year_reported_twice_warns_and_the_later_wins() {
    let t = tempfile::tempdir().unwrap();
    let a = report(t.path(), "a.json", &["corpus/norland-2024"]);
    let b = report(t.path(), "b.json", &["corpus/norland-2024"]);
    let (status, out, err) = run(&["trend", &a, &b, "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    assert!(err.contains("reported twice for 2024"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["years"], serde_json::json!([2024]));
}

#[test]
fn trend_writes_html_and_json_and_rejects_bad_reports() {
    let t = tempfile::tempdir().unwrap();
    let a = report(t.path(), "2024.json", &["corpus/norland-2024"]);
    let b = report(t.path(), "2025.json", &["corpus/norland-2025"]);
    let out = t.path().join("trend");
    let (status, _, err) = run(&["trend", &a, &b, "--out", &arg(&out)]);
    assert_eq!(status, 0, "{err}");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<svg role=\"img\""));
    assert!(html.contains("CSAM-POSSESS in 2025: 1 of 1 met"));
    assert!(out.join("trend.json").is_file());
    let bad = t.path().join("bad.json");
    std::fs::write(&bad, "not json").unwrap();
    let (status, _, err) = run(&["trend", &arg(&bad)]);
    assert_eq!(status, 2);
    assert!(err.contains("bad.json:1:"), "{err}");
}
