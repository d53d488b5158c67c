//! Reading a statute into tokens: each provision's heading and text cut
//! into normalised words (interned), their positions, sentences and
//! provision; then the fuzzy reading of words the lexicon almost knows.

use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

use super::facts::{Positions, ProvFacts, ProvIndex, TokInfo};
use super::matcher::{self, Matcher};
use crate::parse::Statute;
use crate::text::Analyzer;

/// A statute read into tokens, before any concept is matched.
pub(super) struct Reading {
    /// Provisions in document order.
    pub provs: Vec<ProvFacts>,
    /// Tokens in document order.
    pub tokens: Vec<TokInfo>,
    /// Their positions.
    pub positions: Positions,
    /// The first token of each sentence (see [`super::DocFacts::sentences`]).
    pub sentences: Vec<u32>,
    /// The provision of each.
    pub prov_index: ProvIndex,
    /// True for the first token of a provision (no phrase runs across it).
    pub breaks: Vec<bool>,
    /// The distinct normalised words; tokens refer to them by index.
    pub words: Vec<String>,
    interner: WordIndex,
}

/// What one analyzer made of the words it has read, kept by each thread
/// across documents: most words of a document were met in the ones
/// before, and are neither normalised nor interned again.
#[derive(Default)]
struct WordTable {
    /// A word as written → its tokens in `parts`.
    by_raw: FxHashMap<Box<str>, (u32, u32)>,
    /// (start, end in the word, normalised form's number).
    parts: Vec<(u32, u32, u32)>,
    /// Normalised forms by number, and the reverse.
    norms: Vec<String>,
    by_norm: WordIndex,
}

impl WordTable {
    /// The tokens of `raw`, normalised by `analyzer` the first time.
    fn tokens(&mut self, analyzer: &Analyzer, raw: &str, buf: &mut String) -> (u32, u32) {
        if let Some(&r) = self.by_raw.get(raw) {
            return r;
        }
        let from = self.parts.len() as u32;
        let WordTable {
            parts,
            norms,
            by_norm,
            ..
        } = self;
        analyzer.word_tokens(raw, buf, &mut |a, b, norm| {
            parts.push((a as u32, b as u32, intern(norms, by_norm, norm)));
        });
        let r = (from, self.parts.len() as u32);
        self.by_raw.insert(raw.into(), r);
        r
    }
}

/// Words kept per analyzer before the thread's table is emptied (a bound on
/// its memory: a few tens of MB at most).
const KEPT_WORDS: usize = 200_000;

