//! Similarity of provision texts: normalisation, tokens (words, or
//! characters for CJK) and scores. Short texts are compared with strsim
//! (edit distance over characters), long ones over bags of tokens (Dice),
//! which stays linear in the text length.

use std::hash::{Hash, Hasher};

use crate::text::{Analyzer, TokenMode, is_cjk};

/// Texts up to this many characters (both) are compared with normalised
/// Levenshtein: on a heading or a one-line provision an edit distance sees
/// a changed word that a bag of five tokens would overweight.
pub const SHORT_TEXT: usize = 80;

/// The text as compared: whitespace runs collapsed to one space, trimmed,
/// and no space at all next to a CJK character (a stray space inside a
/// Chinese sentence is no change).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let prev_cjk = out.chars().next_back().is_some_and(is_cjk);
            if !prev_cjk && !is_cjk(c) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// The tokens of a normalised text, cut by the analyser every stage
/// uses, without stemming: lower-cased words, each Han character on its
/// own; punctuation is dropped.
pub fn tokens(text: &str) -> Vec<String> {
    let analyzer = Analyzer::new("none", TokenMode::Words);
    let mut out = Vec::new();
    analyzer.each_token(text, |_, _, _, norm| out.push(norm.to_string()));
    out
}

/// A text prepared for comparison: its normalised form and its bag of
/// tokens.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Normalised text.
    pub norm: String,
    /// (token hash, count), sorted by hash: comparing two bags is one
    /// linear merge, without string lookups.
    pub bag: Vec<(u64, u32)>,
    /// Number of tokens.
    pub len: u32,
}

/// A token's hash (FxHash: the same on every run and platform).
fn token_hash(t: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    t.hash(&mut h);
    h.finish()
}

/// Sort and count hashes into a bag.
fn bag_of(mut hashes: Vec<u64>) -> Vec<(u64, u32)> {
    hashes.sort_unstable();
    let mut bag: Vec<(u64, u32)> = Vec::new();
    for h in hashes {
        match bag.last_mut() {
            Some((k, n)) if *k == h => *n += 1,
            _ => bag.push((h, 1)),
        }
    }
    bag
}

impl Profile {
    /// Prepare a text.
    pub fn new(text: &str) -> Profile {
        let norm = normalize(text);
        let hashes: Vec<u64> = tokens(&norm).iter().map(|t| token_hash(t)).collect();
        let len = hashes.len() as u32;
        Profile {
            norm,
            bag: bag_of(hashes),
            len,
        }
    }

    /// The bags of several texts together (the norm joined by spaces).
    pub fn combine<'a>(parts: impl Iterator<Item = &'a Profile>) -> Profile {
        let mut hashes = Vec::new();
        let mut norms = Vec::new();
        for p in parts {
            for &(h, n) in &p.bag {
                hashes.extend(std::iter::repeat_n(h, n as usize));
            }
            norms.push(p.norm.as_str());
        }
        let len = hashes.len() as u32;
        Profile {
            norm: norms.join(" "),
            bag: bag_of(hashes),
            len,
        }
    }

    /// Tokens shared with `other` (multiset intersection).
    pub fn common(&self, other: &Profile) -> u32 {
        let (a, b) = (&self.bag, &other.bag);
        let (mut i, mut j, mut sum) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1.min(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// The share of this text's tokens found in `other` (0–1).
    pub fn contained_in(&self, other: &Profile) -> f64 {
        if self.len == 0 {
            return 0.0;
        }
        f64::from(self.common(other)) / f64::from(self.len)
    }
}

/// Similarity of two prepared texts, 0–1.
pub fn similarity(a: &Profile, b: &Profile) -> f64 {
    if a.norm == b.norm {
        return 1.0;
    }
    if a.len == 0 || b.len == 0 {
        return 0.0;
    }
    let (ca, cb) = (a.norm.chars().count(), b.norm.chars().count());
    if ca <= SHORT_TEXT && cb <= SHORT_TEXT {
        return strsim::normalized_levenshtein(&a.norm.to_lowercase(), &b.norm.to_lowercase());
    }
    2.0 * f64::from(a.common(b)) / f64::from(a.len + b.len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_inside_chinese_are_no_change() {
        assert_eq!(normalize("甲方  应当 通知\n乙方"), "甲方应当通知乙方");
        assert_eq!(normalize("  a \n b  "), "a b");
        assert_eq!(normalize("Art 1 中文 x"), "Art 1中文x");
    }

    #[test]
    fn tokens_are_words_or_cjk_characters() {
        assert_eq!(tokens("The Child's, 18"), vec!["the", "child", "18"]);
        assert_eq!(tokens("甲乙。"), vec!["甲", "乙"]);
    }

    #[test]
    fn similarity_is_one_for_equal_texts_and_falls_with_changes() {
        let a = Profile::new("The driver must park the blue car beside the old station.");
        let b = Profile::new(
            "The driver must park the blue car beside the old station before noon every day.",
        );
        let c = Profile::new("Birds sing at dawn.");
        assert_eq!(similarity(&a, &a), 1.0);
        assert!(similarity(&a, &b) > similarity(&a, &c));
        assert!(similarity(&a, &c) < 0.4);
    }
}
