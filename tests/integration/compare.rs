//! `lexalign compare`: the corpus drafts (golden alignment table), the
//! real Canadian and Chinese statutes (skipped when ../shared/statutes is
//! absent), variants of real statutes renumbered, reordered, split and
//! merged in code, report JSON input, and the `--fail-on-regression` gate.

use std::path::Path;

use lexalign::compare::align::{Group, align};
use lexalign::compare::atoms::{Unit, units};
use lexalign::compare::sim::Profile;

use super::{arg, main_of, ok, run, statutes};

const V1: &str = "corpus/drafts/online-harms-bill-v1.md";
const V2: &str = "corpus/drafts/online-harms-bill-v2.md";

/// Gains of the drafts (corpus/EXPECTED.txt) that the code does not find
/// today, with the reason; see also KNOWN_DIFFERENCES in expected.rs.
const KNOWN_MISSED_GAINS: &[(&str, &str)] = &[(
    "CSAM-ACCESS",
    "v1 is already met: luring \"to obtain child pornography\" (v1 5(1)) is read as an access offence",
)];

fn json(args: &[&str]) -> serde_json::Value {
    let (status, out, err) = run(args);
    assert_eq!(status, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// `old -> new  flags` of every group, from the JSON.
/// The alignment rows that are not `unchanged`.
fn changed_rows(v: &serde_json::Value) -> Vec<String> {
    rows(v)
        .into_iter()
        .filter(|r| !r.ends_with("unchanged"))
        .collect()
}

fn rows(v: &serde_json::Value) -> Vec<String> {
    v["alignment"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let side = |k: &str| {
                let c: Vec<&str> = u[k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x["citation"].as_str().unwrap())
                    .collect();
                if c.is_empty() {
                    "-".to_string()
                } else {
                    c.join("+")
                }
            };
            format!(
                "{} -> {} {}",
                side("old"),
                side("new"),
                u["kind"].as_str().unwrap()
            )
        })
        .collect()
}

fn changes(v: &serde_json::Value, which: &str) -> Vec<String> {
    v["jurisdictions"][0][which]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn drafts_align_through_renumbering_reordering_splits_and_merges() {
    let (status, out, err) = run(&["compare", V1, V2]);
    assert_eq!(status, 0, "{err}");
    let table = out
        .split("\nProvisions: ")
        .nth(1)
        .unwrap()
        .split("\nRedlines")
        .next()
        .unwrap();
    insta::assert_snapshot!("drafts_alignment_table", table);
    let v = json(&["compare", V1, V2, "--format", "json"]);
    let r = rows(&v);
    for want in [
        "3 -> 4+5 split",
        "10+11 -> 12 merged",
        "9 -> - removed",
        "- -> 3 added",
        "- -> 8 added",
        "12 -> 13 unchanged",
        "5 -> 6 changed",
        "4 -> 7 changed",
    ] {
        assert!(r.contains(&want.to_string()), "{want} not in {r:#?}");
    }
    assert!(
        out.contains("A service provider [-may-]{+must+} remove"),
        "{out}"
    );
}

#[test]
fn drafts_item_changes_are_the_same_from_texts_and_from_reports() {
    let t = tempfile::tempdir().unwrap();
    let (a, b) = (t.path().join("v1.json"), t.path().join("v2.json"));
    for (src, dst) in [(V1, &a), (V2, &b)] {
        let (status, out, err) = run(&["analyze", src, "--format", "json"]);
        assert_eq!(status, 0, "{err}");
        std::fs::write(dst, out).unwrap();
    }
    let texts = json(&["compare", V1, V2, "--format", "json"]);
    let reports = json(&["compare", &arg(&a), &arg(&b), "--format", "json"]);
    // The same statuses and provisions; only texts can tell that a
    // provision was renumbered rather than replaced (and link a provision
    // to its text), so the order of the lists may differ.
    let items = |v: &serde_json::Value| -> Vec<(String, String, String, String)> {
        let mut v: Vec<_> = v["jurisdictions"][0]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let mut i = i.clone();
                for side in ["old_provisions", "new_provisions"] {
                    for p in i[side].as_array_mut().unwrap() {
                        p.as_object_mut().unwrap().remove("anchor");
                    }
                }
                let change = match i["change"].as_str().unwrap() {
                    "renumbered" => "changed_evidence",
                    c => c,
                };
                (
                    i["item"].to_string(),
                    i["old_status"].to_string(),
                    i["new_status"].to_string(),
                    change.to_string()
                        + &i["old_provisions"].to_string()
                        + &i["new_provisions"].to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(items(&texts), items(&reports));
    assert!(changes(&texts, "renumbered").contains(&"CSAM-PRODUCE".to_string()));
    assert!(changes(&reports, "renumbered").is_empty());
    // corpus/EXPECTED.txt: v1 -> v2 gains CSAM-ACCESS, CSAM-TERMS and
    // ISP-REMOVE. A gain the code misses is listed in KNOWN_MISSED_GAINS;
    // the list can only shrink (a listed gain that is found fails too).
    let gained = changes(&texts, "gained");
    for item in ["CSAM-ACCESS", "CSAM-TERMS", "ISP-REMOVE"] {
        let known = KNOWN_MISSED_GAINS.iter().any(|(i, _)| *i == item);
        let found = gained.contains(&item.to_string());
        assert!(
            found != known,
            "{item}: gained = {found}, listed in KNOWN_MISSED_GAINS = {known} ({gained:?})"
        );
    }
    assert_eq!(changes(&texts, "lost"), vec!["MANDATORY-REPORTING"]);
    assert!(reports["alignment"].is_null());
    assert!(
        reports["alignment_note"]
            .as_str()
            .unwrap()
            .contains("not aligned")
    );
    let text = ok(&["compare", &arg(&a), &arg(&b)]);
    assert!(text.contains("No provision alignment"), "{text}");
}

#[test]
fn fail_on_regression_exits_1_and_names_the_item() {
    let (status, _, err) = run(&["compare", V1, V2, "--fail-on-regression"]);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("MANDATORY-REPORTING met -> not_met"), "{err}");
    let (status, _, err) = run(&["compare", V2, V1, "--fail-on-regression"]);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("CSAM-TERMS"), "{err}");
    let (status, _, err) = run(&["compare", V1, V1, "--fail-on-regression"]);
    assert_eq!(status, 0, "{err}");
    let (status, _, _) = run(&["compare", V1, V2]);
    assert_eq!(status, 0);
}

#[test]
fn a_jurisdiction_lost_entirely_is_a_regression() {
    let t = tempfile::tempdir().unwrap();
    let report = |name: &str, paths: &[&str]| {
        let mut args = vec!["analyze"];
        args.extend(paths);
        args.extend(["--format", "json"]);
        let p = t.path().join(name);
        std::fs::write(&p, ok(&args)).unwrap();
        arg(&p)
    };
    let both = report("both.json", &["corpus/hualan", "corpus/aldoria"]);
    let one = report("one.json", &["corpus/aldoria"]);
    let (status, _, err) = run(&["compare", &both, &one, "--fail-on-regression"]);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("hualan") && err.contains("absent"), "{err}");
    let (status, _, err) = run(&["compare", &one, &both, "--fail-on-regression"]);
    assert_eq!(status, 0, "a jurisdiction gained is no regression: {err}");
}

#[test]
fn a_side_that_could_not_be_assessed_has_no_score() {
    let t = tempfile::tempdir().unwrap();
    let it = t.path().join("legge.md");
    std::fs::write(
        &it,
        "---\njurisdiction: italia\nlanguage: it\n---\n## Articolo 1\n\nChiunque detiene materiale pedopornografico è punito con la reclusione.\n",
    )
    .unwrap();
    let text = ok(&["compare", &arg(&it), &arg(&it)]);
    assert!(
        text.contains("score not assessed -> not assessed"),
        "{text}"
    );
    assert!(!text.contains("0.000"), "{text}");
}

#[test]
fn bad_input_exits_2_with_file_and_line() {
    let t = tempfile::tempdir().unwrap();
    let bad = t.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"version\": 1,\n  \"jurisdictions\": [oops]\n}\n",
    )
    .unwrap();
    let (status, _, err) = run(&["compare", &arg(&bad), V2]);
    assert_eq!(status, 2);
    assert!(err.contains("bad.json:3:"), "{err}");
    let (status, _, err) = run(&["compare", "corpus/no-such-file.md", V2]);
    assert_eq!(status, 2, "{err}");
}

