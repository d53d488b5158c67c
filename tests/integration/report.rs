//! `analyze --out DIR`: the report folder (index.html, a page per
//! jurisdiction, report.json, report.csv). Golden snapshots of the pages'
//! `<main>` for corpus/, escaping of statute text, page names that stay
//! inside DIR, determinism, template overrides and the atomic write.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::{arg, main_of, ok, run};

/// Every file of a report folder (subfolders too): name relative to it,
/// with `/`, → bytes.
fn read_report(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for p in walkdir(dir) {
        if p.is_file() {
            let rel: Vec<String> = p
                .strip_prefix(dir)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.insert(rel.join("/"), fs::read(&p).unwrap());
        }
    }
    out
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
    // The overview, every jurisdiction's page and one-page summary, and
    // the page of one document (the others are the same template).
    let pages: Vec<&String> = files
        .keys()
        .filter(|n| {
            n.ends_with(".html")
                && (!n.contains('/')
                    || n.ends_with("/summary.html")
                    || n.starts_with("caledonia/indecent"))
        })
        .collect();
    assert!(pages.len() > 5, "{pages:?}");
    for name in pages {
        let snap = format!("html_{}", name.trim_end_matches(".html").replace('/', "__"));
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
    // The overview's own script (sorting, the filter) is the one script.
    assert_eq!(index.matches("<script").count(), 1, "{index}");
    let own = index
        .find("<script>\n// Sorting and filtering")
        .expect("the overview's script");
    let index = index[..own].to_string();
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
    // The document's page and the one-page summary show the text as text.
    for (name, bytes) in files.iter().filter(|(n, _)| n.contains('/')) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        for raw in ["<script", "<img", "<iframe", "<b>Evil"] {
            assert!(!html.contains(raw), "unescaped {raw} in {name}:\n{html}");
        }
        if !name.ends_with("summary.html") {
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{name}: {html}"
            );
            assert!(html.contains("<mark>"), "{name}: decisive words marked");
        }
    }
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
            "etc-passwd/1.html",
            "etc-passwd/summary.html",
            "etc.html",
            "etc/0.html",
            "etc/summary.html",
            "index-2.html",
            "index-2/3.html",
            "index-2/summary.html",
            "index.html",
            "jurisdiction.html",
            "jurisdiction/2.html",
            "jurisdiction/summary.html",
            "profiles.csv",
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

/// A statute of one offence for jurisdiction `key`, with more front matter.
fn named(key: &str, more: &str) -> String {
    format!(
        "---\njurisdiction: {key}\nlanguage: en\nyear: 2020\n{more}---\n\n# Act\n\n## Section 1\n\nA person who possesses child sexual abuse material commits an offence.\n"
    )
}

