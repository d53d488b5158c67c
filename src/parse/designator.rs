//! Designators at the start of a heading or paragraph: groups (`Part II`,
//! `CHAPTER 110—`, `第五章`), units (`§ 1234A.`, `Section 24.`, `Article 8`,
//! `Artículo 45 bis.`, `41.1`, `24.`, `第三十二条`) and chains of
//! enumerators (`(c)(1)`, `1[(da)]`, `a)`, `1°`, `（一）`).

use std::sync::LazyLock;

use regex::Regex;

use super::number::{self, Family, Reading};

/// The kind of a provision in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Text before the first group or unit (enacting words, history).
    Preamble,
    /// Book (livre, libro, 编).
    Book,
    /// Part (partie).
    Part,
    /// Title (titre, título).
    Title,
    /// Chapter (chapitre, capítulo, 章).
    Chapter,
    /// Division, subpart, sous-section, a grouping `Section`, 节.
    Division,
    /// Schedule or annex.
    Schedule,
    /// A section: the unit of citation in common-law drafting.
    Section,
    /// An article: the unit of citation in civil-law and EU drafting.
    Article,
    /// First level below a section.
    Subsection,
    /// First level below an article, second below a section; 款.
    Paragraph,
    /// Third level below a section.
    Subparagraph,
    /// Second level below an article.
    Point,
    /// Fourth level below a section.
    Clause,
    /// Fifth level below a section.
    Subclause,
    /// 项, and any deeper level.
    Item,
}

impl Kind {
    /// True for part, chapter and the like: they group units.
    pub fn is_group(self) -> bool {
        matches!(
            self,
            Kind::Book | Kind::Part | Kind::Title | Kind::Chapter | Kind::Division | Kind::Schedule
        )
    }

    /// True for sections and articles.
    pub fn is_unit(self) -> bool {
        matches!(self, Kind::Section | Kind::Article)
    }
}

/// A group heading: `Part II — Offences`.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDesignator {
    /// The kind of group.
    pub kind: Kind,
    /// The keyword as written (`CHAPTER`, `Partie`, `章`).
    pub keyword: String,
    /// Its number, if it has one.
    pub number: Option<String>,
    /// The title after the number.
    pub rest: String,
}

/// A unit designator: `§ 1234A. Title`, `第三十二条 text`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDesignator {
    /// Section or article.
    pub kind: Kind,
    /// The number as cited (`1234A`, `41.1`, `12-3`, `45 bis`, `三十二`).
    pub number: String,
    /// True when a keyword came before the number (`Section`, `§`, `Art.`).
    pub has_keyword: bool,
    /// True for `第…条`.
    pub chinese: bool,
    /// Separator after the number: `.` for `24.`, empty for `24 `.
    pub separator: String,
    /// True when an ordinal sign follows the number (`Art. 1º`).
    pub ordinal: bool,
    /// What follows.
    pub rest: String,
}

const NUM: &str = r"(?:[A-Z]{1,2}\.?\s?)?\d+[A-Za-z]{0,3}(?:[.\-–]\d+[A-Za-z]{0,3})*(?:-[A-Z]{1,2}\b)?(?:\s(?i:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies)\b)?";

static GROUP_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r"(?i)^(?P<kw>sub-?part|sub-?division|division|part|chapter|title|book|schedule|annex|sous-section|partie|livre|titre|chapitre|paragraphe|libro|t[íi]tulo|cap[íi]tulo|secci[óo]n|anexo|annexe|section)\s+(?P<num>[IVXLCDM]+|\d+[A-Z]?(?:\.\d+)?|[A-Z]|premier|premi[èe]re|preliminar|pr[ée]liminaire|unique|[úu]nico)?(?:\b|$)\s*[.:—–\-]*\s*(?P<rest>.*)$",
    )
});

static CN_GROUP_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r"^第[ 　]*(?P<num>[零〇一二两兩三四五六七八九十百千万萬\d]+)[ 　]*(?P<kw>分编|分編|编|編|章|节|節)\s*(?P<rest>.*)$",
    )
});

// The designator regexes match the designator only; what follows is the
// rest of the text. (Capturing the rest in the regex made every match as
// long as its paragraph, and the capture engines slow on it.)
static CN_UNIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r"^第[ 　]*(?P<num>[零〇一二两兩三四五六七八九十百千万萬\d]+)(?:[ 　]*[-－][ 　]*(?P<dash>\d+))?[ 　]*[条條](?P<sub>之[一二三四五六七八九十]+)?(?:[\s　:：]+|$)",
    )
});

static UNIT_KW_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(&format!(
        r"^(?P<kw>§+|(?i:sec(?:tion)?s?\.?|art(?:icle|[íi]culo|igo)?s?\.?|rule|regulation|reg\.|clause))\s*(?P<num>{NUM})(?P<ord>\.?\s?[º°ª])?(?P<suf>-[A-Z]{{1,2}}\b)?(?P<sep>[.:]-|[.:]?)(?:[\s—–\u{{FFFD}}]|$)"
    ))
});

