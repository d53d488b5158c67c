//! What lexalign cannot read is `not_assessed`, with the reason and a
//! warning naming the file, never 33 × `not_met`: a language without a
//! lexicon (given or identified), a language that cannot be identified, a
//! document without provision structure. A readable document beside an
//! unreadable one in the same jurisdiction still decides its findings.

use super::{arg, run};

fn analyze(files: &[(&str, &str)]) -> (i32, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        paths.push(arg(&p));
    }
    let mut args = vec!["analyze"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--format", "json"]);
    let (status, out, err) = run(&args);
    (status, serde_json::from_str(&out).unwrap(), err)
}

fn statuses(report: &serde_json::Value) -> Vec<String> {
    report["jurisdictions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"].as_str().unwrap().to_string())
        .collect()
}

fn all_not_assessed(files: &[(&str, &str)], reason_has: &str) {
    let (status, report, err) = analyze(files);
    assert_eq!(status, 0, "{err}");
    assert_eq!(report["version"], 2);
    let st = statuses(&report);
    assert_eq!(st.len(), 33);
    assert!(st.iter().all(|s| s == "not_assessed"), "{st:?}");
    let j = &report["jurisdictions"][0];
    assert!(j["score"].is_null(), "no score for what was not read");
    let reason = j["findings"][0]["reason"].as_str().unwrap();
    assert!(reason.contains(reason_has), "{reason}");
    assert!(err.contains("warning: not assessed"), "{err}");
    assert!(
        err.contains(files[0].0),
        "the warning names the file: {err}"
    );
}

const ITALIAN: &str = "## Art. 1\n\nChiunque, utilizzando minori di anni diciotto, produce materiale pornografico è punito con la reclusione da sei a dodici anni.\n\n## Art. 2\n\nChiunque detiene materiale pornografico realizzato utilizzando minori degli anni diciotto è punito con la reclusione fino a tre anni.\n";

#[test]
fn a_language_without_a_lexicon_given_in_the_front_matter() {
    all_not_assessed(
        &[(
            "it.md",
            &format!("---\njurisdiction: t\nlanguage: it\n---\n{ITALIAN}"),
        )],
        "Italian (`it`), for which the model law has no lexicon",
    );
}

#[test]
fn an_unknown_language_code() {
    all_not_assessed(
        &[(
            "xx.md",
            "---\njurisdiction: t\nlanguage: xx\n---\n## Section 1. Offence\n\nA person who makes an indecent image of a child commits an offence.\n",
        )],
        "`xx`, for which the model law has no lexicon",
    );
}

#[test]
fn a_language_without_a_lexicon_identified_from_the_text() {
    for (name, body) in [
        ("it.md", "## Art. 1\n\nChiunque, utilizzando minori di anni diciotto, realizza esibizioni o spettacoli pornografici ovvero produce materiale pornografico è punito con la reclusione da sei a dodici anni e con la multa.\n\n## Art. 2\n\nChiunque consapevolmente si procura o detiene materiale pornografico realizzato utilizzando minori degli anni diciotto è punito con la reclusione fino a tre anni.\n".to_string()),
        ("nl.md", "## Artikel 1\n\nMet een gevangenisstraf wordt gestraft hij die een afbeelding van een seksuele gedraging, waarbij iemand die kennelijk de leeftijd van achttien jaar nog niet heeft bereikt, is betrokken, verspreidt, aanbiedt, openlijk tentoonstelt, vervaardigt of in bezit heeft.\n\n## Artikel 2\n\nDe rechter kan de verdachte een leerstraf opleggen wanneer hij de leeftijd van twaalf jaren heeft bereikt.\n".to_string()),
    ] {
        all_not_assessed(&[(name, &format!("---\njurisdiction: t\n---\n{body}"))], "was identified as");
    }
}

#[test]
fn a_text_whose_language_cannot_be_identified() {
    all_not_assessed(
        &[(
            "n.md",
            "---\njurisdiction: t\n---\n## 1\n\n12 34 56 78 90 (1) (2) (3) 2024-01-01.\n",
        )],
        "language",
    );
}

