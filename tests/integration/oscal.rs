//! `analyze --format oscal`: the OSCAL assessment-results document is valid
//! against the official schema (../shared/schemas, read at test time), maps
//! statuses as documented, links evidence to the provisions by relative
//! path and citation, and is the same bytes at any thread count and in a
//! report folder.

use std::path::PathBuf;

use super::{arg, ok, root, run, statutes};

/// An official schema of ../shared/schemas (not vendored: the tests read it
/// where CI puts it beside the clone). Absent: the test is skipped and says
/// so, unless LEXALIGN_REQUIRE_STATUTES=1.
pub fn schema(name: &str) -> Option<jsonschema::Validator> {
    let p: PathBuf = root().join("../shared/schemas").join(name);
    let Ok(text) = std::fs::read_to_string(&p) else {
        let required = std::env::var("LEXALIGN_REQUIRE_STATUTES").is_ok_and(|v| v == "1");
        assert!(!required, "{} is absent", p.display());
        eprintln!("SKIPPED: {} is absent", p.display());
        return None;
    };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    Some(jsonschema::validator_for(&v).unwrap())
}

/// The schema's complaints about `doc` (empty when valid).
pub fn invalid(validator: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(20)
        .collect()
}

const OSCAL_SCHEMA: &str = "oscal_assessment-results_schema-1.0.6.json";

fn oscal(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["analyze"];
    a.extend(args);
    a.extend(["--format", "oscal", "-q"]);
    serde_json::from_str(&ok(&a)).unwrap()
}