#[test]
fn jurisdictions_are_shown_by_name_from_front_matter_or_iso_code() {
    let t = tempfile::tempdir().unwrap();
    let inputs = [
        statute(t.path(), "a.md", &named("ke", "")),
        statute(t.path(), "b.md", &named("GB", "")),
        statute(
            t.path(),
            "c.md",
            &named(
                "cn",
                "name: People's Republic of China\nregion: East Asia\n",
            ),
        ),
        statute(t.path(), "d.md", &named("zz", "")),
        statute(
            t.path(),
            "e.md",
            &named("norland", "name: Kingdom of Norland\n"),
        ),
    ];
    let paths: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let files = analyze_into(&t.path().join("out"), &paths, &["--as-of", "2026-01-31"]);
    // JSON: `name` when known (front matter first, then the ISO code),
    // `region` when given; nothing for a code that names no country.
    let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
    let got: Vec<(String, Option<String>, Option<String>)> = json["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            let s = |k: &str| j.get(k).and_then(|v| v.as_str()).map(str::to_string);
            (
                j["jurisdiction"].as_str().unwrap().to_string(),
                s("name"),
                s("region"),
            )
        })
        .collect();
    let want = |k: &str, n: Option<&str>, r: Option<&str>| {
        (k.to_string(), n.map(str::to_string), r.map(str::to_string))
    };
    assert_eq!(
        got,
        vec![
            want(
                "GB",
                Some("United Kingdom of Great Britain and Northern Ireland"),
                None
            ),
            want("cn", Some("People's Republic of China"), Some("East Asia")),
            want("ke", Some("Kenya"), None),
            want("norland", Some("Kingdom of Norland"), None),
            want("zz", None, None),
        ]
    );
    assert_eq!(json["as_of"], "2026-01-31");
    assert_eq!(
        json["version"], 2,
        "an additive change: the contract stays version 2"
    );
    // CSV: name and region are the last two columns.
    let csv = String::from_utf8(files["report.csv"].clone()).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",reason,name,region"));
    let rows: Vec<&str> = lines.collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("ke,") && r.ends_with(",Kenya,")),
        "{csv}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("cn,") && r.ends_with(",People's Republic of China,East Asia")),
        "{csv}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("zz,") && r.ends_with(",,")),
        "{csv}"
    );
    // Pages: the name is the title and the heading, the code beside it;
    // a code without a name is shown as it is.
    let page = |n: &str| String::from_utf8(files[n].clone()).unwrap();
    let ke = page("ke.html");
    assert!(ke.contains("<title>Kenya</title>"), "{ke}");
    assert!(
        ke.contains("<h1>Kenya <span class=\"code\">ke</span></h1>"),
        "{ke}"
    );
    let cn = page("cn.html");
    assert!(
        cn.contains("<h1>People&#x27;s Republic of China <span class=\"code\">cn</span></h1>")
            || cn
                .contains("<h1>People&#39;s Republic of China <span class=\"code\">cn</span></h1>"),
        "{cn}"
    );
    assert!(cn.contains("Region: East Asia"), "{cn}");
    let zz = page("zz.html");
    assert!(zz.contains("<h1>zz</h1>"), "{zz}");
    // The overview: names in every table (the scores, the matrix and a
    // table per shipped profile), the filter words hold the code and
    // region, and the date given.
    let index = page("index.html");
    assert_eq!(
        index
            .matches(">Kenya</a> <span class=\"code\">ke</span>")
            .count(),
        4,
        "{index}"
    );
    assert!(index.contains("data-filter=\"kenya ke\""), "{index}");
    assert!(
        index.contains("data-filter=\"people&#x27;s republic of china cn east asia\"")
            || index.contains("data-filter=\"people&#39;s republic of china cn east asia\""),
        "{index}"
    );
    assert!(
        index.contains("The law as of <strong>2026-01-31</strong> (the date given"),
        "{index}"
    );
}

#[test]
fn without_as_of_the_report_is_dated_by_its_documents_never_the_clock() {
    let t = tempfile::tempdir().unwrap();
    let a = statute(t.path(), "a.md", &named("ke", ""));
    let b = statute(
        t.path(),
        "b.md",
        &named("zz", "").replace("year: 2020", "year: 2017"),
    );
    let files = analyze_into(&t.path().join("out"), &[&a, &b], &[]);
    let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
    assert_eq!(json["as_of"], "2020");
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    assert!(
        index.contains(
            "The law as of <strong>2020</strong> (the latest year of the documents analysed)"
        ),
        "{index}"
    );
    let (status, _, err) = run(&["analyze", &a, "--format", "json", "--as-of", "31/01/2026"]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn scores_are_ranked_and_the_matrix_heads_with_the_met_counts() {
    let t = tempfile::tempdir().unwrap();
    let files = analyze_into(&t.path().join("r"), &["corpus/"], &[]);
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
    // The ranking: overall scores from the JSON, best first.
    let mut scores: Vec<(i64, String)> = json["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|j| {
            j["score"].as_f64().map(|s| {
                (
                    (s * 1000.0).round() as i64,
                    j["jurisdiction"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.0));
    let scores_table =
        &index[index.find("class=\"scores\"").unwrap()..index.find("class=\"matrix\"").unwrap()];
    let shown: Vec<i64> = scores_table
        .split("data-v=\"")
        .skip(1)
        .filter(|s| s.contains("<strong>"))
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(
        shown,
        scores.iter().map(|s| s.0).collect::<Vec<_>>(),
        "rank order without script"
    );
    assert!(scores_table.contains("<td class=\"num\" data-v=\"1\">1</td>"));
    // The headline row comes before the rows and says N of M.
    let matrix = &index[index.find("class=\"matrix\"").unwrap()..];
    let head = matrix.find("Met in (of 13)").expect("the headline row");
    assert!(
        head < matrix.find("<tbody>").unwrap(),
        "the headline row is at the top"
    );
    assert!(!index.contains("<tfoot>"));
}

/// The values of attribute `attr` (`id`, `href`) in a page, unescaped.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let key = format!(" {attr}=\"");
    html.split(key.as_str())
        .skip(1)
        .map(|s| unescape(&s[..s.find('"').unwrap()]))
        .collect()
}

/// HTML text as written, from the escapes the templates use.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The page `href` (relative to page `from`, both named inside the report
/// folder) points at, and its fragment.
fn target(from: &str, href: &str) -> (String, Option<String>) {
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), frag);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for c in path.split('/') {
        match c {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{href} from {from} leaves the report"
                );
            }
            "." => {}
            c => parts.push(c),
        }
    }
    (parts.join("/"), frag)
}