#[test]
fn a_document_without_provision_structure() {
    all_not_assessed(
        &[(
            "flat.md",
            "---\njurisdiction: t\nlanguage: en\n---\nThis text has no sections, no articles and no numbered paragraphs. It only says that a person who makes an indecent image of a child commits an offence.\n",
        )],
        "no provision structure",
    );
}

#[test]
fn a_readable_document_decides_beside_an_unreadable_one() {
    let (status, report, err) = analyze(&[
        (
            "a.md",
            "---\njurisdiction: t\nlanguage: en\n---\n## Section 1. Possession\n\n(1) A person who possesses child sexual abuse material commits an offence and is liable to imprisonment for five years.\n",
        ),
        (
            "b.md",
            &format!("---\njurisdiction: t\nlanguage: it\n---\n{ITALIAN}"),
        ),
    ]);
    assert_eq!(status, 0, "{err}");
    let st = statuses(&report);
    assert!(!st.iter().any(|s| s == "not_assessed"), "{st:?}");
    assert!(st.iter().any(|s| s == "met"));
    let docs = report["jurisdictions"][0]["documents"].as_array().unwrap();
    assert!(docs.iter().any(|d| d["not_assessed"].is_string()));
    assert!(
        err.contains("b.md") && err.contains("not assessed"),
        "{err}"
    );
}

#[test]
fn a_model_law_rule_cannot_give_not_assessed() {
    let dir = tempfile::tempdir().unwrap();
    let ml = dir.path().join("ml");
    std::fs::create_dir_all(ml.join("lexicon")).unwrap();
    let root = super::root().join("model-law");
    for f in ["checklist.json", "concepts.json", "lexicon/en.json"] {
        std::fs::copy(root.join(f), ml.join(f)).unwrap();
    }
    let cl = std::fs::read_to_string(ml.join("checklist.json")).unwrap();
    let cl = cl.replacen(
        "\"without_age\": \"not_met\"",
        "\"without_age\": \"not_assessed\"",
        1,
    );
    std::fs::write(ml.join("checklist.json"), cl).unwrap();
    let (status, _, err) = run(&["checklist", "--model-law", &arg(&ml)]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("cannot give `not_assessed`") && err.contains("checklist.json:"),
        "{err}"
    );
}

#[test]
fn two_versions_of_one_act_in_one_jurisdiction_are_named() {
    let act = |title: &str, year: u32| {
        format!(
            "---\njurisdiction: westmark\nlanguage: en\ntitle: \"{title}\"\nyear: {year}\n---\n## Section 1. Offence\n\nA person who possesses child sexual abuse material commits an offence.\n"
        )
    };
    let (status, _, err) = analyze(&[
        (
            "safety-2020.md",
            &act("Online Safety of Children Act 2020", 2020),
        ),
        (
            "safety-2024.md",
            &act("Online Safety of Children Act, as amended 2024", 2024),
        ),
        (
            "data-2019.md",
            &act("Personal Data Protection Act 2019", 2019),
        ),
    ]);
    assert_eq!(status, 0, "{err}");
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("later version"))
        .collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("safety-2024.md") && warnings[0].contains("safety-2020.md"),
        "{err}"
    );
    assert!(warnings[0].contains("version:"), "{err}");
}

/// An age repeated in one provision is one threshold: the facts of a
/// finding grow with what a reader can check, not with the text's length.
#[test]
fn an_age_repeated_in_a_provision_is_one_threshold() {
    let text = format!(
        "---\njurisdiction: t\nlanguage: en\n---\n\n## Section 1. Children\n\n{}\n\n## Section 2. Others\n\nA child under the age of 18 years is protected.\n",
        "A child under the age of 18 years is protected. ".repeat(50)
    );
    let (status, report, err) = analyze(&[("t.md", &text)]);
    assert_eq!(status, 0, "{err}");
    let finding = report["jurisdictions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["item"] == "CHILD-UNDER-18")
        .unwrap();
    assert_eq!(finding["status"], "met");
    let cited: Vec<&str> = finding["facts"]["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["citation"].as_str().unwrap())
        .collect();
    assert_eq!(cited, ["1", "2"]);
}