static UNIT_BARE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(r"^(?P<num>\d+[A-Z]{0,3}(?:\.\d+[A-Z]{0,2})*)(?P<sep>\.?)(?:\s+|$)")
});

/// First words of group headings, lower-cased.
const GROUP_WORDS: [&str; 27] = [
    "section",
    "part",
    "chapter",
    "title",
    "book",
    "schedule",
    "annex",
    "division",
    "subdivision",
    "sub-division",
    "subpart",
    "sub-part",
    "sous-section",
    "partie",
    "livre",
    "titre",
    "chapitre",
    "paragraphe",
    "libro",
    "título",
    "titulo",
    "capítulo",
    "capitulo",
    "sección",
    "seccion",
    "anexo",
    "annexe",
];

/// First words of unit designators with a keyword, lower-cased, without a
/// final full stop.
const UNIT_WORDS: [&str; 17] = [
    "reg",
    "section",
    "sections",
    "sec",
    "secs",
    "art",
    "arts",
    "article",
    "articles",
    "artículo",
    "articulo",
    "artículos",
    "artigo",
    "artigos",
    "rule",
    "regulation",
    "clause",
];

/// The most characters of a keyword in [`GROUP_WORDS`] or [`UNIT_WORDS`]
/// (`sous-section`).
const MAX_WORD_CHARS: usize = 12;

/// The first word of a text: up to a space or `§`. None when it is longer
/// than any keyword, full stops at its end aside (lower-casing never
/// makes a word shorter): a paragraph of Chinese, which has no spaces, is
/// not read to its end.
fn first_word(text: &str) -> Option<&str> {
    let mut end = text.len();
    for (n, (i, c)) in text.char_indices().enumerate() {
        if c.is_whitespace() || c == '§' {
            end = i;
            break;
        }
        if c != '.' && n >= MAX_WORD_CHARS {
            return None;
        }
    }
    Some(&text[..end])
}

/// The first letters of `words` (each starts with an ASCII letter), in
/// either case, as a set of bytes.
const fn initials(words: &[&str]) -> u128 {
    let mut set = 0u128;
    let mut i = 0;
    while i < words.len() {
        let b = words[i].as_bytes()[0];
        set |= 1 << b.to_ascii_lowercase() | 1 << b.to_ascii_uppercase();
        i += 1;
    }
    set
}

const GROUP_INITIALS: u128 = initials(&GROUP_WORDS);
const UNIT_INITIALS: u128 = initials(&UNIT_WORDS);

/// False when the first word of `text` cannot be one of the words whose
/// initials are `set`: it starts with another ASCII character. (A word
/// starting with any other character is left to [`is_one_of`]: some
/// lower-case to an ASCII letter.) Most paragraphs are turned away here,
/// by their first byte.
fn may_start(text: &str, set: u128) -> bool {
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() => set >> b & 1 == 1,
        Some(_) => true,
        None => false,
    }
}

/// True when `word`, lower-cased, is one of `words` (all lower case).
/// Most first words are ASCII: compared without building a lower-cased
/// copy.
fn is_one_of(word: &str, words: &[&str]) -> bool {
    if word.is_ascii() {
        words
            .iter()
            .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
    } else {
        let lower = word.to_lowercase();
        words.contains(&lower.as_str())
    }
}

/// Read a group designator (`Part II`, `第五章 网络保护`). With `sections`
/// false, a `Section` heading is not a group (it is a unit), and is not
/// read at all.
pub fn group(text: &str, sections: bool) -> Option<GroupDesignator> {
    let text = text.trim();
    // Most paragraphs are not groups: look at the first word before any
    // regular expression runs.
    let first = text.chars().next()?;
    if first == '第' {
        // Only `第…编/章/节` can be a group here: every other keyword
        // starts with a Latin letter.
        if !may_be_cn_group(text) {
            return None;
        }
        let c = CN_GROUP_RE.captures(text)?;
        // Traditional characters and Arabic numerals are cited in the
        // Simplified form with Chinese numerals (`第 3 章` → `第三章`).
        let kw = match &c["kw"] {
            "編" => "编",
            "分編" => "分编",
            "節" => "节",
            kw => kw,
        };
        let kind = match kw {
            "编" | "分编" => Kind::Book,
            "章" => Kind::Chapter,
            _ => Kind::Division,
        };
        return Some(GroupDesignator {
            kind,
            keyword: kw.to_string(),
            number: Some(number::canonical_chinese(&c["num"])),
            rest: c["rest"].trim().to_string(),
        });
    }
    if !may_start(text, GROUP_INITIALS) {
        return None;
    }
    let word = first_word(text)?;
    if !sections && word.eq_ignore_ascii_case("section") {
        return None;
    }
    if !is_one_of(word, &GROUP_WORDS) {
        return None;
    }
    let c = GROUP_RE.captures(text)?;
    let kw = c["kw"].to_string();
    let number = c.name("num").map(|m| m.as_str().to_string());
    // `Part of the Act …` is a sentence, not a heading: a group keyword needs
    // a number, or to stand alone with a capitalised title.
    if number.is_none() && !c["rest"].chars().next().is_some_and(|ch| ch.is_uppercase()) {
        return None;
    }
    let lower = kw.to_lowercase().replace('-', "");
    let kind = match lower.as_str() {
        "part" | "partie" => Kind::Part,
        "chapter" | "chapitre" | "capítulo" | "capitulo" => Kind::Chapter,
        "title" | "titre" | "título" | "titulo" => Kind::Title,
        "book" | "livre" | "libro" => Kind::Book,
        "schedule" | "annex" | "anexo" | "annexe" => Kind::Schedule,
        _ => Kind::Division,
    };
    Some(GroupDesignator {
        kind,
        keyword: kw,
        number,
        rest: c["rest"].trim().to_string(),
    })
}

