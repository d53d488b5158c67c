//! Words as the matcher compares them: NFKC, lower case, stemmed (so
//! `possesses`, `possessing` and `possession` meet), without accents;
//! Chinese as single characters. Positions count a word as two and a
//! Chinese character as one, so that windows mean about the same in both.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::TokenMode;
use super::script::is_han;

/// Position units of a word.
pub const WORD_UNITS: u32 = 2;
/// Position units of a Chinese character.
pub const CHAR_UNITS: u32 = 1;

/// One token of a provision's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    /// The normalised form compared with the lexicon.
    pub norm: String,
    /// Byte range in the text it came from.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// True for a CJK character.
    pub cjk: bool,
}

/// Cuts text into tokens for one language.
pub struct Analyzer {
    /// Tells analyzers apart (a reader may keep what one made of a word).
    id: u64,
    plural: Option<Plural>,
    split_apostrophes: bool,
    mode: TokenMode,
    compounds: Option<Compounds>,
}

/// How a language that writes compounds as one word (German
/// `Kinderpornographie`, `Jugendschutzgesetz`) is read: a word the lexicon
/// does not know, that ends in a word it knows (the head, which carries the
/// compound's meaning), is read as its modifier followed by that head
/// (`kind pornographie`). Lexicon phrases go through the same rule, so a
/// phrase and a text meet whether a compound is written as one word or as
/// two. Set per language in its lexicon (`"compounds"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CompoundRule {
    /// Shortest head, in letters (shorter lexicon words are too often the
    /// end of unrelated words).
    pub min_head: usize,
    /// Shortest modifier, in letters.
    pub min_modifier: usize,
}

/// A compound rule with the lexicon words it splits at.
struct Compounds {
    rule: CompoundRule,
    /// Normalised words of the lexicon's phrases.
    known: rustc_hash::FxHashSet<String>,
}

/// Plural-only stemming: folds `photographs` into `photograph` and
/// `possesses` into `possess`, and nothing else, so that words of different
/// meaning never meet (a full stemmer makes `provider` and `provided` one
/// word). Verb forms are then listed in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plural {
    English,
    French,
    Spanish,
    Portuguese,
    German,
}

/// The stemmer names a lexicon may use.
pub const STEMMERS: [&str; 6] = [
    "english-plural",
    "french-plural",
    "spanish-plural",
    "portuguese-plural",
    "german-endings",
    "none",
];

fn strip_plural(word: &str, lang: Plural) -> String {
    let mut w = word.to_string();
    strip_plural_in_place(&mut w, lang);
    w
}

