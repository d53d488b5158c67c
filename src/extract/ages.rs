//! Age thresholds: "under the age of eighteen years", "not attained 12
//! years", "twelve years old or older", `未满十八周岁`, `已满十四周岁`,
//! "moins de dix-huit ans", "menores de dieciocho años" — from each
//! language's patterns and number words in the lexicon.

use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{Input, MatchKind, PatternID, PatternSet};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

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

/// One age pattern, parsed; compiled when a text first needs it (most
/// patterns of a language never match in a given run).
#[derive(Debug)]
struct Rule {
    hir: Hir,
    bound: Bound,
    /// None: the pattern does not compile (reported by the model-law
    /// validation), and finds nothing.
    re: OnceLock<Option<Regex>>,
    /// The rule loosened (see [`loosen`]), when the rule has a Unicode word
    /// boundary and never matches empty: every match of the rule starts
    /// where the loosened rule matches, found by a lazy DFA on any text.
    /// The rule's own DFA gives up on non-ASCII text (Unicode `\b`), and
    /// the engine it falls back to tries every position of a stretch; with
    /// this, it is tried only where a match can start.
    starts: Option<(Hir, OnceLock<Option<Regex>>)>,
}

impl Rule {
    fn regex(&self) -> Option<&Regex> {
        self.re
            .get_or_init(|| Regex::builder().build_from_hir(&self.hir).ok())
            .as_ref()
    }

    fn starts(&self) -> Option<&Regex> {
        let (hir, re) = self.starts.as_ref()?;
        re.get_or_init(|| Regex::builder().build_from_hir(hir).ok())
            .as_ref()
    }
}

/// A language's age patterns, compiled.
#[derive(Debug)]
pub struct AgeRules {
    numbers: Vec<(String, u32)>,
    rules: Vec<Rule>,
    /// The core (see [`core`]) of every rule loosened (see [`loosen`]), one
    /// pattern each, in one automaton that tells which of them match
    /// somewhere in a stretch: a rule runs only on the stretches where its
    /// core matches (every match of the rule holds one).
    which: Option<Regex>,
    /// Words without which no age is stated ("age", "years", "岁"): texts
    /// without any are skipped in one pass. Found as written but for the
    /// case of ASCII letters, by a regular expression: its literal
    /// prefilter (the cues' case variants) skips most of a text in wide
    /// steps, where an automaton reads it byte by byte.
    cues: Option<Regex>,
    /// The cores of the rules loosened further (a number is any run of the
    /// characters numbers hold), in one automaton: every match of a rule
    /// holds the start of one of its matches, so a text it does not match
    /// holds no age, found in one pass instead of one per rule.
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

/// A class with more non-ASCII ranges than this (`\w`, `\d`) is widened
/// to every non-ASCII character in the loosened form: it compiles to a
/// handful of states instead of thousands.
const WIDEN_ABOVE: usize = 4;

/// `h` with every zero-width assertion (`\b`, `^`, `$`) and capture group
/// dropped and its large classes widened (see [`WIDEN_ABOVE`]); with
/// `number`, the number group `n` is any run of the characters it can hold.
/// It matches wherever `h` does, and maybe elsewhere too. Word-boundary
/// assertions on non-ASCII text make the fast (DFA) engines give up and the
/// slow ones scan; without them an expression runs as one DFA pass.
fn loosen(h: &Hir, number: bool, shared: &Number) -> Hir {
    match h.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Capture(c) if c.name.as_deref() == Some("n") && *c.sub == shared.group => {
            if number {
                shared.run.clone()
            } else {
                shared.plain.clone()
            }
        }
        HirKind::Capture(c) if number && c.name.as_deref() == Some("n") => loosen_number(&c.sub),
        HirKind::Capture(c) => loosen(&c.sub, number, shared),
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(loosen(&r.sub, number, shared));
            Hir::repetition(r)
        }
        HirKind::Concat(hs) => Hir::concat(hs.iter().map(|h| loosen(h, number, shared)).collect()),
        HirKind::Alternation(hs) => {
            Hir::alternation(hs.iter().map(|h| loosen(h, number, shared)).collect())
        }
        HirKind::Class(Class::Unicode(u))
            if u.iter().filter(|r| r.end() > '\x7f').count() > WIDEN_ABOVE =>
        {
            let mut ranges: Vec<ClassUnicodeRange> = u
                .iter()
                .filter(|r| r.start() <= '\x7f')
                .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')))
                .collect();
            ranges.push(ClassUnicodeRange::new('\u{80}', char::MAX));
            Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => h.clone(),
    }
}

