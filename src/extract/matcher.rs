//! One lexicon compiled for scanning: every phrase of every concept in a
//! single trie over normalised words (a document's tokens are walked
//! through it once, each word looked up as a number, not as text), phrases
//! with gaps (`indecent photograph ... child`) joined afterwards, and a
//! fuzzy fallback for words the lexicon almost knows (OCR noise such as
//! `photographof`).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::checklist::{LexiconFile, TokenMode};
use crate::text::{Analyzer, WORD_UNITS, push_searchable};

/// Default gap of `...` in a phrase, in words.
pub const DEFAULT_GAP_WORDS: u32 = 8;

/// Smallest Jaro-Winkler similarity at which a word the lexicon does not
/// know is read as one it knows of the same length (±1). 0.94 accepts one
/// wrong, missing or doubled letter in a word of seven letters or more
/// (`pornograpy` → `pornography`) and rejects different words that share a
/// stem (`possessor` / `possess` differ by two letters).
pub const FUZZY_MIN_SIMILARITY: f64 = 0.94;

/// Shortest word that the fuzzy fallback looks at: shorter words are too
/// easily one letter away from another real word.
pub const FUZZY_MIN_LEN: usize = 7;

/// Small words that OCR glues to the end of the word before
/// (`photographof`); a known word followed by one of these is split.
const GLUED_TAILS: [&str; 8] = ["of", "the", "to", "and", "in", "by", "on", "a"];

#[derive(Debug, Clone)]
struct Term {
    concept: usize,
    /// Gap allowed after each part but the last, in position units.
    gaps: Vec<u32>,
}

/// A phrase found: the concept and the tokens it covers. 12 bytes, as a
/// [`Hit`](super::Hit) is: the one vector holds the phrases found, then
/// the hits made of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RawHit {
    /// Index of the first token.
    pub first: u32,
    /// Tokens after the first it covers.
    span: u16,
    /// Concept index (into [`Matcher::concepts`]).
    concept: u16,
    /// Term index, to tell which phrase matched.
    pub term: u32,
}

impl RawHit {
    /// A hit of `term` (of `concept`) over tokens `first..=last` (a
    /// document has fewer than 2^32 tokens: it is at most 16 MiB; see
    /// [`super::facts::MAX_HIT_SPAN`] and [`super::facts::MAX_CONCEPTS`]).
    pub(super) fn new(first: usize, last: usize, concept: usize, term: usize) -> RawHit {
        RawHit {
            first: u32::try_from(first).unwrap_or(u32::MAX),
            span: u16::try_from(last.saturating_sub(first)).unwrap_or(u16::MAX),
            concept: u16::try_from(concept).unwrap_or(u16::MAX),
            term: u32::try_from(term).unwrap_or(u32::MAX),
        }
    }

    /// Index of the first token.
    pub fn first(&self) -> usize {
        self.first as usize
    }

    /// Index of the last token (inclusive).
    pub fn last(&self) -> usize {
        self.first as usize + self.span as usize
    }

    /// Concept index.
    pub fn concept(&self) -> usize {
        usize::from(self.concept)
    }
}

/// A compiled lexicon.
pub struct Matcher {
    /// The analyzer of the language.
    pub analyzer: Analyzer,
    /// Concept ids, in the order of their indices.
    pub concepts: Vec<String>,
    /// Every word of every phrase, numbered: a document's words are looked
    /// up here once each, and its tokens walk the trie by number.
    symbols: FxHashMap<String, u32>,
    trie: Trie,
    /// Pattern (a phrase part, as searchable text) → the (term, part) it
    /// is, for every term that has it (a word such as "child" is a part of
    /// many phrases: it is scanned once).
    parts: Vec<Vec<(usize, usize)>>,
    /// The pattern of each part of each term.
    term_parts: Vec<Vec<usize>>,
    /// The searchable text of each pattern (what the trie's word sequences
    /// spell; the tests read the document that way to check the trie).
    #[cfg(test)]
    patterns: Vec<String>,
    terms: Vec<Term>,
    term_text: Vec<String>,
    vocab: FxHashSet<String>,
    vocab_by_head: FxHashMap<(char, char), Vec<String>>,
}

/// The symbol of a word no phrase has.
pub const NO_SYMBOL: u32 = u32::MAX;

