//! Reviewer decisions (`analyze --review FILE`, `review init`): a decision
//! changes the status that counts, the scores, the HTML badge and the CSV;
//! a decision whose finding changed since is stale (shown, warned about,
//! not counted); a review file naming an unknown jurisdiction or item, or
//! with a bad status or bad YAML, is one error with file:line:col and no
//! report; the file `review init` writes changes nothing until filled in.
//!
//! The fixture `tests/fixtures/review/velmora` is written for these
//! tests: a definition of a child and an offence of keeping abuse
//! material "with a view to its being sold or distributed" — possession
//! limited by a purpose, which the model law reads as partial for
//! CSAM-POSSESS. Fingerprints are computed here from the documented
//! canonical text (model-law/review.schema.json), not taken from the code.

use sha2::{Digest, Sha256};

use super::{arg, ok, root, run};

const VELMORA: &str = "tests/fixtures/review/velmora";

fn report(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["analyze"];
    a.extend(args);
    a.extend(["--format", "json", "-q"]);
    serde_json::from_str(&ok(&a)).unwrap()
}

fn finding<'a>(r: &'a serde_json::Value, j: &str, item: &str) -> &'a serde_json::Value {
    let j = r["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["jurisdiction"] == j)
        .unwrap();
    j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["item"] == item)
        .unwrap()
}