/// Fold a plural to its singular, in place.
fn strip_plural_in_place(w: &mut String, lang: Plural) {
    let n = if w.is_ascii() {
        w.len()
    } else {
        w.chars().count()
    };
    if n <= 3 || !w.chars().all(char::is_alphabetic) {
        return;
    }
    let cut = |w: &mut String, k: usize, add: &str| {
        w.truncate(w.len() - k);
        w.push_str(add);
    };
    match lang {
        Plural::English => {
            if w.ends_with("ies") && n > 4 {
                return cut(w, 3, "y");
            }
            for tail in ["sses", "xes", "ches", "shes", "zes"] {
                if w.ends_with(tail) {
                    return cut(w, 2, "");
                }
            }
            if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
                cut(w, 1, "");
            }
        }
        Plural::French => {
            if w.ends_with("aux") {
                return cut(w, 3, "al");
            }
            if (w.ends_with('s') || w.ends_with('x')) && !w.ends_with("ss") {
                cut(w, 1, "");
            }
        }
        Plural::Spanish => {
            // `menores` → `menor`, `papeles` → `papel` (a vowel, then the
            // consonant, then -es); `padres` → `padre`, `responsables` →
            // `responsable` (the singular ends in -e); `jueces` → `juez`.
            if w.ends_with("ces") {
                return cut(w, 3, "z");
            }
            let chars: Vec<char> = w.chars().collect();
            let k = chars.len();
            if w.ends_with("es") && k >= 4 {
                let consonant = "rlndjsy".contains(chars[k - 3]);
                let vowel_before = "aeiouáéíóú".contains(chars[k - 4]);
                if consonant && vowel_before {
                    return cut(w, 2, "");
                }
            }
            if w.ends_with('s') && !w.ends_with("ss") {
                cut(w, 1, "");
            }
        }
        Plural::Portuguese => {
            // `adolescentes` → `adolescente`, `menores` → `menor`,
            // `imagens` → `imagem`, `informações` → `informação`,
            // `digitais` → `digital`, `papéis` → `papel`.
            for (tail, add) in [("ões", "ão"), ("ães", "ão"), ("ais", "al"), ("éis", "el")] {
                if w.ends_with(tail) {
                    return cut(w, tail.len(), add);
                }
            }
            if w.ends_with("ns") {
                return cut(w, 2, "m");
            }
            if w.ends_with("res") || w.ends_with("zes") {
                return cut(w, 2, "");
            }
            if w.ends_with('s') && !w.ends_with("ss") {
                cut(w, 1, "");
            }
        }
        Plural::German => {
            // Endings of nouns and adjectives, not the verb: `Kindes` →
            // `kind`, `Kindern` → `kinder`; `pornographischen`,
            // `pornographischer` → `pornographisch`; `Inhalte`, `Inhalts`
            // → `inhalt`. A stem keeps at least four letters (`unter`,
            // `oder` stay). Verb forms are listed in the lexicon.
            let mut n = n;
            if w.ends_with("ern") {
                cut(w, 1, "");
                n -= 1;
            }
            let keep = |k: usize| n - k >= 4;
            // `-er` only after an adjective's suffix: `sexueller`,
            // `Jugendlicher`, `Minderjähriger`; nouns in `-er` stay
            // (`Anbieter` is not `anbieten`, `sicher` not `sich`).
            const ADJECTIVE: [&str; 11] = [
                "isch", "sch", "lich", "ig", "bar", "sam", "haft", "end", "ell", "al", "iv",
            ];
            if let Some(stem) = w.strip_suffix("er") {
                if keep(2) && ADJECTIVE.iter().any(|a| stem.ends_with(a)) {
                    return cut(w, 2, "");
                }
            }
            for tail in ["em", "en", "es"] {
                if w.ends_with(tail) && keep(2) {
                    return cut(w, 2, "");
                }
            }
            if (w.ends_with('e') || (w.ends_with('s') && !w.ends_with("ss"))) && keep(1) {
                cut(w, 1, "");
            }
        }
    }
}

fn next_analyzer_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("mode", &self.mode)
            .finish()
    }
}

impl Analyzer {
    /// An analyzer for a stemmer name (one of [`STEMMERS`]) and token mode.
    pub fn new(stemmer: &str, mode: TokenMode) -> Analyzer {
        let plural = match stemmer {
            "english-plural" => Some(Plural::English),
            "french-plural" => Some(Plural::French),
            "spanish-plural" => Some(Plural::Spanish),
            "portuguese-plural" => Some(Plural::Portuguese),
            "german-endings" => Some(Plural::German),
            _ => None,
        };
        Analyzer {
            id: next_analyzer_id(),
            plural,
            split_apostrophes: stemmer.starts_with("french")
                || stemmer.starts_with("spanish")
                || stemmer.starts_with("portuguese"),
            mode,
            compounds: None,
        }
    }

