//! One check kind at a time, on small fixtures that pass and fail, in
//! several languages: `tests/fixtures/checks/<ITEM>/<lang>-<status>.md`
//! must give ITEM that status.

use super::{arg, root, run};

#[test]
fn every_fixture_gives_its_status() {
    let dir = root().join("tests/fixtures/checks");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut items: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    items.sort();
    for item_dir in items {
        let item = item_dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&item_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            let (_, want) = stem.split_once('-').unwrap();
            let (status, out, err) = run(&["analyze", &arg(&f), "--format", "json"]);
            assert_eq!(status, 0, "{}: {err}", f.display());
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            let got = v["jurisdictions"][0]["findings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["item"] == item.as_str())
                .map(|x| x["status"].as_str().unwrap().to_string())
                .unwrap();
            if got != want {
                failures.push(format!("{item}/{stem}: got {got}"));
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} fixtures");
    assert!(failures.is_empty(), "{failures:#?}");
}
