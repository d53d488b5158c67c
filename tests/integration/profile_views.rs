//! The profiles (ICMEC's five criteria, the Out of the Shadows Index) in
//! the report folder: a view per profile on the overview, a section on
//! each jurisdiction's page, and `profiles.csv`. The expectations are
//! worked out by hand from corpus/EXPECTED.txt: ICMEC "sufficient" =
//! criteria 1-4 met, i.e. some CSAM conduct item met, CSAM-DEFINED met,
//! ONLINE-OFFLINE met (with criterion 1) and CSAM-SIMPLE-POSSESSION met.

use std::fs;
use std::path::Path;

use super::{arg, run};

/// Analyse corpus/ into `out`; the overview, two pages and the CSV.
fn corpus_report(out: &Path) {
    let o = arg(out);
    let (status, _, err) = run(&["analyze", "corpus/", "--out", o.as_str(), "--quiet"]);
    assert_eq!(status, 0, "{err}");
}

/// The part of `html` from `start` to the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let at = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &html[at..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The row of the profile table whose name links to `page`.
fn row<'a>(table: &'a str, page: &str) -> &'a str {
    let key = format!("<a href=\"{page}#profile-");
    let at = table
        .find(&key)
        .unwrap_or_else(|| panic!("no row for {page}"));
    let rest = &table[at..];
    &rest[..rest.find("</tr>").unwrap()]
}

/// By hand from corpus/EXPECTED.txt (see the module's note): which of the
/// corpus's 13 jurisdictions are sufficient, by page.
const SUFFICIENT: &[&str] = &[
    "aldoria.html",      // CH47 2303(a)(4) simple possession, 2301(d) definition
    "brevia.html",       // COPA 12(1), COPA 2
    "hualan.html",       // 第三十三条第一款 持有, 第六十七条（一）
    "montana-roja.html", // CP 180(2), CP 178(2)
    "norland-2025.html", // CA 7A(1) added in 2025
    "tannland.html",     // 3(3), 3(2)
    "valmont.html",      // CP 227-3, CP 227-1
];
const NOT_SUFFICIENT: &[(&str, &str)] = &[
    ("caledonia.html", "2, 4"),   // definition and possession only partial
    ("estmark.html", "1, 3, 4"),  // no offence at all
    ("norland-2024.html", "4"),   // no possession offence before 2025
    ("ostland-bill-1.html", "4"), // possession only with a purpose
    ("ostland-bill-2.html", "4"),
    ("serra-azul.html", "4"),
];

#[test]
fn the_overview_has_a_view_per_profile_with_the_verdict_and_its_count() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("r");
    corpus_report(&out);
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    // The switch: links to every view, which are all on the page.
    let nav = between(&html, "<nav class=\"views\"", "</nav>");
    for view in ["#view-items", "#profile-icmec-5", "#profile-oosi"] {
        assert!(nav.contains(&format!("href=\"{view}\"")), "{nav}");
        assert!(html.contains(&format!(" id=\"{}\"", &view[1..])), "{view}");
    }
    let icmec = between(&html, "id=\"profile-icmec-5\"", "</section>");
    assert!(
        icmec.contains("<strong>7 of 13 jurisdictions</strong>: Sufficient"),
        "{}",
        &icmec[..600.min(icmec.len())]
    );
    for page in SUFFICIENT {
        let r = row(icmec, page);
        assert!(r.contains("class=\"s verdict met\""), "{page}: {r}");
        assert!(r.contains("</span> Yes</a>"), "{page}: {r}");
    }
    for (page, missed) in NOT_SUFFICIENT {
        let r = row(icmec, page);
        assert!(r.contains("class=\"s verdict not_met\""), "{page}: {r}");
        assert!(r.contains("</span> No</a>"), "{page}: {r}");
        // The criteria missed are the cells not met (or partial).
        let mut not_met = Vec::new();
        for (k, cell) in r.split("<td class=\"s ").skip(1).enumerate() {
            if k < 4 && !cell.starts_with("met") {
                not_met.push((k + 1).to_string());
            }
        }
        assert_eq!(not_met.join(", "), *missed, "{page}: {r}");
    }
    // Rows in the matrix's order (the report's), one per jurisdiction.
    assert_eq!(icmec.matches("<tr data-filter=").count(), 13);
    assert!(icmec.find("aldoria.html#").unwrap() < icmec.find("valmont.html#").unwrap());
    // OOSI: points with the scale's maximum; Norland 2025 has no grooming
    // offence (0 of 3), the CSAM points in full (4) and the ISP point.
    let oosi = between(&html, "id=\"profile-oosi\"", "</section>");
    assert!(oosi.contains("(0–3)") && oosi.contains("(0–8)"), "{oosi}");
    let r = row(oosi, "norland-2025.html");
    for (anchor, shown) in [
        ("profile-oosi-4-4-1", "✗ 0"),
        ("profile-oosi-4-4-2", "✓ 4"),
        ("profile-oosi-4-4-3", "✓ 1"),
    ] {
        let cell = between(r, &format!("#{anchor}\""), "</a>");
        assert!(cell.contains(shown), "{anchor}: {cell}");
    }
    assert!(r.contains("data-v=\"5\">5</td>"), "total 0 + 4 + 1: {r}");
}