    /// The same analyzer, reading compounds by `rule` at the words of
    /// `phrases` (the lexicon's phrases; `...` gaps are ignored).
    pub fn with_compounds<'a>(
        mut self,
        rule: Option<CompoundRule>,
        phrases: impl IntoIterator<Item = &'a str>,
    ) -> Analyzer {
        let Some(rule) = rule else {
            return self;
        };
        let mut known = rustc_hash::FxHashSet::default();
        for p in phrases {
            self.each_token(&p.replace("...", " "), |_, _, cjk, norm| {
                if !cjk && norm.chars().all(char::is_alphabetic) {
                    known.insert(norm.to_string());
                }
            });
        }
        self.compounds = Some(Compounds { rule, known });
        self.id = next_analyzer_id();
        self
    }

    /// Where a normalised word splits into modifier and known head, by the
    /// compound rule: the longest head wins. None for a known word.
    fn compound_split(&self, norm: &str) -> Option<usize> {
        let c = self.compounds.as_ref()?;
        let n = norm.chars().count();
        if n < c.rule.min_head + c.rule.min_modifier
            || c.known.contains(norm)
            || !norm.chars().all(char::is_alphabetic)
        {
            return None;
        }
        norm.char_indices()
            .skip(c.rule.min_modifier)
            .take_while(|&(i, _)| norm[i..].chars().count() >= c.rule.min_head)
            .map(|(i, _)| i)
            .find(|&i| c.known.contains(&norm[i..]))
    }

    /// A number no other analyzer of this run has.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The token mode.
    pub fn mode(&self) -> TokenMode {
        self.mode
    }

    /// Normalise one word: NFKC, lower case, stem, drop accents.
    pub fn normalize_word(&self, word: &str) -> String {
        let mut out = String::new();
        self.normalize_into(word, &mut out);
        out
    }

    /// Normalise one word into `out` (cleared first): the allocation-free
    /// form of [`Analyzer::normalize_word`].
    pub fn normalize_into(&self, word: &str, out: &mut String) {
        out.clear();
        // Plain ASCII needs no Unicode normalisation (the common case).
        if word.is_ascii() {
            out.push_str(word);
            out.make_ascii_lowercase();
            if out.ends_with("'s") {
                out.truncate(out.len() - 2);
            }
            while out.ends_with('\'') {
                out.pop();
            }
            if let Some(p) = self.plural {
                strip_plural_in_place(out, p);
            }
            return;
        }
        let lower: String = word.nfkc().flat_map(char::to_lowercase).collect();
        let lower = lower.replace('’', "'");
        let lower = lower
            .strip_suffix("'s")
            .unwrap_or(&lower)
            .trim_end_matches('\'');
        let stemmed = match self.plural {
            Some(p) => strip_plural(lower, p),
            None => lower.to_string(),
        };
        out.extend(stemmed.nfd().filter(|c| !is_combining_mark(*c)));
    }

    /// Tokens of a text.
    pub fn tokens(&self, text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        self.each_token(text, |start, end, cjk, norm| {
            out.push(Tok {
                norm: norm.to_string(),
                start,
                end,
                cjk,
            });
        });
        out
    }

    /// Call `f(start, end, cjk, norm)` for every token of a text, in order,
    /// without allocating per token.
    pub fn each_token(&self, text: &str, mut f: impl FnMut(usize, usize, bool, &str)) {
        let mut buf = String::new();
        self.each_piece(text, |s, e, han| match han {
            Some(c) => {
                let mut tmp = [0u8; 4];
                f(s, e, true, c.encode_utf8(&mut tmp));
            }
            None => self.word_tokens(&text[s..e], &mut buf, &mut |a, b, norm| {
                f(s + a, s + b, false, norm)
            }),
        });
    }

    /// The tokens of one word as [`Analyzer::each_piece`] cuts it out:
    /// `f(start, end, norm)` with offsets in the word. Usually one; a
    /// compound read as modifier and head gives two or three. Depends on
    /// the word alone, so a reader may keep the result per distinct word.
    pub fn word_tokens(&self, word: &str, buf: &mut String, f: &mut dyn FnMut(usize, usize, &str)) {
        self.normalize_into(word, buf);
        if buf.is_empty() {
            return;
        }
        let e = word.len();
        match self.compound_split(buf) {
            // Each part keeps its own stretch of the word (by letters:
            // folding accents keeps their number).
            Some(at) => {
                let cut = |k: usize| {
                    word.char_indices()
                        .nth(k)
                        .map_or(e, |(b, _)| b)
                        .clamp(1, e - 1)
                };
                let head = buf[at..].to_string();
                let mid = cut(buf[..at].chars().count());
                let modifier = self.normalize_word(&buf[..at]);
                match self.compound_split(&modifier) {
                    Some(at2) => {
                        let first = cut(modifier[..at2].chars().count()).min(mid - 1).max(1);
                        f(0, first, &self.normalize_word(&modifier[..at2]));
                        f(first, mid, &modifier[at2..]);
                    }
                    None => f(0, mid, &modifier),
                }
                f(mid, e, &head);
            }
            None => f(0, e, buf),
        }
    }

    /// Call `f(start, end, han)` for every stretch of a text that gives
    /// tokens, in order: a word (`han` is None; [`Analyzer::word_tokens`]
    /// normalises it) or a Han character (`han` is the character, in its
    /// Simplified form).
    pub fn each_piece(&self, text: &str, mut f: impl FnMut(usize, usize, Option<char>)) {
        for (s, e, han) in self.pieces(text) {
            f(s, e, han);
        }
    }

    /// The stretches of [`Analyzer::each_piece`], as an iterator.
    pub fn pieces<'a>(&'a self, text: &'a str) -> Pieces<'a> {
        Pieces {
            analyzer: self,
            text,
            pos: 0,
            word_start: NO_WORD,
            simplify: self.mode == TokenMode::Characters,
        }
    }

    /// The normalised tokens of a lexicon phrase.
    pub fn phrase(&self, phrase: &str) -> Vec<String> {
        self.tokens(phrase).into_iter().map(|t| t.norm).collect()
    }
}

