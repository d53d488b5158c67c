//! Word-level redlines with the `similar` crate: the old text with
//! deletions and insertions marked. Chinese and Japanese, written without
//! spaces, are compared by characters; one or two characters left
//! unchanged between two changes are shown as part of the change (a
//! rewritten clause reads `[-协调机制-]{+负责…的机构+}`, not
//! `[-协调-]{+…+}机[-制-]{+构+}`), which needs no dictionary.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::text::is_cjk;

/// What a piece of a redline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A piece of a redline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seg {
    /// Kept, deleted or inserted.
    pub op: Op,
    /// The words.
    pub text: String,
}

/// The pieces a redline is made of: words (letters and digits), runs of
/// spaces, and single other characters — punctuation, and each CJK
/// character — so that `rule);` → `text);` marks only the word.
fn pieces(text: &str) -> Vec<&str> {
    #[derive(PartialEq)]
    enum Class {
        Word,
        Space,
        Single,
    }
    let class = |c: char| {
        if c.is_whitespace() {
            Class::Space
        } else if c.is_alphanumeric() && !is_cjk(c) {
            Class::Word
        } else {
            Class::Single
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        let joins = prev.as_ref().is_some_and(|p| *p == k && k != Class::Single);
        if !joins && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Unchanged runs of at most this many CJK characters between two
/// changes join the change. Measured on the Chinese Minors Protection
/// Law 2020 → 2024 (article 9 rewritten): 1 leaves `机[-制-]{+构+}`
/// fragments, 2 reads as whole phrases, 3 starts to swallow kept words.
const MAX_CJK_GLUE: usize = 2;

/// Equal runs longer than this many characters are shortened in the text
/// summary (the JSON and HTML keep them whole).
const CONTEXT: usize = 60;

/// The redline of `old` → `new` (both normalised): pieces in reading
/// order, each change as its deletion followed by its insertion.
pub fn redline(old: &str, new: &str) -> Vec<Seg> {
    let (a, b) = (pieces(old), pieces(new));
    let diff = TextDiff::configure().diff_slices(&a, &b);
    let mut raw: Vec<Seg> = Vec::new();
    for c in diff.iter_all_changes() {
        let op = match c.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Delete => Op::Delete,
            ChangeTag::Insert => Op::Insert,
        };
        push(&mut raw, op, c.value());
    }
    // A space kept between two changes belongs to the change: one
    // replacement reads `[-a-]{+b c+}`, not `[-a-]{+b+} {+c+}`; so do one
    // or two CJK characters kept between two changes (a word of the
    // rewritten clause, common to both by chance).
    let n = raw.len();
    let mut out: Vec<Seg> = Vec::new();
    let mut run_del = String::new();
    let mut run_ins = String::new();
    let cjk_bit = |t: &str| t.chars().count() <= MAX_CJK_GLUE && t.chars().all(is_cjk);
    for (i, s) in raw.iter().enumerate() {
        let glue = s.op == Op::Equal
            && (s.text.trim().is_empty() || cjk_bit(&s.text))
            && i > 0
            && i + 1 < n
            && raw[i - 1].op != Op::Equal
            && raw[i + 1].op != Op::Equal;
        match s.op {
            Op::Delete => run_del.push_str(&s.text),
            Op::Insert => run_ins.push_str(&s.text),
            Op::Equal if glue => {
                run_del.push_str(&s.text);
                run_ins.push_str(&s.text);
            }
            Op::Equal => {
                flush(&mut out, &mut run_del, &mut run_ins);
                push(&mut out, Op::Equal, &s.text);
            }
        }
    }
    flush(&mut out, &mut run_del, &mut run_ins);
    out
}

fn push(out: &mut Vec<Seg>, op: Op, text: &str) {
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Seg {
            op,
            text: text.to_string(),
        }),
    }
}

