//! The command line: exit codes, the JSON contract, determinism.

use super::{ok, run};

fn report(args: &[&str]) -> serde_json::Value {
    let (status, out, err) = run(args);
    assert_eq!(status, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn analyze_writes_the_contract_with_every_item_once_per_jurisdiction() {
    let r = report(&["analyze", "corpus/", "--format", "json"]);
    assert_eq!(r["version"], 2);
    assert_eq!(r["model_law"]["id"], "itu-cop-model-law");
    let items: Vec<String> = {
        let out = ok(&["checklist", "--format", "json"]);
        let c: serde_json::Value = serde_json::from_str(&out).unwrap();
        c["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    let js = r["jurisdictions"].as_array().unwrap();
    assert!(js.len() >= 8);
    for j in js {
        let found: Vec<&str> = j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["item"].as_str().unwrap())
            .collect();
        assert_eq!(found, items, "{}", j["jurisdiction"]);
        assert!(!j["documents"].as_array().unwrap().is_empty());
        for f in j["findings"].as_array().unwrap() {
            let status = f["status"].as_str().unwrap();
            assert!(["met", "partial", "not_met"].contains(&status));
            if status != "not_met" {
                assert!(
                    !f["evidence"].as_array().unwrap().is_empty(),
                    "{} {} has no evidence",
                    j["jurisdiction"],
                    f["item"]
                );
            }
            for e in f["evidence"].as_array().unwrap() {
                for k in ["document", "citation", "line", "excerpt", "matched"] {
                    assert!(!e[k].is_null(), "{k} missing");
                }
            }
        }
    }
}

#[test]
fn output_is_the_same_at_any_thread_count() {
    let one = ok(&["analyze", "corpus/", "--format", "json", "--jobs", "1"]);
    let many = ok(&["analyze", "corpus/", "--format", "json"]);
    let again = ok(&["analyze", "corpus/", "--format", "json", "--jobs", "4"]);
    assert_eq!(one, many);
    assert_eq!(one, again);
}

#[test]
fn documents_are_grouped_by_jurisdiction_and_version() {
    let r = report(&[
        "analyze",
        "corpus/drafts",
        "corpus/norland-2024",
        "corpus/norland-2025",
        "--format",
        "json",
    ]);
    let keys: Vec<String> = r["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            format!(
                "{}@{}",
                j["jurisdiction"].as_str().unwrap(),
                j["version"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![
            "norland@2024",
            "norland@2025",
            "ostland-bill@1",
            "ostland-bill@2"
        ]
    );
}

#[test]
fn a_file_without_front_matter_is_its_own_jurisdiction() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plainland.md");
    std::fs::write(
        &p,
        "1. (1) A person who possesses child pornography commits an offence.\n",
    )
    .unwrap();
    let r = report(&["analyze", &super::arg(&p), "--format", "json"]);
    assert_eq!(r["jurisdictions"][0]["jurisdiction"], "plainland");
    assert_eq!(r["jurisdictions"][0]["documents"][0]["language"], "en");
}

#[test]
fn explain_tells_the_rule_the_evidence_and_the_status() {
    let (status, out, err) = run(&["explain", "CSAM-POSSESS", "corpus/brevia"]);
    assert_eq!(status, 0, "{err}");
    for want in [
        "CSAM-POSSESS",
        "Rule (offence-conduct)",
        "Status: met",
        "12(1)",
    ] {
        assert!(out.contains(want), "`{want}` missing:\n{out}");
    }
    let (status, lower, err) = run(&["explain", "csam-possess", "corpus/brevia"]);
    assert_eq!(status, 0, "item ids in any case: {err}");
    assert_eq!(lower, out);
    let (status, _, err) = run(&["explain", "NO-SUCH-ITEM", "corpus/brevia"]);
    assert_eq!(status, 2);
    assert!(err.contains("unknown item"));
}

#[test]
fn the_fail_under_gate_exits_1_and_says_which() {
    let (status, _, err) = run(&[
        "analyze",
        "corpus/caledonia",
        "--format",
        "json",
        "--fail-under",
        "0.99",
    ]);
    assert_eq!(status, 1);
    assert!(err.contains("caledonia"), "{err}");
    let (status, _, _) = run(&[
        "analyze",
        "corpus/caledonia",
        "--format",
        "json",
        "--fail-under",
        "0.0",
    ]);
    assert_eq!(status, 0);
}

#[test]
fn a_percentage_typed_for_the_gate_is_read_or_explained() {
    // 50 is not a score: the message says how to write a percentage.
    let (status, _, err) = run(&["analyze", "corpus/caledonia", "--fail-under", "50"]);
    assert_eq!(status, 2);
    assert!(err.contains("`50%`") && err.contains("0.5"), "{err}");
    // 99% is 0.99: caledonia is below it.
    let (status, _, err) = run(&["analyze", "corpus/caledonia", "--fail-under", "99%"]);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("score below 0.99: caledonia"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let (status, _, _) = run(&["analyze"]);
    assert_eq!(status, 2);
    let (status, _, _) = run(&["no-such-command"]);
    assert_eq!(status, 2);
}