/// The number group `n` loosened: any run of the characters it can hold.
/// The number words, alternatives in every rule, make the union's
/// automaton slow to build.
fn loosen_number(sub: &Hir) -> Hir {
    let sub = loosen(sub, true, &Number::default());
    match alphabet(&sub) {
        Some(chars) => Hir::repetition(regex_syntax::hir::Repetition {
            min: 1,
            max: None,
            greedy: true,
            sub: Box::new(Hir::class(Class::Unicode(ClassUnicode::new(
                chars.iter().map(|&(a, b)| ClassUnicodeRange::new(a, b)),
            )))),
        }),
        None => sub,
    }
}

/// A language's number group (`\d{1,3}` or one of its number words), the
/// same in every rule: parsed and loosened once, not once per rule (with
/// case folding, the words are most of the work of reading a rule).
struct Number {
    /// The group's expression, as a rule holds it (flags of the rule's start).
    group: Hir,
    /// [`loosen`] of it with `number`.
    run: Hir,
    /// [`loosen`] of it without.
    plain: Hir,
}

/// No group shared: every rule's group is loosened on its own.
impl Default for Number {
    fn default() -> Number {
        Number {
            group: Hir::fail(),
            run: Hir::fail(),
            plain: Hir::fail(),
        }
    }
}

impl Number {
    fn new(source: &str) -> Option<Number> {
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        let HirKind::Capture(c) = hir.kind() else {
            return None;
        };
        let group = (*c.sub).clone();
        Some(Number {
            run: loosen_number(&group),
            plain: loosen(&group, false, &Number::default()),
            group,
        })
    }

    /// `source` (a rule with the number group written `(?P<n>0)`) parsed,
    /// with this group in place of the 0. None where the rule sets flags of
    /// its own (the group might read differently inside them).
    fn put_into(&self, source: &str) -> Option<Hir> {
        let body = source.strip_prefix("(?i)")?;
        let sets_flags = body
            .match_indices("(?")
            .any(|(i, _)| !matches!(body.as_bytes().get(i + 2), Some(b':' | b'P' | b'<')));
        if sets_flags {
            return None;
        }
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        let mut put = 0;
        let hir = self.put(&hir, &mut put);
        // Every placeholder read as the group (not, say, inside a class).
        (put == source.matches("(?P<n>0)").count()).then_some(hir)
    }

    fn put(&self, h: &Hir, put: &mut usize) -> Hir {
        match h.kind() {
            HirKind::Capture(c) if c.name.as_deref() == Some("n") => {
                *put += 1;
                let mut c = c.clone();
                c.sub = Box::new(self.group.clone());
                Hir::capture(c)
            }
            HirKind::Capture(c) => {
                let mut c = c.clone();
                c.sub = Box::new(self.put(&c.sub, put));
                Hir::capture(c)
            }
            HirKind::Repetition(r) => {
                let mut r = r.clone();
                r.sub = Box::new(self.put(&r.sub, put));
                Hir::repetition(r)
            }
            HirKind::Concat(hs) => Hir::concat(hs.iter().map(|h| self.put(h, put)).collect()),
            HirKind::Alternation(hs) => {
                Hir::alternation(hs.iter().map(|h| self.put(h, put)).collect())
            }
            _ => h.clone(),
        }
    }
}