/// Push a change: its deletion, then its insertion; spaces at both ends
/// of both are kept text, not part of the change.
fn flush(out: &mut Vec<Seg>, del: &mut String, ins: &mut String) {
    let lead = |s: &str| s.len() - s.trim_start().len();
    let trail = |s: &str| s.len() - s.trim_end().len();
    let (mut head, mut tail) = (String::new(), String::new());
    if !del.is_empty() && !ins.is_empty() {
        let l = lead(del).min(lead(ins));
        if l > 0 && del[..l] == ins[..l] && l < del.len() && l < ins.len() {
            head = del[..l].to_string();
            del.drain(..l);
            ins.drain(..l);
        }
        let t = trail(del).min(trail(ins));
        if t > 0 && del[del.len() - t..] == ins[ins.len() - t..] && t < del.len() && t < ins.len() {
            tail = del[del.len() - t..].to_string();
            del.truncate(del.len() - t);
            ins.truncate(ins.len() - t);
        }
    }
    if !head.is_empty() {
        push(out, Op::Equal, &head);
    }
    for (op, s) in [(Op::Delete, del), (Op::Insert, ins)] {
        if !s.is_empty() {
            push(out, op, s);
            s.clear();
        }
    }
    if !tail.is_empty() {
        push(out, Op::Equal, &tail);
    }
}

/// The redline as text: `[-deleted-]{+inserted+}`, long unchanged runs
/// shortened with `…`.
pub fn to_text(segs: &[Seg]) -> String {
    let mut out = String::new();
    let last = segs.len().saturating_sub(1);
    for (i, s) in segs.iter().enumerate() {
        match s.op {
            Op::Delete => out.push_str(&format!("[-{}-]", s.text)),
            Op::Insert => out.push_str(&format!("{{+{}+}}", s.text)),
            Op::Equal => out.push_str(&shorten(&s.text, i == 0, i == last)),
        }
    }
    out
}

/// Keep the ends of an unchanged run next to changes.
fn shorten(text: &str, first: bool, last: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let keep = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
    let n = chars.len();
    match (first, last) {
        (true, true) => keep(0..n),
        (true, false) if n > CONTEXT => format!("…{}", keep(n - CONTEXT..n)),
        (false, true) if n > CONTEXT => format!("{}…", keep(0..CONTEXT)),
        (false, false) if n > 2 * CONTEXT => {
            format!("{}…{}", keep(0..CONTEXT), keep(n - CONTEXT..n))
        }
        _ => keep(0..n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_phrase_is_one_deletion_and_one_insertion() {
        let r = redline(
            "the red bicycle of the neighbour is here",
            "the red and yellow wooden cart of the neighbour is here",
        );
        assert_eq!(
            to_text(&r),
            "the red [-bicycle-]{+and yellow wooden cart+} of the neighbour is here"
        );
    }

    #[test]
    fn punctuation_is_not_part_of_the_changed_word() {
        let r = redline("(see the old rule);", "(see the new short rule);");
        assert_eq!(to_text(&r), "(see the [-old-]{+new short+} rule);");
    }

    #[test]
    fn chinese_is_compared_by_character() {
        let r = redline("甲方通知乙方", "甲方书面通知乙方");
        assert_eq!(to_text(&r), "甲方{+书面+}通知乙方");
    }

    #[test]
    fn a_rewritten_chinese_clause_is_one_change_not_fragments() {
        // 协调机制 → 工作的机构: by characters, `机` is common and `工作`
        // is not; the kept `机` is shown inside the change.
        let r = redline("做好协调机制。", "做好工作的机构。");
        assert_eq!(to_text(&r), "做好[-协调机制-]{+工作的机构+}。");
        // A kept word of three characters or more stays kept.
        let r = redline("甲方通知乙方", "丙方通知丁方");
        assert_eq!(to_text(&r), "[-甲-]{+丙+}方通知[-乙-]{+丁+}方");
    }

    #[test]
    fn equal_texts_give_one_piece() {
        assert_eq!(redline("a b", "a b").len(), 1);
    }
}
