//! Numbers as statutes write them: enumerator families (`(a)`, `(1)`,
//! `(A)`, `(i)`, `(I)`, `1.`, `a)`, `1°`, `（一）`, `一、`), sort keys that
//! know inserted numbers (`(4.1)` after `(4)`, `(za)` after `(z)`, `1234A`
//! after `1234`), Roman numerals and Chinese numerals.

/// A family of enumerators: provisions of one family are siblings, and a
/// family never nests inside itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// `(1)`, `(4.1)`, `(2A)`
    ParenArabic,
    /// `(a)`, `(za)`, `(da)`
    ParenLower,
    /// `(A)`
    ParenUpper,
    /// `(i)`, `(iv)`
    ParenRomanLower,
    /// `(I)`, `(IV)`
    ParenRomanUpper,
    /// `(aa)`, `(bb)` as a level of their own
    ParenDoubleLower,
    /// `(AA)`, `(BB)` as a level of their own
    ParenDoubleUpper,
    /// `1.` numbered paragraphs
    DotArabic,
    /// `a)` (French, Spanish)
    CloseLower,
    /// `1)`
    CloseArabic,
    /// `i)`, `ii)` (Portuguese sub-items)
    CloseRomanLower,
    /// `1 -` numbered paragraphs (Portuguese)
    DashArabic,
    /// `IV -` items (Brazilian incisos)
    DashRoman,
    /// `§ 1º`, `Parágrafo único` (Brazilian paragraphs of an article)
    Sign,
    /// A defined term in a list of definitions (`“child”`)
    Term,
    /// `1°` (French)
    Degree,
    /// `（一）` Chinese items (项)
    CnParen,
    /// `一、` Chinese enumerations
    CnComma,
}

impl Family {
    /// How a number of this family is written inside a citation path.
    pub fn cite(self, number: &str) -> String {
        match self {
            Family::CnParen | Family::CnComma => wrap("第", number, "项"),
            Family::Degree => wrap("(", number, "°)"),
            Family::Sign => wrap("(§ ", number, ")"),
            Family::Term => wrap("(“", number, "”)"),
            _ => wrap("(", number, ")"),
        }
    }

    /// How a number is cited below a parent: a Chinese item below a Chinese
    /// item is a 目 (`第一款第二项第一目`).
    pub fn cite_below(self, number: &str, below_chinese_item: bool) -> String {
        match self {
            Family::CnParen | Family::CnComma if below_chinese_item => wrap("第", number, "目"),
            _ => self.cite(number),
        }
    }

    /// How a number of this family is shown on its own.
    pub fn label(self, number: &str) -> String {
        match self {
            Family::ParenArabic
            | Family::ParenLower
            | Family::ParenUpper
            | Family::ParenRomanLower
            | Family::ParenRomanUpper
            | Family::ParenDoubleLower
            | Family::ParenDoubleUpper => wrap("(", number, ")"),
            Family::DotArabic => wrap("", number, "."),
            Family::CloseLower | Family::CloseArabic | Family::CloseRomanLower => {
                wrap("", number, ")")
            }
            Family::DashArabic | Family::DashRoman => wrap("", number, " -"),
            Family::Sign => wrap("§ ", number, ""),
            Family::Term => wrap("“", number, "”"),
            Family::Degree => wrap("", number, "°"),
            Family::CnParen => wrap("（", number, "）"),
            Family::CnComma => wrap("", number, "、"),
        }
    }
}

/// `number` between `before` and `after`, in a string of its length (what
/// `format!` writes, without its formatting machinery).
fn wrap(before: &str, number: &str, after: &str) -> String {
    let mut out = String::with_capacity(before.len() + number.len() + after.len());
    out.push_str(before);
    out.push_str(number);
    out.push_str(after);
    out
}

/// One way to read an enumerator token: its family and its sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The family.
    pub family: Family,
    /// Sort key: `[4]` for `(4)`, `[4, 1]` for `(4.1)` or `(da)`.
    pub key: Vec<u32>,
}

impl Reading {
    /// True for the first number of a family: `(1)`, `(a)`, `(i)`, `（一）`.
    pub fn is_first(&self) -> bool {
        self.key == [1]
    }
}

/// True when `next` can follow `prev` in the same list: larger, and at most
/// one step on in its main number (so `(4.1)` follows `(4)` and `(5)`
/// follows `(4.1)`, but `(9)` does not follow `(4)`).
pub fn is_successor(prev: &[u32], next: &[u32]) -> bool {
    match (prev.first(), next.first()) {
        (Some(&p), Some(&n)) => next > prev && n <= p + 1,
        _ => false,
    }
}