/// False when `text` (starting `第`) cannot be a match of
/// [`CN_GROUP_RE`]: its first character that is not a space or a number
/// (a superset of what the pattern takes before the keyword) does not
/// start the keyword. An article `第三十二条 …` is not read to its end.
fn may_be_cn_group(text: &str) -> bool {
    text['第'.len_utf8()..]
        .chars()
        .find(|&c| {
            !(c == ' ' || c == '　' || c.is_numeric() || number::CN_NUMERAL_CHARS.contains(c))
        })
        .is_some_and(|c| matches!(c, '分' | '编' | '編' | '章' | '节' | '節'))
}

/// Read a unit designator with a keyword, or a Chinese `第…条`.
pub fn unit_with_keyword(text: &str) -> Option<UnitDesignator> {
    let text = text.trim_start();
    let first = text.chars().next()?;
    if first != '第'
        && first != '§'
        && !(may_start(text, UNIT_INITIALS)
            && first_word(text).is_some_and(|w| is_one_of(w.trim_end_matches('.'), &UNIT_WORDS)))
    {
        return None;
    }
    // The Chinese pattern starts with `第`: not tried on any other text.
    if let Some(c) = (first == '第').then(|| CN_UNIT_RE.captures(text)).flatten() {
        let mut number = number::canonical_chinese(&c["num"]);
        if let Some(dash) = c.name("dash") {
            // `第 1-1 條` is read `第一条之一`.
            number.push('之');
            number.push_str(&number::canonical_chinese(dash.as_str()));
        } else if let Some(sub) = c.name("sub") {
            number.push_str(sub.as_str());
        }
        return Some(UnitDesignator {
            kind: Kind::Article,
            number,
            has_keyword: true,
            chinese: true,
            separator: String::new(),
            ordinal: false,
            rest: text[c.get(0).map_or(0, |m| m.end())..].trim().to_string(),
        });
    }
    let c = UNIT_KW_RE.captures(text)?;
    let kw = &c["kw"];
    // The ordinal of `Art. 1o` (typed for `1º`) is not part of the number;
    // a letter after an ordinal is (`Artigo 176.º-A` is `176-A`).
    let mut number = c["num"].trim().to_string();
    let number_had_o = number.ends_with('o')
        && number[..number.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit());
    if number_had_o {
        number.pop();
    }
    if let Some(suf) = c.name("suf") {
        number.push_str(suf.as_str());
    }
    let sep = c["sep"].trim_end_matches('-');
    // The keyword is an article's when it is the pattern's `art…` word:
    // the only one of its words that starts with `art` (no other
    // character folds to `a`, `r` or `t`).
    let kind = if kw
        .as_bytes()
        .get(..3)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"art"))
    {
        Kind::Article
    } else {
        Kind::Section
    };
    Some(UnitDesignator {
        kind,
        number,
        has_keyword: true,
        chinese: false,
        separator: sep.to_string(),
        ordinal: c.name("ord").is_some() || number_had_o,
        rest: text[c.name("sep").map_or(text.len(), |m| m.end())..]
            .trim()
            .to_string(),
    })
}

/// Read a bare unit number (`41.1 Title`, `24. (1) …`, `1`).
pub fn unit_bare(text: &str) -> Option<UnitDesignator> {
    let text = text.trim_start();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let c = UNIT_BARE_RE.captures(text)?;
    Some(UnitDesignator {
        kind: Kind::Section,
        number: c["num"].to_string(),
        has_keyword: false,
        chinese: false,
        separator: c["sep"].to_string(),
        ordinal: false,
        rest: text[c.get(0).map_or(text.len(), |m| m.end())..]
            .trim()
            .to_string(),
    })
}

