//! Reading a statute into tokens: each provision's heading and text cut
//! into normalised words (interned), their positions, sentences and
//! provision; then the fuzzy reading of words the lexicon almost knows.

use std::hash::BuildHasher;

use rustc_hash::FxHashMap;

use super::facts::{Positions, ProvFacts, ProvIndex, TokInfo, Words};
use super::matcher::{self, Matcher};
use crate::parse::Statute;
use crate::text::Analyzer;

/// A normalised word, held once per thread.
type Word = Box<str>;

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
    pub words: Words,
    /// The matcher's symbol of each word (see [`Matcher::symbol`]).
    pub symbols: Vec<u32>,
    /// Words read as the lexicon word they almost are: (as written, read
    /// as), sorted (see [`Matcher::fuzzy`]).
    pub fuzzy: Vec<(String, String)>,
}

/// What one analyzer made of the words it has read, kept by each thread
/// across documents: most words of a document were met in the ones
/// before, and are neither normalised nor interned again.
#[derive(Default)]
struct WordTable {
    /// The words as written, back to back.
    raw: Vec<u8>,
    /// Per word as written: its place in `raw` and its tokens in `parts`.
    entries: Vec<Entry>,
    /// The entries, found by their word.
    by_raw: hashbrown::HashTable<u32>,
    /// (start, end in the word, normalised form's number).
    parts: Vec<(u32, u32, u32)>,
    /// Normalised forms by number, and the reverse.
    norms: Vec<Word>,
    by_norm: WordIndex,
    /// Per normalised form: the document it was last met in, its id there
    /// and its symbol.
    doc: Vec<NormState>,
    /// Per normalised form: the normalised form the fuzzy reading takes it
    /// for, [`NO_FIX`] or [`UNLOOKED`] (grown when first needed).
    fix: Vec<u32>,
    /// The normalised form of each Han character met: of the common block
    /// (U+4E00–U+9FFF) by the character (plus one; 0: not met), of others
    /// in a map.
    han_common: Vec<u32>,
    han: FxHashMap<char, u32>,
    /// The number of the document being read (0: none yet).
    generation: u32,
}

/// What the table knows of a normalised form in the document being read,
/// and of the matcher's view of it (the same for every document: a table
/// serves one analyzer, and an analyzer belongs to one matcher).
#[derive(Clone, Copy)]
struct NormState {
    /// The document it was last met in (its `generation`; 0: none).
    generation: u32,
    /// Its id in that document.
    id: u32,
    /// Its symbol in the matcher, or [`UNLOOKED`].
    symbol: u32,
}

impl Default for NormState {
    fn default() -> Self {
        NormState {
            generation: 0,
            id: 0,
            symbol: UNLOOKED,
        }
    }
}

/// Not looked up yet (no symbol or normalised form has this number).
const UNLOOKED: u32 = u32::MAX - 1;
/// The fuzzy reading leaves the word as it is.
const NO_FIX: u32 = u32::MAX;

/// A word as written in the [`WordTable`].
#[derive(Clone, Copy)]
struct Entry {
    raw: u32,
    len: u32,
    from: u32,
    to: u32,
}

impl WordTable {
    /// The tokens of `raw` (a range of `parts`), normalised by `analyzer`
    /// the first time.
    #[inline]
    fn word(&mut self, analyzer: &Analyzer, raw: &str, buf: &mut String) -> (u32, u32) {
        let hash = rustc_hash::FxBuildHasher.hash_one(raw.as_bytes());
        let WordTable {
            raw: arena,
            entries,
            by_raw,
            ..
        } = self;
        if let Some(&k) = by_raw.find(hash, |&k| {
            let e = entries[k as usize];
            &arena[e.raw as usize..(e.raw + e.len) as usize] == raw.as_bytes()
        }) {
            let e = entries[k as usize];
            return (e.from, e.to);
        }
        self.add_word(analyzer, raw, buf, hash)
    }