/// Byte classes of the tokeniser: an ASCII letter or digit (a word's),
/// other ASCII (ends a word), an apostrophe or slash (may join a word: the
/// character after it decides), a byte of a non-ASCII character.
const ALNUM: u8 = 0;
const OTHER: u8 = 1;
const SLOW: u8 = 2;

static CLASS: [u8; 256] = {
    let mut t = [SLOW; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c == b'\'' || c == b'/' {
            SLOW
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

const NO_WORD: usize = usize::MAX;

/// A Han character of the common block (U+4E00–U+9FFF: three bytes in
/// UTF-8) at `i`.
#[inline]
fn common_han(bytes: &[u8], i: usize) -> Option<char> {
    let b0 = bytes[i];
    if !(0xE4..=0xE9).contains(&b0) {
        return None;
    }
    let (b1, b2) = (*bytes.get(i + 1)?, *bytes.get(i + 2)?);
    let c = ((b0 as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F);
    if (0x4E00..=0x9FFF).contains(&c) {
        char::from_u32(c)
    } else {
        None
    }
}

/// The characters `fast2s` converts by the characters next to them (the
/// keys of its tables of exceptions, version 0.3); it converts every other
/// character alone. Checked in the tests.
const IN_CONTEXT: [char; 15] = [
    '兒', '覆', '夥', '藉', '瞭', '麽', '幺', '於', '乾', '著', '苧', '闔', '鍾', '讎', '畫',
];

/// The conversions of the common Han block, made once each (0: not yet).
static SIMPLIFIED: [std::sync::atomic::AtomicU32; 0x5200] =
    [const { std::sync::atomic::AtomicU32::new(0) }; 0x5200];

/// In [`SIMPLIFIED`]: a character converted in context.
const CONVERTED_IN_CONTEXT: u32 = 1;

/// The Simplified form of the Han character `c` at `i` in `text`, as
/// `fast2s::convert(text)` has it at `i`.
#[inline]
fn simplified(text: &str, i: usize, c: char) -> char {
    use std::sync::atomic::Ordering::Relaxed;
    if let Some(k) = (c as usize).checked_sub(0x4E00).filter(|&k| k < 0x5200) {
        let known = SIMPLIFIED[k].load(Relaxed);
        if known > CONVERTED_IN_CONTEXT {
            if let Some(s) = char::from_u32(known) {
                return s;
            }
        }
    }
    simplified_slow(text, i, c)
}

/// [`simplified`] the first time for a character (or in context).
#[inline(never)]
fn simplified_slow(text: &str, i: usize, c: char) -> char {
    use std::sync::atomic::Ordering::Relaxed;
    // fast2s converts characters of three bytes only.
    if c.len_utf8() != 3 {
        return c;
    }
    let common = (c as usize).checked_sub(0x4E00).filter(|&k| k < 0x5200);
    if IN_CONTEXT.contains(&c) {
        if let Some(k) = common {
            SIMPLIFIED[k].store(CONVERTED_IN_CONTEXT, Relaxed);
        }
        let before = text[..i].chars().next_back().unwrap_or('0');
        let after = text[i + c.len_utf8()..].chars().next().unwrap_or('0');
        let window: String = [before, c, after].into_iter().collect();
        return fast2s::convert(&window).chars().nth(1).unwrap_or(c);
    }
    let mut tmp = [0u8; 4];
    let s = fast2s::convert(c.encode_utf8(&mut tmp))
        .chars()
        .next()
        .unwrap_or(c);
    if let Some(k) = common {
        SIMPLIFIED[k].store(s as u32, Relaxed);
    }
    s
}

/// Classes of the characters of the Basic Multilingual Plane met so far,
/// as [`char_class`] has them (bit 0: known, 1: Han, 2: a letter or
/// digit).
static CHAR_CLASSES: [std::sync::atomic::AtomicU8; 0x10000] =
    [const { std::sync::atomic::AtomicU8::new(0) }; 0x10000];

/// Whether a character is Han, and whether it is a letter or digit once
/// width and compatibility forms are folded (`Ａ`, `①`).
#[inline]
fn char_class(c: char) -> (bool, bool) {
    use std::sync::atomic::Ordering::Relaxed;
    let of = |k: u8| (k & 2 != 0, k & 4 != 0);
    let slot = CHAR_CLASSES.get(c as usize);
    if let Some(k) = slot.map(|s| s.load(Relaxed)).filter(|k| k & 1 != 0) {
        return of(k);
    }
    let wide = if c.is_ascii() {
        c
    } else {
        c.nfkc().next().unwrap_or(c)
    };
    let k = 1 | if is_han(c) { 2 } else { 0 } | if wide.is_alphanumeric() { 4 } else { 0 };
    if let Some(s) = slot {
        s.store(k, Relaxed);
    }
    of(k)
}

/// The stretches of a text that give tokens ([`Analyzer::pieces`]): `(start,
/// end, han)`. Plain ASCII is read a byte at a time by its class; other
/// characters (and an apostrophe or slash) by the rules of the language.
pub struct Pieces<'a> {
    analyzer: &'a Analyzer,
    text: &'a str,
    pos: usize,
    /// Where the word being read began (`NO_WORD`: none).
    word_start: usize,
    /// True when Han characters are read in their Simplified form.
    simplify: bool,
}

impl Pieces<'_> {
    /// The Han character `c` at `i` as it is read: Chinese is read in
    /// Simplified characters, a Traditional one converted in its context
    /// (the characters before and after it) while it keeps its place.
    #[inline]
    fn simplified(&self, i: usize, c: char) -> char {
        if !self.simplify {
            return c;
        }
        let s = simplified(self.text, i, c);
        if s.len_utf8() == c.len_utf8() { s } else { c }
    }

    fn char_at(&self, i: usize) -> Option<char> {
        match self.text.as_bytes().get(i) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => self.text[i..].chars().next(),
            None => None,
        }
    }

    /// One character that is neither an ASCII letter or digit nor other
    /// ASCII, at `i`: the piece it ends or is, if any.
    #[inline(never)]
    fn slow(&mut self, i: usize) -> Option<(usize, usize, Option<char>)> {
        let Some(c) = self.char_at(i) else {
            self.pos = self.text.len();
            return None;
        };
        let next = i + c.len_utf8();
        let (han, alphanumeric) = char_class(c);
        if han {
            if self.word_start != NO_WORD {
                // The word first; the character on the next call.
                let s = std::mem::replace(&mut self.word_start, NO_WORD);
                self.pos = i;
                return Some((s, i, None));
            }
            self.pos = next;
            let c = self.simplified(i, c);
            return Some((i, i + c.len_utf8(), Some(c)));
        }
        self.pos = next;
        let in_word = self.word_start != NO_WORD;
        let apostrophe = matches!(c, '\'' | '’');
        let joins = apostrophe
            && !self.analyzer.split_apostrophes
            && in_word
            && self.char_at(next).is_some_and(char::is_alphanumeric);
        let slash_in_number =
            c == '/' && in_word && self.char_at(next).is_some_and(|n| n.is_ascii_digit());
        if alphanumeric || joins || slash_in_number {
            if !in_word {
                self.word_start = i;
            }
        } else if in_word {
            let s = std::mem::replace(&mut self.word_start, NO_WORD);
            return Some((s, i, None));
        }
        None
    }
}

impl Iterator for Pieces<'_> {
    type Item = (usize, usize, Option<char>);

    // Always inlined: called once per word, its state stays in registers
    // across calls in the caller's loop (the rare paths are out of line).
    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        let mut pos = self.pos;
        loop {
            if self.word_start == NO_WORD {
                // Between words: skip other ASCII.
                while pos < n && CLASS[bytes[pos] as usize] == OTHER {
                    pos += 1;
                }
                if pos >= n {
                    self.pos = n;
                    return None;
                }
                if CLASS[bytes[pos] as usize] == ALNUM {
                    self.word_start = pos;
                    pos += 1;
                } else {
                    if let Some(c) = common_han(bytes, pos) {
                        self.pos = pos + 3;
                        let c = self.simplified(pos, c);
                        return Some((pos, pos + c.len_utf8(), Some(c)));
                    }
                    if let Some(p) = self.slow(pos) {
                        return Some(p);
                    }
                    pos = self.pos;
                    continue;
                }
            }
            // In a word: letters and digits go on, other ASCII ends it.
            while pos < n && CLASS[bytes[pos] as usize] == ALNUM {
                pos += 1;
            }
            if pos >= n {
                self.pos = n;
                let s = std::mem::replace(&mut self.word_start, NO_WORD);
                return Some((s, n, None));
            }
            if CLASS[bytes[pos] as usize] == OTHER {
                self.pos = pos + 1;
                let s = std::mem::replace(&mut self.word_start, NO_WORD);
                return Some((s, pos, None));
            }
            if common_han(bytes, pos).is_some() {
                // The word first; the character on the next call.
                self.pos = pos;
                let s = std::mem::replace(&mut self.word_start, NO_WORD);
                return Some((s, pos, None));
            }
            if let Some(p) = self.slow(pos) {
                return Some(p);
            }
            pos = self.pos;
        }
    }
}

