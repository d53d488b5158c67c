use super::*;

fn files_with(checklist: &str) -> ModelLawFiles {
    let mut f = embedded_files();
    f.checklist = checklist.to_string();
    f
}

#[test]
fn the_embedded_model_law_is_valid() {
    let law = load(None).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert_eq!(law.checklist.items.len(), 33);
    assert!(law.item_lines["CSAM-POSSESS"] > 1);
}

#[test]
fn every_problem_is_reported_with_a_position() {
    let good = embedded_files().checklist;
    // A duplicate id, an unknown check kind, an unknown key and a wrong type.
    let bad = good
        .replacen("\"id\": \"CSAM-VIEW\"", "\"id\": \"CSAM-ACCESS\"", 1)
        .replacen("\"kind\": \"term-usage\"", "\"kind\": \"term-count\"", 1)
        .replacen(
            "\"title\": \"Producing is an offence\"",
            "\"title\": \"Producing is an offence\", \"colour\": \"red\"",
            1,
        )
        .replacen("\"weight\": 1.0", "\"weight\": \"half\"", 1);
    let errs = parse_files(&files_with(&bad)).unwrap_err();
    let text: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("duplicate item id `CSAM-ACCESS`")),
        "{text:#?}"
    );
    assert!(text.iter().any(|t| t.contains("term-count")), "{text:#?}");
    assert!(text.iter().any(|t| t.contains("colour")), "{text:#?}");
    assert!(text.iter().any(|t| t.contains("invalid type")), "{text:#?}");
    assert!(
        errs.iter().all(|d| d.line.is_some() && d.column.is_some()),
        "{text:#?}"
    );
}

#[test]
fn empty_lexicons_and_unknown_concepts_are_reported() {
    let mut f = embedded_files();
    let en = f.lexicons.iter_mut().find(|(n, _)| n == "en.json").unwrap();
    en.1 = en.1.replacen(
        "\"hotline\": [",
        "\"hotlines\": [\"x\"], \"hotline-x\": [], \"hotline\": [",
        1,
    );
    let errs = parse_files(&f).unwrap_err();
    let text: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("unknown concept `hotlines`")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("empty lexicon for concept `hotline-x`")),
        "{text:#?}"
    );
}

#[test]
fn syntax_errors_point_at_the_place() {
    let errs = parse_files(&files_with("{\n  \"id\": \"x\",\n  oops\n}")).unwrap_err();
    assert_eq!((errs[0].line, errs[0].column), (Some(3), Some(3)));
}

#[test]
fn invalid_age_patterns_are_reported_with_the_regex_error() {
    let mut f = embedded_files();
    let fr = f.lexicons.iter_mut().find(|(n, _)| n == "fr.json").unwrap();
    fr.1 = fr.1.replacen(
        "\"upper\": [",
        "\"upper\": [\"moins de {N} (ans\", \"sans nombre\", ",
        1,
    );
    let errs = parse_files(&f).unwrap_err();
    let text: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
    // The message is the one the regex crate gives when compiling.
    let broken = String::from("moins de (?P<n>x) (ans");
    let compiled = regex::Regex::new(&broken).unwrap_err().to_string();
    assert!(
        text.iter()
            .any(|t| t.contains("invalid upper age pattern") && t.contains(&compiled)),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("upper age pattern without `{N}`: `sans nombre`")),
        "{text:#?}"
    );
    assert_eq!(errs.len(), 2, "{text:#?}");
    assert!(
        errs.iter()
            .all(|d| d.path.ends_with("fr.json") && d.line.is_some())
    );
}

/// The JSON Schemas in model-law/ are generated from the types; this test
/// fails when they are stale and rewrites them with
/// `LEXALIGN_UPDATE_SCHEMA=1 cargo test`.
#[test]
fn schemas_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model-law");
    let schemas = [
        (
            "checklist.schema.json",
            schemars::schema_for!(ChecklistFile),
        ),
        ("concepts.schema.json", schemars::schema_for!(ConceptsFile)),
        ("lexicon.schema.json", schemars::schema_for!(LexiconFile)),
    ];
    let update = std::env::var_os("LEXALIGN_UPDATE_SCHEMA").is_some();
    for (name, schema) in schemas {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = root.join(name);
        if update {
            std::fs::write(&path, &text).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == text,
            "{name} is stale: run LEXALIGN_UPDATE_SCHEMA=1 cargo test"
        );
    }
}

/// The model law's files satisfy their schemas.
#[test]
fn model_law_files_follow_their_schemas() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model-law");
    let load = |p: std::path::PathBuf| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    let mut pairs = vec![
        ("checklist.schema.json", root.join("checklist.json")),
        ("concepts.schema.json", root.join("concepts.json")),
    ];
    for e in std::fs::read_dir(root.join("lexicon")).unwrap() {
        pairs.push(("lexicon.schema.json", e.unwrap().path()));
    }
    for (schema, file) in pairs {
        let validator = jsonschema::validator_for(&load(root.join(schema))).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&load(file.clone()))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

/// The paragraph label is read from each lexicon, with a default for a
/// lexicon without one, and the parser's copy of the embedded labels
/// agrees with the loaded model law.
#[test]
fn paragraph_labels_come_from_the_lexicons() {
    let law = load(None).unwrap();
    assert_eq!(law.paragraph_label("fr"), "al.");
    assert_eq!(law.paragraph_label("en"), DEFAULT_PARAGRAPH_LABEL);
    assert_eq!(
        law.paragraph_label("no-such-language"),
        DEFAULT_PARAGRAPH_LABEL
    );
    for lang in law.lexicons.keys().map(String::as_str).chain(["xx"]) {
        assert_eq!(
            embedded_paragraph_label(lang),
            law.paragraph_label(lang),
            "{lang}"
        );
    }
    let mut files = embedded_files();
    for (_, text) in files.lexicons.iter_mut() {
        *text = text.replacen(
            "\"paragraph_label\": \"al.\"",
            "\"paragraph_label\": \"alin.\"",
            1,
        );
    }
    assert_eq!(parse_files(&files).unwrap().paragraph_label("fr"), "alin.");
}
