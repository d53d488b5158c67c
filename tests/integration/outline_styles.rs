//! Drafting styles of the world: one fixture per style in
//! `tests/fixtures/parse/`, written in the project's own words, and the
//! citations a lawyer of that style would write for it, by hand.

use crate::run;

/// Every citation of `lexalign outline FILE --format json`, in document order.
fn citations(file: &str) -> Vec<String> {
    let path = format!("tests/fixtures/parse/{file}");
    let (status, out, err) = run(&["outline", &path, "--format", "json"]);
    assert_eq!(status, 0, "{file}: {err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut cites = Vec::new();
    fn walk(nodes: &serde_json::Value, cites: &mut Vec<String>) {
        for n in nodes.as_array().into_iter().flatten() {
            cites.push(n["citation"].as_str().unwrap_or_default().to_string());
            walk(&n["children"], cites);
        }
    }
    walk(&json[0]["provisions"], &mut cites);
    cites
}

fn check(file: &str, want: &[&str]) {
    let got = citations(file);
    assert_eq!(got, want, "{file}");
}

/// `Artículo 1º.-`, `ARTICULO 2.-`, `Art. 3°`, `Art. 40.`, emphasis Markdown
/// could not pair, numbered items and a closing `Parágrafo`.
#[test]
fn spanish_ordinal_and_dash_articles() {
    check(
        "es-ordinal-articles.md",
        &["1", "2", "2(1)", "2(2)", "2(§ único)", "3", "40"],
    );
}

/// Brazilian `Art. 1º`, `Art. 10-A.`, incisos `I -`, `§ 1o`, `§ 2º`,
/// `Parágrafo único` and alíneas `a)`.
#[test]
fn brazilian_paragraph_signs_and_incisos() {
    check(
        "br-paragraph-signs.md",
        &[
            "Título I",
            "1",
            "2",
            "2(§ único)",
            "10",
            "10(I)",
            "10(II)",
            "10(III)",
            "10(§ 1)",
            "10(§ 2)",
            "10(§ 2)(a)",
            "10(§ 2)(b)",
            "10-A",
        ],
    );
}

/// Portuguese `Artigo 7.º`, `Artigo 7.º-A`, numbered paragraphs `1 -`,
/// alíneas `a)` and sub-items `i)`, `ii)`; the words after the list belong
/// to the paragraph.
#[test]
fn portuguese_numbered_paragraphs_and_alineas() {
    check(
        "pt-numbered-paragraphs.md",
        &[
            "7",
            "7(1)",
            "7(2)",
            "7(2)(a)",
            "7(2)(b)",
            "7(2)(b)(i)",
            "7(2)(b)(ii)",
            "7(2)(c)",
            "7-A",
            "7-A(1)",
            "7-A(2)",
        ],
    );
}

/// German `§ 3a`, Absätze `(1)`, Nummern `1.` and Buchstaben `a)`, with
/// the words after `2. Nutzer:` kept in Nummer 2.
#[test]
fn german_absatz_nummer_buchstabe() {
    check(
        "de-absatz-nummer-buchstabe.md",
        &[
            "3",
            "3(1)",
            "3(1)(1)",
            "3(1)(2)",
            "3(1)(2)(a)",
            "3(1)(2)(b)",
            "3(2)",
            "3a",
            "3a(1)",
            "3a(2)",
        ],
    );
}

/// In `§ 1`, a list `1.`, `2.` below `(1) Im Sinne dieses Gesetzes` is a
/// list of Nummern, not an echo of the section's number; an inserted
/// Absatz `(1a)` comes between `(1)` and `(2)`.
#[test]
fn german_first_section_with_a_list_and_an_inserted_absatz() {
    check(
        "de-erster-paragraph-liste.md",
        &[
            "1", "1(1)", "1(1)(1)", "1(1)(2)", "1(1a)", "1(2)", "2", "2(1)", "2(2)",
        ],
    );
}

/// Traditional characters, spaces and Arabic numerals (`第 1 條`,
/// `第 1-1 條`, `第 一 章`) are cited in the one canonical form; an item
/// below an item is a 目.
#[test]
fn chinese_traditional_and_spaced_numbers() {
    check(
        "zh-traditional-spaced.md",
        &[
            "第一章",
            "第一条",
            "第一条之一",
            "第二条",
            "第二条第一款",
            "第二条第一款第一项",
            "第二条第一款第二项",
            "第二条第一款第二项第一目",
            "第二条第一款第二项第二目",
            "第二条第二款",
            "第二章",
            "第三十六条",
        ],
    );
}

/// An explanation after the last item and an illustration paragraph are
/// not numbered as items; `(BB)` after `(BA)` on the same line is split off.
#[test]
fn explanations_illustrations_and_inserted_letters() {
    check(
        "en-explanations.md",
        &[
            "5", "5(1)", "5(2)", "5(2)(a)", "5(2)(b)", "5(3)", "6", "7", "7(1)", "7(1)(AZ)",
            "7(1)(BA)", "7(1)(BB)",
        ],
    );
}

/// Each definition of a definitions section is cited on its own, so the
/// `(a)`, `(b)` of one definition are not those of the next.
#[test]
fn one_citation_per_definition() {
    check(
        "en-definitions.md",
        &[
            "2",
            "2(1)",
            "2(1)(“minor”)",
            "2(1)(“harmful material”)",
            "2(1)(“harmful material”)(a)",
            "2(1)(“harmful material”)(b)",
            "2(1)(“platform offence”)",
            "2(1)(“platform offence”)(a)",
            "2(1)(“platform offence”)(b)",
            "2(1)(“operator”)",
            "2(2)",
        ],
    );
}

/// French alinéas: an article of unnumbered paragraphs cites each one
/// (`12-1 (al. 2)`), and a paragraph in italics (an amendment note) is not
/// one of them; an article whose alinéas lead into `1°`, `2°` keeps its
/// items' citations (`12-3(1°)`), its alinéas staying its text.
#[test]
fn french_alineas_and_an_article_with_items() {
    check(
        "fr-alineas.md",
        &[
            "12-1",
            "12-1 (al. 1)",
            "12-1 (al. 2)",
            "12-1 (al. 3)",
            "12-2",
            "12-2(1°)",
            "12-2(2°)",
            "12-3",
            "12-3(1°)",
            "12-3(2°)",
            "12-4",
        ],
    );
}

/// Spanish párrafos (`10 (párr. 2)`); párrafos followed by a `Parágrafo`
/// stay the article's text and the Parágrafo keeps its citation.
#[test]
fn spanish_parrafos_and_a_paragrafo() {
    check(
        "es-parrafos.md",
        &[
            "10",
            "10 (párr. 1)",
            "10 (párr. 2)",
            "11",
            "11(§ único)",
            "12",
        ],
    );
}

/// German Absätze without numbers (`4 (Abs. 3)`).
#[test]
fn german_unnumbered_absaetze() {
    check(
        "de-absaetze.md",
        &["4", "4 (Abs. 1)", "4 (Abs. 2)", "4 (Abs. 3)", "5"],
    );
}

/// A language whose lexicon names no paragraph word cites `para.`; the
/// illustrations after the paragraphs, lettered `(a)`, `(b)`, belong to
/// the section and are not numbered as its provisions.
#[test]
fn unnumbered_paragraphs_with_the_default_label_and_illustrations() {
    check(
        "en-unnumbered-paragraphs.md",
        &["8", "8 (para. 1)", "8 (para. 2)", "9"],
    );
}

/// The paragraph word is the model law's: a model law whose French lexicon
/// says `alin.` gives `12-1 (alin. 2)` in `analyze` and `outline --facts`.
#[test]
fn the_paragraph_word_comes_from_the_model_law_given() {
    let dir = tempfile::tempdir().unwrap();
    let from = crate::root().join("model-law");
    std::fs::create_dir_all(dir.path().join("lexicon")).unwrap();
    for f in ["checklist.json", "concepts.json"] {
        std::fs::copy(from.join(f), dir.path().join(f)).unwrap();
    }
    for e in std::fs::read_dir(from.join("lexicon")).unwrap() {
        let p = e.unwrap().path();
        let mut text = std::fs::read_to_string(&p).unwrap();
        if text.contains("\"language\": \"fr\"") {
            assert!(text.contains("\"paragraph_label\": \"al.\""));
            text = text.replacen(
                "\"paragraph_label\": \"al.\"",
                "\"paragraph_label\": \"alin.\"",
                1,
            );
        }
        std::fs::write(
            dir.path().join("lexicon").join(p.file_name().unwrap()),
            text,
        )
        .unwrap();
    }
    let law = crate::arg(dir.path());
    let file = "tests/fixtures/parse/fr-alineas.md";
    let (status, out, err) = run(&["outline", "--facts", "--model-law", &law, file]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("\n12-1 (alin. 2) L13"), "{out}");
    let (status, out, err) = run(&["analyze", "--model-law", &law, "--format", "json", file]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("\"12-1 (alin. 1)\""), "{out}");
    assert!(!out.contains("(al. "), "{out}");
}