/// `compare V1 V2 --out DIR/cmp`, which must succeed; the folder.
fn drafts_out(dir: &std::path::Path) -> std::path::PathBuf {
    let out = dir.join("cmp");
    let (status, _, err) = run(&["compare", V1, V2, "--out", &arg(&out)]);
    assert_eq!(status, 0, "{err}");
    out
}

#[test]
fn out_folder_is_written_whole_and_the_same_every_run() {
    let t = tempfile::tempdir().unwrap();
    let out = drafts_out(t.path());
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let first = std::fs::read(out.join("compare.json")).unwrap();
    assert!(
        html.contains(
            "<del><span class=\"sr\">[deleted: </span>may<span class=\"sr\">]</span></del>"
        )
    );
    assert!(html.contains("<ins>"));
    let (status, _, err) = run(&["compare", V1, V2, "--out", &arg(&out)]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(std::fs::read(out.join("compare.json")).unwrap(), first);
    let stdout = ok(&["compare", V1, V2, "--format", "json"]);
    assert_eq!(stdout.as_bytes(), first.as_slice());
    let one = ok(&["compare", V1, V2, "--format", "json", "--jobs", "1"]);
    assert_eq!(one, stdout);
}

/// The page of the corpus drafts (its `<main>`): a change to the
/// comparison page shows in review.
#[test]
fn html_page_of_the_drafts() {
    let t = tempfile::tempdir().unwrap();
    let out = drafts_out(t.path());
    let html = std::fs::read(out.join("index.html")).unwrap();
    let page = String::from_utf8(html.clone()).unwrap();
    assert!(
        page.contains("<title>Comparison: ostland-bill (1) → ostland-bill (2)</title>"),
        "{page}"
    );
    assert!(page.contains("The same data is in compare.json"), "{page}");
    insta::assert_snapshot!("drafts_html", main_of(&html, Some(t.path())));
}

const HOSTILE_DRAFT: &str = r#"---
title: "Bill <script>alert('title')</script>"
jurisdiction: "<b>Evil</b> & Co"
language: en
version: "VERSION"
---

# Children (Hostile Markup) Bill

## Section 1. Definitions <i>HEADING</i>

(1) In this Act, "child" means a person under the age of 18 years <script>alert(1)</script> and <img src=x onerror=alert(2)>.

## Section 2. Offences

(1) A person who possesses child WORD material <iframe src="javascript:alert(3)"></iframe> commits an offence.
"#;

#[test]
fn statute_text_is_escaped_in_the_comparison_page() {
    let t = tempfile::tempdir().unwrap();
    let draft = |name: &str, version: &str, heading: &str, word: &str| {
        let p = t.path().join(name);
        let text = HOSTILE_DRAFT
            .replace("VERSION", version)
            .replace("HEADING", heading)
            .replace("WORD", word);
        std::fs::write(&p, text).unwrap();
        arg(&p)
    };
    let old = draft("old.md", "1", "old", "pornography");
    let new = draft("new.md", "2", "new <u>under</u>", "sexual abuse");
    let (status, html, err) = run(&["compare", &old, &new, "--format", "html"]);
    assert_eq!(status, 0, "{err}");
    for raw in ["<script", "<img", "<iframe", "<b>Evil", "<i>", "<u>"] {
        assert!(!html.contains(raw), "unescaped {raw} in\n{html}");
    }
    assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "{html}");
    assert!(html.contains("<del>"), "a redline: {html}");
}