/// Write tokens into the searchable form: words separated and surrounded by
/// single spaces, CJK characters side by side.
pub fn push_searchable(out: &mut String, tok_norm: &str, cjk: bool) {
    if cjk {
        out.push_str(tok_norm);
    } else {
        if !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(tok_norm);
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_stemming_keeps_words_of_different_meaning_apart() {
        let a = Analyzer::new("english-plural", TokenMode::Words);
        let n = |w: &str| a.normalize_word(w);
        assert_eq!(n("photographs"), "photograph");
        assert_eq!(n("possesses"), "possess");
        assert_eq!(n("distributes"), "distribute");
        assert_eq!(n("Children's"), "children");
        assert_eq!(n("authorities"), "authority");
        assert_ne!(n("provider"), n("provided"));
        assert_ne!(n("information"), n("inform"));
        assert_eq!(n("access"), "access");
        assert_eq!(n("this"), "this");
        let fr = Analyzer::new("french-plural", TokenMode::Words);
        assert_eq!(fr.normalize_word("mineurs"), fr.normalize_word("mineur"));
        let es = Analyzer::new("spanish-plural", TokenMode::Words);
        assert_eq!(es.normalize_word("menores"), "menor");
        assert_eq!(es.normalize_word("responsables"), "responsable");
        assert_eq!(es.normalize_word("padres"), "padre");
        assert_eq!(es.normalize_word("jueces"), "juez");
        assert_eq!(es.normalize_word("papeles"), "papel");
        let pt = Analyzer::new("portuguese-plural", TokenMode::Words);
        assert_eq!(pt.normalize_word("menores"), "menor");
        assert_eq!(pt.normalize_word("imagens"), "imagem");
        assert_eq!(pt.normalize_word("informações"), "informacao");
        assert_eq!(pt.normalize_word("digitais"), "digital");
        assert_eq!(pt.normalize_word("crianças"), "crianca");
        let de = Analyzer::new("german-endings", TokenMode::Words);
        let n = |w: &str| de.normalize_word(w);
        assert_eq!(n("Kindes"), "kind");
        assert_eq!(n("Kindern"), n("Kinder"));
        assert_eq!(n("pornographischen"), "pornographisch");
        assert_eq!(n("pornographischer"), "pornographisch");
        assert_eq!(n("Inhalte"), n("Inhalt"));
        assert_eq!(n("Jahren"), "jahr");
        assert_ne!(n("sichern"), n("sich"));
        assert_ne!(n("Anbieter"), n("anbieten"));
        assert_eq!(n("Jugendlicher"), n("Jugendliche"));
        assert_eq!(n("Minderjähriger"), n("minderjährigen"));
        assert_eq!(n("unter"), "unter");
    }

    #[test]
    fn german_compounds_are_read_as_modifier_and_head() {
        let rule = CompoundRule {
            min_head: 5,
            min_modifier: 3,
        };
        let a = Analyzer::new("german-endings", TokenMode::Words).with_compounds(
            Some(rule),
            ["pornographischer Inhalt", "Kinder", "Verbreitung", "verbot"],
        );
        let norms = |t: &str| a.tokens(t).into_iter().map(|t| t.norm).collect::<Vec<_>>();
        assert_eq!(
            norms("kinderpornographischen Inhalts"),
            vec!["kinder", "pornographisch", "inhalt"]
        );
        // A word whose end the lexicon does not know stays whole.
        assert_eq!(norms("Jugendpornographie").len(), 1);
        assert_eq!(norms("Verbreitungsverbot"), vec!["verbreitung", "verbot"]);
        // Parts keep their own stretch of the word, in order.
        let toks = a.tokens("Kinderpornographischer");
        assert_eq!((toks[0].start, toks[0].end, toks[1].start), (0, 6, 6));
        // A known word is never split; without the rule nothing is.
        assert_eq!(norms("Kinder"), vec!["kinder"]);
        let plain = Analyzer::new("german-endings", TokenMode::Words);
        assert_eq!(plain.tokens("kinderpornographischen").len(), 1);
    }

    #[test]
    fn english_case_width_and_possessives_meet() {
        let a = Analyzer::new("english-plural", TokenMode::Words);
        let n = |w: &str| a.normalize_word(w);
        assert_eq!(n("Possesses"), n("possess"));
        assert_eq!(n("child's"), n("child"));
        assert_eq!(n("child’s"), n("child"));
        assert_eq!(n("ＣＨＩＬＤ"), "child");
        let toks = a.tokens("pseudo-photograph of a child");
        assert_eq!(
            toks.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>(),
            vec!["pseudo", "photograph", "of", "a", "child"]
        );
    }

    #[test]
    fn chinese_characters_are_tokens_and_words_inside_stay_words() {
        let a = Analyzer::new("none", TokenMode::Characters);
        let toks = a.tokens("未成年人使用App的");
        assert_eq!(toks.len(), 8);
        assert_eq!(toks[6].norm, "app");
        assert!(!toks[6].cjk);
    }

    #[test]
    fn french_splits_elisions_and_drops_accents() {
        let a = Analyzer::new("french-plural", TokenMode::Words);
        let toks = a.phrase("l'enfant âgé");
        assert_eq!(toks[0], "l");
        assert_eq!(toks[1], a.normalize_word("enfants"));
        assert!(!toks[2].contains('â'));
    }

    #[test]
    fn traditional_chinese_is_read_as_simplified() {
        let a = Analyzer::new("none", TokenMode::Characters);
        let trad = a.tokens("兒童及少年");
        let simp = a.tokens("儿童及少年");
        let norm = |t: &[Tok]| t.iter().map(|x| x.norm.clone()).collect::<Vec<_>>();
        assert_eq!(norm(&trad), norm(&simp));
        assert_eq!(
            (trad[0].start, trad[0].end),
            (0, 3),
            "places stay those of the original"
        );
    }

    #[test]
    fn simplified_characters_are_those_of_the_converted_text() {
        // Every character of three bytes keeps its length (so a character's
        // place is the same in a converted text), and alone converts as in
        // a text.
        for u in 0x800u32..0x10000 {
            let Some(c) = char::from_u32(u) else { continue };
            let conv = fast2s::convert(&format!("a{c}b"));
            assert_eq!(conv.len(), c.len_utf8() + 2, "{c}");
            if is_han(c) {
                assert_eq!(
                    simplified(&format!("a{c}b"), 1, c),
                    conv.chars().nth(1).unwrap()
                );
            }
        }
        // The characters converted in context, in and out of their contexts.
        let texts = [
            "《第一批异体字整理表》已將「託」與「托」合併為「托」",
            "「於」曾被《第一批異體字整理表》視為「于」的異體字廢除，如樊於期",
            "「藉」其他意义仍然保留的，藉口、憑藉的藉（jiè）简化作借，慰藉、狼藉",
            "企畫 計畫 企劃 計劃 畫圖 畫畫 看著 著 苧麻 苧 闔家 闔 鍾書 鍾",
            "校讎 讎定 仇讎 讎 兒寬 兒 答覆 批覆 回覆 覆 甚夥 夥 瞭望 瞭 幺麽 麽 幺",
            "乾隆的乾兒子一邊乾淨利落地擲出了一個乾卦，乾坤，芒果乾",
            "乾",
            "畫x",
        ];
        for t in texts {
            let conv = fast2s::convert(t);
            for (i, c) in t.char_indices().filter(|&(_, c)| is_han(c)) {
                assert_eq!(
                    simplified(t, i, c),
                    conv[i..].chars().next().unwrap(),
                    "{t} {i}"
                );
            }
        }
    }

    #[test]
    fn searchable_form() {
        let mut s = String::new();
        push_searchable(&mut s, "a", false);
        push_searchable(&mut s, "b", false);
        push_searchable(&mut s, "中", true);
        push_searchable(&mut s, "c", false);
        assert_eq!(s, " a b 中 c ");
    }
}
