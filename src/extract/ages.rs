//! Age thresholds: "under the age of eighteen years", "not attained 12
//! years", "twelve years old or older", `未满十八周岁`, `已满十四周岁`,
//! "moins de dix-huit ans", "menores de dieciocho años" — from each
//! language's patterns and number words in the lexicon.

use regex_automata::Input;
use regex_automata::meta::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::checklist::AgeLexicon;

/// Which side of the threshold the text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// "under 18": persons below the age.
    Under,
    /// "12 or older": persons at or above the age.
    AtLeast,
}

/// An age found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeMatch {
    /// The age in years.
    pub value: u32,
    /// Under or at least.
    pub bound: Bound,
    /// Byte range of the expression.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// A language's age patterns, compiled.
#[derive(Debug)]
pub struct AgeRules {
    numbers: Vec<(String, u32)>,
    rules: Vec<(Regex, Bound)>,
    /// Words without which no age is stated ("age", "years", "岁"): texts
    /// without any are skipped in one pass.
    cues: Option<aho_corasick::AhoCorasick>,
    /// Every rule loosened (see [`loosened_union`]), in one automaton: a text it
    /// does not match holds no age, found in one pass instead of one per
    /// rule.
    any: Option<Regex>,
    /// Every character a match of any rule can hold (sorted ranges): a
    /// match never runs across another (a full stop, a comma), so the rules
    /// run only on the stretches of text around the union's matches.
    alphabet: Option<Vec<(char, char)>>,
}

/// The characters `hir` can match, as sorted ranges; None when that is not
/// known (byte classes), which means any character.
fn alphabet(hir: &Hir) -> Option<Vec<(char, char)>> {
    fn walk(h: &Hir, out: &mut Vec<(char, char)>) -> Option<()> {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(lit) => {
                for c in std::str::from_utf8(&lit.0).ok()?.chars() {
                    out.push((c, c));
                }
            }
            HirKind::Class(Class::Unicode(u)) => {
                out.extend(u.iter().map(|r| (r.start(), r.end())));
            }
            HirKind::Class(Class::Bytes(_)) => return None,
            HirKind::Repetition(r) => walk(&r.sub, out)?,
            HirKind::Capture(c) => walk(&c.sub, out)?,
            HirKind::Concat(hs) | HirKind::Alternation(hs) => {
                for h in hs {
                    walk(h, out)?;
                }
            }
        }
        Some(())
    }
    let mut ranges = Vec::new();
    walk(hir, &mut ranges)?;
    ranges.sort_unstable();
    let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if u32::from(a) <= u32::from(last.1).saturating_add(1) => {
                last.1 = last.1.max(b);
            }
            _ => merged.push((a, b)),
        }
    }
    Some(merged)
}

fn in_alphabet(alphabet: &[(char, char)], c: char) -> bool {
    let i = alphabet.partition_point(|&(_, end)| end < c);
    alphabet.get(i).is_some_and(|&(start, _)| start <= c)
}

/// One expression that matches wherever any of `patterns` does, and maybe
/// elsewhere too: their alternation with every zero-width assertion
/// (`\b`, `^`, `$`) dropped. Word-boundary assertions on non-ASCII text
/// make the fast (DFA) engines give up and the slow ones scan; without them
/// the whole union runs as one DFA pass. `None` when a pattern does not parse (the rules
/// themselves then decide).
fn loosened_union(patterns: &[String]) -> Option<Hir> {
    fn loosen(h: &Hir) -> Hir {
        match h.kind() {
            HirKind::Look(_) => Hir::empty(),
            HirKind::Capture(c) => loosen(&c.sub),
            HirKind::Repetition(r) => {
                let mut r = r.clone();
                r.sub = Box::new(loosen(&r.sub));
                Hir::repetition(r)
            }
            HirKind::Concat(hs) => Hir::concat(hs.iter().map(loosen).collect()),
            HirKind::Alternation(hs) => Hir::alternation(hs.iter().map(loosen).collect()),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => h.clone(),
        }
    }
    let mut parts = Vec::with_capacity(patterns.len());
    for p in patterns {
        parts.push(loosen(&regex_syntax::Parser::new().parse(p).ok()?));
    }
    Some(Hir::alternation(parts))
}