#[test]
fn canada_2023_to_2025_aligns_one_to_one_and_gains_csam_terms() {
    let Some(dir) = statutes("compare::canada_2023_to_2025_aligns_one_to_one_and_gains_csam_terms")
    else {
        return;
    };
    let old = arg(&dir.join("ca/internet-child-pornography-reporting-act-2023.md"));
    let new = arg(&dir.join("ca/internet-csaem-reporting-act-2025.md"));
    let v = json(&["compare", &old, &new, "--format", "json"]);
    let units = v["alignment"]["units"].as_array().unwrap();
    assert_eq!(units.len(), 14);
    for u in units {
        assert_eq!(u["old"].as_array().unwrap().len(), 1, "{u}");
        assert_eq!(u["new"].as_array().unwrap().len(), 1, "{u}");
        assert_eq!(u["old"][0]["citation"], u["new"][0]["citation"]);
        assert_eq!(u["renumbered"], false);
        assert_eq!(u["moved"], false);
    }
    let terms = v["jurisdictions"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == "CSAM-TERMS")
        .unwrap();
    assert_eq!(terms["old_status"], "not_met");
    assert_eq!(terms["new_status"], "met");
    let text = ok(&["compare", &old, &new]);
    assert!(
        text.contains(
            "Internet child [-pornography-]{+sexual abuse and exploitation material+} by persons"
        ),
        "{text}"
    );
}