/// One enumerator at the start of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumerator {
    /// As written inside its brackets or before its dot (`a`, `4.1`, `一`).
    pub number: String,
    /// The ways to read it (`(i)`: Roman one or the letter i).
    pub readings: Vec<Reading>,
    /// Byte length of the enumerator in the text, with following spaces.
    pub len: usize,
}

static PAREN_ENUM_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r"^(?:\d{1,2}\[)?\(\s*(?P<tok>\d{1,4}(?:\.\d{1,3})*(?:[A-Z]{0,2}|[a-z])|[a-z]{1,3}|[A-Z]{1,3}|[ivxlc]{1,7}|[IVXLC]{1,7})\s*\)\]?\s*",
    )
});
static CLOSE_ENUM_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::constant_regex(r"^(?P<tok>[a-z]{1,4}|\d{1,3})\)\s+"));
static DASH_ENUM_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::constant_regex(r"^(?P<tok>\d{1,3}|[IVXLC]{1,7})\s?[-–—]\s+"));
static SIGN_ENUM_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r"^(?:§\s*(?P<tok>\d{1,3}[a-z]?)(?:\s?[º°]|o\b)?\.?|(?i:par[áa]grafo)(?:\s+(?P<num>\d{1,2})(?:\s?[º°]|o\b)?|\s+(?i:[úu]nico))?\s*[.:\-–—])(?:\s+|$)",
    )
});
static DEGREE_ENUM_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::constant_regex(r"^(?P<tok>\d{1,3})\s?°\s*"));
static DOT_ENUM_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::constant_regex(r"^(?P<tok>\d{1,3})[.．](?:\s+|$)"));
static CN_PAREN_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(r"^[（(](?P<tok>[一二三四五六七八九十]+)[）)]\s*")
});
static CN_COMMA_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::constant_regex(r"^(?P<tok>[一二三四五六七八九十]+)、\s*"));
static CN_DIGIT_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::constant_regex(r"^(?P<tok>\d{1,2})[.．、]\s*"));

/// Read one enumerator at the start of `text`. `chinese` enables the
/// Chinese item forms; `dot` enables `1.`, `1 -` and `IV -` (numbered
/// paragraphs and items); `sign` enables the paragraphs of an article
/// written `§ 1º` or `Parágrafo único.`.
pub fn enumerator(text: &str, chinese: bool, dot: bool, sign: bool) -> Option<Enumerator> {
    enumerator_after(text, chinese, dot, sign, None)
}

/// [`enumerator`], with what `enumerator(text, chinese, false, false)`
/// gave when the caller already has it (`plain`): the forms `dot` and
/// `sign` add are read around it.
pub fn enumerator_after(
    text: &str,
    chinese: bool,
    dot: bool,
    sign: bool,
    plain: Option<Option<Enumerator>>,
) -> Option<Enumerator> {
    if sign {
        if let Some(e) = sign_enumerator(text) {
            return Some(e);
        }
    }
    if let Some(e) = plain.unwrap_or_else(|| plain_enumerator(text, chinese)) {
        return Some(e);
    }
    if dot && !chinese {
        return dot_enumerator(text);
    }
    None
}

/// `§ 1º`, `Parágrafo único.`
fn sign_enumerator(text: &str) -> Option<Enumerator> {
    let first = text.chars().next()?;
    // `(?i:par[áa]grafo)`: `par` in any case (no other letter folds to
    // these three).
    let par = text
        .as_bytes()
        .get(..3)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"par"));
    if !(first == '§' || par) {
        return None;
    }
    let c = SIGN_ENUM_RE.captures(text)?;
    let tok = c
        .name("tok")
        .or_else(|| c.name("num"))
        .map_or("único", |m| m.as_str());
    // `§ 1o` is `§ 1º` typed with a letter o.
    let tok = match tok.strip_suffix('o') {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) => n,
        _ => tok,
    };
    let key = number::arabic_key(tok).unwrap_or_else(|| vec![1]);
    Some(Enumerator {
        number: tok.to_string(),
        readings: vec![Reading {
            family: Family::Sign,
            key,
        }],
        len: c.get(0).map_or(0, |m| m.end()),
    })
}

/// The first character of a text that may start an enumerator (the forms
/// without a sign): a bracket, an ASCII letter or digit, a Chinese numeral.
fn may_start_enumerator(first: char) -> bool {
    first == '('
        || first == '（'
        || first.is_ascii_alphanumeric()
        || number::CN_NUMERAL_CHARS.contains(first)
}

/// One enumerator read with `re` as one reading of `family`.
fn one(text: &str, re: &Regex, family: Family) -> Option<Enumerator> {
    let c = re.captures(text)?;
    let tok = c["tok"].to_string();
    let key = match family {
        Family::CnParen | Family::CnComma => vec![number::chinese_value(&tok)?],
        Family::CloseLower => {
            if tok.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            tok.chars()
                .map(|c| c as u32 - 'a' as u32 + 1)
                .collect::<Vec<_>>()
        }
        _ => number::arabic_key(&tok)?,
    };
    Some(Enumerator {
        readings: vec![Reading { family, key }],
        number: tok,
        len: c.get(0).map_or(0, |m| m.end()),
    })
}

