//! Every phrase of every shipped lexicon is exercised by a sentence written
//! for the project (`tests/fixtures/lexicon/<lang>.txt`, `phrase<TAB>sentence`),
//! and each sentence holds its phrase as lexalign reads it: cut into words
//! by the lexicon's own analyser, parts of a gapped phrase (`a ...N b`) at
//! most N words apart (twice as many characters in Chinese).

use std::collections::{BTreeMap, BTreeSet};

use lexalign::text::{Analyzer, TokenMode};

use super::root;

/// Default gap of a bare `...`, in words.
const DEFAULT_GAP: usize = 8;

/// (tokens of each part, gap after each part but the last).
fn parts(analyzer: &Analyzer, phrase: &str) -> (Vec<Vec<String>>, Vec<usize>) {
    let mut parts = Vec::new();
    let mut gaps = Vec::new();
    let mut rest = phrase;
    while let Some(i) = rest.find("...") {
        parts.push(analyzer.phrase(&rest[..i]));
        let after = &rest[i + 3..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        gaps.push(digits.parse().unwrap_or(DEFAULT_GAP));
        rest = &after[digits.len()..];
    }
    parts.push(analyzer.phrase(rest));
    parts.retain(|p| !p.is_empty());
    (parts, gaps)
}

fn holds(sentence: &[String], parts: &[Vec<String>], gaps: &[usize], per_word: usize) -> bool {
    // The parts from `k` on, the first of them at most `gap` tokens after `at`.
    fn rest(s: &[String], parts: &[Vec<String>], gaps: &[usize], k: usize, at: usize) -> bool {
        let Some(part) = parts.get(k) else {
            return true;
        };
        let last = if k == 0 {
            s.len()
        } else {
            (at + gaps[k - 1]).min(s.len())
        };
        (at..=last).any(|i| s[i..].starts_with(part) && rest(s, parts, gaps, k + 1, i + part.len()))
    }
    let gaps: Vec<usize> = gaps.iter().map(|g| g * per_word).collect();
    !parts.is_empty() && rest(sentence, parts, &gaps, 0, 0)
}

#[test]
fn every_lexicon_phrase_is_exercised_by_a_fixture_sentence() {
    let lex_dir = root().join("model-law/lexicon");
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut files: Vec<_> = std::fs::read_dir(&lex_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let lang = file.file_stem().unwrap().to_string_lossy().into_owned();
        let lex: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mode: TokenMode = serde_json::from_value(lex["tokens"].clone()).unwrap();
        let analyzer = Analyzer::new(lex["stemmer"].as_str().unwrap(), mode);
        let per_word = if mode == TokenMode::Characters { 2 } else { 1 };
        let phrases: BTreeSet<String> = lex["concepts"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|v| v.as_array().unwrap().iter())
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let fixture = root().join(format!("tests/fixtures/lexicon/{lang}.txt"));
        let text = std::fs::read_to_string(&fixture)
            .unwrap_or_else(|e| panic!("{}: {e} (every lexicon needs one)", fixture.display()));
        let mut sentences: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let Some((phrase, sentence)) = line.split_once('\t') else {
                problems.push(format!("{lang}: not phrase<TAB>sentence: {line}"));
                continue;
            };
            sentences
                .entry(phrase.to_string())
                .or_default()
                .push(sentence.to_string());
        }
        for phrase in &phrases {
            let Some(list) = sentences.get(phrase) else {
                problems.push(format!("{lang}: no fixture sentence for `{phrase}`"));
                continue;
            };
            let (parts, gaps) = parts(&analyzer, phrase);
            for s in list {
                let toks = analyzer.phrase(s);
                if !holds(&toks, &parts, &gaps, per_word) {
                    problems.push(format!("{lang}: `{phrase}` not read in: {s}"));
                }
                checked += 1;
            }
        }
        for phrase in sentences.keys().filter(|p| !phrases.contains(*p)) {
            problems.push(format!(
                "{lang}: fixture line for `{phrase}`, which the lexicon no longer has"
            ));
        }
    }
    assert!(checked > 4000, "only {checked} sentences checked");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