#[test]
fn chinese_minors_protection_2020_to_2024_shows_only_the_articles_that_differ() {
    let Some(dir) = statutes(
        "compare::chinese_minors_protection_2020_to_2024_shows_only_the_articles_that_differ",
    ) else {
        return;
    };
    let old = arg(&dir.join("cn/minors-protection-law-2020.md"));
    let new = arg(&dir.join("cn/minors-protection-law-2024.md"));
    let v = json(&["compare", &old, &new, "--format", "json"]);
    let changed = changed_rows(&v);
    assert_eq!(
        changed,
        vec!["preamble -> preamble changed", "第九条 -> 第九条 changed"]
    );
    assert_eq!(v["alignment"]["counts"]["unchanged"], 131);
}

/// Units of a real statute.
fn real_units(rel: &str) -> Option<Vec<Unit>> {
    let dir = statutes(&format!("compare: variants of {rel}"))?;
    let src = lexalign::source::load_file(&lexalign::source::Input::given(dir.join(rel))).unwrap();
    let (s, _) = lexalign::parse::parse_statute(&src);
    Some(units(&s))
}

fn renumber(u: &mut Unit, n: usize) {
    u.number = Some(n.to_string());
    u.citation = n.to_string();
}

fn retext(u: &mut Unit, from: &str, to: &str) {
    for p in &mut u.parts {
        p.text = p.text.replace(from, to);
        p.profile = Profile::new(&p.text);
    }
    u.profile = Profile::new(&u.text());
}

/// (old citation, new citation) of every 1:1 group, and the others.
fn pairs(old: &[Unit], new: &[Unit], groups: &[Group]) -> Vec<(String, String)> {
    groups
        .iter()
        .map(|g| {
            let c = |us: &[Unit], ids: &[usize]| {
                ids.iter()
                    .map(|&i| us[i].citation.clone())
                    .collect::<Vec<_>>()
                    .join("+")
            };
            (c(old, &g.old), c(new, &g.new))
        })
        .collect()
}

/// A real statute renumbered from 101, with sections moved (the last third
/// first, two neighbours swapped), one deleted, one reworded: every unit
/// finds its counterpart.
fn check_variant(rel: &str, word: (&str, &str)) {
    let Some(old) = real_units(rel) else { return };
    let body: Vec<Unit> = old.iter().filter(|u| !u.preamble).cloned().collect();
    assert!(body.len() >= 8, "{rel}");
    let third = body.len() / 3;
    let mut order: Vec<usize> = (body.len() - third..body.len())
        .chain(0..body.len() - third)
        .collect();
    order.swap(third + 1, third + 2);
    let deleted = order.remove(third + 4);
    let mut new: Vec<Unit> = old.iter().filter(|u| u.preamble).cloned().collect();
    for (k, &i) in order.iter().enumerate() {
        let mut u = body[i].clone();
        renumber(&mut u, 101 + k);
        new.push(u);
    }
    let edited = new.len() / 2;
    retext(&mut new[edited], word.0, word.1);
    let groups = align(&old, &new);
    let got = pairs(&old, &new, &groups);
    for (k, &i) in order.iter().enumerate() {
        let want = (body[i].citation.clone(), (101 + k).to_string());
        assert!(got.contains(&want), "{rel}: {want:?} missing in {got:?}");
    }
    let removed = (body[deleted].citation.clone(), String::new());
    assert!(
        got.contains(&removed),
        "{rel}: {removed:?} missing in {got:?}"
    );
}

#[test]
fn renumbered_and_reordered_variants_of_real_statutes_align() {
    check_variant("ca/internet-csaem-reporting-act-2025.md", ("must", "shall"));
    check_variant("cn/minors-protection-law-2020.md", ("应当", "必须"));
    check_variant("ke/data-protection-act-2019.md", ("shall", "must"));
}

#[test]
fn a_real_section_split_in_two_is_found() {
    let Some(old) = real_units("cn/minors-protection-law-2024.md") else {
        return;
    };
    let k = old
        .iter()
        .position(|u| u.parts.len() >= 3 && u.profile.len > 60)
        .unwrap();
    let mut new = old.clone();
    let mut second = new[k].clone();
    let cut = second.parts.len() / 2;
    new[k].parts.truncate(cut);
    second.parts.drain(..cut);
    second.citation = format!("{}之一", second.citation);
    for u in [&mut new[k], &mut second] {
        u.profile = Profile::new(&u.text());
    }
    new.insert(k + 1, second);
    let groups = align(&old, &new);
    let g = groups.iter().find(|g| g.old == vec![k]).unwrap();
    assert_eq!(g.new, vec![k, k + 1], "{:?}", pairs(&old, &new, &groups));
    assert_eq!(groups.len(), old.len());
}

