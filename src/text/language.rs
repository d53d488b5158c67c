//! Which language a text is written in: the front matter says so, or the
//! text is identified by `whatlang` (69 languages, far more than the
//! shipped lexicons, so that a German statute is known as German and not
//! read with the nearest lexicon).

use whatlang::Lang;

/// How many characters of a text identification looks at.
const SAMPLE_CHARS: usize = 20_000;

/// Share of Han ideographs among a text's letters above which it is
/// Chinese, whatever else it holds.
const HAN_SHARE: f64 = 0.25;

/// ISO 639-1 codes of the languages `whatlang` knows, by ISO 639-3 code
/// (`cmn`, Mandarin, is written `zh`, as lexicons and front matter do).
const ISO_639_1: [(&str, &str); 68] = [
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
];

/// A language identified in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Identified {
    /// ISO 639-1 code (`de`), or ISO 639-3 where the language has none.
    pub code: String,
    /// Confidence of the identification, 0–1.
    pub confidence: f64,
    /// True when the identification can be relied on: the text is long
    /// enough and the best language stands clear of the next.
    pub reliable: bool,
}

/// Identify the language of a text; `None` when it has no letters to go by.
pub fn identify(text: &str) -> Option<Identified> {
    let end = text
        .char_indices()
        .nth(SAMPLE_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    if super::script::han_share(sample) > HAN_SHARE {
        return Some(Identified {
            code: "zh".into(),
            confidence: 1.0,
            reliable: true,
        });
    }
    let info = whatlang::detect(sample)?;
    Some(Identified {
        code: iso_639_1(info.lang()),
        confidence: (info.confidence() * 1000.0).round() / 1000.0,
        reliable: info.is_reliable(),
    })
}

fn iso_639_1(lang: Lang) -> String {
    let three = lang.code();
    ISO_639_1
        .iter()
        .find(|(t, _)| *t == three)
        .map_or(three, |(_, two)| *two)
        .to_string()
}

/// The English name of a language code (ISO 639-1 or 639-3), if known.
pub fn name(code: &str) -> Option<&'static str> {
    let three = ISO_639_1
        .iter()
        .find(|(_, two)| *two == code)
        .map_or(code, |(three, _)| *three);
    let lang = Lang::from_code(three)?;
    Some(if lang == Lang::Cmn {
        "Chinese"
    } else {
        lang.eng_name()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> String {
        identify(text).map(|i| i.code).unwrap_or_default()
    }

    #[test]
    fn languages_with_and_without_a_lexicon_are_told_apart() {
        assert_eq!(code("本法所称儿童是指未满十四周岁的人。"), "zh");
        assert_eq!(
            code(
                "A person who makes or distributes an indecent image of a child commits an offence and is liable to imprisonment."
            ),
            "en"
        );
        assert_eq!(
            code(
                "Quiconque fabrique ou diffuse une image d'un mineur présentant un caractère pornographique est puni de cinq ans d'emprisonnement."
            ),
            "fr"
        );
        assert_eq!(
            code(
                "Wer einen Inhalt herstellt, der sexuelle Handlungen an einem Kind zeigt, wird mit Freiheitsstrafe von einem Jahr bis zu zehn Jahren bestraft."
            ),
            "de"
        );
        assert_eq!(
            code(
                "Quem produzir ou divulgar fotografia de cena de sexo envolvendo criança ou adolescente será punido com pena de reclusão de quatro a oito anos."
            ),
            "pt"
        );
        assert_eq!(
            code(
                "Chiunque produce o diffonde materiale pornografico realizzato utilizzando minori degli anni diciotto è punito con la reclusione da sei a dodici anni."
            ),
            "it"
        );
        assert_eq!(
            code(
                "Hij die een afbeelding van een seksuele gedraging waarbij iemand die kennelijk de leeftijd van achttien jaar nog niet heeft bereikt verspreidt, wordt gestraft met een gevangenisstraf."
            ),
            "nl"
        );
        assert!(identify("1. 2. 3. (a) (b)").is_none_or(|i| !i.reliable));
    }

    #[test]
    fn names_of_codes() {
        assert_eq!(name("de"), Some("German"));
        assert_eq!(name("zh"), Some("Chinese"));
        assert_eq!(name("xx"), None);
    }
}