/// All readings of what stands between the brackets of `(x)`.
pub fn paren_readings(token: &str) -> Vec<Reading> {
    let mut out = Vec::new();
    if let Some(key) = arabic_key(token) {
        out.push(Reading {
            family: Family::ParenArabic,
            key,
        });
        return out;
    }
    let lower = token.chars().all(|c| c.is_ascii_lowercase());
    let upper = token.chars().all(|c| c.is_ascii_uppercase());
    if !(lower || upper) || token.is_empty() {
        return out;
    }
    if let Some(v) = roman_value(token) {
        let family = if lower {
            Family::ParenRomanLower
        } else {
            Family::ParenRomanUpper
        };
        out.push(Reading {
            family,
            key: vec![v],
        });
    }
    // A letter reading: one letter, or a letter with inserted letters
    // (`da` after `d`, `za` after `z`). Multi-letter Roman numerals such as
    // `ii` or `iv` are read as Roman only.
    let is_multi_roman = token.len() > 1 && roman_value(token).is_some();
    let bytes = token.as_bytes();
    let doubled = token.len() == 2 && bytes[0] == bytes[1];
    if token.len() <= 2 && !is_multi_roman {
        let family = if lower {
            Family::ParenLower
        } else {
            Family::ParenUpper
        };
        if doubled {
            // `(aa)` either continues a list past `(z)` or opens a level of
            // its own (`(aa)`, `(bb)` below `(i)`).
            let n = (bytes[0].to_ascii_lowercase() - b'a') as u32 + 1;
            out.push(Reading {
                family,
                key: vec![26 + n],
            });
            let double = if lower {
                Family::ParenDoubleLower
            } else {
                Family::ParenDoubleUpper
            };
            out.push(Reading {
                family: double,
                key: vec![n],
            });
            if n > 1 {
                // `(BB)` after `(BA)`: a letter with an inserted letter.
                out.push(Reading {
                    family,
                    key: vec![n, n],
                });
            }
        } else if let Some(key) = letter_key(token) {
            out.push(Reading { family, key });
        }
    }
    out
}

/// `4` → `[4]`, `4.1` → `[4, 1]`, `2A` → `[2, 1]`, `12AB` → `[12, 1, 2]`.
pub fn arabic_key(token: &str) -> Option<Vec<u32>> {
    let digits: String = token.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let mut key = vec![digits.parse::<u32>().ok()?];
    let rest = &token[digits.len()..];
    if let Some(sub) = rest.strip_prefix('.') {
        for part in sub.split('.') {
            key.extend(arabic_key(part)?);
        }
        return Some(key);
    }
    for c in rest.chars() {
        if c.is_ascii_alphabetic() {
            key.push(c.to_ascii_lowercase() as u32 - 'a' as u32 + 1);
        } else {
            return None;
        }
    }
    Some(key)
}

fn letter_key(token: &str) -> Option<Vec<u32>> {
    token
        .chars()
        .map(|c| {
            c.is_ascii_alphabetic()
                .then(|| c.to_ascii_lowercase() as u32 - 'a' as u32 + 1)
        })
        .collect()
}

/// Value of a Roman numeral written canonically (`iv`, `XII`), up to 399.
pub fn roman_value(token: &str) -> Option<u32> {
    let lower = token.to_ascii_lowercase();
    if lower.is_empty() || !lower.chars().all(|c| "ivxlc".contains(c)) {
        return None;
    }
    let val = |c: char| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        _ => 100,
    };
    let chars: Vec<u32> = lower.chars().map(val).collect();
    let mut total = 0;
    for (i, &v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|&n| n > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0 && t < 400)?;
    // Only canonical spellings count, so `ic` or `vv` are not numerals.
    (to_roman(total) == lower).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Chinese characters that write numbers.
pub const CN_NUMERAL_CHARS: &str = "零〇一二两兩三四五六七八九十百千万萬";

/// `三十二` → 32, `一百零三` → 103, `十` → 10; ASCII digits pass through.
pub fn chinese_value(text: &str) -> Option<u32> {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok();
    }
    // `九千九百九十九万零一`: the part before 万 counts in ten thousands.
    if let Some((high, low)) = text.split_once(['万', '萬']) {
        let high = chinese_value(high)?;
        let low = if low.is_empty() {
            0
        } else {
            chinese_value(low)?
        };
        return high.checked_mul(10_000)?.checked_add(low);
    }
    let mut total = 0u32;
    let mut digit = 0u32;
    let mut seen = false;
    for c in text.chars() {
        let d = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' | '兩' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = d {
            digit = d;
            seen = true;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += if digit == 0 { 1 } else { digit } * unit;
        digit = 0;
        seen = true;
    }
    seen.then_some(total + digit)
}