#[test]
fn nothing_changes_when_a_statute_is_compared_with_itself() {
    let p = Path::new(V1);
    let v = json(&["compare", &arg(p), &arg(p), "--format", "json"]);
    assert!(
        rows(&v).iter().all(|r| r.ends_with("unchanged")),
        "{:?}",
        rows(&v)
    );
    assert!(changes(&v, "gained").is_empty() && changes(&v, "lost").is_empty());
}

#[test]
fn folders_of_one_jurisdiction_align_document_by_document() {
    let v = json(&[
        "compare",
        "corpus/norland-2024",
        "corpus/norland-2025",
        "--format",
        "json",
    ]);
    let changed = changed_rows(&v);
    assert_eq!(
        changed,
        vec!["3 -> 3 changed", "- -> 7A added", "- -> 9A added"]
    );
    let gained = changes(&v, "gained");
    for item in ["CSAM-POSSESS", "CSAM-SIMPLE-POSSESSION", "ISP-REMOVE"] {
        assert!(gained.contains(&item.to_string()), "{gained:?}");
    }
    assert!(changes(&v, "lost").is_empty());
}

/// The `href="#…"` links of a page and its `id`s.
fn links_and_ids(html: &str) -> (Vec<String>, std::collections::HashSet<String>) {
    let after = |pat: &str| -> Vec<String> {
        html.split(pat)
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect()
    };
    (after("href=\"#"), after(" id=\"").into_iter().collect())
}

