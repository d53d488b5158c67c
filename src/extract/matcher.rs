//! One lexicon compiled for scanning: every phrase of every concept in a
//! single Aho-Corasick automaton over the normalised text, phrases with
//! gaps (`indecent photograph ... child`) joined afterwards, and a fuzzy
//! fallback for words the lexicon almost knows (OCR noise such as
//! `photographof`).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

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

/// A phrase found: the concept and the tokens it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RawHit {
    /// Index of the first token.
    pub first: u32,
    /// Index of the last token (inclusive).
    pub last: u32,
    /// Concept index (into [`Matcher::concepts`]).
    pub concept: u32,
    /// Term index, to tell which phrase matched.
    pub term: u32,
}

impl RawHit {
    /// A hit of `term` (of `concept`) over tokens `first..=last` (a
    /// document has fewer than 2^32 tokens: it is at most 16 MiB).
    fn new(first: usize, last: usize, concept: usize, term: usize) -> RawHit {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        RawHit {
            first: n(first),
            last: n(last),
            concept: n(concept),
            term: n(term),
        }
    }
}

/// A compiled lexicon.
pub struct Matcher {
    /// The analyzer of the language.
    pub analyzer: Analyzer,
    /// Concept ids, in the order of their indices.
    pub concepts: Vec<String>,
    ac: Option<AhoCorasick>,
    /// AC pattern → the (term, part) it is, for every term that has it (a
    /// word such as "child" is a part of many phrases: it is scanned once).
    parts: Vec<Vec<(usize, usize)>>,
    /// The AC pattern of each part of each term.
    term_parts: Vec<Vec<usize>>,
    terms: Vec<Term>,
    term_text: Vec<String>,
    vocab: FxHashSet<String>,
    vocab_by_head: FxHashMap<(char, char), Vec<String>>,
    /// Most tokens any part of a phrase covers: a document is scanned in
    /// chunks that overlap by this much, so no phrase is cut.
    longest_part: usize,
}

/// Tokens scanned at a time: the searchable text of one chunk is built,
/// scanned and dropped, so a document of millions of tokens never holds a
/// second copy of itself.
const CHUNK_TOKENS: usize = 1 << 15;

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("terms", &self.terms.len())
            .finish()
    }
}

/// The searchable form of a document and where each token sits in it.
pub struct Searchable {
    text: String,
    /// Byte offset of each token's norm in `text` (so, sorted).
    starts: Vec<u32>,
    /// Byte offset of each token's end in `text`.
    ends: Vec<u32>,
}