#[test]
fn a_jurisdiction_page_lists_each_indicator_with_its_findings_and_the_verdict() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("r");
    corpus_report(&out);
    let ok = fs::read_to_string(out.join("norland-2025.html")).unwrap();
    let section = between(
        &ok,
        "<section aria-labelledby=\"profiles\">",
        "id=\"documents\"",
    );
    assert!(
        section.contains("Sufficient (criteria 1-4 met): <strong>yes</strong>."),
        "{section}"
    );
    let not = fs::read_to_string(out.join("norland-2024.html")).unwrap();
    let section = between(
        &not,
        "<section aria-labelledby=\"profiles\">",
        "id=\"documents\"",
    );
    assert!(
        section.contains("Sufficient (criteria 1-4 met): <strong>no</strong> (not fully met: 4)."),
        "{section}"
    );
    // Criterion 4 is read from CSAM-SIMPLE-POSSESSION, not met in 2024,
    // linked to its finding on the page.
    let c4 = between(section, "id=\"profile-icmec-5-4\"", "</tr>");
    assert!(c4.contains("<span class=\"status not_met\">"), "{c4}");
    assert!(
        c4.contains("<a href=\"#CSAM-SIMPLE-POSSESSION\">CSAM-SIMPLE-POSSESSION</a>"),
        "{c4}"
    );
    assert!(not.contains("id=\"CSAM-SIMPLE-POSSESSION\""));
    // OOSI's grooming indicator lists the point no item judges.
    let g = between(section, "id=\"profile-oosi-4-4-1\"", "</tr>");
    assert!(g.contains("0 of 3"), "{g}");
    assert!(
        g.contains("Not scored by lexalign: A clear definition"),
        "{g}"
    );
    // The summary names the verdict and links to the section.
    let summary = between(&not, "id=\"summary\"", "id=\"ages\"");
    assert!(
        summary.contains("<a href=\"#profile-icmec-5\">")
            && summary.contains("<strong>no</strong>"),
        "{summary}"
    );
    // So does the one-page summary, with OOSI's points: 0 of 3 for
    // grooming, 3 of 4 for CSAM (no possession offence), 1 of 1.
    let one = fs::read_to_string(out.join("norland-2024/summary.html")).unwrap();
    let line = between(&one, "<p class=\"op-profiles\">", "</p>");
    assert!(
        line.contains("sufficient (criteria 1-4 met): <strong>no</strong> (not fully met: 4)"),
        "{line}"
    );
    assert!(line.contains("<strong>4 of 8</strong> points"), "{line}");
    assert!(
        line.contains("href=\"../norland-2024.html#profile-oosi\""),
        "{line}"
    );
}

#[test]
fn profiles_csv_has_a_row_per_jurisdiction_profile_and_indicator() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("r");
    corpus_report(&out);
    let csv = fs::read_to_string(out.join("profiles.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("jurisdiction,version,name,profile,indicator,title,status,points,max,items,unscored")
    );
    // 13 jurisdictions × (6 ICMEC + 3 OOSI indicators).
    assert_eq!(csv.lines().count(), 1 + 13 * 9);
    let conduct = "CSAM-PRODUCE; CSAM-DISTRIBUTE; CSAM-OFFER; CSAM-DISPLAY; CSAM-POSSESS; CSAM-ACCESS; CSAM-VIEW; CSAM-DOWNLOAD; CSAM-STORE";
    let definition =
        "A clear definition or description of online grooming (no item of the model law judges it)";
    let expected = [
        format!("norland,2025,,icmec-5,1,Legislation specific to CSAM,met,,,{conduct},"),
        "norland,2025,,icmec-5,2,Definition of CSAM,met,,,CSAM-DEFINED,".to_string(),
        format!(
            "norland,2025,,icmec-5,3,Technology-facilitated (computer-facilitated) offences,met,,,ONLINE-OFFLINE; {conduct},"
        ),
        "norland,2025,,icmec-5,4,\"Simple possession, regardless of intent to distribute\",met,,,CSAM-SIMPLE-POSSESSION,".to_string(),
        "norland,2025,,icmec-5,5,ISP reporting,met,,,ISP-REPORT,".to_string(),
        format!(
            "norland,2025,,icmec-5,sufficient,Sufficient (criteria 1-4 met),met,,,{conduct}; CSAM-DEFINED; ONLINE-OFFLINE; CSAM-SIMPLE-POSSESSION,"
        ),
        format!("norland,2025,,oosi,4.4.1,Online grooming,not_met,0,3,GROOMING,{definition}"),
        format!(
            "norland,2025,,oosi,4.4.2,Child sexual abuse material (CSAM),met,4,4,{conduct}; CSAM-DEFINED; ONLINE-OFFLINE; CSAM-SIMPLE-POSSESSION,"
        ),
        "norland,2025,,oosi,4.4.3,Internet service provider (ISP) duty to report,met,1,1,ISP-REPORT,".to_string(),
    ];
    let got: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("norland,2025,"))
        .collect();
    assert_eq!(got, expected);
    // Norland 2024 is not sufficient: no possession offence.
    assert!(csv.contains(
        "norland,2024,,icmec-5,4,\"Simple possession, regardless of intent to distribute\",not_met,,,CSAM-SIMPLE-POSSESSION,\n"
    ));
    // The folder's manifest lists the file, so the next run may replace it.
    let manifest = fs::read_to_string(out.join(".lexalign-report")).unwrap();
    assert!(manifest.lines().any(|l| l == "profiles.csv"), "{manifest}");
}