/// The text of the element with this id (a table row, a paragraph or a
/// heading).
fn element_text(html: &str, id: &str) -> String {
    let at = html.find(&format!(" id=\"{id}\"")).unwrap();
    let rest = &html[at..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    let end = ["</tr>", "</p>", "</h3>"]
        .iter()
        .filter_map(|e| rest.find(e))
        .min()
        .unwrap();
    let line = &rest[..end];
    // Tags out.
    let mut out = String::new();
    let mut inside = false;
    for c in line.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Lost items first, then gained, then the other changes, the unchanged
/// last; each with its title from the model law; every cited provision
/// links to an anchor of the page that shows that provision.
#[test]
fn changed_items_come_first_with_titles_and_link_to_their_redlines() {
    let v = json(&["compare", V1, V2, "--format", "json"]);
    let items = v["jurisdictions"][0]["items"].as_array().unwrap();
    let changes: Vec<&str> = items
        .iter()
        .map(|i| i["change"].as_str().unwrap())
        .collect();
    let rank = |c: &str| {
        [
            "lost",
            "gained",
            "changed_evidence",
            "renumbered",
            "unchanged",
        ]
        .iter()
        .position(|x| *x == c)
        .unwrap()
    };
    assert!(
        changes.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{changes:?}"
    );
    // corpus/EXPECTED.txt: v1 -> v2 loses MANDATORY-REPORTING (the only
    // loss): it comes first.
    assert_eq!(items[0]["item"], "MANDATORY-REPORTING");
    assert_eq!(items[0]["title"], "Mandatory reporting of abuse");
    assert!(items.iter().all(|i| i["title"].is_string()), "{items:?}");
    let unchanged = changes.iter().filter(|c| **c == "unchanged").count();
    assert_eq!(
        unchanged,
        v["jurisdictions"][0]["unchanged"].as_array().unwrap().len()
    );
    let text = ok(&["compare", V1, V2]);
    assert!(
        text.contains(
            "\n  old: Bill O-12, An Act respecting online harms to children (first reading)\n"
        ),
        "{text}"
    );
    let lost = text
        .find("\n  lost: MANDATORY-REPORTING (Mandatory reporting of abuse)\n      met -> not_met  [9(1), 9] -> [-]\n")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(lost < text.find("\n  gained: ").unwrap(), "{text}");
    let t = tempfile::tempdir().unwrap();
    let out = drafts_out(t.path());
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let lost = html.find("Mandatory reporting of abuse").unwrap();
    let gained = html.find("Providers must remove or block").unwrap();
    let folded = html.find("<summary>Unchanged items (").unwrap();
    assert!(lost < gained && gained < folded, "order on the page");
    // The titles of the drafts, not their paths, name them.
    assert!(
        html.contains(
            "<cite>Bill O-12, An Act respecting online harms to children (first reading)</cite>"
        ),
        "{html}"
    );
    let (links, ids) = links_and_ids(&html);
    let missing: Vec<&String> = links.iter().filter(|l| !ids.contains(*l)).collect();
    assert!(missing.is_empty(), "links without an anchor: {missing:?}");
    // Every provision cited on the text sides has a link, and the row it
    // leads to shows that provision (its section number at least).
    let mut checked = 0;
    for i in items {
        for side in ["old_provisions", "new_provisions"] {
            for p in i[side].as_array().unwrap() {
                let anchor = p["anchor"]
                    .as_str()
                    .unwrap_or_else(|| panic!("no anchor: {p}"));
                let cite = p["citation"].as_str().unwrap();
                let section: String = cite
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                assert!(html.contains(&format!("href=\"#{anchor}\"")), "{anchor}");
                let shown = element_text(&html, anchor);
                assert!(shown.contains(&section), "{cite} -> #{anchor}: {shown}");
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "{checked}");
    // MANDATORY-REPORTING was decided by old 9(1), a removed section: the
    // link leads to its redline (struck through).
    let old = &items[0]["old_provisions"][0];
    assert_eq!(old["citation"], "9(1)");
    let anchor = old["anchor"].as_str().unwrap();
    assert!(
        element_text(&html, anchor).starts_with("9(1) → —"),
        "{anchor}"
    );
}

/// A folder of two instruments citing `3(1)(“child”)` in each: the
/// page says which instrument each one is in, and the alignment table
/// starts each instrument's rows with its title.
#[test]
fn a_folder_compare_names_the_instrument_of_each_citation() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("cmp");
    let (status, _, err) = run(&[
        "compare",
        "corpus/norland-2024",
        "corpus/norland-2025",
        "--out",
        &arg(&out),
    ]);
    assert_eq!(status, 0, "{err}");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let row = html
        .split("<tr class=\"change-")
        .find(|r| r.contains("CHILD-AGE-CONSISTENT"))
        .unwrap();
    for title in [
        "in Children (Care and Protection) Act 2019 (as at 2025)",
        "in Cybercrime Act 2021 (as at 2025, incorporating the Cybercrime Amendment Act 2025)",
    ] {
        assert!(row.contains(title), "{title} not in {row}");
    }
    assert!(
        html.contains(
            "<tr class=\"instrument\"><th scope=\"colgroup\" colspan=\"4\">Cybercrime Act 2021"
        ),
        "{html}"
    );
    let (links, ids) = links_and_ids(&html);
    assert!(!links.is_empty());
    let missing: Vec<&String> = links.iter().filter(|l| !ids.contains(*l)).collect();
    assert!(missing.is_empty(), "links without an anchor: {missing:?}");
}

/// Reports name their jurisdictions: the comparison uses the names.
#[test]
fn a_comparison_of_reports_shows_names_not_codes() {
    let t = tempfile::tempdir().unwrap();
    let write = |file: &str, status: &str| {
        let p = t.path().join(file);
        let r = serde_json::json!({"version": 2, "jurisdictions": [{
            "jurisdiction": "ke", "name": "Kenya", "score": 0.5,
            "documents": [{"path": "ke/act.md", "title": "Children Act"}],
            "findings": [{"item": "GROOMING", "area": "a", "status": status,
                "evidence": [{"document": "ke/act.md", "citation": "3(1)", "line": 4}]}]
        }]});
        std::fs::write(&p, r.to_string()).unwrap();
        arg(&p)
    };
    let (a, b) = (write("a.json", "met"), write("b.json", "not_met"));
    let text = ok(&["compare", &a, &b]);
    assert!(text.contains("\nKenya -> Kenya: score"), "{text}");
    let (status, _, err) = run(&["compare", &a, &b, "--fail-on-regression"]);
    assert_eq!(status, 1);
    assert!(err.contains("Kenya GROOMING met -> not_met"), "{err}");
    let (_, html, _) = run(&["compare", &a, &b, "--format", "html"]);
    assert!(html.contains("<cite>Children Act</cite>"), "{html}");
    assert!(
        html.contains("Online grooming is an offence <small class=\"code\">GROOMING</small>"),
        "{html}"
    );
}