/// Findings of one result by item id: (state, implementation state, the
/// lexalign status prop).
fn targets(result: &serde_json::Value) -> Vec<(String, String, String, String)> {
    result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let t = &f["target"];
            (
                t["target-id"].as_str().unwrap().to_string(),
                t["status"]["state"].as_str().unwrap().to_string(),
                t["implementation-status"]["state"]
                    .as_str()
                    .unwrap_or("-")
                    .to_string(),
                f["props"][0]["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_corpus_as_oscal_is_valid_and_maps_each_status() {
    let doc = oscal(&["corpus", "--as-of", "2025-06"]);
    if let Some(v) = schema(OSCAL_SCHEMA) {
        let errors = invalid(&v, &doc);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let ar = &doc["assessment-results"];
    assert_eq!(ar["metadata"]["oscal-version"], "1.0.6");
    assert_eq!(ar["metadata"]["last-modified"], "2025-06-01T00:00:00Z");
    // The import points at the model law in the back matter.
    let href = ar["import-ap"]["href"].as_str().unwrap();
    let law = &ar["back-matter"]["resources"][0];
    assert_eq!(href, format!("#{}", law["uuid"].as_str().unwrap()));
    // One result per jurisdiction of the JSON report, 33 findings each.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["analyze", "corpus", "--format", "json", "-q"])).unwrap();
    let js = json["jurisdictions"].as_array().unwrap();
    let results = ar["results"].as_array().unwrap();
    assert_eq!(results.len(), js.len());
    let mut seen = std::collections::BTreeSet::new();
    for (r, j) in results.iter().zip(js) {
        assert_eq!(r["start"], "2025-06-01T00:00:00Z");
        for ((id, state, implementation, status), f) in targets(r)
            .into_iter()
            .zip(j["findings"].as_array().unwrap())
        {
            assert_eq!(id, f["item"].as_str().unwrap());
            assert_eq!(status, f["status"].as_str().unwrap());
            let expected = match status.as_str() {
                "met" => ("satisfied", "implemented"),
                "partial" => ("not-satisfied", "partial"),
                _ => ("not-satisfied", "-"),
            };
            assert_eq!((state.as_str(), implementation.as_str()), expected, "{id}");
            seen.insert(status);
        }
        assert_eq!(r["findings"].as_array().unwrap().len(), 33);
        // Every finding's observation exists.
        let obs: Vec<&str> = r["observations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["uuid"].as_str().unwrap())
            .collect();
        for f in r["findings"].as_array().unwrap() {
            let u = f["related-observations"][0]["observation-uuid"]
                .as_str()
                .unwrap();
            assert!(obs.contains(&u));
        }
    }
    assert!(
        seen.contains("met") && seen.contains("partial") && seen.contains("not_met"),
        "{seen:?}"
    );
}

#[test]
fn evidence_links_to_the_provision_by_relative_path_and_citation() {
    let doc = oscal(&["corpus/norland-2025"]);
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "analyze",
        "corpus/norland-2025",
        "--format",
        "json",
        "-q",
    ]))
    .unwrap();
    let f = json["jurisdictions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "met")
        .unwrap();
    let e = &f["evidence"][0];
    let item = f["item"].as_str().unwrap();
    let o = doc["assessment-results"]["results"][0]["observations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| {
            o["title"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{item}:"))
        })
        .unwrap();
    let ev = &o["relevant-evidence"][0];
    let document = e["document"].as_str().unwrap();
    assert!(document.starts_with("corpus/norland-2025/"), "{document}");
    assert_eq!(
        ev["href"].as_str().unwrap(),
        format!("{}#L{}", document, e["line"])
    );
    assert_eq!(ev["description"], e["excerpt"]);
    let props: Vec<(&str, &str)> = ev["props"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["value"].as_str().unwrap()))
        .collect();
    assert!(props.contains(&("citation", e["citation"].as_str().unwrap())));
}

#[test]
fn not_assessed_is_marked_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("it.md");
    std::fs::write(
        &p,
        "---\njurisdiction: t\nlanguage: it\n---\n## Art. 1\n\nChiunque produce materiale pornografico è punito.\n",
    )
    .unwrap();
    let (status, out, err) = run(&["analyze", &arg(&p), "--format", "oscal", "-q"]);
    assert_eq!(status, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    if let Some(v) = schema(OSCAL_SCHEMA) {
        let errors = invalid(&v, &doc);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let r = &doc["assessment-results"]["results"][0];
    for f in r["findings"].as_array().unwrap() {
        let s = &f["target"]["status"];
        assert_eq!(s["state"], "not-satisfied");
        assert_eq!(s["reason"], "other");
        assert!(
            s["remarks"].as_str().unwrap().starts_with("Not assessed:"),
            "{s}"
        );
        assert_eq!(f["props"][0]["value"], "not_assessed");
    }
    assert!(!out.contains(&arg(dir.path())), "no absolute path");
}

#[test]
fn the_real_statutes_as_oscal_are_valid_and_the_same_at_any_thread_count() {
    let Some(dir) = statutes("oscal real statutes") else {
        return;
    };
    let d = arg(&dir);
    let one = ok(&["analyze", &d, "--format", "oscal", "-q", "--jobs", "1"]);
    let many = ok(&["analyze", &d, "--format", "oscal", "-q", "--jobs", "4"]);
    assert!(one == many, "OSCAL differs with the thread count");
    if let Some(v) = schema(OSCAL_SCHEMA) {
        let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
        let errors = invalid(&v, &doc);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    assert!(!one.contains(&arg(&root())), "no absolute path");
}

#[test]
fn a_report_folder_holds_the_same_oscal() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("rep");
    let (status, _, err) = run(&[
        "analyze",
        "corpus/norland-2024",
        "--out",
        &arg(&out),
        "--format",
        "oscal",
        "-q",
    ]);
    assert_eq!(status, 0, "{err}");
    let written = std::fs::read_to_string(out.join("oscal.json")).unwrap();
    let printed = ok(&["analyze", "corpus/norland-2024", "--format", "oscal", "-q"]);
    assert!(
        written == printed,
        "oscal.json differs from standard output"
    );
    let manifest = std::fs::read_to_string(out.join(".lexalign-report")).unwrap();
    assert!(manifest.contains("oscal.json"), "{manifest}");
    // Without --format oscal the folder has none.
    let plain = t.path().join("plain");
    ok(&[
        "analyze",
        "corpus/norland-2024",
        "--out",
        &arg(&plain),
        "-q",
    ]);
    assert!(!plain.join("oscal.json").exists());
}

#[test]
fn a_run_that_read_nothing_is_still_a_valid_document() {
    let t = tempfile::tempdir().unwrap();
    let (status, out, _) = run(&["analyze", &arg(t.path()), "--format", "oscal", "-q"]);
    assert_eq!(status, 2, "an input that holds no statute is bad input");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = doc["assessment-results"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert!(results[0].get("findings").is_none());
    if let Some(v) = schema(OSCAL_SCHEMA) {
        let errors = invalid(&v, &doc);
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
