//! File names for jurisdiction pages: a slug of lowercase ASCII letters,
//! digits and `-`, unique within a report and never a path, whatever the
//! jurisdiction is called (`../../etc`, `华兰`, `NO`).

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Names the report itself uses, which a jurisdiction page must not take.
const RESERVED: [&str; 2] = ["index", "report"];

/// Longest slug kept (in bytes; slugs are ASCII), so that a long name
/// cannot make a file name the file system refuses.
const MAX_LEN: usize = 60;

/// The slug of a name: accents dropped (`Côte` → `cote`), ASCII letters and
/// digits lowercased, every other run of characters a single `-`, no `-` at
/// either end; empty when the name has no ASCII letter or digit.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= MAX_LEN {
            break;
        }
    }
    out.truncate(MAX_LEN);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Unique slugs for names given in report order (same input, same slugs).
/// A name without ASCII letters or digits becomes `jurisdiction`; a clash
/// (with another name or a reserved one) gets `-2`, `-3`, …
#[cfg(test)]
pub fn unique_slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = BTreeSet::new();
    names
        .into_iter()
        .map(|name| unique_slug(name, &mut taken))
        .collect()
}

/// The slug of `name` that is neither reserved nor in `taken` (then
/// `-2`, `-3`, …), added to `taken`: the names of a report, one at a time.
pub fn unique_slug(name: &str, taken: &mut BTreeSet<String>) -> String {
    unique_slug_or(name, "jurisdiction", taken)
}

/// [`unique_slug`], with `fallback` for a name without ASCII letters or
/// digits.
pub fn unique_slug_or(name: &str, fallback: &str, taken: &mut BTreeSet<String>) -> String {
    let mut base = slug(name);
    if base.is_empty() {
        base = fallback.to_string();
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) || RESERVED.contains(&candidate.as_str()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_are_dropped_not_cut() {
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("São Tomé e Príncipe"), "sao-tome-e-principe");
        assert_eq!(slug("Montaña Roja"), "montana-roja");
    }

    #[test]
    fn slugs_are_plain_ascii_names() {
        assert_eq!(slug("Montana Roja"), "montana-roja");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("/abs/path\\x"), "abs-path-x");
        assert_eq!(slug("华兰"), "");
        assert!(slug(&"a".repeat(500)).len() <= MAX_LEN);
    }

    #[test]
    fn slugs_are_unique_and_never_reserved() {
        let s = unique_slugs(["index", "A", "a", "华兰", "..", "norland 2024"]);
        assert_eq!(
            s,
            [
                "index-2",
                "a",
                "a-2",
                "jurisdiction",
                "jurisdiction-2",
                "norland-2024"
            ]
        );
        for x in &s {
            assert!(
                x.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
        }
    }
}