thread_local! {
    static WORD_TABLES: std::cell::RefCell<FxHashMap<u64, WordTable>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// Cut every provision of a statute into tokens. Each provision's text,
/// citation and heading move into its facts (the statute keeps its
/// structure, not a second copy of them).
pub(super) fn read(statute: &mut Statute, analyzer: &Analyzer) -> Reading {
    // Provisions and tokens.
    let mut provs: Vec<ProvFacts> = Vec::with_capacity(statute.provisions.len());
    let mut tokens: Vec<TokInfo> = Vec::new();
    let mut breaks: Vec<bool> = Vec::new();
    // The Chinese characters among the tokens (their positions follow).
    let mut chars: Vec<u32> = Vec::new();
    // Words are interned: a token holds the id of its normalised form.
    let mut words: Vec<String> = Vec::new();
    let mut interner = WordIndex::default();
    // The thread's words of this analyzer, and the id in this document of
    // each of its normalised forms (u32::MAX: not met yet).
    let mut table = WORD_TABLES
        .with_borrow_mut(|t| t.remove(&analyzer.id()))
        .unwrap_or_default();
    if table.by_raw.len() >= KEPT_WORDS {
        table = WordTable::default();
    }
    let mut doc_id: Vec<u32> = Vec::new();
    // The id of each Han character (a token of its own) met so far.
    let mut han_ids: FxHashMap<char, u32> = FxHashMap::default();
    let mut buf = String::new();
    let mut sent_state = SentenceState {
        starts: Vec::new(),
        new_sentence: true,
    };
    for i in 0..statute.provisions.len() {
        let own = std::mem::take(&mut statute.provisions[i].text);
        let p = &statute.provisions[i];
        let text = match &p.heading {
            Some(h) if !own.is_empty() => {
                let mut t = String::with_capacity(h.len() + 1 + own.len());
                t.push_str(h);
                t.push('\n');
                t.push_str(&own);
                t
            }
            Some(h) => h.clone(),
            None => own,
        };
        let start = tokens.len();
        let heading_len = match &p.heading {
            Some(h) if text.len() > h.len() => h.len() + 1,
            Some(h) => h.len(),
            None => 0,
        };
        if statute.unit_of(i) == Some(i) || p.kind.is_group() {
            sent_state.new_sentence = true;
        }
        let mut line = Line {
            tokens: &mut tokens,
            breaks: &mut breaks,
            chars: &mut chars,
            sentence: &mut sent_state,
            text: &text,
            heading_len,
            prev: None,
            first: true,
        };
        analyzer.each_piece(&text, |start, end, han| {
            if let Some(c) = han {
                let norm = *han_ids.entry(c).or_insert_with(|| {
                    let mut tmp = [0u8; 4];
                    intern(&mut words, &mut interner, c.encode_utf8(&mut tmp))
                });
                line.token(&words, start, end, true, norm);
                return;
            }
            // A word is normalised once per thread: later occurrences
            // take its tokens from the table.
            let (from, to) = table.tokens(analyzer, &text[start..end], &mut buf);
            for k in from..to {
                let (a, b, n) = table.parts[k as usize];
                let n = n as usize;
                if doc_id.len() <= n {
                    doc_id.resize(table.norms.len(), u32::MAX);
                }
                if doc_id[n] == u32::MAX {
                    doc_id[n] = intern(&mut words, &mut interner, &table.norms[n]);
                }
                line.token(
                    &words,
                    start + a as usize,
                    start + b as usize,
                    false,
                    doc_id[n],
                );
            }
        });
        line.finish(&words);
        let unit = statute.unit_of(i);
        let p = &mut statute.provisions[i];
        provs.push(ProvFacts {
            citation: std::mem::take(&mut p.citation),
            kind: p.kind,
            line: p.line,
            heading: p.heading.take(),
            text,
            parent: p.parent,
            unit,
            toks: start..tokens.len(),
            subtree_end: tokens.len(),
            offence: false,
            defence: false,
            defence_from: 0,
            aggravation: false,
            aggravation_from: 0,
            definition: false,
        });
    }
    WORD_TABLES.with_borrow_mut(|t| t.insert(analyzer.id(), table));
    for i in (0..provs.len()).rev() {
        let end = statute.subtree(i).end;
        let last = end - 1;
        provs[i].subtree_end = provs[last].toks.end.max(provs[i].toks.end);
    }
    // Provisions outside any section count as their own top-level group.
    for i in 0..provs.len() {
        if provs[i].unit.is_none() {
            let mut top = i;
            while let Some(p) = provs[top].parent {
                top = p;
            }
            if !statute.provisions[top].kind.is_group() {
                provs[i].unit = Some(top);
            }
        }
    }

    let positions = Positions::new(chars, tokens.len());
    let prov_index = ProvIndex::new(&provs, tokens.len());
    Reading {
        provs,
        tokens,
        positions,
        sentences: sent_state.starts,
        prov_index,
        breaks,
        words,
        interner,
    }
}

/// Read each word that occurs once and that the lexicon does not know as
/// the lexicon word it almost is, if any. Returns (as written, read as),
/// sorted.
pub(super) fn read_fuzzy(r: &mut Reading, matcher: &Matcher) -> Vec<(String, String)> {
    let Reading {
        provs,
        tokens,
        words,
        interner,
        prov_index,
        ..
    } = r;
    let mut fuzzy = Vec::new();
    let mut counts = vec![0u32; words.len()];
    for t in tokens.iter() {
        counts[t.norm() as usize] += 1;
    }
    let mut fixes: FxHashMap<u32, u32> = FxHashMap::default();
    for (id, &n) in counts.iter().enumerate() {
        let w = &words[id];
        if n == 1 && w.len() >= matcher::FUZZY_MIN_LEN && !matcher.knows(w) {
            if let Some(f) = matcher.fuzzy(w) {
                let fid = intern(words, interner, f);
                fixes.insert(id as u32, fid);
            }
        }
    }
    if !fixes.is_empty() {
        for (i, t) in tokens.iter_mut().enumerate() {
            if let Some(&f) = fixes.get(&t.norm()) {
                let p = &provs[prov_index.of(provs, i)];
                fuzzy.push((
                    p.text[t.start as usize..t.end as usize].to_string(),
                    words[f as usize].clone(),
                ));
                t.set_norm(f);
            }
        }
    }
    fuzzy.sort();
    fuzzy
}

/// The numbers of words, found by the words themselves: a table of
/// numbers into the list of words (the words are not held a second time
/// as keys).
type WordIndex = hashbrown::HashTable<u32>;

/// The number of a normalised word in `words`, added if new.
fn intern(words: &mut Vec<String>, index: &mut WordIndex, norm: &str) -> u32 {
    let hasher = rustc_hash::FxBuildHasher;
    let hash = hasher.hash_one(norm);
    if let Some(&id) = index.find(hash, |&i| words[i as usize] == norm) {
        return id;
    }
    let id = words.len() as u32;
    words.push(norm.to_string());
    index.insert_unique(hash, id, |&i| hasher.hash_one(&words[i as usize]));
    id
}

/// The tokens of one provision as they are read, one at a time: whether a
/// token ends its sentence is known when the next one comes (or the text
/// ends), so no provision's tokens are held twice.
struct Line<'a> {
    tokens: &'a mut Vec<TokInfo>,
    breaks: &'a mut Vec<bool>,
    chars: &'a mut Vec<u32>,
    sentence: &'a mut SentenceState,
    text: &'a str,
    heading_len: usize,
    /// The end and word of the token before, when it is not in the heading.
    prev: Option<(usize, u32)>,
    first: bool,
}