/// A number as a Chinese article or group number is cited: Chinese
/// numerals, Simplified (`36` and `三十六` → `三十六`, `兩` → `两`).
pub fn canonical_chinese(text: &str) -> String {
    match chinese_value(text) {
        Some(v) if v > 0 => chinese_numeral(v),
        _ => text.replace('兩', "两"),
    }
}

/// 32 → `三十二`, 103 → `一百零三`, 10 → `十`.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return DIGITS[0].to_string();
    }
    if n >= 10_000 {
        let (high, low) = (n / 10_000, n % 10_000);
        let mut out = chinese_numeral(high);
        out.push('万');
        if low > 0 {
            if low < 1000 {
                out.push('零');
            }
            out.push_str(&chinese_numeral(low));
        }
        return out;
    }
    let mut out = String::new();
    let thousands = n / 1000;
    let hundreds = (n / 100) % 10;
    let tens = (n / 10) % 10;
    let ones = n % 10;
    if thousands > 0 {
        out.push_str(DIGITS[thousands as usize]);
        out.push('千');
    }
    if hundreds > 0 {
        out.push_str(DIGITS[hundreds as usize]);
        out.push('百');
    } else if thousands > 0 && (tens > 0 || ones > 0) {
        out.push('零');
    }
    if tens > 0 {
        if !(tens == 1 && n < 20) {
            out.push_str(DIGITS[tens as usize]);
        }
        out.push('十');
    } else if (hundreds > 0 || thousands > 0) && ones > 0 && !out.ends_with('零') {
        out.push('零');
    }
    if ones > 0 {
        out.push_str(DIGITS[ones as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_numbers_follow_their_base() {
        let four = arabic_key("4").unwrap();
        let four_one = arabic_key("4.1").unwrap();
        let five = arabic_key("5").unwrap();
        assert!(is_successor(&four, &four_one));
        assert!(is_successor(&four_one, &five));
        assert!(!is_successor(&four, &arabic_key("9").unwrap()));
        assert!(is_successor(
            &letter_key("z").unwrap(),
            &letter_key("za").unwrap()
        ));
        assert!(is_successor(
            &letter_key("d").unwrap(),
            &letter_key("da").unwrap()
        ));
        assert!(is_successor(
            &letter_key("da").unwrap(),
            &letter_key("e").unwrap()
        ));
        assert!(is_successor(
            &arabic_key("1234").unwrap(),
            &arabic_key("1234A").unwrap()
        ));
    }

    #[test]
    fn i_is_both_a_letter_and_a_numeral_but_ii_is_a_numeral() {
        let r = paren_readings("i");
        assert_eq!(r.len(), 2);
        assert!(
            r.iter()
                .any(|r| r.family == Family::ParenRomanLower && r.key == [1])
        );
        assert!(
            r.iter()
                .any(|r| r.family == Family::ParenLower && r.key == [9])
        );
        let r = paren_readings("ii");
        assert_eq!(
            r,
            vec![Reading {
                family: Family::ParenRomanLower,
                key: vec![2]
            }]
        );
        let r = paren_readings("c");
        assert_eq!(r.len(), 2, "c is 100 in Roman numerals and a letter");
        assert_eq!(paren_readings("za")[0].family, Family::ParenLower);
        assert_eq!(paren_readings("IV")[0].family, Family::ParenRomanUpper);
        assert_eq!(paren_readings("4.1")[0].key, vec![4, 1]);
    }

    #[test]
    fn roman_numerals_are_canonical() {
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("XL"), Some(40));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("ic"), None);
    }

    #[test]
    fn ten_thousands_are_read() {
        assert_eq!(chinese_value("九千九百九十九万"), Some(99_990_000));
        assert_eq!(chinese_value("一万零一"), Some(10_001));
        assert_eq!(chinese_numeral(99_990_000), "九千九百九十九万");
        assert_eq!(chinese_numeral(10_001), "一万零一");
        assert_eq!(chinese_value("万万"), None);
    }

    #[test]
    fn chinese_numerals_round_trip() {
        for (text, n) in [
            ("三十二", 32),
            ("一百零三", 103),
            ("十", 10),
            ("一百三十二", 132),
            ("二十", 20),
            ("一百一十一", 111),
            ("一千零五", 1005),
        ] {
            assert_eq!(chinese_value(text), Some(n), "{text}");
            assert_eq!(chinese_numeral(n), text, "{n}");
        }
        assert_eq!(chinese_value("十五"), Some(15));
        assert_eq!(chinese_value("abc"), None);
    }
}
