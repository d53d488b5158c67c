//! What extraction knows of a document: its provisions, tokens, concept
//! hits, definitions and ages, and the look-ups the checks make on them.

use super::ages::AgeMatch;
use super::definitions::Definition;
use crate::parse::{Kind, Statute};
use crate::source::Meta;
use crate::text;

/// One token of a document: 12 bytes (a document of 10 MB has about two
/// million). Its provision, position and sentence are not stored but
/// derived ([`DocFacts::prov_of`], [`DocFacts::pos`], [`DocFacts::sent`]).
#[derive(Debug, Clone)]
pub struct TokInfo {
    /// Normalised form (an index into [`DocFacts::words`]), with
    /// [`TokInfo::HEADING_BIT`] set for a token of a heading.
    word: u32,
    /// Byte range in its provision's text.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
}

const _: () = assert!(std::mem::size_of::<TokInfo>() == 12);

impl TokInfo {
    /// The sentence of a heading's tokens: none.
    pub const HEADING: u32 = u32::MAX;

    /// Marks a heading's token in `word` (a document has far fewer than
    /// 2^31 distinct words: its file is at most 16 MiB).
    const HEADING_BIT: u32 = 1 << 31;

    pub(super) fn new(norm: u32, start: u32, end: u32, heading: bool) -> TokInfo {
        TokInfo {
            word: norm | if heading { Self::HEADING_BIT } else { 0 },
            start,
            end,
        }
    }

    /// Normalised form: an index into [`DocFacts::words`].
    pub fn norm(&self) -> u32 {
        self.word & !Self::HEADING_BIT
    }

    pub(super) fn set_norm(&mut self, norm: u32) {
        self.word = norm | (self.word & Self::HEADING_BIT);
    }

    /// True for a token of a heading: it labels every sentence below it.
    pub fn heading(&self) -> bool {
        self.word & Self::HEADING_BIT != 0
    }
}

/// The positions of a document's tokens. A word counts
/// [`text::WORD_UNITS`], a Chinese character [`text::CHAR_UNITS`]; a
/// token's position is the sum over the tokens up to and including it. Of
/// the two kinds, the rarer is listed (in a text of one kind the list is
/// empty and a position is a product).
#[derive(Debug, Clone, Default)]
pub struct Positions {
    /// Indices of the tokens of the rarer kind, ascending.
    rare: Vec<u32>,
    /// True when the rarer kind is words (a Chinese text).
    rare_words: bool,
}

impl Positions {
    /// From the indices of the character tokens among `n` tokens.
    pub(super) fn new(chars: Vec<u32>, n: usize) -> Positions {
        if chars.len() * 2 <= n {
            return Positions {
                rare: chars,
                rare_words: false,
            };
        }
        let mut words = Vec::with_capacity(n - chars.len());
        let mut next = chars.iter().copied().peekable();
        for t in 0..n as u32 {
            if next.next_if_eq(&t).is_none() {
                words.push(t);
            }
        }
        Positions {
            rare: words,
            rare_words: true,
        }
    }

    /// The position of token `t`.
    pub fn of(&self, t: usize) -> u32 {
        let upto = t as u32 + 1;
        let rare = self.rare.partition_point(|&x| x < upto) as u32;
        if self.rare_words {
            upto * text::CHAR_UNITS + rare * (text::WORD_UNITS - text::CHAR_UNITS)
        } else {
            upto * text::WORD_UNITS - rare * (text::WORD_UNITS - text::CHAR_UNITS)
        }
    }