/// The enumerators read whatever `dot` and `sign` are. Each pattern runs
/// only when the first characters allow it (a paragraph of words starts
/// with none of them).
fn plain_enumerator(text: &str, chinese: bool) -> Option<Enumerator> {
    let first = text.chars().next()?;
    if !may_start_enumerator(first) {
        return None;
    }
    let bytes = text.as_bytes();
    let digit = first.is_ascii_digit();
    // `(…)`, or `1[(…` (a digit or two, each at most four bytes, then `[`).
    if first == '(' || (digit && bytes[1..bytes.len().min(6)].contains(&b'[')) {
        let found = paren_match(text).unwrap_or_else(|| {
            PAREN_ENUM_RE
                .captures(text)
                .and_then(|c| Some((c.name("tok")?.as_str(), c.get(0)?.end())))
        });
        if let Some((tok, len)) = found {
            let readings = number::paren_readings(tok);
            if !readings.is_empty() {
                return Some(Enumerator {
                    number: tok.to_string(),
                    readings,
                    len,
                });
            }
        }
    }
    if chinese {
        if first == '（' || first == '(' {
            if let Some(e) = one(text, &CN_PAREN_RE, Family::CnParen) {
                return Some(e);
            }
        }
        if !first.is_ascii() && first != '（' {
            if let Some(e) = one(text, &CN_COMMA_RE, Family::CnComma) {
                return Some(e);
            }
        }
        if digit {
            if let Some(e) = one(text, &CN_DIGIT_RE, Family::DotArabic) {
                return Some(e);
            }
        }
        return None;
    }
    if digit {
        if let Some(e) = one(text, &DEGREE_ENUM_RE, Family::Degree) {
            return Some(e);
        }
    }
    // `a)` … `abcd)`: the letters, then the bracket.
    let letters = bytes.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let close = digit || ((1..=4).contains(&letters) && bytes.get(letters) == Some(&b')'));
    if close {
        if let Some(e) = close_enumerator(text) {
            return Some(e);
        }
    }
    None
}

/// What [`PAREN_ENUM_RE`] matches at the start of `text` (its token and
/// the length of the match), read without it; None when the text has a
/// character outside ASCII where the pattern's `\d` could take it (then
/// the pattern decides).
///
/// The token is all that stands between the bracket and the spaces or
/// the closing bracket after it: every form of token is a run of letters,
/// digits and dots, which a shorter token would leave unclosed.
fn paren_match(text: &str) -> Option<Option<(&str, usize)>> {
    let bytes = text.as_bytes();
    // `(`, or `1[(`, `12[(`.
    let open = if bytes.first() == Some(&b'(') {
        1
    } else {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        match bytes.get(digits) {
            _ if digits == 0 || digits > 2 => return Some(None),
            Some(b) if !b.is_ascii() && digits == 1 => return None,
            Some(b'[') if bytes.get(digits + 1) == Some(&b'(') => digits + 2,
            _ => return Some(None),
        }
    };
    let after_spaces = |at: usize| {
        text[at..]
            .char_indices()
            .find(|&(_, c)| !c.is_whitespace())
            .map_or(text.len(), |(i, _)| at + i)
    };
    let start = after_spaces(open);
    let end = text[start..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c == ')')
        .map_or(text.len(), |(i, _)| start + i);
    let tok = &text[start..end];
    if !tok.is_ascii() {
        return None;
    }
    let close = after_spaces(end);
    if bytes.get(close) != Some(&b')') || !is_paren_token(tok) {
        return Some(None);
    }
    let mut len = close + 1;
    if bytes.get(len) == Some(&b']') {
        len += 1;
    }
    Some(Some((tok, after_spaces(len))))
}

/// True when an ASCII `tok` is whole one of the tokens of
/// [`PAREN_ENUM_RE`]: `\d{1,4}(?:\.\d{1,3})*(?:[A-Z]{0,2}|[a-z])`,
/// `[a-z]{1,3}`, `[A-Z]{1,3}`, `[ivxlc]{1,7}` or `[IVXLC]{1,7}`.
fn is_paren_token(tok: &str) -> bool {
    let b = tok.as_bytes();
    let all = |f: fn(&u8) -> bool, max: usize| !b.is_empty() && b.len() <= max && b.iter().all(f);
    if all(u8::is_ascii_lowercase, 3)
        || all(u8::is_ascii_uppercase, 3)
        || all(|c| b"ivxlc".contains(c), 7)
        || all(|c| b"IVXLC".contains(c), 7)
    {
        return true;
    }
    let digits = |at: usize| b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut at = digits(0);
    if !(1..=4).contains(&at) {
        return false;
    }
    while b.get(at) == Some(&b'.') {
        let n = digits(at + 1);
        if !(1..=3).contains(&n) {
            return false;
        }
        at += 1 + n;
    }
    let rest = &b[at..];
    rest.len() <= 2 && rest.iter().all(u8::is_ascii_uppercase)
        || rest.len() == 1 && rest[0].is_ascii_lowercase()
}

