//! Golden tests over the project's own sample statutes in corpus/: the
//! provision tree of every file, and the findings of every jurisdiction.

use super::{ok, root, run};

#[test]
fn outlines_of_the_corpus() {
    insta::glob!("../../corpus", "**/*.md", |path| {
        let rel = path.strip_prefix(root()).unwrap().display().to_string();
        let (status, out, err) = run(&["outline", "--format", "json", &rel]);
        assert_eq!(status, 0, "{rel}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        insta::assert_json_snapshot!(v);
    });
}

/// The report of the whole corpus, findings with evidence; the generator
/// version is redacted.
#[test]
fn report_of_the_corpus() {
    let (status, out, err) = run(&["analyze", "corpus/", "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    insta::assert_json_snapshot!(v, { ".generator" => "[VERSION]" });
}

/// The same findings as a matrix, for review at a glance: one line per
/// jurisdiction, one letter per item (M met, p partial, . not met).
#[test]
fn status_matrix_of_the_corpus() {
    let out = ok(&["analyze", "corpus/", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut lines = Vec::new();
    for j in v["jurisdictions"].as_array().unwrap() {
        let name = format!(
            "{}{}",
            j["jurisdiction"].as_str().unwrap(),
            j["version"]
                .as_str()
                .map(|v| format!("@{v}"))
                .unwrap_or_default()
        );
        let row: String = j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| match f["status"].as_str().unwrap() {
                "met" => 'M',
                "partial" => 'p',
                _ => '.',
            })
            .collect();
        lines.push(format!(
            "{name:<16} {row}  {:.3}",
            j["score"].as_f64().unwrap()
        ));
    }
    insta::assert_snapshot!(lines.join("\n"));
}