    /// The first of `n` tokens at or after position `pos` (`n` if none).
    pub fn first_at(&self, pos: u32, n: usize) -> usize {
        if self.rare.is_empty() && !self.rare_words {
            // Every token a word: position (t + 1) × WORD_UNITS.
            return (pos.div_ceil(text::WORD_UNITS) as usize)
                .saturating_sub(1)
                .min(n);
        }
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.of(mid) < pos {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// Which provision holds a token: provisions hold consecutive runs of
/// tokens, in order; the provision of every [`ProvIndex::STEP`]th token is
/// kept, so a look-up searches only the provisions between two marks.
#[derive(Debug, Clone, Default)]
pub struct ProvIndex {
    marks: Vec<u32>,
    /// Where each provision's tokens end, packed: searches read these, not
    /// the provisions' records (text, heading, flags), a cache line or more
    /// apart.
    ends: Vec<u32>,
}

impl ProvIndex {
    const STEP: usize = 32;

    /// The marks of `n` tokens held by `provs`.
    pub(super) fn new(provs: &[ProvFacts], n: usize) -> ProvIndex {
        let mut marks = Vec::with_capacity(n.div_ceil(Self::STEP));
        let mut p = 0;
        for t in (0..n).step_by(Self::STEP) {
            while p < provs.len() && provs[p].toks.end <= t {
                p += 1;
            }
            marks.push(p as u32);
        }
        let ends = provs.iter().map(|p| p.toks.end as u32).collect();
        ProvIndex { marks, ends }
    }

    /// The provision holding token `t`.
    pub fn of(&self, t: usize) -> usize {
        let n = self.ends.len();
        let b = t / Self::STEP;
        let (lo, hi) = match self.marks.get(b) {
            Some(&lo) => (
                lo as usize,
                self.marks
                    .get(b + 1)
                    .map_or(n, |&h| (h as usize + 1).min(n)),
            ),
            None => (0, n),
        };
        lo + self.ends[lo..hi].partition_point(|&e| e as usize <= t)
    }
}

/// The provision and sentence of tokens taken in document order (each
/// token at or after the one before): a step or two from the last answer
/// rather than a search of the whole document (see [`DocFacts::walk`]).
pub struct Walk<'a> {
    doc: &'a DocFacts,
    prov: usize,
    /// Sentences started at or before the last token asked about.
    sents: usize,
}

impl Walk<'_> {
    /// The first index from `from` on where `before` is false: a few
    /// steps, then a search of the rest.
    fn advance<T>(items: &[T], from: usize, before: impl Fn(&T) -> bool) -> usize {
        let mut i = from;
        for _ in 0..8 {
            match items.get(i) {
                Some(x) if before(x) => i += 1,
                _ => return i,
            }
        }
        i + items[i..].partition_point(before)
    }

    /// The provision of token `t`.
    pub fn prov(&mut self, t: usize) -> usize {
        let ends = &self.doc.prov_index.ends;
        self.prov = Self::advance(ends, self.prov, |&e| e as usize <= t);
        self.prov
    }

    /// The sentence of token `t`, as [`DocFacts::sent`].
    pub fn sent(&mut self, t: usize) -> u32 {
        if self.doc.tokens[t].heading() {
            return TokInfo::HEADING;
        }
        self.sents = Self::advance(&self.doc.sentences, self.sents, |&s| s as usize <= t);
        self.sents as u32
    }
}

/// A concept found: 12 bytes (a document may hold millions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// First token.
    pub first: u32,
    /// Tokens after the first it covers (see [`Hit::new`]).
    span: u16,
    /// Concept index (a model law has at most [`MAX_CONCEPTS`]).
    concept: u16,
    /// Definition it was inherited through, if any: its index + 1 (read
    /// it with [`Hit::via`]).
    pub via: Option<std::num::NonZeroU32>,
}

const _: () = assert!(std::mem::size_of::<Hit>() == 12);

/// The most concepts a model law may define (a hit names its concept in
/// 16 bits).
pub const MAX_CONCEPTS: usize = u16::MAX as usize;

/// The most tokens a hit covers past its first: phrases are a few words,
/// with gaps the lexicon bounds; a longer one is cut there.
pub const MAX_HIT_SPAN: usize = u16::MAX as usize;

impl Hit {
    /// A hit of `concept` over tokens `first..=last`, inherited through
    /// `via`.
    pub fn new(
        first: usize,
        last: usize,
        concept: usize,
        via: Option<std::num::NonZeroU32>,
    ) -> Hit {
        Hit {
            first: u32::try_from(first).unwrap_or(u32::MAX),
            // At most MAX_HIT_SPAN and MAX_CONCEPTS: both fit.
            span: last.saturating_sub(first).min(MAX_HIT_SPAN) as u16,
            concept: concept.min(MAX_CONCEPTS) as u16,
            via,
        }
    }

    /// First token, as an index.
    pub fn first(&self) -> usize {
        self.first as usize
    }

    /// Last token (inclusive), as an index.
    pub fn last(&self) -> usize {
        self.first as usize + self.span as usize
    }

    /// Concept, as an index.
    pub fn concept(&self) -> usize {
        usize::from(self.concept)
    }

    /// Definition it was inherited through, as an index.
    pub fn via(&self) -> Option<usize> {
        self.via.map(|d| d.get() as usize - 1)
    }