impl Line<'_> {
    fn token(&mut self, words: &[String], start: usize, end: usize, cjk: bool, norm: u32) {
        self.close(words, start);
        if cjk {
            self.chars.push(self.tokens.len() as u32);
        }
        self.breaks.push(self.first);
        self.first = false;
        let heading = start < self.heading_len;
        if !heading && self.sentence.new_sentence {
            self.sentence.starts.push(self.tokens.len() as u32);
            self.sentence.new_sentence = false;
        }
        self.tokens
            .push(TokInfo::new(norm, start as u32, end as u32, heading));
        self.prev = (!heading).then_some((end, norm));
    }

    /// A full stop between the token before and `gap_end` ends the
    /// sentence.
    fn close(&mut self, words: &[String], gap_end: usize) {
        if let Some((end, norm)) = self.prev.take() {
            if ends_sentence(&self.text[end..gap_end], &words[norm as usize]) {
                self.sentence.new_sentence = true;
            }
        }
    }

    fn finish(&mut self, words: &[String]) {
        self.close(words, self.text.len());
    }
}

struct SentenceState {
    /// The first token of each sentence so far.
    starts: Vec<u32>,
    new_sentence: bool,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 30] = [
    "no", "nos", "sec", "secs", "art", "arts", "para", "paras", "cf", "eg", "ie", "etc", "vs",
    "mr", "mrs", "dr", "st", "ch", "cl", "sch", "reg", "regs", "pt", "vol", "pp", "ss", "inc",
    "ltd", "co", "viz",
];

/// True when the text between a token and the next ends a sentence: a
/// full stop (not after an abbreviation or a single letter), a question or
/// exclamation mark, or a Chinese full stop.
fn ends_sentence(gap: &str, prev_norm: &str) -> bool {
    // Most gaps are a space or nothing: ASCII without a full stop or mark.
    if gap.is_ascii() && !gap.bytes().any(|b| matches!(b, b'.' | b'!' | b'?')) {
        return false;
    }
    if gap.contains(['。', '！', '？', '!', '?']) {
        return true;
    }
    let lead = gap.trim_start_matches([')', ']', '"', '”', '’', ' ']);
    let Some(after) = lead.strip_prefix('.') else {
        return false;
    };
    let closes = after.is_empty()
        || after.starts_with(char::is_whitespace)
        || after.starts_with(['"', '”', '’', ')']);
    // `U.S.` or `s. 4` — but `(B). The` ends a sentence.
    let right_after_word = gap.starts_with('.');
    let abbreviation =
        right_after_word && (prev_norm.chars().count() == 1 || ABBREVIATIONS.contains(&prev_norm));
    closes && !abbreviation
}
