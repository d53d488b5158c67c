//! The decisive words of an excerpt, as segments: the excerpt cut into
//! plain and marked pieces. Templates print each piece with escaping and
//! wrap marked ones in `<mark>`, so statute text is never inserted
//! unescaped and no template needs `safe`.

use serde::Serialize;

/// A piece of an excerpt.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Segment {
    /// The text, as written (the template escapes it).
    pub text: String,
    /// Whether it is one of the decisive words.
    pub mark: bool,
}

/// Cut `excerpt` into segments, marking every occurrence of each of the
/// `words` (overlapping or touching occurrences make one mark). Words not
/// in the excerpt (cut off at its edge) mark nothing.
pub fn segments(excerpt: &str, words: &[String]) -> Vec<Segment> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for w in words.iter().filter(|w| !w.trim().is_empty()) {
        ranges.extend(
            excerpt
                .match_indices(w.as_str())
                .map(|(i, m)| (i, i + m.len())),
        );
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            out.push(Segment {
                text: excerpt[at..s].to_string(),
                mark: false,
            });
        }
        out.push(Segment {
            text: excerpt[s..e].to_string(),
            mark: true,
        });
        at = e;
    }
    if at < excerpt.len() || out.is_empty() {
        out.push(Segment {
            text: excerpt[at..].to_string(),
            mark: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                if s.mark {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_every_occurrence_and_merges_overlaps() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            show(&segments("a child and a child", &w(&["child"]))),
            "a [child] and a [child]"
        );
        assert_eq!(
            show(&segments(
                "sexual abuse material",
                &w(&["sexual abuse", "abuse material"])
            )),
            "[sexual abuse material]"
        );
        assert_eq!(
            show(&segments(
                "不满十八周岁的公民",
                &w(&["十八周岁", "missing"])
            )),
            "不满[十八周岁]的公民"
        );
        assert_eq!(show(&segments("", &w(&["x"]))), "");
        assert_eq!(show(&segments("x <b>", &w(&[""]))), "x <b>");
    }
}