    #[inline(never)]
    fn add_word(
        &mut self,
        analyzer: &Analyzer,
        raw: &str,
        buf: &mut String,
        hash: u64,
    ) -> (u32, u32) {
        let from = self.parts.len() as u32;
        let WordTable {
            raw: arena,
            entries,
            by_raw,
            parts,
            norms,
            by_norm,
            doc,
            ..
        } = self;
        analyzer.word_tokens(raw, buf, &mut |a, b, norm| {
            parts.push((a as u32, b as u32, add_norm(norms, by_norm, doc, norm)));
        });
        let to = parts.len() as u32;
        let k = entries.len() as u32;
        entries.push(Entry {
            raw: arena.len() as u32,
            len: raw.len() as u32,
            from,
            to,
        });
        arena.extend_from_slice(raw.as_bytes());
        by_raw.insert_unique(hash, k, |&k| {
            let e = entries[k as usize];
            rustc_hash::FxBuildHasher.hash_one(&arena[e.raw as usize..(e.raw + e.len) as usize])
        });
        (from, to)
    }

    /// The normalised form of a Han character (in its Simplified form).
    #[inline]
    fn han(&mut self, c: char) -> u32 {
        let k = (c as usize).wrapping_sub(0x4E00);
        if let Some(&n) = self.han_common.get(k) {
            if n > 0 {
                return n - 1;
            }
        }
        self.add_han(c)
    }

    #[inline(never)]
    fn add_han(&mut self, c: char) -> u32 {
        if let Some(&n) = self.han.get(&c) {
            return n;
        }
        let mut tmp = [0u8; 4];
        let n = add_norm(
            &mut self.norms,
            &mut self.by_norm,
            &mut self.doc,
            c.encode_utf8(&mut tmp),
        );
        let k = (c as usize).wrapping_sub(0x4E00);
        if k < 0x5200 {
            if self.han_common.is_empty() {
                self.han_common = vec![0; 0x5200];
            }
            self.han_common[k] = n + 1;
        } else {
            self.han.insert(c, n);
        }
        n
    }

    /// The id in this document of normalised form `n`, added to the
    /// document's words (and its symbol to theirs) the first time it is met.
    #[inline]
    fn doc_id(&mut self, n: u32, doc: &mut DocWords, matcher: &Matcher) -> u32 {
        let d = &mut self.doc[n as usize];
        if d.generation == self.generation {
            return d.id;
        }
        if d.symbol == UNLOOKED {
            d.symbol = matcher.symbol(&self.norms[n as usize]);
            debug_assert!(d.symbol != UNLOOKED);
        }
        let id = doc.norms.len() as u32;
        doc.symbols.push(d.symbol);
        doc.norms.push(n);
        d.generation = self.generation;
        d.id = id;
        id
    }

    /// The normalised form the fuzzy reading takes form `n` for, or
    /// [`NO_FIX`]: looked up once per table, since it depends on the word
    /// alone.
    fn fix(&mut self, n: u32, matcher: &Matcher) -> u32 {
        if self.fix.len() <= n as usize {
            self.fix.resize(self.norms.len(), UNLOOKED);
        }
        if self.fix[n as usize] == UNLOOKED {
            let w = &self.norms[n as usize];
            let fix = if matcher.knows(w) {
                None
            } else {
                matcher.fuzzy(w)
            };
            let f = match fix {
                Some(f) => add_norm(&mut self.norms, &mut self.by_norm, &mut self.doc, f),
                None => NO_FIX,
            };
            self.fix[n as usize] = f;
        }
        self.fix[n as usize]
    }
}

/// The number of a normalised form in the table, added if new.
fn add_norm(
    norms: &mut Vec<Word>,
    by_norm: &mut WordIndex,
    doc: &mut Vec<NormState>,
    norm: &str,
) -> u32 {
    let n = intern(norms, by_norm, norm);
    if doc.len() < norms.len() {
        doc.resize(norms.len(), NormState::default());
    }
    n
}