impl AgeRules {
    /// Compile the age lexicon of a language. Patterns that do not compile
    /// were already reported by the model-law validation and are skipped.
    pub fn new(lex: &AgeLexicon) -> AgeRules {
        let mut numbers: Vec<(String, u32)> = lex
            .numbers
            .iter()
            .map(|(w, v)| (w.to_lowercase(), *v))
            .collect();
        // Longest words first, so `twenty-one` wins over `twenty`.
        numbers.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let words: Vec<String> = numbers.iter().map(|(w, _)| regex::escape(w)).collect();
        let n = if words.is_empty() {
            r"(?P<n>\d{1,3})".to_string()
        } else {
            format!(r"(?P<n>\d{{1,3}}|{})", words.join("|"))
        };
        let mut rules = Vec::new();
        let mut sources = Vec::new();
        for (pats, bound) in [(&lex.upper, Bound::Under), (&lex.lower, Bound::AtLeast)] {
            for p in pats {
                // A space in a pattern is any run of white space: statutes
                // wrap lines anywhere ("noch nicht\nachtzehn").
                let source = format!("(?i){}", p.replace("{N}", &n)).replace(' ', r"\s+");
                if let Ok(re) = Regex::new(&source) {
                    rules.push((re, bound));
                    sources.push(source);
                }
            }
        }
        let loose = loosened_union(&sources);
        let any = loose
            .as_ref()
            .and_then(|h| Regex::builder().build_from_hir(h).ok());
        let alphabet = loose.as_ref().and_then(alphabet);
        let cues = (!lex.cues.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(&lex.cues)
                    .ok()
            })
            .flatten();
        AgeRules {
            numbers,
            rules,
            cues,
            any,
            alphabet,
        }
    }

    fn value(&self, n: &str) -> Option<u32> {
        if n.chars().all(|c| c.is_ascii_digit()) {
            return n.parse().ok();
        }
        let lower = n.to_lowercase();
        self.numbers
            .iter()
            .find(|(w, _)| *w == lower)
            .map(|(_, v)| *v)
    }

    /// Every age in `text`. Where an "under" and an "at least" expression
    /// overlap ("not attained the age of 12"), the longer one wins.
    pub fn find(&self, text: &str) -> Vec<AgeMatch> {
        let mut found: Vec<AgeMatch> = Vec::new();
        if self.cues.as_ref().is_some_and(|c| !c.is_match(text)) {
            return found;
        }
        // Where the rules can match: the whole text, or (knowing the
        // characters a match holds) the stretches of such characters around
        // the union's matches. A rule's match starts inside one of the
        // union's (the union finds the leftmost start of any rule's match,
        // and moves on only past the end of what it found) and holds none
        // of the other characters, so it lies inside such a stretch; and
        // a rule finds the same matches in each stretch as in the whole
        // text (the stretch keeps the text around it for `\b`).
        let mut stretches: Vec<(usize, usize)> = Vec::new();
        match (&self.any, &self.alphabet) {
            (Some(any), Some(alpha)) => {
                for m in any.find_iter(text) {
                    if stretches.last().is_some_and(|&(_, end)| m.start() < end) {
                        continue;
                    }
                    let start = text[..m.start()]
                        .char_indices()
                        .rev()
                        .find(|&(_, c)| !in_alphabet(alpha, c))
                        .map_or(0, |(i, c)| i + c.len_utf8());
                    let end = text[m.end()..]
                        .char_indices()
                        .find(|&(_, c)| !in_alphabet(alpha, c))
                        .map_or(text.len(), |(i, _)| m.end() + i);
                    stretches.push((start, end));
                }
            }
            (Some(any), _) if !any.is_match(text) => {}
            _ => stretches.push((0, text.len())),
        }
        for (re, bound) in &self.rules {
            for &(from, to) in &stretches {
                for c in re.captures_iter(Input::new(text).range(from..to)) {
                    let (Some(m), Some(n)) = (c.get_match(), c.get_group_by_name("n")) else {
                        continue;
                    };
                    let Some(value) = self.value(&text[n.range()]) else {
                        continue;
                    };
                    if value == 0 || value > 30 {
                        continue;
                    }
                    found.push(AgeMatch {
                        value,
                        bound: *bound,
                        start: m.start(),
                        end: m.end(),
                    });
                }
            }
        }
        // Longest first; drop matches overlapping a longer one.
        found.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
        });
        // The kept matches are disjoint: by start, their ends are in order
        // too, so the one starting last before a match's end is the only
        // one that can overlap it.
        let mut kept: std::collections::BTreeMap<usize, AgeMatch> = Default::default();
        for m in found {
            let overlaps = kept
                .range(..m.end)
                .next_back()
                .is_some_and(|(_, k)| m.start < k.end);
            if !overlaps {
                kept.insert(m.start, m);
            }
        }
        kept.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> AgeRules {
        let lex: crate::checklist::LexiconFile =
            serde_json::from_str(include_str!("../../model-law/lexicon/en.json")).unwrap();
        AgeRules::new(&lex.ages)
    }

    fn lexicon(lang: &str) -> crate::checklist::LexiconFile {
        let json = std::fs::read_to_string(format!(
            "{}/model-law/lexicon/{lang}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        serde_json::from_str(&json).unwrap()
    }

    #[test]
    fn english_ages() {
        let r = en();
        let a = r.find("“minor” means any person under the age of eighteen years");
        assert_eq!((a[0].value, a[0].bound), (18, Bound::Under));
        let a = r.find("a minor who had not attained 12 years of age");
        assert_eq!((a.len(), a[0].value, a[0].bound), (1, 12, Bound::Under));
        let a = r.find("appears to be twelve years old or older, but less than eighteen years old");
        assert_eq!(
            a.iter().map(|m| (m.value, m.bound)).collect::<Vec<_>>(),
            vec![(12, Bound::AtLeast), (18, Bound::Under)]
        );
        assert!(r.find("under section 18 of the Act").is_empty());
    }

    #[test]
    fn the_loosened_union_matches_wherever_a_rule_does_and_prunes_the_rest() {
        for (lang, texts) in [
            (
                "en",
                &[
                    "any person under the age of eighteen years",
                    "a minor who had not attained 12 years of age",
                    "persons 16 years of age or older",
                ][..],
            ),
            (
                "fr",
                &["un mineur de quinze ans", "âgé d’au moins 13 ans"][..],
            ),
            ("es", &["las personas menores de dieciocho años"][..]),
            ("zh", &["未满十八周岁的未成年人"][..]),
        ] {
            let lex = lexicon(lang);
            let r = AgeRules::new(&lex.ages);
            let any = r.any.as_ref().unwrap();
            assert!(r.alphabet.is_some(), "{lang}");
            for t in texts {
                assert!(!r.find(t).is_empty(), "{lang}: {t}");
                assert!(any.is_match(*t), "{lang}: {t}");
            }
        }
        let r = en();
        assert!(
            !r.any
                .as_ref()
                .unwrap()
                .is_match("under section 18 of the Act")
        );
    }

    #[test]
    fn the_rules_find_in_stretches_what_they_find_in_the_whole_text() {
        for (lang, text) in [
            (
                "en",
                "A person who has attained the age of twelve years, but has not attained \
                 the age of eighteen years; under 16 (sixteen) years of age. Section 18: \
                 “child” (under 18) means a person of or over the age of 14 or older.",
            ),
            (
                "fr",
                "Le mineur de quinze ans, âgé d’au moins 13 ans; ou moins de 18 ans.",
            ),
            ("zh", "已满十四周岁不满十六周岁的人，未满十八周岁的公民。"),
        ] {
            let lex = lexicon(lang);
            let r = AgeRules::new(&lex.ages);
            assert!(r.alphabet.is_some(), "{lang}");
            let stretched = r.find(text);
            // The same rules over the whole text.
            let whole = AgeRules {
                alphabet: None,
                ..AgeRules::new(&lex.ages)
            };
            assert!(stretched.len() >= 2, "{lang}: {stretched:?}");
            assert_eq!(stretched, whole.find(text), "{lang}");
        }
    }

    #[test]
    fn chinese_ages() {
        let lex: crate::checklist::LexiconFile =
            serde_json::from_str(include_str!("../../model-law/lexicon/zh.json")).unwrap();
        let r = AgeRules::new(&lex.ages);
        let a = r.find("已满十四周岁不满十六周岁的人");
        assert_eq!(
            a.iter().map(|m| (m.value, m.bound)).collect::<Vec<_>>(),
            vec![(14, Bound::AtLeast), (16, Bound::Under)]
        );
        let a = r.find("本法所称未成年人是指未满十八周岁的公民");
        assert_eq!(a[0].value, 18);
    }
}