impl Searchable {
    /// Build from normalised tokens, with a break (no phrase crosses it)
    /// wherever `breaks` says so.
    pub fn new<'a>(norms: impl Iterator<Item = (&'a str, bool, bool)>) -> Searchable {
        let mut text = String::from(" ");
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        // A document is at most `source::MAX_FILE_BYTES` (16 MiB): its
        // searchable text, a few bytes more per token, fits in u32.
        let offset = |b: usize| u32::try_from(b).unwrap_or(u32::MAX);
        for (norm, cjk, brk) in norms {
            if brk {
                text.push_str(" \u{1} ");
            }
            if !cjk && !text.ends_with(' ') {
                text.push(' ');
            }
            let at = text.len();
            push_searchable(&mut text, norm, cjk);
            starts.push(offset(at));
            ends.push(offset(at + norm.len()));
        }
        text.push(' ');
        Searchable { text, starts, ends }
    }

    fn token_at(&self, byte: usize) -> Option<usize> {
        self.starts.binary_search(&u32::try_from(byte).ok()?).ok()
    }

    fn token_ending_at(&self, byte: usize) -> Option<usize> {
        // Tokens are in order, so their ends are sorted too.
        self.ends.binary_search(&u32::try_from(byte).ok()?).ok()
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
        let mut longest_part = 1;
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
                    longest_part = longest_part.max(toks.len());
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
                    texts.push(s);
                }
                if texts.is_empty() {
                    continue;
                }
                gaps.truncate(texts.len().saturating_sub(1));
                let _ = unit;
                let ti = terms.len();
                let mut ids = Vec::with_capacity(texts.len());
                for (k, t) in texts.into_iter().enumerate() {
                    let id = *pattern_ids.entry(t).or_insert_with_key(|t| {
                        patterns.push(t.clone());
                        parts.push(Vec::new());
                        patterns.len() - 1
                    });
                    parts[id].push((ti, k));
                    ids.push(id);
                }
                term_parts.push(ids);
                terms.push(Term { concept: ci, gaps });
                term_text.push(phrase.clone());
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
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
            ac,
            parts,
            term_parts,
            terms,
            term_text,
            vocab,
            vocab_by_head,
            longest_part,
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

    /// Every phrase of the lexicon found in a document. `pos` gives each
    /// token's position and `unit` the section it belongs to: the parts of a
    /// phrase with gaps must lie in one section, within the gap.
    pub fn find(&self, doc: &Searchable, pos: &[u32], unit: &[u32]) -> Vec<RawHit> {
        let mut scan = Scan::default();
        self.scan(doc, 0, usize::MAX, &mut scan);
        self.join(scan, |t| pos[t], |t| unit[t])
    }

    /// [`Matcher::find`] over the `n` tokens of a document, given one at a
    /// time: (normalised form, is a Han character, starts a provision).
    /// The searchable text is built a chunk at a time, so memory holds the
    /// hits, not a second copy of the document; the hits are the same.
    pub fn find_tokens<'a>(
        &self,
        n: usize,
        token: impl Fn(usize) -> (&'a str, bool, bool),
        pos: impl Fn(usize) -> u32,
        unit: impl Fn(usize) -> u32,
    ) -> Vec<RawHit> {
        self.find_in_chunks(CHUNK_TOKENS, n, token, pos, unit)
    }

    /// [`Matcher::find_tokens`], `chunk` tokens at a time.
    fn find_in_chunks<'a>(
        &self,
        chunk: usize,
        n: usize,
        token: impl Fn(usize) -> (&'a str, bool, bool),
        pos: impl Fn(usize) -> u32,
        unit: impl Fn(usize) -> u32,
    ) -> Vec<RawHit> {
        let mut scan = Scan::default();
        let mut from = 0;
        while from < n {
            let own_end = (from + chunk.max(1)).min(n);
            // The chunk runs on past its own tokens by the longest phrase
            // part: a phrase that starts in it is found whole.
            let end = (own_end + self.longest_part).min(n);
            let chunk = Searchable::new((from..end).map(&token));
            self.scan(&chunk, from, own_end, &mut scan);
            from = own_end;
        }
        self.join(scan, pos, unit)
    }

    /// The phrases and phrase parts in one searchable chunk whose first
    /// token is the document's token `offset`; only those starting before
    /// the document's token `own_end` are kept.
    fn scan(&self, doc: &Searchable, offset: usize, own_end: usize, scan: &mut Scan) {
        let Some(ac) = &self.ac else {
            return;
        };
        for m in ac.find_overlapping_iter(&doc.text) {
            let pattern = m.pattern().as_usize();
            let pat_start = m.start() + usize::from(doc.text.as_bytes()[m.start()] == b' ');
            let end_byte = if doc.text.as_bytes()[m.end() - 1] == b' ' {
                m.end() - 1
            } else {
                m.end()
            };
            let (Some(first), Some(last)) =
                (doc.token_at(pat_start), doc.token_ending_at(end_byte))
            else {
                continue;
            };
            let (first, last) = (first + offset, last + offset);
            if last < first || first >= own_end {
                continue;
            }
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
    #[test]
    fn a_document_scanned_in_chunks_gives_the_hits_of_one_scan() {
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
        ]);
        let m = Matcher::new(&l, &ids);
        let text = "A person who makes available an indecent photograph of a child, or offers \
                    child sexual abuse material or a photograph of any minor, or an indecent \
                    photograph; a child; minor; child sexual abuse material. ";
        let text = text.repeat(3);
        let toks = m.analyzer.tokens(&text);
        let norms: Vec<(&str, bool, bool)> = toks
            .iter()
            .enumerate()
            // A provision starts every 23 tokens: no phrase crosses it.
            .map(|(i, t)| (t.norm.as_str(), t.cjk, i % 23 == 0))
            .collect();
        let pos = |t: usize| t as u32 * 2;
        let unit = |t: usize| (t / 23) as u32;
        let whole = Searchable::new(norms.iter().copied());
        let pos_all: Vec<u32> = (0..toks.len()).map(pos).collect();
        let unit_all: Vec<u32> = (0..toks.len()).map(unit).collect();
        let expected = m.find(&whole, &pos_all, &unit_all);
        // Every concept, a gapped phrase joined and one cut by a provision.
        assert!(expected.len() > 20, "{}", expected.len());
        for (c, id) in ids.iter().enumerate() {
            assert!(expected.iter().any(|h| h.concept as usize == c), "{id}");
        }
        for chunk in [1, 2, 3, 4, 7, 16, 1000] {
            let got = m.find_in_chunks(chunk, toks.len(), |t| norms[t], pos, unit);
            assert_eq!(got, expected, "chunks of {chunk}");
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
        let doc = Searchable::new(toks.iter().map(|t| (t.norm.as_str(), t.cjk, false)));
        let pos: Vec<u32> = (0..toks.len() as u32).map(|i| i * 2).collect();
        let unit = vec![0; toks.len()];
        m.find(&doc, &pos, &unit)
            .into_iter()
            .map(|h| {
                (
                    m.concepts[h.concept as usize].clone(),
                    text[toks[h.first as usize].start..toks[h.last as usize].end].to_string(),
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