/// A document's distinct words as they are met: each word's symbol and
/// its normalised form's number in the thread's table.
#[derive(Default)]
struct DocWords {
    symbols: Vec<u32>,
    norms: Vec<u32>,
}

/// Words kept per analyzer before the thread's table is emptied (a bound on
/// its memory: a few tens of MB at most).
const KEPT_WORDS: usize = 200_000;

thread_local! {
    static WORD_TABLES: std::cell::RefCell<FxHashMap<u64, WordTable>> =
        std::cell::RefCell::new(FxHashMap::default());
    static TOKEN_ROOM: std::cell::RefCell<Vec<TokInfo>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Tokens' room kept per thread between documents, at most (6 MB): a
/// document reads its tokens into the room the one before left, instead of
/// growing a vector from nothing and copying it at every doubling. The
/// tokens of a larger document are not kept.
pub(super) const KEPT_TOKENS: usize = 1 << 18;

/// The tokens of a document that is done: their room is kept for the next
/// document this thread reads (the largest room up to [`KEPT_TOKENS`]).
pub(super) fn recycle(mut tokens: Vec<TokInfo>) {
    if tokens.capacity() > KEPT_TOKENS {
        return;
    }
    tokens.clear();
    TOKEN_ROOM.with_borrow_mut(|room| {
        if tokens.capacity() > room.capacity() {
            *room = tokens;
        }
    });
}

/// Cut every provision of a statute into tokens. Each provision's text,
/// citation and heading move into its facts (the statute keeps its
/// structure, not a second copy of them).
#[inline(never)]
pub(super) fn read(statute: &mut Statute, matcher: &Matcher) -> Reading {
    let analyzer = &matcher.analyzer;
    // Provisions and tokens.
    let mut provs: Vec<ProvFacts> = Vec::with_capacity(statute.provisions.len());
    // The tokens grow as they are read, in the room the thread's document
    // before left (see [`recycle`]); a document that outgrows it holds its
    // tokens at their length after. Room reserved from the text's length
    // falls short on texts of short words (a table of numbers has more than
    // one token per six bytes), and doubling from there held 7 MB more than
    // growing from nothing on a 5 MB table.
    let mut tokens: Vec<TokInfo> = TOKEN_ROOM.with_borrow_mut(std::mem::take);
    let mut breaks: Vec<bool> = Vec::new();
    // The Chinese characters among the tokens (their positions follow).
    let mut chars: Vec<u32> = Vec::new();
    // Words are interned: a token holds the id of its normalised form.
    let mut words = DocWords::default();
    // The thread's words of this analyzer; each normalised form gets its
    // id in this document the first time it is met here.
    let mut table = WORD_TABLES
        .with_borrow_mut(|t| t.remove(&analyzer.id()))
        .unwrap_or_default();
    if table.entries.len() >= KEPT_WORDS {
        table = WordTable::default();
    }
    table.generation += 1;
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
        for (start, end, han) in analyzer.pieces(&text) {
            if let Some(c) = han {
                let n = table.han(c);
                let id = table.doc_id(n, &mut words, matcher);
                line.token(&table.norms, start, end, true, id, n);
                continue;
            }
            // A word is normalised once per thread: later occurrences
            // take its tokens from the table.
            let (from, to) = table.word(analyzer, &text[start..end], &mut buf);
            for k in from..to {
                let (a, b, n) = table.parts[k as usize];
                let id = table.doc_id(n, &mut words, matcher);
                line.token(
                    &table.norms,
                    start + a as usize,
                    start + b as usize,
                    false,
                    id,
                    n,
                );
            }
        }
        line.finish(&table.norms);
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
    // A Chinese text is read character by character: no word of it is
    // almost another.
    let fixes = if analyzer.mode() == crate::text::TokenMode::Characters {
        FxHashMap::default()
    } else {
        fixes(&tokens, &mut words, &mut table, matcher)
    };
    // The document's words, copied out of the table back to back.
    let mut doc_words = Words::with_capacity(words.norms.len());
    for &n in &words.norms {
        doc_words.push(&table.norms[n as usize]);
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
    let mut reading = Reading {
        provs,
        tokens,
        positions,
        sentences: sent_state.starts,
        prov_index,
        breaks,
        words: doc_words,
        symbols: words.symbols,
        fuzzy: Vec::new(),
    };
    reading.fuzzy = apply_fixes(&mut reading, &fixes);
    reading
}

/// Of the words that occur once and that the lexicon does not know, those
/// the fuzzy reading takes for a lexicon word they almost are: a map from
/// each such word's id to that word's (added to the document's words).
fn fixes(
    tokens: &[TokInfo],
    words: &mut DocWords,
    table: &mut WordTable,
    matcher: &Matcher,
) -> FxHashMap<u32, u32> {
    let mut counts = vec![0u32; words.norms.len()];
    for t in tokens {
        counts[t.norm() as usize] += 1;
    }
    let mut fixes: FxHashMap<u32, u32> = FxHashMap::default();
    for (id, &n) in counts.iter().enumerate() {
        if n == 1 && table.norms[words.norms[id] as usize].len() >= matcher::FUZZY_MIN_LEN {
            let f = table.fix(words.norms[id], matcher);
            if f != NO_FIX {
                fixes.insert(id as u32, table.doc_id(f, words, matcher));
            }
        }
    }
    fixes
}

/// Each token of a word in `fixes` read as the word it is fixed to.
/// Returns (as written, read as) for each, sorted.
fn apply_fixes(r: &mut Reading, fixes: &FxHashMap<u32, u32>) -> Vec<(String, String)> {
    let mut fuzzy = Vec::new();
    if !fixes.is_empty() {
        for (i, t) in r.tokens.iter_mut().enumerate() {
            if let Some(&f) = fixes.get(&t.norm()) {
                let p = &r.provs[r.prov_index.of(i)];
                fuzzy.push((
                    p.text[t.start as usize..t.end as usize].to_string(),
                    r.words[f as usize].to_string(),
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
fn intern(words: &mut Vec<Word>, index: &mut WordIndex, norm: &str) -> u32 {
    let hasher = rustc_hash::FxBuildHasher;
    let hash = hasher.hash_one(norm);
    if let Some(&id) = index.find(hash, |&i| *words[i as usize] == *norm) {
        return id;
    }
    let id = words.len() as u32;
    words.push(Word::from(norm));
    index.insert_unique(hash, id, |&i| hasher.hash_one(&*words[i as usize]));
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
    #[inline(always)]
    /// A token of word `id` in this document, normalised form `norm` in
    /// the table whose words are `words`.
    #[allow(clippy::too_many_arguments)]
    fn token(&mut self, words: &[Word], start: usize, end: usize, cjk: bool, id: u32, norm: u32) {
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
            .push(TokInfo::new(id, start as u32, end as u32, heading));
        self.prev = (!heading).then_some((end, norm));
    }

    /// A full stop between the token before and `gap_end` ends the
    /// sentence.
    #[inline(always)]
    fn close(&mut self, words: &[Word], gap_end: usize) {
        if let Some((end, norm)) = self.prev.take() {
            // Most gaps are a space or nothing: ASCII without a full stop
            // or mark (see `ends_sentence`).
            let gap = &self.text.as_bytes()[end..gap_end];
            if gap
                .iter()
                .any(|&b| b >= 0x80 || matches!(b, b'.' | b'!' | b'?'))
            {
                self.close_marked(words, end, gap_end, norm);
            }
        }
    }

    #[inline(never)]
    fn close_marked(&mut self, words: &[Word], end: usize, gap_end: usize, norm: u32) {
        if ends_sentence(&self.text[end..gap_end], &words[norm as usize]) {
            self.sentence.new_sentence = true;
        }
    }

    fn finish(&mut self, words: &[Word]) {
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