/// The fingerprint as documented: SHA-256 over `lexalign-review-fingerprint 1`
/// then `name LEN:value` lines for the status and, per piece of evidence,
/// its document's file name, citation, excerpt and each matched word.
fn fingerprint(f: &serde_json::Value, status: &str) -> String {
    let mut text = String::from("lexalign-review-fingerprint 1\n");
    let mut field = |name: &str, v: &str| text.push_str(&format!("{name} {}:{v}\n", v.len()));
    field("status", status);
    for e in f["evidence"].as_array().unwrap() {
        let doc = e["document"].as_str().unwrap();
        field("document", doc.rsplit('/').next().unwrap());
        field("citation", e["citation"].as_str().unwrap());
        field("excerpt", e["excerpt"].as_str().unwrap());
        for m in e["matched"].as_array().unwrap() {
            field("matched", m.as_str().unwrap());
        }
    }
    let d = Sha256::digest(text.as_bytes());
    format!(
        "sha256:{}",
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

fn decision(item: &str, status: &str, auto: &str, fp: &str) -> String {
    format!(
        "    {item}:\n      status: {status}\n      note: \"Read with the definition in s 1: the purpose does not narrow it.\"\n      by: A. Reviewer\n      date: 2026-11-30\n      automatic_status: {auto}\n      fingerprint: {fp}\n"
    )
}

fn review_file(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    let p = dir.join("review.yaml");
    std::fs::write(&p, format!("review: 1\njurisdictions:\n  velmora:\n{body}")).unwrap();
    p
}

#[test]
fn a_review_changes_status_score_badge_and_csv() {
    let before = report(&[VELMORA]);
    let f = finding(&before, "velmora", "CSAM-POSSESS");
    assert_eq!(f["status"], "partial", "the fixture's intended status");
    let fp = fingerprint(f, "partial");
    let tmp = tempfile::tempdir().unwrap();
    let review = review_file(tmp.path(), &decision("csam-possess", "met", "partial", &fp));
    let review = arg(&review);
    let (code, out, err) = run(&[
        "analyze", VELMORA, "--format", "json", "-q", "--review", &review,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "no stale decision: {err}");
    let after: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = finding(&after, "velmora", "CSAM-POSSESS");
    assert_eq!(f["status"], "met");
    assert_eq!(f["score"], 1.0);
    assert_eq!(f["automatic_status"], "partial");
    assert_eq!(f["review"]["status"], "met");
    assert_eq!(f["review"]["by"], "A. Reviewer");
    assert_eq!(f["review"]["date"], "2026-11-30");
    assert_eq!(f["review"]["stale"], false);
    assert_eq!(f["review"]["fingerprint"], fp.as_str());
    assert!(
        f["review"]["note"]
            .as_str()
            .unwrap()
            .starts_with("Read with the definition")
    );
    // A finding no one reviewed is as before, without the new fields.
    let other = finding(&after, "velmora", "CHILD-UNDER-18");
    assert_eq!(other, finding(&before, "velmora", "CHILD-UNDER-18"));
    assert!(other.get("review").is_none() && other.get("automatic_status").is_none());
    // Scores use the reviewed status: partial (0.5) → met (1.0) raises
    // the csam area and the overall score.
    let j0 = &before["jurisdictions"][0];
    let j1 = &after["jurisdictions"][0];
    assert!(
        j1["area_scores"]["csam"].as_f64().unwrap() > j0["area_scores"]["csam"].as_f64().unwrap()
    );
    assert!(j1["score"].as_f64().unwrap() > j0["score"].as_f64().unwrap());
    assert_eq!(j1["area_scores"]["child"], j0["area_scores"]["child"]);

    // CSV: status is the reviewed one, the review columns follow.
    let csv = ok(&[
        "analyze", VELMORA, "--format", "csv", "-q", "--review", &review,
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "jurisdiction,version,area,item,status,score,jurisdiction_score,citations,reason,name,region,automatic_status,review_status,review_stale,reviewed_by,review_date,review_note"
    );
    let row = lines.find(|l| l.contains(",CSAM-POSSESS,")).unwrap();
    assert!(
        row.starts_with("velmora,,csam,CSAM-POSSESS,met,1.0,"),
        "{row}"
    );
    assert!(
        row.ends_with(",Velmora,,partial,met,current,A. Reviewer,2026-11-30,Read with the definition in s 1: the purpose does not narrow it."),
        "{row}"
    );

    // HTML: the finding's badge says Met, with the review beside it; the
    // overview's cell is marked reviewed; the one-pager says who decided.
    let out = tmp.path().join("out");
    ok(&[
        "analyze",
        VELMORA,
        "--out",
        &arg(&out),
        "-q",
        "--review",
        &review,
    ]);
    let page = std::fs::read_to_string(out.join("velmora.html")).unwrap();
    let start = page.find("id=\"CSAM-POSSESS\"").unwrap();
    let art = &page[start..start + page[start..].find("</article>").unwrap()];
    assert!(art.contains("<span class=\"status met\">"), "{art}");
    assert!(art.contains("<span class=\"core rv-tag\">reviewed</span>"));
    assert!(
        art.contains("<strong>Reviewed</strong> by A. Reviewer on 2026-11-30: Met (automatic reading: Partial)"),
        "{art}"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Met (reviewed): CSAM-POSSESS"));
    let summary = std::fs::read_to_string(out.join("velmora/summary.html")).unwrap();
    assert!(summary.contains("(reviewed: A. Reviewer, 2026-11-30; automatic: Partial)"));
    assert!(summary.contains("1 finding was reviewed by a person"));
}

/// A copy of the fixture in `dir`, with `from` replaced by `to` in its text.
fn edited_copy(dir: &std::path::Path, from: &str, to: &str) -> std::path::PathBuf {
    let d = dir.join("velmora");
    std::fs::create_dir_all(&d).unwrap();
    let text = std::fs::read_to_string(root().join(VELMORA).join("online-safety-act.md")).unwrap();
    assert!(text.contains(from));
    std::fs::write(d.join("online-safety-act.md"), text.replace(from, to)).unwrap();
    d
}

#[test]
fn a_changed_evidence_fingerprint_marks_the_decision_stale() {
    let tmp = tempfile::tempdir().unwrap();
    // The reviewer decides on the text as it was …
    let old = edited_copy(&tmp.path().join("old"), "six years", "six years");
    let r = report(&[&arg(&old)]);
    let f = finding(&r, "velmora", "CSAM-POSSESS");
    assert_eq!(f["status"], "partial");
    let fp = fingerprint(f, "partial");
    let review = review_file(tmp.path(), &decision("CSAM-POSSESS", "met", "partial", &fp));
    // … then the provision's text changes (its status does not).
    let new = edited_copy(&tmp.path().join("new"), "six years", "eight years");
    // The document keeps its name: the copies sit in folders of one name.
    let (code, out, err) = run(&[
        "analyze",
        &arg(&new),
        "--format",
        "json",
        "-q",
        "--review",
        &arg(&review),
    ]);
    assert_eq!(code, 0, "a warning leaves the exit code: {err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = finding(&r, "velmora", "CSAM-POSSESS");
    assert_eq!(f["status"], "partial", "a stale decision does not count");
    assert_eq!(f["automatic_status"], "partial");
    assert_eq!(f["review"]["status"], "met");
    assert_eq!(f["review"]["stale"], true);
    assert_eq!(
        f["review"]["changed"],
        serde_json::json!(["evidence changed"])
    );
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].starts_with(&format!(
            "{}: warning: 1 review decision is stale",
            arg(&review)
        )),
        "{err}"
    );
    assert!(
        warnings[0].contains("velmora CSAM-POSSESS (evidence changed)"),
        "{err}"
    );
    // A review file made from this report shows the stale decision as a
    // comment under its finding, with the new fingerprint to review.
    let json = tmp.path().join("stale.json");
    std::fs::write(&json, &out).unwrap();
    let init = ok(&["review", "init", &arg(&json)]);
    let at = init.find("    # CSAM-POSSESS — ").unwrap();
    let entry = &init[at..at + init[at..].find("# note:").unwrap()];
    assert!(
        entry.contains(
            "\n    # earlier decision: met by A. Reviewer on 2026-11-30 (stale: evidence changed)\n"
        ),
        "{entry}"
    );
    assert!(
        !entry.contains(&fp),
        "the fingerprint is the new one: {entry}"
    );

    // A decision made on another automatic status is stale too.
    let review = review_file(tmp.path(), &decision("CSAM-POSSESS", "met", "not_met", &fp));
    let (code, out, err) = run(&[
        "analyze",
        &arg(&old),
        "--format",
        "csv",
        "-q",
        "--review",
        &arg(&review),
    ]);
    assert_eq!(code, 0);
    assert!(
        err.contains("velmora CSAM-POSSESS (automatic status was not_met, now partial)"),
        "{err}"
    );
    let row = out.lines().find(|l| l.contains(",CSAM-POSSESS,")).unwrap();
    assert!(row.contains(",partial,0.5,"), "{row}");
    assert!(row.contains(",partial,met,stale,A. Reviewer,"), "{row}");
    // The page shows it as stale.
    let dir = tmp.path().join("out");
    ok(&[
        "analyze",
        &arg(&old),
        "--out",
        &arg(&dir),
        "-q",
        "--review",
        &arg(&review),
    ]);
    let page = std::fs::read_to_string(dir.join("velmora.html")).unwrap();
    assert!(
        page.contains("<strong>Stale review:</strong> A. Reviewer decided “Met” on 2026-11-30")
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains("Partial (stale review): CSAM-POSSESS"));
}

#[test]
fn an_unknown_item_or_jurisdiction_is_an_error_with_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    // An old report stays as it was.
    let out = tmp.path().join("out");
    ok(&["analyze", VELMORA, "--out", &arg(&out), "-q"]);
    let old_index = std::fs::read(out.join("index.html")).unwrap();
    // (file, line:col, what).
    let cases: [(&str, &str, &str); 6] = [
        (
            "review: 1\njurisdictions:\n  velmora:\n    NO-SUCH-ITEM:\n      status: met\n",
            "4:5:",
            " error: unknown item `NO-SUCH-ITEM` (under `velmora`)",
        ),
        (
            "review: 1\njurisdictions:\n  atlantis:\n    CSAM-POSSESS:\n      status: met\n",
            "3:3:",
            " error: unknown jurisdiction `atlantis`",
        ),
        (
            "review: 1\njurisdictions:\n  velmora:\n    CSAM-POSSESS:\n      status: compliant\n",
            "5:15:",
            " error: invalid status `compliant` for velmora CSAM-POSSESS",
        ),
        (
            "review: 1\njurisdictions:\n  velmora:\n    CSAM-POSSESS:\n      status: met\n     by: x\n",
            "6:6:",
            " error: malformed review file: while parsing a block mapping, did not find expected key",
        ),
        (
            "review: 1\njurisdictions:\n  velmora:\n    CSAM-POSSESS:\n      status: met\n      by: \"A. Reviewer\n",
            "6:11:",
            " error: malformed review file: unclosed quote",
        ),
        (
            "review: 1\njurisdictions:\n  velmora:\n    CSAM-POSSESS:\n      status: met\n      by: A. Reviewer\n",
            "4:5:",
            " error: the decision on velmora CSAM-POSSESS has no `date`",
        ),
    ];
    for (text, place, what) in cases {
        let p = arg(&tmp.path().join("bad.yaml"));
        std::fs::write(&p, text).unwrap();
        let out_s = arg(&out);
        for format in [vec!["--format", "json"], vec!["--out", out_s.as_str()]] {
            let mut a = vec!["analyze", VELMORA, "-q", "--review", &p];
            a.extend(format.iter().copied());
            let (code, stdout, err) = run(&a);
            assert_eq!(code, 2, "{text}: {err}");
            assert!(stdout.is_empty(), "no report: {stdout}");
            let first = err.lines().next().unwrap();
            let rest = first
                .strip_prefix(&format!("{p}:{place}"))
                .unwrap_or_else(|| panic!("{text}\n{err}"));
            assert!(rest.starts_with(what), "{text}\n{err}");
        }
    }
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), old_index);
}

#[test]
fn review_init_round_trips_and_changes_nothing_until_filled_in() {
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("report.json");
    let plain = ok(&["analyze", "corpus", "--format", "json", "-q"]);
    std::fs::write(&json, &plain).unwrap();
    let file = tmp.path().join("review.yaml");
    ok(&["review", "init", &arg(&json), "-o", &arg(&file)]);
    let text = std::fs::read_to_string(&file).unwrap();
    // Every finding of every jurisdiction has an entry.
    let r: serde_json::Value = serde_json::from_str(&plain).unwrap();
    let findings: usize = r["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(text.matches("\n      automatic_status: ").count(), findings);
    // Its data follows the documented schema.
    let data: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("model-law/review.schema.json")).unwrap(),
    )
    .unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    assert!(v.is_valid(&data), "{:?}", v.iter_errors(&data).next());
    // Untouched, it changes no byte of the report (JSON, CSV).
    let with = ok(&[
        "analyze",
        "corpus",
        "--format",
        "json",
        "-q",
        "--review",
        &arg(&file),
    ]);
    assert!(
        with == plain,
        "the untouched review file changed the report"
    );
    let csv = ok(&["analyze", "corpus", "--format", "csv", "-q"]);
    let csv_with = ok(&[
        "analyze",
        "corpus",
        "--format",
        "csv",
        "-q",
        "--review",
        &arg(&file),
    ]);
    assert!(csv == csv_with);
    // Writing again over it is refused: a review file is never replaced.
    let (code, _, err) = run(&["review", "init", &arg(&json), "-o", &arg(&file)]);
    assert_eq!(code, 2);
    assert!(err.contains("never replaced"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // Filled in (one decision, by uncommenting its lines), it applies as
    // a current decision: the fingerprint it wrote is the one the run finds.
    let first = finding(&r, "aldoria", "CHILD-AGE-CONSISTENT");
    assert_eq!(first["status"], "partial");
    let at = text.find("\n    \"CHILD-AGE-CONSISTENT\":\n").unwrap();
    let end = at + text[at..].find("      # note:\n").unwrap();
    let filled = format!(
        "{}{}",
        &text[..end],
        text[end..].replacen("      # note:\n", "      note: ages differ by law\n", 1)
    )
    .replacen(
        "      # status:\n      # by:\n      # date:\n      note:",
        "      status: met\n      by: B. Reviewer\n      date: 2026-12-01\n      note:",
        1,
    );
    std::fs::write(&file, &filled).unwrap();
    let (code, out, err) = run(&[
        "analyze",
        "corpus",
        "--format",
        "json",
        "-q",
        "--review",
        &arg(&file),
    ]);
    assert_eq!(code, 0);
    assert!(!err.contains("stale"), "{err}");
    let r2: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = finding(&r2, "aldoria", "CHILD-AGE-CONSISTENT");
    assert_eq!(f["status"], "met");
    assert_eq!(f["review"]["stale"], false);
    assert_eq!(f["review"]["note"], "ages differ by law");
}

#[test]
fn a_reviewed_report_is_the_same_at_any_thread_count_and_input_path() {
    let tmp = tempfile::tempdir().unwrap();
    let r = report(&[VELMORA]);
    let fp = fingerprint(finding(&r, "velmora", "CSAM-POSSESS"), "partial");
    let review = review_file(tmp.path(), &decision("CSAM-POSSESS", "met", "partial", &fp));
    let review = arg(&review);
    let one = ok(&[
        "analyze", VELMORA, "corpus", "--format", "json", "-q", "-j", "1", "--review", &review,
    ]);
    let three = ok(&[
        "analyze", VELMORA, "corpus", "--format", "json", "-q", "-j", "3", "--review", &review,
    ]);
    assert!(one == three);
    // Given as an absolute path, the documents are named otherwise, but
    // the decision still applies: the fingerprint goes by file name.
    let abs = arg(&root().join(VELMORA));
    let (code, out, err) = run(&[
        "analyze", &abs, "--format", "json", "-q", "--review", &review,
    ]);
    assert_eq!(code, 0);
    assert!(!err.contains("stale"), "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(finding(&r, "velmora", "CSAM-POSSESS")["status"], "met");
}

#[test]
fn compare_and_trend_carry_the_reviewed_status() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = ok(&["analyze", VELMORA, "--format", "json", "-q"]);
    let r: serde_json::Value = serde_json::from_str(&plain).unwrap();
    let fp = fingerprint(finding(&r, "velmora", "CSAM-POSSESS"), "partial");
    let review = review_file(tmp.path(), &decision("CSAM-POSSESS", "met", "partial", &fp));
    let reviewed = ok(&[
        "analyze",
        VELMORA,
        "--format",
        "json",
        "-q",
        "--review",
        &arg(&review),
    ]);
    let (a, b) = (tmp.path().join("a.json"), tmp.path().join("b.json"));
    std::fs::write(&a, plain).unwrap();
    std::fs::write(&b, reviewed).unwrap();
    // compare: the reviewed partial → met is an item gained.
    let c: serde_json::Value =
        serde_json::from_str(&ok(&["compare", &arg(&a), &arg(&b), "--format", "json"])).unwrap();
    assert_eq!(
        c["jurisdictions"][0]["gained"],
        serde_json::json!(["CSAM-POSSESS"])
    );
    assert_eq!(c["jurisdictions"][0]["lost"], serde_json::json!([]));
    // … and says whose status it is, in JSON, text and HTML; the others
    // carry no mark.
    let items = c["jurisdictions"][0]["items"].as_array().unwrap();
    let marked: Vec<&str> = items
        .iter()
        .filter(|i| i["new_reviewed"] == true)
        .map(|i| i["item"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["CSAM-POSSESS"]);
    assert!(items.iter().all(|i| i.get("old_reviewed").is_none()));
    let text = ok(&["compare", &arg(&a), &arg(&b), "--format", "text"]);
    assert!(text.contains("partial -> met (reviewed)"), "{text}");
    assert_eq!(text.matches("(reviewed)").count(), 1, "{text}");
    let html = ok(&["compare", &arg(&a), &arg(&b), "--format", "html"]);
    assert_eq!(html.matches("(reviewed)").count(), 1);
    // trend: one more met and one fewer partial in the reviewed year.
    let t: serde_json::Value = serde_json::from_str(&ok(&[
        "trend",
        &arg(&a),
        &arg(&b),
        "--year",
        "2024,2025",
        "--format",
        "json",
    ]))
    .unwrap();
    let (y0, y1) = (&t["totals"][0], &t["totals"][1]);
    assert_eq!(y1["met"].as_u64().unwrap(), y0["met"].as_u64().unwrap() + 1);
    assert_eq!(
        y1["partial"].as_u64().unwrap() + 1,
        y0["partial"].as_u64().unwrap()
    );
    // … and marks the reviewed year's status, in JSON and HTML.
    let items = t["jurisdictions"][0]["items"].as_array().unwrap();
    let marked: Vec<(&str, &serde_json::Value)> = items
        .iter()
        .filter_map(|i| Some((i["item"].as_str()?, i.get("reviewed")?)))
        .collect();
    assert_eq!(
        marked,
        [("CSAM-POSSESS", &serde_json::json!([false, true]))]
    );
    let html = ok(&[
        "trend",
        &arg(&a),
        &arg(&b),
        "--year",
        "2024,2025",
        "--format",
        "html",
    ]);
    assert_eq!(html.matches("(reviewed)").count(), 1);
}