/// `a)`, `1)`, `ii)`.
fn close_enumerator(text: &str) -> Option<Enumerator> {
    let c = CLOSE_ENUM_RE.captures(text)?;
    let tok = &c["tok"];
    if tok.chars().all(|c| c.is_ascii_digit()) {
        one(text, &CLOSE_ENUM_RE, Family::CloseArabic)
    } else {
        // `i)` is a letter or a Roman numeral, `ii)` a numeral.
        let readings: Vec<Reading> = number::paren_readings(tok)
            .into_iter()
            .filter_map(|r| match r.family {
                Family::ParenLower => Some(Reading {
                    family: Family::CloseLower,
                    key: tok.chars().map(|c| c as u32 - 'a' as u32 + 1).collect(),
                }),
                Family::ParenRomanLower => Some(Reading {
                    family: Family::CloseRomanLower,
                    ..r
                }),
                _ => None,
            })
            .collect();
        (!readings.is_empty()).then(|| Enumerator {
            number: tok.to_string(),
            readings,
            len: c.get(0).map_or(0, |m| m.end()),
        })
    }
}

/// `1.`, `1 -`, `IV -`: numbered paragraphs and items.
fn dot_enumerator(text: &str) -> Option<Enumerator> {
    let first = text.chars().next()?;
    let digit = first.is_ascii_digit();
    if digit {
        if let Some(e) = one(text, &DOT_ENUM_RE, Family::DotArabic) {
            return Some(e);
        }
    }
    if !(digit || matches!(first, 'I' | 'V' | 'X' | 'L' | 'C')) {
        return None;
    }
    let c = DASH_ENUM_RE.captures(text)?;
    let tok = &c["tok"];
    let reading = match number::arabic_key(tok) {
        Some(key) => Reading {
            family: Family::DashArabic,
            key,
        },
        None => Reading {
            family: Family::DashRoman,
            key: vec![number::roman_value(tok)?],
        },
    };
    Some(Enumerator {
        number: tok.to_string(),
        readings: vec![reading],
        len: c.get(0).map_or(0, |m| m.end()),
    })
}

/// Where inside a text another enumerator may start a new provision:
/// after `;`, `:`, `—`, `--`, `.` or `; or`/`; and`, an enumerator in
/// brackets (`(b)`, `1[(da)`, `（二）`). Returns byte offsets.
pub fn inline_split_points(text: &str) -> Vec<usize> {
    if !may_split(text) {
        return Vec::new();
    }
    // Found without capture groups (the fast engines): the enumerator
    // starts at the first digit or bracket of a match, since what comes
    // before it (a mark, `]`, spaces, `or` …) holds none.
    SPLIT_RE
        .find_iter(text)
        .map(|m| {
            m.start()
                + m.as_str()
                    .find(['(', '（', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
                    .unwrap_or(0)
        })
        .collect()
}

/// What [`inline_split_points`] looks for; the enumerator is group `at`.
static SPLIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r"(?:[;:—–.]|--|；|：|。)\]?\s*(?:(?:or|and|et|ou|y|o)\s+)?(?P<at>(?:\d{1,2}\[)?\(\s*(?:\d{1,4}(?:\.\d{1,3})*[A-Z]{0,2}|[a-z]{1,3}|[A-Z]{1,3})\s*\)\s|[（(][一二三四五六七八九十]+[）)])",
    )
});

/// True when some bracket of `text` has before it what the pattern of
/// [`inline_split_points`] needs there (`;`, `:`, `—`, `--`, `.`, then
/// perhaps `]`, spaces, `or`, `and` …): a paragraph without one is not
/// searched. Looser than the pattern (the bracket's contents are not
/// read), never stricter.
fn may_split(text: &str) -> bool {
    static BRACKETS: LazyLock<aho_corasick::AhoCorasick> =
        LazyLock::new(|| super::constant_literals(aho_corasick::MatchKind::Standard, &["(", "（"]));
    for m in BRACKETS.find_iter(text) {
        let before = &text[..m.start()];
        if split_prefix_ends(before) {
            return true;
        }
        // `1[(`, `12[(`: what comes before the digits.
        if let Some(mut rest) = before.strip_suffix('[') {
            for _ in 0..2 {
                match rest.chars().next_back() {
                    Some(c) if c.is_numeric() => {
                        rest = &rest[..rest.len() - c.len_utf8()];
                        if split_prefix_ends(rest) {
                            return true;
                        }
                    }
                    _ => break,
                }
            }
        }
    }
    false
}