    /// The `via` of a hit inherited through definition `d`.
    pub fn through(d: usize) -> Option<std::num::NonZeroU32> {
        u32::try_from(d + 1)
            .ok()
            .and_then(std::num::NonZeroU32::new)
    }
}

/// What is known of one provision.
#[derive(Debug, Clone)]
pub struct ProvFacts {
    /// Citation (`1234A(a)(5)(B)`).
    pub citation: String,
    /// Kind.
    pub kind: Kind,
    /// First line.
    pub line: usize,
    /// Heading, if any.
    pub heading: Option<String>,
    /// The text matched: heading and own text.
    pub text: String,
    /// Parent provision.
    pub parent: Option<usize>,
    /// The section or article it belongs to (itself for one).
    pub unit: Option<usize>,
    /// Its own tokens.
    pub toks: std::ops::Range<usize>,
    /// End of its subtree's tokens (exclusive).
    pub subtree_end: usize,
    /// Its section or article makes conduct punishable.
    pub offence: bool,
    /// It (or a provision above it in its section) is, from sentence
    /// [`ProvFacts::defence_from`] on, a defence, exception or exclusion.
    pub defence: bool,
    /// The sentence where its defence wording starts (0 when inherited).
    pub defence_from: u32,
    /// It (or a provision above it) is, from sentence
    /// [`ProvFacts::aggravation_from`] on, an aggravation or penalty
    /// increase.
    pub aggravation: bool,
    /// The sentence where its aggravation wording starts (0 when inherited).
    pub aggravation_from: u32,
    /// It is in a definitions section or holds a definition.
    pub definition: bool,
}

impl ProvFacts {
    /// True when sentence `sent` of the provision (a heading's
    /// [`TokInfo::HEADING`] included) stands in its defence wording.
    pub fn defence_at(&self, sent: u32) -> bool {
        self.defence && sent >= self.defence_from
    }

    /// True when sentence `sent` stands in its aggravation wording.
    pub fn aggravation_at(&self, sent: u32) -> bool {
        self.aggravation && sent >= self.aggravation_from
    }
}

/// An age stated in a provision.
#[derive(Debug, Clone)]
pub struct AgeFact {
    /// The age and its bound, with its byte range in the provision text.
    pub age: AgeMatch,
    /// The provision.
    pub prov: usize,
    /// First token of the expression.
    pub tok: usize,
}

/// A document's distinct normalised words, back to back in one string
/// (a word is numbered by its place).
#[derive(Debug, Clone, Default)]
pub struct Words {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
}

impl Words {
    /// Room for `n` words.
    pub(super) fn with_capacity(n: usize) -> Words {
        Words {
            text: String::new(),
            ends: Vec::with_capacity(n),
        }
    }