#[test]
fn every_link_of_the_corpus_report_resolves_to_a_page_and_an_anchor() {
    let t = tempfile::tempdir().unwrap();
    let files = analyze_into(&t.path().join("r"), &["corpus/"], &[]);
    let pages: BTreeMap<&String, String> = files
        .iter()
        .filter(|(n, _)| n.ends_with(".html"))
        .map(|(n, b)| (n, String::from_utf8(b.clone()).unwrap()))
        .collect();
    let ids: BTreeMap<&str, Vec<String>> = pages
        .iter()
        .map(|(n, html)| (n.as_str(), attrs(html, "id")))
        .collect();
    // Ids are unique within each page.
    for (name, list) in &ids {
        let unique: std::collections::BTreeSet<&String> = list.iter().collect();
        assert_eq!(unique.len(), list.len(), "repeated id in {name}");
    }
    let mut to_provisions = 0;
    let mut to_indicators = 0;
    for (name, html) in &pages {
        for href in attrs(html, "href") {
            assert!(!href.contains("://"), "{name} links outside: {href}");
            let (page, frag) = target(name, &href);
            let anchors = ids
                .get(page.as_str())
                .unwrap_or_else(|| panic!("{name} links to {href}: no page {page}"));
            if let Some(f) = frag {
                assert!(
                    anchors.contains(&f),
                    "{name} links to {href}: no id {f} in {page}"
                );
                to_provisions += usize::from(f.starts_with("p-"));
                to_indicators += usize::from(f.starts_with("profile-"));
            }
        }
    }
    assert!(to_provisions > 300, "{to_provisions} links to provisions");
    // The overview's profile tables link each cell to the indicator on the
    // jurisdiction's page (13 jurisdictions × 9 indicators, and names).
    assert!(
        to_indicators >= 13 * 9,
        "{to_indicators} links to indicators"
    );
    // Each indicator links to the findings it is read from, on its page.
    let mut to_findings = 0;
    for (name, html) in pages
        .iter()
        .filter(|(n, _)| !n.contains('/') && n.as_str() != "index.html")
    {
        for list in html.split("<ul class=\"items\">").skip(1) {
            let list = &list[..list.find("</ul>").unwrap()];
            for href in attrs(list, "href") {
                let item = href
                    .strip_prefix('#')
                    .unwrap_or_else(|| panic!("{name}: {href}"));
                let page_ids = &ids[name.as_str()];
                assert!(
                    page_ids.contains(&item.to_string()) && page_ids.contains(&format!("t-{item}")),
                    "{name}: {href} is no finding"
                );
                to_findings += 1;
            }
        }
    }
    assert!(
        to_findings >= 13 * 40,
        "{to_findings} links from indicators to findings"
    );
    // Every citation of evidence on a jurisdiction page is a link.
    for (name, html) in pages.iter().filter(|(n, _)| !n.contains('/')) {
        for cite in html.split("<cite").skip(1) {
            let inner = &cite[cite.find('>').unwrap() + 1..];
            assert!(
                inner.starts_with("<a href="),
                "{name}: a citation without a link"
            );
        }
    }
    // Every document analysed has its page, linked from the documents table.
    let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
    let documents: usize = json["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["documents"].as_array().unwrap().len())
        .sum();
    let doc_pages = pages
        .keys()
        .filter(|n| n.contains('/') && !n.ends_with("/summary.html"))
        .count();
    assert_eq!(doc_pages, documents);
}

/// The text of the element whose id is `id` in `html`, up to the next
/// provision, without tags.
fn provision_text(html: &str, id: &str) -> (String, Vec<String>) {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no id {id}"));
    let rest = &html[at..];
    let end = rest[1..]
        .find("<div class=\"prov")
        .map_or(rest.len(), |e| e + 1);
    let block = &rest[..end];
    let marks: Vec<String> = block
        .split("<mark>")
        .skip(1)
        .map(|m| unescape(&m[..m.find("</mark>").unwrap()]))
        .collect();
    let mut text = String::new();
    let mut in_tag = false;
    for c in block.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    (unescape(&text), marks)
}

#[test]
fn a_citation_leads_to_the_provision_it_names_with_the_decisive_words_marked() {
    let t = tempfile::tempdir().unwrap();
    let files = analyze_into(&t.path().join("r"), &["corpus/valmont"], &[]);
    let page = String::from_utf8(files["valmont.html"].clone()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
    let findings = json["jurisdictions"][0]["findings"].as_array().unwrap();
    let mut checked = 0;
    for f in findings {
        for e in f["evidence"].as_array().unwrap() {
            let citation = e["citation"].as_str().unwrap();
            // The link right after this citation's <cite> in the finding.
            let finding = &page[page
                .find(&format!("id=\"{}\"", f["item"].as_str().unwrap()))
                .unwrap()..];
            let cite = format!(">{}</a></cite>", escape_text(citation));
            let at = finding.find(&cite).unwrap_or_else(|| panic!("{cite}"));
            let href = attrs(&finding[..at + 1], "href").pop().unwrap();
            let (target_page, frag) = target("valmont.html", &href);
            let doc = String::from_utf8(files[&target_page].clone()).unwrap();
            let (text, marks) = provision_text(&doc, &frag.unwrap());
            // The anchor shows that citation, and the words the JSON says
            // decided are marked there.
            assert!(text.contains(citation), "{href}: {text}");
            for m in e["matched"].as_array().unwrap() {
                let m = m.as_str().unwrap();
                assert!(
                    marks.iter().any(|x| x.contains(m)),
                    "{href}: {m:?} not marked in {marks:?}"
                );
            }
            // The document's page belongs to the document the JSON names.
            let doc_path = e["document"].as_str().unwrap();
            let source = fs::read_to_string(super::root().join(doc_path)).unwrap();
            let title = source
                .lines()
                .find_map(|l| l.strip_prefix("title: "))
                .unwrap()
                .trim_matches('"');
            assert!(doc.contains(&escape_text(title)), "{target_page}: {title}");
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} citations checked");
}

/// Text escaped as the templates escape it.
fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_one_page_summary_lists_the_gaps_with_recommendations_and_the_items_met() {
    let t = tempfile::tempdir().unwrap();
    let files = analyze_into(&t.path().join("r"), &["corpus/"], &[]);
    let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
    let law: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(super::root().join("model-law/checklist.json")).unwrap(),
    )
    .unwrap();
    let item = |id: &str| {
        law["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    let mut seen = 0;
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with("/summary.html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        let dir = name.trim_end_matches("/summary.html");
        assert!(
            index.contains(&format!("href=\"{name}\"")),
            "index links {name}"
        );
        let page = String::from_utf8(files[&format!("{dir}.html")].clone()).unwrap();
        assert!(
            page.contains(&format!("href=\"{name}\"")),
            "its page links {name}"
        );
        // Which jurisdiction: the page's <h1> label is the summary's too.
        let h1 = &page[page.find("<h1>").unwrap() + 4..page.find("</h1>").unwrap()];
        let label = h1.split(" <span").next().unwrap();
        assert!(
            html.contains(&format!("<h1>{label}")),
            "{name} is titled {label}"
        );
        let j = json["jurisdictions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| {
                let l = j["name"]
                    .as_str()
                    .unwrap_or(j["jurisdiction"].as_str().unwrap());
                let l = match j["version"].as_str() {
                    Some(v) => format!("{l} ({v})"),
                    None => l.to_string(),
                };
                escape_text(&l) == label
            })
            .unwrap_or_else(|| panic!("no jurisdiction {label}"));
        let gaps = &html[html.find("id=\"gaps\"").unwrap()..html.find("id=\"met\"").unwrap()];
        let met = &html[html.find("id=\"met\"").unwrap()..];
        for f in j["findings"].as_array().unwrap() {
            let id = f["item"].as_str().unwrap();
            let i = item(id);
            let title = escape_text(i["title"].as_str().unwrap());
            match f["status"].as_str().unwrap() {
                "not_met" | "partial" => {
                    assert!(
                        gaps.contains(&format!("#{id}\">{title}</a>")),
                        "{name}: {id}"
                    );
                    assert!(
                        gaps.contains(&escape_text(i["recommendation"].as_str().unwrap())),
                        "{name}: the recommendation of {id}"
                    );
                    assert!(!met.contains(&format!(" {title} — ")), "{name}: {id}");
                }
                "met" => {
                    assert!(met.contains(&format!(" {title} — ")), "{name}: {id} met");
                    assert!(!gaps.contains(&format!("#{id}\"")), "{name}: {id}");
                    // Its strongest evidence: the first that decides.
                    let e = f["evidence"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|e| e["role"] == "decides");
                    if let Some(e) = e {
                        let line = &met[met.find(&format!(" {title} — ")).unwrap()..];
                        let line = &line[..line.find("</li>").unwrap()];
                        assert!(
                            line.contains(&escape_text(e["citation"].as_str().unwrap())),
                            "{name}: {id}: {line}"
                        );
                    }
                }
                _ => {}
            }
        }
        seen += 1;
    }
    assert_eq!(seen, json["jurisdictions"].as_array().unwrap().len());
    // Printed on A4 (the stylesheet asks for it).
    assert!(index.contains("@page { size: A4;"));
}

#[test]
fn without_script_the_scores_are_in_ranking_order_and_rows_carry_their_statuses() {
    let t = tempfile::tempdir().unwrap();
    let files = analyze_into(&t.path().join("r"), &["corpus/"], &[]);
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&files["report.json"]).unwrap();
    let law: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(super::root().join("model-law/checklist.json")).unwrap(),
    )
    .unwrap();
    // Report order of items: core areas first, then the others, each in
    // checklist order (as the model law lists them).
    let areas = law["areas"].as_array().unwrap();
    let mut area_order: Vec<&serde_json::Value> =
        areas.iter().filter(|a| a["core"] == true).collect();
    area_order.extend(areas.iter().filter(|a| a["core"] != true));
    let items: Vec<&str> = area_order
        .iter()
        .flat_map(|a| {
            law["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(move |i| i["area"] == a["id"])
                .map(|i| i["id"].as_str().unwrap())
        })
        .collect();
    // The expected ranking: score (in thousandths) best first, ties by the
    // name in any case.
    let mut expected: Vec<(i64, String, String)> = json["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            let name = j["name"]
                .as_str()
                .unwrap_or(j["jurisdiction"].as_str().unwrap());
            let label = match j["version"].as_str() {
                Some(v) => format!("{name} ({v})"),
                None => name.to_string(),
            };
            let st: String = items
                .iter()
                .map(|id| {
                    let f = j["findings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|f| f["item"] == *id);
                    match f.and_then(|f| f["status"].as_str()) {
                        Some("met") => '3',
                        Some("partial") => '2',
                        Some("not_met") => '1',
                        _ => '0',
                    }
                })
                .collect();
            (
                j["score"]
                    .as_f64()
                    .map_or(-1, |s| (s * 1000.0).round() as i64),
                label,
                st,
            )
        })
        .collect();
    expected.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.to_lowercase().cmp(&b.1.to_lowercase()))
    });
    let scores_table =
        &index[index.find("class=\"scores\"").unwrap()..index.find("class=\"matrix\"").unwrap()];
    let rows: Vec<(String, String)> = scores_table
        .split("<tr data-filter=")
        .skip(1)
        .map(|r| {
            let st = attrs(r, "data-st").remove(0);
            let th = &r[r.find("<th scope=\"row\"").unwrap()..];
            let a = &th[th.find("<a href=\"").unwrap()..];
            let label = &a[a.find("\">").unwrap() + 2..a.find("</a>").unwrap()];
            (unescape(label), st)
        })
        .collect();
    assert_eq!(
        rows,
        expected
            .iter()
            .map(|(_, l, st)| (l.clone(), st.clone()))
            .collect::<Vec<_>>()
    );
    // The status filter lists every item, by its place in the rows' digits.
    for (k, id) in items.iter().enumerate() {
        assert!(
            index.contains(&format!("<option value=\"{k}\">{id}: ")),
            "{id} at {k}"
        );
    }
    assert!(
        index.contains("<p class=\"statusfilter\" hidden>"),
        "hidden without script"
    );
}
