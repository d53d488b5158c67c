//! Age thresholds: "under the age of eighteen years", "not attained 12
//! years", "twelve years old or older", `未满十八周岁`, `已满十四周岁`,
//! "moins de dix-huit ans", "menores de dieciocho años" — from each
//! language's patterns and number words in the lexicon.

use regex::Regex;

use crate::checklist::AgeLexicon;

/// Which side of the threshold the text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// "under 18": persons below the age.
    Under,
    /// "12 or older": persons at or above the age.
    AtLeast,
}

/// An age found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeMatch {
    /// The age in years.
    pub value: u32,
    /// Under or at least.
    pub bound: Bound,
    /// Byte range of the expression.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// A language's age patterns, compiled.
#[derive(Debug)]
pub struct AgeRules {
    numbers: Vec<(String, u32)>,
    rules: Vec<(Regex, Bound)>,
    /// Words without which no age is stated ("age", "years", "岁"): texts
    /// without any are skipped in one pass.
    cues: Option<aho_corasick::AhoCorasick>,
}

impl AgeRules {
    /// Compile the age lexicon of a language. Patterns that do not compile
    /// were already reported by the model-law validation and are skipped.
    pub fn new(lex: &AgeLexicon) -> AgeRules {
        let mut numbers: Vec<(String, u32)> = lex
            .numbers
            .iter()
            .map(|(w, v)| (w.to_lowercase(), *v))
            .collect();
        // Longest words first, so `twenty-one` wins over `twenty`.
        numbers.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let words: Vec<String> = numbers.iter().map(|(w, _)| regex::escape(w)).collect();
        let n = if words.is_empty() {
            r"(?P<n>\d{1,3})".to_string()
        } else {
            format!(r"(?P<n>\d{{1,3}}|{})", words.join("|"))
        };
        let mut rules = Vec::new();
        for (pats, bound) in [(&lex.upper, Bound::Under), (&lex.lower, Bound::AtLeast)] {
            for p in pats {
                if let Ok(re) = Regex::new(&format!("(?i){}", p.replace("{N}", &n))) {
                    rules.push((re, bound));
                }
            }
        }
        let cues = (!lex.cues.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(&lex.cues)
                    .ok()
            })
            .flatten();
        AgeRules {
            numbers,
            rules,
            cues,
        }
    }

    fn value(&self, n: &str) -> Option<u32> {
        if n.chars().all(|c| c.is_ascii_digit()) {
            return n.parse().ok();
        }
        let lower = n.to_lowercase();
        self.numbers
            .iter()
            .find(|(w, _)| *w == lower)
            .map(|(_, v)| *v)
    }

    /// Every age in `text`. Where an "under" and an "at least" expression
    /// overlap ("not attained the age of 12"), the longer one wins.
    pub fn find(&self, text: &str) -> Vec<AgeMatch> {
        let mut found: Vec<AgeMatch> = Vec::new();
        if self.cues.as_ref().is_some_and(|c| !c.is_match(text)) {
            return found;
        }
        for (re, bound) in &self.rules {
            for c in re.captures_iter(text) {
                let (Some(m), Some(n)) = (c.get(0), c.name("n")) else {
                    continue;
                };
                let Some(value) = self.value(n.as_str()) else {
                    continue;
                };
                if value == 0 || value > 30 {
                    continue;
                }
                found.push(AgeMatch {
                    value,
                    bound: *bound,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        // Longest first; drop matches overlapping a longer one.
        found.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
        });
        let mut kept: Vec<AgeMatch> = Vec::new();
        for m in found {
            if !kept.iter().any(|k| m.start < k.end && k.start < m.end) {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.start);
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> AgeRules {
        let lex: crate::checklist::LexiconFile =
            serde_json::from_str(include_str!("../../model-law/lexicon/en.json")).unwrap();
        AgeRules::new(&lex.ages)
    }

    #[test]
    fn english_ages() {
        let r = en();
        let a = r.find("“minor” means any person under the age of eighteen years");
        assert_eq!((a[0].value, a[0].bound), (18, Bound::Under));
        let a = r.find("a minor who had not attained 12 years of age");
        assert_eq!((a.len(), a[0].value, a[0].bound), (1, 12, Bound::Under));
        let a = r.find("appears to be twelve years old or older, but less than eighteen years old");
        assert_eq!(
            a.iter().map(|m| (m.value, m.bound)).collect::<Vec<_>>(),
            vec![(12, Bound::AtLeast), (18, Bound::Under)]
        );
        assert!(r.find("under section 18 of the Act").is_empty());
    }

    #[test]
    fn chinese_ages() {
        let lex: crate::checklist::LexiconFile =
            serde_json::from_str(include_str!("../../model-law/lexicon/zh.json")).unwrap();
        let r = AgeRules::new(&lex.ages);
        let a = r.find("已满十四周岁不满十六周岁的人");
        assert_eq!(
            a.iter().map(|m| (m.value, m.bound)).collect::<Vec<_>>(),
            vec![(14, Bound::AtLeast), (16, Bound::Under)]
        );
        let a = r.find("本法所称未成年人是指未满十八周岁的公民");
        assert_eq!(a[0].value, 18);
    }
}