    /// Add a word; its number is the number of words before it.
    pub(super) fn push(&mut self, word: &str) {
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

impl std::ops::Index<usize> for Words {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct DocFacts {
    /// File path.
    pub path: String,
    /// Front matter.
    pub meta: Meta,
    /// True for Chinese text (character tokens).
    pub chinese: bool,
    /// Provisions in document order.
    pub provs: Vec<ProvFacts>,
    /// Tokens in document order.
    pub tokens: Vec<TokInfo>,
    /// Their positions.
    pub positions: Positions,
    /// The first token of each sentence (sentence `k` starts at
    /// `sentences[k - 1]`). A sentence runs on across list items until a
    /// full stop; a new section starts a new one. Headings' tokens are in
    /// none.
    pub sentences: Vec<u32>,
    /// The provision of each token.
    pub prov_index: ProvIndex,
    /// Concept hits, sorted by first token.
    pub hits: Vec<Hit>,
    /// Hit indices per concept.
    pub by_concept: Vec<Vec<u32>>,
    /// Tokens the longest hit spans past its first (`last - first`): a hit
    /// ending at or after token `t` starts at `t - longest_hit` or later.
    pub longest_hit: usize,
    /// Defined terms.
    pub defs: Vec<Definition>,
    /// Ages.
    pub ages: Vec<AgeFact>,
    /// The instrument makes breaches of its prohibitions punishable.
    pub general_penalty: bool,
    /// Concepts named in the instrument's headings (title, groups, units).
    pub heading_concepts: Vec<bool>,
    /// Concepts named in the instrument's title.
    pub title_concepts: Vec<bool>,
    /// Words the fuzzy fallback read as lexicon words: (as written, read as).
    pub fuzzy: Vec<(String, String)>,
    /// The distinct normalised words; tokens refer to them by index.
    pub words: Words,
    /// Per provision: the provision whose text leads into a list holding
    /// it, and the item of that list it is in (see [`DocFacts::lead_in_of`]).
    pub lead_in: Vec<Option<(usize, usize)>>,
}

impl DocFacts {
    /// Token range of bytes `[s, e)` of a provision's text.
    pub fn token_range(&self, prov: usize, s: usize, e: usize) -> Option<(usize, usize)> {
        let r = self.provs[prov].toks.clone();
        let toks = &self.tokens[r.clone()];
        // Tokens are in text order: binary search, not a scan.
        let first = toks.partition_point(|t| t.end as usize <= s);
        let last = toks
            .partition_point(|t| (t.start as usize) < e)
            .checked_sub(1)?;
        (first < toks.len() && first <= last).then_some((r.start + first, r.start + last))
    }

    /// End (exclusive token) of the section containing a provision, or of
    /// the document.
    pub fn unit_end(&self, prov: usize) -> usize {
        match self.provs[prov].unit {
            Some(u) => self.provs[u].subtree_end,
            None => self.tokens.len(),
        }
    }

    /// Hits of a concept.
    pub fn hits_of(&self, concept: usize) -> impl Iterator<Item = &Hit> + '_ {
        self.by_concept
            .get(concept)
            .into_iter()
            .flatten()
            .map(move |&i| &self.hits[i as usize])
    }

    /// The normalised form of a token.
    pub fn word(&self, t: usize) -> &str {
        &self.words[self.tokens[t].norm() as usize]
    }

    /// Hits of a concept whose first token lies in `[from, to)`, in order.
    pub fn hits_in(
        &self,
        concept: usize,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = &Hit> + '_ {
        let list = self.by_concept.get(concept).map_or(&[][..], Vec::as_slice);
        let a = list.partition_point(|&i| self.hits[i as usize].first() < from);
        let b = list.partition_point(|&i| self.hits[i as usize].first() < to);
        list[a..b.max(a)]
            .iter()
            .map(move |&i| &self.hits[i as usize])
    }

    /// The first token of the sentence holding token `t`, within its
    /// provision (whose tokens are its heading's, then its sentences in
    /// order).
    pub fn sentence_start(&self, t: usize) -> usize {
        let own = &self.provs[self.prov_of(t)].toks;
        if self.tokens[t].heading() {
            return own.start;
        }
        let body = own.start + self.tokens[own.clone()].partition_point(TokInfo::heading);
        let sent = self.sent(t) as usize;
        body.max(self.sentences[sent - 1] as usize)
    }

    /// The sentence of token `t` (from 1), or [`TokInfo::HEADING`] for a
    /// heading's.
    pub fn sent(&self, t: usize) -> u32 {
        if self.tokens[t].heading() {
            return TokInfo::HEADING;
        }
        self.sentences.partition_point(|&s| s as usize <= t) as u32
    }

    /// A reader of the provision and sentence of tokens taken in order.
    pub fn walk(&self) -> Walk<'_> {
        Walk {
            doc: self,
            prov: 0,
            sents: 0,
        }
    }

    /// The tokens of sentence `sent` in the body of provision `prov`
    /// (empty when it has none).
    pub fn sentence_in(&self, prov: usize, sent: u32) -> std::ops::Range<usize> {
        let own = self.provs[prov].toks.clone();
        let body = own.start + self.tokens[own.clone()].partition_point(TokInfo::heading);
        let k = sent as usize;
        let (Some(&a), b) = (
            k.checked_sub(1).and_then(|i| self.sentences.get(i)),
            self.sentences
                .get(k)
                .map_or(self.tokens.len(), |&b| b as usize),
        ) else {
            return body..body;
        };
        let from = body.max(a as usize);
        let to = own.end.min(b);
        from..to.max(from)
    }

    /// The first token at or after a position.
    pub fn tok_at_pos(&self, pos: u32) -> usize {
        self.positions.first_at(pos, self.tokens.len())
    }

    /// The position of token `t` (a word counts 2, a Chinese character 1).
    pub fn pos(&self, t: usize) -> u32 {
        self.positions.of(t)
    }

    /// Hits of a concept within `radius` positions of token `t` (either side).
    pub fn hits_near(
        &self,
        concept: usize,
        t: usize,
        radius: u32,
    ) -> impl Iterator<Item = &Hit> + '_ {
        let p = if t < self.tokens.len() {
            self.pos(t)
        } else {
            0
        };
        let from = self.tok_at_pos(p.saturating_sub(radius));
        let to = self.tok_at_pos(p.saturating_add(radius).saturating_add(1));
        self.hits_in(concept, from, to)
    }