/// True when `before` ends with `(?:[;:—–.]|--|；|：|。)\]?\s*(?:(?:or|and|et|ou|y|o)\s+)?`.
fn split_prefix_ends(before: &str) -> bool {
    fn mark_ends(t: &str) -> bool {
        let t = t.strip_suffix(']').unwrap_or(t);
        t.ends_with([';', ':', '—', '–', '.', '；', '：', '。']) || t.ends_with("--")
    }
    let t = before.trim_end_matches(char::is_whitespace);
    if mark_ends(t) {
        return true;
    }
    t.len() < before.len()
        && ["or", "and", "et", "ou", "y", "o"].iter().any(|w| {
            t.strip_suffix(w)
                .is_some_and(|u| mark_ends(u.trim_end_matches(char::is_whitespace)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-byte check turns away no text whose first word is a
    /// keyword: every keyword in three casings, with the endings the
    /// readers strip, and every line of the samples.
    #[test]
    fn first_byte_check_keeps_every_keyword() {
        let mut texts: Vec<String> = Vec::new();
        for w in GROUP_WORDS.iter().chain(&UNIT_WORDS) {
            let mut title: Vec<char> = w.chars().collect();
            title[0] = title[0].to_ascii_uppercase();
            let title: String = title.into_iter().collect();
            for v in [w.to_string(), w.to_uppercase(), title] {
                texts.push(format!("{v} 1"));
                texts.push(format!("{v}. 2"));
            }
        }
        for text in crate::test_support::sample_texts() {
            texts.extend(
                text.lines()
                    .map(|l| l.trim_start_matches(['#', '*', ' ']).to_string()),
            );
        }
        let mut keywords = 0;
        for t in &texts {
            let t = t.trim();
            let word = first_word(t);
            for (words, set) in [
                (&GROUP_WORDS[..], GROUP_INITIALS),
                (&UNIT_WORDS[..], UNIT_INITIALS),
            ] {
                if word.is_some_and(|w| is_one_of(w.trim_end_matches('.'), words)) {
                    keywords += 1;
                    assert!(may_start(t, set), "{t}");
                }
            }
        }
        assert!(keywords > 1000, "{keywords}");
        // And it does turn texts away.
        assert!(!may_start("The Minister may", UNIT_INITIALS));
        assert!(!may_start("(a) a person", GROUP_INITIALS));
        assert!(may_start("§ 5", UNIT_INITIALS));
        // A non-ASCII first character is left to the full check.
        assert!(may_start("\u{212a}", GROUP_INITIALS));
    }

    #[test]
    fn bracketed_tokens_read_by_hand_as_the_pattern_reads_them() {
        for t in [
            "(a) x",
            "( iv )] y",
            "(4.1A) z",
            "(12345) no",
            "1[(da) v",
            "12[(b)",
            "123[(a)",
            "(1\u{663}) w",
            "1\u{663}[(a)",
            "(a",
            "()",
            "(viii)",
            "(ab1)",
            "(1.2345)",
            "(1.)",
            "(zz)\u{a0}t",
            "(IV)",
            "(iiii)",
        ] {
            let by_pattern = PAREN_ENUM_RE
                .captures(t)
                .map(|c| (c["tok"].to_string(), c[0].len()));
            match paren_match(t) {
                Some(m) => assert_eq!(
                    m.map(|(tok, len)| (tok.to_string(), len)),
                    by_pattern,
                    "{t}"
                ),
                None => assert!(!t.is_ascii(), "{t}"),
            }
        }
    }

    #[test]
    fn keywords_fit_the_first_word_limit() {
        for w in GROUP_WORDS.iter().chain(UNIT_WORDS.iter()) {
            assert!(w.chars().count() <= MAX_WORD_CHARS, "{w}");
        }
    }

    #[test]
    fn chinese_groups_looked_at_before_the_pattern() {
        for t in [
            "第五章 网络保护",
            "第 3 章",
            "第十二节",
            "第一分编 通则",
            "第二編",
            "第三十二条　信息处理者",
            "第 1-1 條",
            "第\u{663}章",
            "第五 章",
            "第五x章",
            "第",
            "第章",
        ] {
            if CN_GROUP_RE.is_match(t) {
                assert!(may_be_cn_group(t), "{t}");
            }
        }
        assert!(!may_be_cn_group("第三十二条　信息处理者"));
    }

    #[test]
    fn groups() {
        let g = group("CHAPTER 110— SEXUAL EXPLOITATION", true).unwrap();
        assert_eq!(
            (g.kind, g.number.as_deref(), g.rest.as_str()),
            (Kind::Chapter, Some("110"), "SEXUAL EXPLOITATION")
        );
        let g = group("第五章 网络保护", true).unwrap();
        assert_eq!((g.kind, g.number.as_deref()), (Kind::Chapter, Some("五")));
        let g = group("TÍTULO VIII. Delitos contra la libertad sexual", true).unwrap();
        assert_eq!((g.kind, g.number.as_deref()), (Kind::Title, Some("VIII")));
        assert_eq!(group("Part I", true).unwrap().kind, Kind::Part);
        assert!(group("Part of the rules apply", true).is_none());
        assert!(group("Chapitre VII : Des atteintes aux mineurs", true).is_some());
    }

    #[test]
    fn units() {
        let u = unit_with_keyword("§ 1234A. Some activities").unwrap();
        assert_eq!(
            (u.number.as_str(), u.rest.as_str()),
            ("1234A", "Some activities")
        );
        let u = unit_with_keyword("Section 24. Child pornography").unwrap();
        assert_eq!((u.kind, u.number.as_str()), (Kind::Section, "24"));
        let u = unit_with_keyword("Article 12-3-1").unwrap();
        assert_eq!((u.kind, u.number.as_str()), (Kind::Article, "12-3-1"));
        let u = unit_with_keyword("Artículo 45 bis.").unwrap();
        assert_eq!(u.number, "45 bis");
        let u = unit_with_keyword("Artículo 183-A.").unwrap();
        assert_eq!(u.number, "183-A");
        let u = unit_with_keyword("Artículo 202 BIS.").unwrap();
        assert_eq!(u.number, "202 BIS");
        let u = unit_with_keyword("Article L11-1").unwrap();
        assert_eq!(u.number, "L11-1");
        let u = unit_with_keyword("第三十二条　信息处理者").unwrap();
        assert_eq!(
            (u.number.as_str(), u.rest.as_str(), u.chinese),
            ("三十二", "信息处理者", true)
        );
        let u = unit_with_keyword("Section 1. Title. \u{FFFD} This Act").unwrap();
        assert_eq!(u.number, "1");
        let u = unit_bare("41.1 Definition of child").unwrap();
        assert_eq!((u.number.as_str(), u.separator.as_str()), ("41.1", ""));
        let u = unit_bare("24. (1) A person").unwrap();
        assert_eq!(
            (u.number.as_str(), u.separator.as_str(), u.rest.as_str()),
            ("24", ".", "(1) A person")
        );
        assert!(unit_with_keyword("Sections of the act").is_none());
    }

    #[test]
    fn enumerators() {
        let e = enumerator("(c)(1) Any person", false, false, false).unwrap();
        assert_eq!(e.number, "c");
        let e = enumerator("1[(da) \"child pornography\"", false, false, false).unwrap();
        assert_eq!(e.number, "da");
        let e = enumerator("a) de toute représentation", false, false, false).unwrap();
        assert_eq!(e.readings[0].family, Family::CloseLower);
        let e = enumerator("（三）保护未成年人", true, false, false).unwrap();
        assert_eq!(e.readings[0].key, vec![3]);
        let e = enumerator("1.   This Regulation", false, true, false).unwrap();
        assert_eq!(e.readings[0].family, Family::DotArabic);
        assert!(enumerator("1.   This Regulation", false, false, false).is_none());
        let e = enumerator("2° Le fait", false, false, false).unwrap();
        assert_eq!(e.readings[0].family, Family::Degree);
        assert!(enumerator("(the) text", false, false, false).is_none());
    }

    /// The split points as the pattern's group `at` gives them, read with
    /// captures from every line of the statutes and the corpus and from
    /// lines written for it, are the ones found without captures (and the
    /// quick look before does not miss any).
    #[test]
    fn inline_splits_are_the_patterns_group() {
        let by_group = |t: &str| -> Vec<usize> {
            SPLIT_RE
                .captures_iter(t)
                .filter_map(|c| c.name("at").map(|m| m.start()))
                .collect()
        };
        let mut lines: Vec<String> = [
            "In this Act, -- (a) \"x\" means y; (b) \"z\" means w; 1[(da) \"v\" means u;] (e) last",
            "as follows: or (1) one; and (2) two. (3) three；（一）甲；(二) 乙。（三）丙",
            "a — (1.2AB) x; 12[( 4 ) y: ( iv ) z. (IV) w; (abcd) v; et (c) u",
            "x;(a)y; (a)\n(b) z --(c) w ;] (d) v",
        ]
        .map(String::from)
        .to_vec();
        let mut splits = 0;
        for text in crate::test_support::sample_texts() {
            lines.extend(text.lines().map(String::from));
        }
        for l in &lines {
            let want = by_group(l);
            splits += want.len();
            assert_eq!(inline_split_points(l), want, "{l}");
        }
        assert!(splits > 50, "{splits}");
    }

    #[test]
    fn inline_splits() {
        let t =
            "In this Act, -- (a) \"x\" means y; (b) \"z\" means w; 1[(da) \"v\" means u;] (e) last";
        assert_eq!(inline_split_points(t).len(), 4);
        assert!(inline_split_points("under subsection (1) of this").is_empty());
    }
}