/// The phrase parts as sequences of word symbols. A phrase part matches
/// where its words follow one another in a provision: the same as finding
/// its searchable text (words between spaces, Han characters joined) in
/// the document's, at token boundaries, without building that text.
#[derive(Debug, Default)]
struct Trie {
    /// Node of each one-word prefix, by the word's symbol.
    roots: Vec<u32>,
    /// Children of each node, by symbol (few: a linear search).
    children: Vec<Vec<(u32, u32)>>,
    /// Patterns that end at each node.
    ends: Vec<Vec<u32>>,
}

impl Trie {
    const NONE: u32 = u32::MAX;

    fn node(&mut self) -> u32 {
        self.children.push(Vec::new());
        self.ends.push(Vec::new());
        (self.children.len() - 1) as u32
    }

    fn insert(&mut self, word_symbols: &[u32], pattern: u32) {
        let Some((&first, rest)) = word_symbols.split_first() else {
            return;
        };
        let f = first as usize;
        if self.roots.len() <= f {
            self.roots.resize(f + 1, Trie::NONE);
        }
        if self.roots[f] == Trie::NONE {
            self.roots[f] = self.node();
        }
        let mut at = self.roots[f];
        for &sym in rest {
            at = match self.child(at, sym) {
                Some(c) => c,
                None => {
                    let c = self.node();
                    self.children[at as usize].push((sym, c));
                    c
                }
            };
        }
        let ends = &mut self.ends[at as usize];
        if !ends.contains(&pattern) {
            ends.push(pattern);
        }
    }

    fn child(&self, node: u32, sym: u32) -> Option<u32> {
        self.children[node as usize]
            .iter()
            .find(|&&(s, _)| s == sym)
            .map(|&(_, c)| c)
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("terms", &self.terms.len())
            .finish()
    }
}

/// False when the Jaro-Winkler similarity of two ASCII words cannot reach
/// `min`: the letters they share (as multisets, ignoring where they stand)
/// bound the Jaro matches `m`, Jaro is at most `(m/|a| + m/|b| + 1) / 3`,
/// and the Winkler prefix bonus at most `0.4 (1 - jaro)`. Always true for
/// other words. Skips the exact measure for most pairs.
fn may_reach(a: &str, b: &str, min: f64) -> bool {
    if !a.is_ascii() || !b.is_ascii() || a.is_empty() || b.is_empty() {
        return true;
    }
    let mut counts = [0i32; 128];
    for c in a.bytes() {
        counts[usize::from(c)] += 1;
    }
    let mut m = 0u32;
    for c in b.bytes() {
        let slot = &mut counts[usize::from(c)];
        if *slot > 0 {
            *slot -= 1;
            m += 1;
        }
    }
    let m = f64::from(m);
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + 1.0) / 3.0;
    // A hair of slack: the bound may equal the exact value, computed in
    // another order.
    jaro + 0.4 * (1.0 - jaro) >= min - 1e-9
}

