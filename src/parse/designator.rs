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

static ARTICLE_WORD_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::text::constant_regex(r"^(?i:art(?:icle|[íi]culo|igo)?s?\.?)\s"));

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

/// The first word of a text, lower-cased (with `section` kept for groups).
fn first_word(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '§')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Read a group designator (`Part II`, `第五章 网络保护`).
pub fn group(text: &str) -> Option<GroupDesignator> {
    let text = text.trim();
    // Most paragraphs are not groups: look at the first word before any
    // regular expression runs.
    let first = text.chars().next()?;
    if first != '第' && !GROUP_WORDS.contains(&first_word(text).as_str()) {
        return None;
    }
    if let Some(c) = CN_GROUP_RE.captures(text) {
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

/// Read a unit designator with a keyword, or a Chinese `第…条`.
pub fn unit_with_keyword(text: &str) -> Option<UnitDesignator> {
    let text = text.trim_start();
    let first = text.chars().next()?;
    if first != '第'
        && first != '§'
        && !UNIT_WORDS.contains(&first_word(text).trim_end_matches('.'))
    {
        return None;
    }
    if let Some(c) = CN_UNIT_RE.captures(text) {
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
    let kind = if ARTICLE_WORD_RE.is_match(&format!("{kw} ")) {
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
    let first = text.chars().next()?;
    if sign && (first == '§' || first == 'P' || first == 'p') {
        if let Some(c) = SIGN_ENUM_RE.captures(text) {
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
            return Some(Enumerator {
                number: tok.to_string(),
                readings: vec![Reading {
                    family: Family::Sign,
                    key,
                }],
                len: c.get(0).map_or(0, |m| m.end()),
            });
        }
    }
    if !(first == '('
        || first == '（'
        || first.is_ascii_alphanumeric()
        || number::CN_NUMERAL_CHARS.contains(first))
    {
        return None;
    }
    let one = |re: &Regex, family: Family| -> Option<Enumerator> {
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
    };
    if let Some(c) = PAREN_ENUM_RE.captures(text) {
        let tok = c["tok"].to_string();
        let readings = number::paren_readings(&tok);
        if !readings.is_empty() {
            return Some(Enumerator {
                number: tok,
                readings,
                len: c.get(0).map_or(0, |m| m.end()),
            });
        }
    }
    if chinese {
        if let Some(e) = one(&CN_PAREN_RE, Family::CnParen) {
            return Some(e);
        }
        if let Some(e) = one(&CN_COMMA_RE, Family::CnComma) {
            return Some(e);
        }
        if let Some(e) = one(&CN_DIGIT_RE, Family::DotArabic) {
            return Some(e);
        }
        return None;
    }
    if let Some(e) = one(&DEGREE_ENUM_RE, Family::Degree) {
        return Some(e);
    }
    if let Some(e) = CLOSE_ENUM_RE.captures(text).and_then(|c| {
        let tok = &c["tok"];
        if tok.chars().all(|c| c.is_ascii_digit()) {
            one(&CLOSE_ENUM_RE, Family::CloseArabic)
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
    }) {
        return Some(e);
    }
    if dot {
        if let Some(e) = one(&DOT_ENUM_RE, Family::DotArabic) {
            return Some(e);
        }
        if let Some(c) = DASH_ENUM_RE.captures(text) {
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
            return Some(Enumerator {
                number: tok.to_string(),
                readings: vec![reading],
                len: c.get(0).map_or(0, |m| m.end()),
            });
        }
    }
    None
}

/// Where inside a text another enumerator may start a new provision:
/// after `;`, `:`, `—`, `--`, `.` or `; or`/`; and`, an enumerator in
/// brackets (`(b)`, `1[(da)`, `（二）`). Returns byte offsets.
pub fn inline_split_points(text: &str) -> Vec<usize> {
    static SPLIT_RE: LazyLock<Regex> = LazyLock::new(|| {
        crate::text::constant_regex(
            r"(?:[;:—–.]|--|；|：|。)\]?\s*(?:(?:or|and|et|ou|y|o)\s+)?(?P<at>(?:\d{1,2}\[)?\(\s*(?:\d{1,4}(?:\.\d{1,3})*[A-Z]{0,2}|[a-z]{1,3}|[A-Z]{1,3})\s*\)\s|[（(][一二三四五六七八九十]+[）)])",
        )
    });
    SPLIT_RE
        .captures_iter(text)
        .filter_map(|c| c.name("at").map(|m| m.start()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups() {
        let g = group("CHAPTER 110— SEXUAL EXPLOITATION").unwrap();
        assert_eq!(
            (g.kind, g.number.as_deref(), g.rest.as_str()),
            (Kind::Chapter, Some("110"), "SEXUAL EXPLOITATION")
        );
        let g = group("第五章 网络保护").unwrap();
        assert_eq!((g.kind, g.number.as_deref()), (Kind::Chapter, Some("五")));
        let g = group("TÍTULO VIII. Delitos contra la libertad sexual").unwrap();
        assert_eq!((g.kind, g.number.as_deref()), (Kind::Title, Some("VIII")));
        assert_eq!(group("Part I").unwrap().kind, Kind::Part);
        assert!(group("Part of the rules apply").is_none());
        assert!(group("Chapitre VII : Des atteintes aux mineurs").is_some());
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

    #[test]
    fn inline_splits() {
        let t =
            "In this Act, -- (a) \"x\" means y; (b) \"z\" means w; 1[(da) \"v\" means u;] (e) last";
        assert_eq!(inline_split_points(t).len(), 4);
        assert!(inline_split_points("under subsection (1) of this").is_empty());
    }
}