/// The part of a loosened rule between its leading and trailing optional
/// pieces (`(?:^|…)`, `(?:\s*\(\d+\))?`): every match of the rule holds a
/// match of it, which is all that finding where a rule can match needs.
fn core(h: &Hir) -> Hir {
    let nullable = |h: &Hir| h.properties().minimum_len() == Some(0);
    if let HirKind::Concat(hs) = h.kind() {
        if let (Some(a), Some(b)) = (
            hs.iter().position(|h| !nullable(h)),
            hs.iter().rposition(|h| !nullable(h)),
        ) {
            return Hir::concat(hs[a..=b].to_vec());
        }
    }
    h.clone()
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
        // A space in a pattern is any run of white space: statutes wrap
        // lines anywhere ("noch nicht\nachtzehn").
        let source = |p: &str, n: &str| format!("(?i){}", p.replace("{N}", n)).replace(' ', r"\s+");
        let number = Number::new(&source("{N}", &n)).unwrap_or_default();
        let mut rules = Vec::new();
        // Each rule loosened with its number as a run of characters, and
        // with its number as it is.
        let mut loose = Vec::new();
        for (pats, bound) in [(&lex.upper, Bound::Under), (&lex.lower, Bound::AtLeast)] {
            for p in pats {
                let hir = number
                    .put_into(&source(p, "(?P<n>0)"))
                    .or_else(|| regex_syntax::Parser::new().parse(&source(p, &n)).ok());
                // A pattern that does not parse does not compile either.
                if let Some(hir) = hir {
                    let plain = loosen(&hir, false, &number);
                    let props = hir.properties();
                    let starts = (props.look_set().contains_word_unicode()
                        && props.minimum_len().is_some_and(|n| n > 0))
                    .then(|| (plain.clone(), OnceLock::new()));
                    loose.push((loosen(&hir, true, &number), plain));
                    rules.push(Rule {
                        hir,
                        bound,
                        re: OnceLock::new(),
                        starts,
                    });
                }
            }
        }
        // Characters of the whole rules, not only of their cores: a match
        // of a rule lies in a stretch of them.
        let alphabet = alphabet(&Hir::alternation(
            loose.iter().map(|(l, _)| l.clone()).collect(),
        ));
        let any = Regex::builder()
            .build_from_hir(&Hir::alternation(
                loose.iter().map(|(l, _)| core(l)).collect(),
            ))
            .ok();
        let cores: Vec<Hir> = loose.iter().map(|(_, l)| core(l)).collect();
        let which = Regex::builder()
            .configure(
                Regex::config()
                    .match_kind(MatchKind::All)
                    .which_captures(WhichCaptures::None),
            )
            .build_many_from_hir(&cores)
            .ok();
        let cues = (!lex.cues.is_empty())
            .then(|| {
                let words: Vec<String> = lex.cues.iter().map(|c| regex::escape(c)).collect();
                Regex::new(&format!("(?i-u:{})", words.join("|"))).ok()
            })
            .flatten();
        AgeRules {
            numbers,
            rules,
            which,
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
        // the union's matches. A rule's match holds the start of a match of
        // the union; the union finds its matches left to right and moves on
        // only past the end of each, so one it finds holds that start too,
        // and, holding none of the other characters, lies in the same
        // stretch as the rule's match. A rule finds the same matches in each
        // stretch as in the whole text (the stretch keeps the text around it
        // for `\b`).
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
        // Which rules can match in each stretch.
        let sets: Vec<Option<PatternSet>> = stretches
            .iter()
            .map(|&(from, to)| {
                self.which.as_ref().map(|w| {
                    let mut set = PatternSet::new(w.pattern_len());
                    w.which_overlapping_matches(&Input::new(text).range(from..to), &mut set);
                    set
                })
            })
            .collect();
        for (i, rule) in self.rules.iter().enumerate() {
            for (&(from, to), set) in stretches.iter().zip(&sets) {
                if set
                    .as_ref()
                    .is_some_and(|s| !s.contains(PatternID::new_unchecked(i)))
                {
                    continue;
                }
                let Some(re) = rule.regex() else {
                    continue;
                };
                let mut push = |c: &regex_automata::util::captures::Captures| {
                    let (Some(m), Some(n)) = (c.get_match(), c.get_group_by_name("n")) else {
                        return;
                    };
                    let Some(value) = self.value(&text[n.range()]) else {
                        return;
                    };
                    if value == 0 || value > 30 {
                        return;
                    }
                    found.push(AgeMatch {
                        value,
                        bound: rule.bound,
                        start: m.start(),
                        end: m.end(),
                    });
                };
                // Where the rule's DFA would give up (a non-ASCII byte in
                // or next to the stretch), the rule is tried anchored, only
                // where its loosened form finds a match starting: the
                // leftmost start of the loosened rule is at or before the
                // rule's, and the rule's match anchored at its leftmost
                // start is the one an unanchored search finds.
                let near = &text.as_bytes()[from.saturating_sub(1)..(to + 1).min(text.len())];
                // (Asked only then: the loosened form is compiled on first
                // need, like the rule.)
                let starts = (!near.is_ascii()).then(|| rule.starts()).flatten();
                let Some(starts) = starts else {
                    for c in re.captures_iter(Input::new(text).range(from..to)) {
                        push(&c);
                    }
                    continue;
                };
                let mut caps = re.create_captures();
                let mut at = from;
                while at < to {
                    let Some(s) = starts.find(Input::new(text).range(at..to)) else {
                        break;
                    };
                    let input = Input::new(text)
                        .range(s.start()..to)
                        .anchored(regex_automata::Anchored::Yes);
                    re.search_captures(&input, &mut caps);
                    match caps.get_match() {
                        Some(m) => {
                            push(&caps);
                            at = m.end();
                        }
                        None => {
                            at = s.start()
                                + text[s.start()..].chars().next().map_or(1, char::len_utf8);
                        }
                    }
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
    fn a_rule_read_with_the_shared_number_group_is_the_rule_read_whole() {
        for lang in ["de", "en", "es", "fr", "pt", "zh"] {
            let lex = lexicon(lang).ages;
            let r = AgeRules::new(&lex);
            let whole: Vec<Hir> = lex
                .upper
                .iter()
                .chain(&lex.lower)
                .map(|p| {
                    regex_syntax::Parser::new()
                        .parse(&whole_source(&lex, p))
                        .unwrap()
                })
                .collect();
            let read: Vec<&Hir> = r.rules.iter().map(|rule| &rule.hir).collect();
            assert_eq!(read, whole.iter().collect::<Vec<_>>(), "{lang}");
        }
        // A rule with flags of its own, or the group where it is not one,
        // is read whole.
        let number = Number::new(r"(?i)(?P<n>\d{1,3}|twelve)").unwrap();
        assert!(number.put_into(r"(?i)under (?-i:(?P<n>0)) years").is_none());
        assert!(number.put_into(r"(?i)under [(?P<n>0)] years").is_none());
        let put = number.put_into(r"(?i)(a)? under (?P<n>0) years").unwrap();
        let whole = regex_syntax::Parser::new()
            .parse(r"(?i)(a)? under (?P<n>\d{1,3}|twelve) years")
            .unwrap();
        assert_eq!(put, whole);
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
    fn the_loosened_rules_match_wherever_a_rule_does_and_prune_the_rest() {
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
        // The union only finds where to look ("under s…" may start a
        // number); the cores, numbers and all, tell that no rule matches.
        let r = en();
        let text = "under section 18 of the Act";
        let mut set = PatternSet::new(r.rules.len());
        r.which
            .as_ref()
            .unwrap()
            .which_overlapping_matches(&Input::new(text), &mut set);
        assert!(set.is_empty());
        let mut set = PatternSet::new(r.rules.len());
        r.which
            .as_ref()
            .unwrap()
            .which_overlapping_matches(&Input::new("under the age of 16"), &mut set);
        assert!(set.len() >= 2);
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

    /// A rule's source as the rules were first read: its number group
    /// written out with every number word of the language, longest first.
    fn whole_source(lex: &AgeLexicon, p: &str) -> String {
        let mut words: Vec<(String, u32)> = lex
            .numbers
            .iter()
            .map(|(w, v)| (w.to_lowercase(), *v))
            .collect();
        words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let words: Vec<String> = words.iter().map(|(w, _)| regex::escape(w)).collect();
        let n = format!(r"(?P<n>\d{{1,3}}|{})", words.join("|"));
        format!("(?i){}", p.replace("{N}", &n)).replace(' ', r"\s+")
    }

    /// The ages found the way they were before the rules were narrowed to
    /// stretches and filtered: every rule, compiled from its source, over
    /// the whole text, longest match winning.
    fn whole_text_ages(lex: &AgeLexicon, text: &str) -> Vec<AgeMatch> {
        let r = AgeRules::new(lex);
        let cued = lex.cues.is_empty()
            || aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&lex.cues)
                .unwrap()
                .is_match(text);
        if !cued {
            return Vec::new();
        }
        let mut found = Vec::new();
        for (pats, bound) in [(&lex.upper, Bound::Under), (&lex.lower, Bound::AtLeast)] {
            for p in pats {
                let re = Regex::new(&whole_source(lex, p)).unwrap();
                for c in re.captures_iter(text) {
                    let (m, n) = (c.get_match().unwrap(), c.get_group_by_name("n").unwrap());
                    match r.value(&text[n.range()]) {
                        Some(value) if (1..=30).contains(&value) => found.push(AgeMatch {
                            value,
                            bound,
                            start: m.start(),
                            end: m.end(),
                        }),
                        _ => {}
                    }
                }
            }
        }
        found.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
        });
        let mut kept: Vec<AgeMatch> = Vec::new();
        for m in found {
            if kept.iter().all(|k| m.end <= k.start || k.end <= m.start) {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.start);
        kept
    }

    /// Age expressions and near misses of each language, to be joined in
    /// pairs (so expressions overlap, touch and wrap lines) with noise.
    fn fragments(lang: &str) -> &'static [&'static str] {
        match lang {
            "en" => &[
                "any person under the age of eighteen years",
                "a minor who had not attained 12 years of age",
                "twelve years old or older, but less than eighteen years old",
                "of or over the age of 14 (fourteen)",
                "under 16 (sixteen) years of age",
                "not yet attained the\nage of\nsixteen",
                "before his eighteenth birthday; after her 16 birthday",
                "aged 13 years or over; at least 21 years",
                "under section 18 of the Act, “child” (under 18) means",
                "UNDER THE AGE OF ſIXTEEN, Kelvin under twenty-one",
                "persons 16 years of age or older — 17 years or more",
                "is or is above the age of 30; has not completed 15",
            ],
            "fr" => &[
                "le mineur de quinze ans",
                "âgé d’au moins 13 ans",
                "moins de 18 ans; mineures âgées de moins de seize",
                "n’a pas encore atteint l'âge de 16 ans",
                "à partir de l’âge de quatorze ans révolus",
                "qui a atteint l’âge de\ndix-huit ans et plus",
                "jusqu’à l’âge de 21 ans; âge inférieur à 15",
                "article 18 de la loi, plus de vingt ans",
            ],
            "es" => &[
                "las personas menores de dieciocho años",
                "menor de 14 (catorce) años de edad",
                "no haya cumplido aún los 16 años",
                "mayores de\ndieciséis años; 18 años o más",
                "a partir de los trece años cumplidos",
                "entre los 12 y 18 años; desde los 14",
                "Él, menor de 13; niño menor de quince",
                "hasta cumplir los 18 años, edad inferior a 16 años",
                "artículo 18 de la ley, menos de veinte años",
            ],
            "de" => &[
                "Personen unter 18 Jahren",
                "wer noch nicht vierzehn ist",
                "ein Kind, das das 14. Lebensjahr noch nicht vollendet hat",
                "über 16 Jahren, aber jünger als achtzehn Jahre",
                "ab Vollendung des 16. Lebensjahres; mindestens 21 Jahre",
                "höchstens 17 (siebzehn) Jahre alt, älter als 12\nJahre",
                "Straße § 18 Absatz 2, nicht 18 Jahre",
            ],
            "pt" => &[
                "menor de 18 (dezoito) anos",
                "até os 12 anos de idade incompletos",
                "entre os doze e os dezoito anos",
                "maior de catorze anos; com 16 anos ou mais",
                "não tenha ainda completado 14 anos",
                "a partir dos dezesseis anos, idade inferior a 18 anos",
                "artigo 18 da lei, mais de vinte anos",
                "ação: menores de\ndoze anos",
            ],
            "zh" => &[
                "已满十四周岁不满十六周岁的人",
                "本法所称未成年人是指未满十八周岁的公民",
                "十四周岁以上，十八岁以下",
                "年满16周岁；满十二周岁的",
                "第十八条 不满14岁",
                "未达到十周岁未满",
            ],
            _ => &[],
        }
    }

    #[test]
    fn the_ages_are_those_every_rule_finds_over_the_whole_text() {
        let joins = [" ", "\n", ", ", ". ", "; ", " é ", "“", " 18 "];
        for lang in ["en", "fr", "es", "de", "pt", "zh"] {
            let lex = lexicon(lang);
            let r = AgeRules::new(&lex.ages);
            let frags = fragments(lang);
            let mut texts: Vec<String> = frags.iter().map(|f| f.to_string()).collect();
            for (i, a) in frags.iter().enumerate() {
                for (j, b) in frags.iter().enumerate() {
                    texts.push(format!("{a}{}{b}", joins[(i + j) % joins.len()]));
                }
            }
            let mut total = 0;
            for t in &texts {
                let expected = whole_text_ages(&lex.ages, t);
                total += expected.len();
                assert_eq!(r.find(t), expected, "{lang}: {t:?}");
            }
            // The texts hold ages: the comparison is not of empty lists.
            assert!(
                total >= 2 * texts.len(),
                "{lang}: {total} ages in {} texts",
                texts.len()
            );
            // Rules with a Unicode `\b` were tried only where their loosened
            // form starts (the joins put non-ASCII text in every stretch).
            let tried_at_starts = r
                .rules
                .iter()
                .filter(|rule| {
                    rule.starts
                        .as_ref()
                        .is_some_and(|(_, re)| re.get().is_some())
                })
                .count();
            assert_eq!(
                tried_at_starts > 0,
                lang != "zh",
                "{lang}: {tried_at_starts}"
            );
        }
    }

    #[test]
    fn a_text_holds_a_cue_as_an_ascii_case_blind_search_finds_it() {
        for lang in ["de", "en", "es", "fr", "pt", "zh"] {
            let lex = lexicon(lang).ages;
            let r = AgeRules::new(&lex);
            let oracle = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&lex.cues)
                .unwrap();
            let mut texts = vec![
                String::new(),
                "no word of the kind here: 12, 18; § 3".to_string(),
                "Ää ß ſ 歳 ÂGE Jähre ÁÑOS".to_string(),
            ];
            for cue in &lex.cues {
                for form in [
                    cue.clone(),
                    cue.to_ascii_uppercase(),
                    cue.to_uppercase(),
                    cue.chars()
                        .enumerate()
                        .map(|(i, c)| {
                            if i % 2 == 0 {
                                c.to_ascii_uppercase()
                            } else {
                                c
                            }
                        })
                        .collect(),
                ] {
                    texts.push(format!("the {form}s of it"));
                    texts.push(format!("x{form}"));
                    // Cut inside the cue: not a cue.
                    let cut: String = form.chars().skip(1).collect();
                    texts.push(format!("é {cut} é"));
                }
            }
            for t in &texts {
                let holds = r.cues.as_ref().map(|c| c.is_match(t));
                let want = (!lex.cues.is_empty()).then(|| oracle.is_match(t));
                assert_eq!(holds, want, "{lang}: {t:?}");
            }
        }
    }

    #[test]
    fn a_rule_is_compiled_only_where_its_core_matches() {
        let lex = lexicon("en");
        let r = AgeRules::new(&lex.ages);
        assert!(
            r.find("under section 18 of the Act, the age of the person")
                .is_empty()
        );
        assert!(r.rules.iter().all(|rule| rule.re.get().is_none()));
        assert_eq!(r.find("under the age of 18")[0].value, 18);
        let compiled = r
            .rules
            .iter()
            .filter(|rule| rule.re.get().is_some())
            .count();
        assert!((1..r.rules.len()).contains(&compiled), "{compiled}");
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