    /// The provision of a token.
    pub fn prov_of(&self, tok: usize) -> usize {
        self.prov_index.of(tok)
    }

    /// True when a token stands in a defence, exception or exclusion.
    pub fn in_defence(&self, tok: usize) -> bool {
        self.provs[self.prov_of(tok)].defence_at(self.sent(tok))
    }

    /// True when a token stands in an aggravation or penalty increase.
    pub fn in_aggravation(&self, tok: usize) -> bool {
        self.provs[self.prov_of(tok)].aggravation_at(self.sent(tok))
    }

    /// The text a hit covers, as written.
    pub fn hit_text(&self, h: &Hit) -> String {
        let a = &self.tokens[h.first()];
        let b = &self.tokens[h.last()];
        let (pa, pb) = (self.prov_of(h.first()), self.prov_of(h.last()));
        if pa == pb {
            let t = &self.provs[pa].text;
            t[a.start as usize..b.end as usize].to_string()
        } else {
            let ta = &self.provs[pa].text;
            let tb = &self.provs[pb].text;
            format!(
                "{} … {}",
                &ta[a.start as usize..a.end as usize],
                &tb[b.start as usize..b.end as usize]
            )
        }
    }
}

/// The facts of a document no lexicon could read: no tokens, no hits.
pub(super) fn empty(statute: &Statute) -> DocFacts {
    DocFacts {
        path: statute.path.clone(),
        meta: statute.meta.clone(),
        chinese: false,
        provs: Vec::new(),
        tokens: Vec::new(),
        positions: Positions::default(),
        sentences: Vec::new(),
        prov_index: ProvIndex::default(),
        hits: Vec::new(),
        by_concept: Vec::new(),
        longest_hit: 0,
        defs: Vec::new(),
        ages: Vec::new(),
        general_penalty: false,
        heading_concepts: Vec::new(),
        title_concepts: Vec::new(),
        fuzzy: Vec::new(),
        words: Words::default(),
        lead_in: Vec::new(),
    }
}

impl DocFacts {
    /// Sort the hits and index them by concept.
    pub(super) fn index(&mut self) {
        self.hits.sort();
        self.hits.dedup();
        self.hits = crate::fit::fitted(std::mem::take(&mut self.hits));
        let n = self
            .hits
            .iter()
            .map(|h| h.concept() + 1)
            .max()
            .unwrap_or(0)
            .max(self.heading_concepts.len());
        // Each concept's list allocated at its length.
        let mut counts = vec![0usize; n];
        for h in &self.hits {
            counts[h.concept()] += 1;
        }
        let mut by: Vec<Vec<u32>> = counts.into_iter().map(Vec::with_capacity).collect();
        for (i, h) in self.hits.iter().enumerate() {
            by[h.concept()].push(i as u32);
        }
        self.by_concept = by;
        self.longest_hit = self
            .hits
            .iter()
            .map(|h| h.last() - h.first())
            .max()
            .unwrap_or(0);
    }
}

impl DocFacts {
    /// The provision whose text leads into a list holding `prov` (ending in
    /// a colon or a dash, with provisions below it), and the item of that
    /// list `prov` is in; both in one section.
    pub(super) fn lead_in_of(&self, prov: usize) -> Option<(usize, usize)> {
        let unit = self.provs[prov].unit;
        let mut item = prov;
        // Items of items: at most three levels up.
        for _ in 0..3 {
            let parent = self.provs[item].parent?;
            let p = &self.provs[parent];
            if p.unit != unit || p.toks.is_empty() {
                return None;
            }
            // Its text, or a paragraph of it (a closing line such as
            // "Penalty: …" follows the list), ends in a colon or a dash.
            let leads = |t: &str| t.trim_end().ends_with([':', '：', '—', '–']);
            if p.subtree_end > p.toks.end && (leads(&p.text) || p.text.split("\n\n").any(leads)) {
                return Some((parent, item));
            }
            item = parent;
        }
        None
    }
}