impl Matcher {
    /// Compile a lexicon. `concept_ids` fixes the index of every concept
    /// (shared by all languages); concepts the lexicon lacks simply never
    /// match.
    pub fn new(lex: &LexiconFile, concept_ids: &[String]) -> Matcher {
        let analyzer = Analyzer::new(&lex.stemmer, lex.tokens).with_compounds(
            lex.compounds,
            lex.concepts.values().flatten().map(String::as_str),
        );
        let index: BTreeMap<&str, usize> = concept_ids
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_ids: FxHashMap<String, usize> = FxHashMap::default();
        let mut parts: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut term_parts = Vec::new();
        let mut terms = Vec::new();
        let mut term_text = Vec::new();
        let mut vocab = FxHashSet::default();
        let mut symbols: FxHashMap<String, u32> = FxHashMap::default();
        let mut trie = Trie::default();
        let unit = match lex.tokens {
            TokenMode::Words => WORD_UNITS,
            TokenMode::Characters => 1,
        };
        for (concept, phrases) in &lex.concepts {
            let Some(&ci) = index.get(concept.as_str()) else {
                continue;
            };
            for phrase in phrases {
                let mut gaps = Vec::new();
                let mut texts = Vec::new();
                for (k, piece) in phrase.split("...").enumerate() {
                    let mut piece = piece;
                    if k > 0 {
                        // `...N` sets the gap of this join, in words.
                        let digits: String =
                            piece.chars().take_while(|c| c.is_ascii_digit()).collect();
                        let words = digits.parse::<u32>().unwrap_or(DEFAULT_GAP_WORDS);
                        piece = &piece[digits.len()..];
                        gaps.push(words * WORD_UNITS);
                    }
                    let toks = analyzer.tokens(piece);
                    if toks.is_empty() {
                        continue;
                    }
                    if toks.len() == 1 && !toks[0].cjk {
                        vocab.insert(toks[0].norm.clone());
                    }
                    let mut s = String::new();
                    for t in &toks {
                        push_searchable(&mut s, &t.norm, t.cjk);
                    }
                    // Word phrases start and end at a word boundary.
                    let s = if toks[0].cjk {
                        s
                    } else {
                        format!(" {}", s.trim_start())
                    };
                    let syms: Vec<u32> = toks
                        .iter()
                        .map(|t| {
                            let next = symbols.len() as u32;
                            *symbols.entry(t.norm.clone()).or_insert(next)
                        })
                        .collect();
                    texts.push((s, syms));
                }
                if texts.is_empty() {
                    continue;
                }
                gaps.truncate(texts.len().saturating_sub(1));
                let _ = unit;
                let ti = terms.len();
                let mut ids = Vec::with_capacity(texts.len());
                for (k, (t, syms)) in texts.into_iter().enumerate() {
                    let id = *pattern_ids.entry(t).or_insert_with_key(|t| {
                        patterns.push(t.clone());
                        parts.push(Vec::new());
                        patterns.len() - 1
                    });
                    trie.insert(&syms, id as u32);
                    parts[id].push((ti, k));
                    ids.push(id);
                }
                term_parts.push(ids);
                terms.push(Term { concept: ci, gaps });
                term_text.push(phrase.clone());
            }
        }
        // Candidates for the fuzzy fallback by their first two letters: OCR
        // noise rarely hits the start of a word, and this keeps the
        // comparisons few. Empty when the lexicon turns the fallback off.
        let mut vocab_by_head: FxHashMap<(char, char), Vec<String>> = FxHashMap::default();
        for w in vocab.iter().filter(|_| lex.fuzzy) {
            let mut cs = w.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                vocab_by_head.entry((a, b)).or_default().push(w.clone());
            }
        }
        for v in vocab_by_head.values_mut() {
            v.sort();
        }
        Matcher {
            analyzer,
            concepts: concept_ids.to_vec(),
            symbols,
            trie,
            parts,
            term_parts,
            #[cfg(test)]
            patterns,
            terms,
            term_text,
            vocab,
            vocab_by_head,
        }
    }

    /// The lexicon phrase a hit came from.
    pub fn term_text(&self, term: usize) -> &str {
        &self.term_text[term]
    }

    /// True when the lexicon has this normalised word.
    pub fn knows(&self, norm: &str) -> bool {
        self.vocab.contains(norm)
    }

    /// The lexicon word an unknown word most likely is, if any: a known word
    /// with a small word glued on (`photographof`), or one letter off.
    pub fn fuzzy(&self, norm: &str) -> Option<&str> {
        let len = norm.chars().count();
        if len < FUZZY_MIN_LEN || self.vocab.contains(norm) {
            return None;
        }
        let mut cs = norm.chars();
        let head = (cs.next()?, cs.next()?);
        let candidates = self.vocab_by_head.get(&head)?;
        let mut best: Option<(&str, f64)> = None;
        for cand in candidates {
            if let Some(rest) = norm.strip_prefix(cand.as_str()) {
                if GLUED_TAILS.contains(&rest) && cand.chars().count() >= FUZZY_MIN_LEN - 2 {
                    return Some(cand);
                }
            }
            let clen = cand.chars().count();
            if clen + 1 < len || len + 1 < clen || clen < FUZZY_MIN_LEN {
                continue;
            }
            if !may_reach(norm, cand, FUZZY_MIN_SIMILARITY) {
                continue;
            }
            let sim = strsim::jaro_winkler(norm, cand);
            if sim >= FUZZY_MIN_SIMILARITY && best.is_none_or(|(_, b)| sim > b) {
                best = Some((cand, sim));
            }
        }
        best.map(|(c, _)| c)
    }

    /// The symbol of a normalised word, or [`NO_SYMBOL`] when no phrase has
    /// it.
    pub fn symbol(&self, norm: &str) -> u32 {
        self.symbols.get(norm).copied().unwrap_or(NO_SYMBOL)
    }

    /// Every phrase of the lexicon found in a document of `n` tokens, given
    /// by the symbol of each token's word and whether it starts a provision
    /// (no phrase runs across that). `pos` gives each token's position and
    /// `unit` the section it belongs to: the parts of a phrase with gaps
    /// must lie in one section, within the gap.
    pub fn find_tokens(
        &self,
        n: usize,
        symbol: impl Fn(usize) -> u32,
        starts_provision: impl Fn(usize) -> bool,
        pos: impl Fn(usize) -> u32,
        unit: impl Fn(usize) -> u32,
    ) -> Vec<RawHit> {
        let mut scan = Scan::default();
        for first in 0..n {
            let Some(&root) = self.trie.roots.get(symbol(first) as usize) else {
                continue;
            };
            if root == Trie::NONE {
                continue;
            }
            let mut node = root;
            let mut last = first;
            loop {
                for &pattern in &self.trie.ends[node as usize] {
                    self.found(pattern as usize, first, last, &mut scan);
                }
                last += 1;
                if last >= n || starts_provision(last) {
                    break;
                }
                match self.trie.child(node, symbol(last)) {
                    Some(c) => node = c,
                    None => break,
                }
            }
        }
        self.join(scan, pos, unit)
    }

    /// [`Matcher::find_tokens`] over a short text of normalised words, all
    /// in one provision (a title).
    pub fn find_words(&self, norms: &[&str]) -> Vec<RawHit> {
        self.find_tokens(
            norms.len(),
            |t| self.symbol(norms[t]),
            |_| false,
            |t| t as u32 * WORD_UNITS,
            |_| 0,
        )
    }

    /// A pattern found over tokens `first..=last`.
    fn found(&self, pattern: usize, first: usize, last: usize, scan: &mut Scan) {
        let mut part_of_gapped = false;
        for &(term, _) in &self.parts[pattern] {
            if self.terms[term].gaps.is_empty() {
                scan.out
                    .push(RawHit::new(first, last, self.terms[term].concept, term));
            } else {
                part_of_gapped = true;
            }
        }
        if part_of_gapped {
            scan.part_hits
                .entry(pattern)
                .or_default()
                .push((first as u32, last as u32));
        }
    }

    /// Join the parts of phrases with gaps, and sort.
    fn join(
        &self,
        scan: Scan,
        pos: impl Fn(usize) -> u32,
        unit: impl Fn(usize) -> u32,
    ) -> Vec<RawHit> {
        let Scan { mut out, part_hits } = scan;
        for (term, t) in self.terms.iter().enumerate() {
            if t.gaps.is_empty() {
                continue;
            }
            let ids = &self.term_parts[term];
            let Some(starts) = part_hits.get(&ids[0]) else {
                continue;
            };
            for &(first, last0) in starts {
                let (first, mut last) = (first as usize, last0 as usize);
                let mut ok = true;
                for (k, &gap) in t.gaps.iter().enumerate() {
                    let Some(next) = ids.get(k + 1).and_then(|id| part_hits.get(id)) else {
                        ok = false;
                        break;
                    };
                    let from = next.partition_point(|&(f, _)| f as usize <= last);
                    // The first later part in the same section, if it is
                    // within the gap: parts are in order of position, so
                    // none past the gap can be it.
                    let within =
                        |f: u32| pos(f as usize).saturating_sub(pos(last)) <= gap + WORD_UNITS;
                    match next[from..]
                        .iter()
                        .take_while(|&&(f, _)| within(f))
                        .find(|&&(f, _)| unit(f as usize) == unit(first))
                    {
                        Some(&(_, l)) => last = l as usize,
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    out.push(RawHit::new(first, last, t.concept, term));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// What scanning finds before the parts of phrases with gaps are joined.
#[derive(Default)]
struct Scan {
    /// Hits of phrases without gaps.
    out: Vec<RawHit>,
    /// (first, last) token of each hit of a pattern that is a part of a
    /// phrase with gaps, as u32 (see [`RawHit`]), per pattern.
    part_hits: FxHashMap<usize, Vec<(u32, u32)>>,
}

#[cfg(test)]
mod tests {
    /// What the trie must find: every place where a pattern's searchable
    /// text occurs in the document's, from a token's start to a token's
    /// end (the matcher's definition of a match, searched for as text).
    fn by_text_search(
        m: &Matcher,
        norms: &[(&str, bool, bool)],
        pos: impl Fn(usize) -> u32,
        unit: impl Fn(usize) -> u32,
    ) -> Vec<RawHit> {
        // The document as searchable text: words between spaces, Han
        // characters joined, a control character where a provision starts.
        let mut text = String::from(" ");
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        for &(norm, cjk, brk) in norms {
            if brk {
                text.push_str(" \u{1} ");
            }
            if !cjk && !text.ends_with(' ') {
                text.push(' ');
            }
            starts.push(text.len());
            ends.push(text.len() + norm.len());
            push_searchable(&mut text, norm, cjk);
        }
        text.push(' ');
        let mut scan = Scan::default();
        for (first, &at) in starts.iter().enumerate() {
            for (p, pattern) in m.patterns.iter().enumerate() {
                // A word pattern starts with the space before its word.
                let from = if pattern.starts_with(' ') { at - 1 } else { at };
                if !text.as_bytes()[from..].starts_with(pattern.as_bytes()) {
                    continue;
                }
                let end = from + pattern.trim_end().len();
                if let Ok(last) = ends.binary_search(&end) {
                    m.found(p, first, last, &mut scan);
                }
            }
        }
        m.join(scan, pos, unit)
    }

    #[test]
    fn the_trie_finds_what_a_search_of_the_text_finds() {
        let (l, ids) = lex(&[
            ("child", &["child", "minor"]),
            (
                "material",
                &["indecent photograph", "child sexual abuse material"],
            ),
            (
                "gapped",
                &["indecent photograph ... child", "photograph ...2 minor"],
            ),
            ("offer", &["make available", "offer"]),
            ("han", &["儿童色情", "色情 material", "child 色情"]),
        ]);
        let m = Matcher::new(&l, &ids);
        let text = "A person who makes available an indecent photograph of a child, or offers \
                    child sexual abuse material or a photograph of any minor, or an indecent \
                    photograph; a child; minor; child sexual abuse material; 儿童色情 material, \
                    child色情儿童色情. ";
        let text = text.repeat(3);
        let toks = m.analyzer.tokens(&text);
        for every in [23, 7, 1, 1000] {
            let norms: Vec<(&str, bool, bool)> = toks
                .iter()
                .enumerate()
                // A provision starts every `every` tokens: no phrase crosses it.
                .map(|(i, t)| (t.norm.as_str(), t.cjk, i % every == 0))
                .collect();
            let pos = |t: usize| t as u32 * 2;
            let unit = |t: usize| (t / every) as u32;
            let expected = by_text_search(&m, &norms, pos, unit);
            if every == 23 {
                // Every concept, a gapped phrase joined and one cut by a provision.
                assert!(expected.len() > 20, "{}", expected.len());
                for (c, id) in ids.iter().enumerate() {
                    assert!(expected.iter().any(|h| h.concept() == c), "{id}");
                }
            }
            let got = m.find_tokens(
                toks.len(),
                |t| m.symbol(norms[t].0),
                |t| norms[t].2,
                pos,
                unit,
            );
            assert_eq!(got, expected, "a provision every {every} tokens");
        }
    }

    #[test]
    fn the_similarity_bound_never_drops_a_pair_that_reaches_it() {
        let words = [
            "pornography",
            "photograph",
            "photographs",
            "possession",
            "distribute",
            "distributes",
            "solicitation",
            "exploitation",
            "abcdefghij",
            "jihgfedcba",
        ];
        let mut checked = 0;
        for a in words {
            // Every one-letter deletion, doubling and substitution of `a`.
            let mut variants = vec![a.to_string()];
            for i in 0..a.len() {
                variants.push(format!("{}{}", &a[..i], &a[i + 1..]));
                variants.push(format!("{}{}", &a[..=i], &a[i..]));
                variants.push(format!("{}x{}", &a[..i], &a[i + 1..]));
            }
            for b in words.iter().map(|w| w.to_string()).chain(variants) {
                let exact = strsim::jaro_winkler(a, &b);
                for min in [0.5, 0.8, 0.9, FUZZY_MIN_SIMILARITY, 0.97, exact] {
                    if exact >= min {
                        assert!(super::may_reach(a, &b, min), "{a} / {b} at {min}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100);
        // And it does prune: different words are skipped without the measure.
        assert!(!super::may_reach(
            "possession",
            "photograph",
            FUZZY_MIN_SIMILARITY
        ));
    }

    use super::*;
    use crate::checklist::AgeLexicon;

    fn lex(concepts: &[(&str, &[&str])]) -> (LexiconFile, Vec<String>) {
        let l = LexiconFile {
            language: "en".into(),
            tokens: TokenMode::Words,
            stemmer: "english-plural".into(),
            compounds: None,
            fuzzy: true,
            concepts: concepts
                .iter()
                .map(|(c, t)| (c.to_string(), t.iter().map(|s| s.to_string()).collect()))
                .collect(),
            ages: AgeLexicon {
                numbers: Default::default(),
                upper: vec![],
                lower: vec![],
                cues: vec![],
            },
            paragraph_label: None,
        };
        let ids = concepts.iter().map(|(c, _)| c.to_string()).collect();
        (l, ids)
    }

    fn run(m: &Matcher, text: &str) -> Vec<(String, String)> {
        let toks = m.analyzer.tokens(text);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        m.find_words(&norms)
            .into_iter()
            .map(|h| {
                (
                    m.concepts[h.concept()].clone(),
                    text[toks[h.first as usize].start..toks[h.last()].end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn phrases_inflections_and_gaps() {
        let (l, ids) = lex(&[
            ("possess", &["possess", "in his possession"]),
            (
                "material",
                &["child pornography", "indecent photograph ... child"],
            ),
        ]);
        let m = Matcher::new(&l, &ids);
        let hits = run(
            &m,
            "Whoever possesses child pornography, or has in his possession an indecent photograph of a child.",
        );
        assert!(hits.contains(&("possess".into(), "possesses".into())));
        assert!(hits.contains(&("material".into(), "child pornography".into())));
        assert!(hits.contains(&("possess".into(), "in his possession".into())));
        assert!(hits.contains(&("material".into(), "indecent photograph of a child".into())));
        // No match inside a longer word.
        assert!(run(&m, "childhood pornography").is_empty());
    }

    #[test]
    fn gap_is_bounded() {
        let (l, ids) = lex(&[("material", &["indecent photograph ...2 child"])]);
        let m = Matcher::new(&l, &ids);
        assert_eq!(run(&m, "indecent photograph of a child").len(), 1);
        assert!(run(&m, "indecent photograph taken in the presence of the child").is_empty());
    }

    #[test]
    fn fuzzy_reads_glued_and_misspelt_words() {
        let (l, ids) = lex(&[("m", &["photograph", "pornography", "possess"])]);
        let m = Matcher::new(&l, &ids);
        let a = &m.analyzer;
        assert_eq!(
            m.fuzzy(&a.normalize_word("photographof")),
            Some(a.normalize_word("photograph").as_str())
        );
        assert_eq!(
            m.fuzzy(&a.normalize_word("pornograpy")),
            Some(a.normalize_word("pornography").as_str())
        );
        assert_eq!(m.fuzzy(&a.normalize_word("possessor")), None);
        assert_eq!(m.fuzzy(&a.normalize_word("photographer")), None);
        // A lexicon may turn the fallback off.
        let (mut l, ids) = lex(&[("m", &["photograph"])]);
        l.fuzzy = false;
        let m = Matcher::new(&l, &ids);
        assert_eq!(m.fuzzy(&m.analyzer.normalize_word("photographof")), None);
    }

    #[test]
    fn chinese_phrases() {
        let mut l = lex(&[("m", &["儿童色情", "未成年人...6淫秽"])]).0;
        l.tokens = TokenMode::Characters;
        l.stemmer = "none".into();
        let m = Matcher::new(&l, &["m".to_string()]);
        let hits = run(&m, "禁止制作有关未成年人的淫秽色情物品和儿童色情");
        assert_eq!(hits.len(), 2, "{hits:?}");
    }
}
